// The shared store on Redis, for several instances of the endpoint behind a load
// balancer (packages/server/README.md, "Several instances"). Every operation is one
// atomic Redis command or script: single use by a script that swaps a code for
// its used-once marker, counters by INCR with their
// expiry set in the same script. Keys are hashed, so that no applicant id or IP
// address is written to Redis in the clear; the values the endpoint stores hold no
// PII either (handoff claims are sealed with the code, endpoint/handoff.ts).
// Node only (node:crypto); ioredis is an optional dependency, loaded only here.
import { createHash } from 'node:crypto';
import { StoreUnavailableError, type KycStore } from './store.ts';

/** What the store needs of a Redis client: ioredis's generic `call`. */
export interface RedisClientLike {
  call(command: string, args: (string | number)[]): Promise<unknown>;
}

/** Options of RedisStore. */
export interface RedisStoreOptions {
  /** Prefix of every key; default "argos-kyc:". */
  prefix?: string;
  /** Longest wait for one command, ms; longer counts as the store being down. Default 1,000. */
  timeoutMs?: number;
}

// INCR then, on the window's first hit, its expiry: one script, so that no crash
// between the two leaves a counter that never expires.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

// Single use: the object is swapped for the marker in one step, its expiry kept.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 1) == '{' then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') end
return v`;

/** A KycStore on Redis (6.0 or later: KEEPTTL). */
export class RedisStore implements KycStore {
  readonly #client: RedisClientLike;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(client: RedisClientLike, options: RedisStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? 'argos-kyc:';
    this.#timeoutMs = options.timeoutMs ?? 1_000;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const answer = await this.#call('EVAL', [HIT, 1, this.#key(key), Math.max(1, Math.round(windowMs))]);
    const [count, ttl] = answer as [number, number];
    return { count: Number(count), resetAt: Date.now() + Math.max(0, Number(ttl)) };
  }

  async get(key: string): Promise<string | null> {
    return (await this.#call('GET', [this.#key(key)])) as string | null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#call('SET', [this.#key(key), value, 'PX', Math.max(1, Math.round(ttlMs))]);
  }

  async claim(key: string, marker: string): Promise<string | null> {
    return (await this.#call('EVAL', [CLAIM, 1, this.#key(key), marker])) as string | null;
  }

  async delete(key: string): Promise<void> {
    await this.#call('DEL', [this.#key(key)]);
  }

  /** The Redis key of `key`: its SHA-256, so that ids and addresses are not stored as written. */
  #key(key: string): string {
    return this.#prefix + createHash('sha256').update(key).digest('base64url');
  }

  /** One command, within the time limit; any failure is a StoreUnavailableError. */
  async #call(command: string, args: (string | number)[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError()), this.#timeoutMs);
    });
    try {
      return await Promise.race([this.#client.call(command, args), late]);
    } catch (e) {
      throw e instanceof StoreUnavailableError ? e : new StoreUnavailableError(e);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Options of createRedisStore: RedisStore's, and where Redis is. */
export interface CreateRedisStoreOptions extends RedisStoreOptions {
  /** e.g. `redis://127.0.0.1:6379/0` (a password goes in the URL or in the environment, never in code). */
  url: string;
  /** Longest wait for the first connection, ms; default 2,000. The store starts either way. */
  connectTimeoutMs?: number;
}

/**
 * A RedisStore on its own ioredis client, set up to fail fast while Redis is down
 * (no offline queue, one retry) and to reconnect in the background. Resolves once
 * connected or after `connectTimeoutMs`: a Redis that is down at start-up is the
 * same as one that goes down later (the documented fallbacks), not a crash.
 */
export async function createRedisStore(
  options: CreateRedisStoreOptions,
): Promise<RedisStore & { close(): Promise<void> }> {
  let ioredis: typeof import('ioredis');
  try {
    ioredis = await import('ioredis');
  } catch {
    throw new Error('createRedisStore needs the ioredis package: npm install ioredis');
  }
  const client = new ioredis.Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // Without a listener, ioredis's 'error' event would end the process; the endpoint logs outages itself.
  client.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, options.connectTimeoutMs ?? 2_000);
    client.once('ready', done);
  });
  const store = new RedisStore(client, options);
  return Object.assign(store, {
    async close() {
      client.disconnect();
    },
  });
}
