// The endpoint's shared state behind one small interface: rate-limit counters (the
// step-1 budget among them), handoff codes and their used-once markers, and the
// step-1 calls whose answer was lost. One process needs nothing (MemoryStore, the
// default); several instances behind a load balancer share a RedisStore
// (redis-store.ts). What happens when the shared store fails: packages/server/README.md,
// "Several instances".
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';

/** Everything several instances of the endpoint must share. Keys and values are short strings. */
export interface KycStore extends RateLimitStore {
  /** The value of `key`, or null when there is none or it has expired. */
  get(key: string): Promise<string | null>;
  /** Sets `key` to `value` for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Single use, in one atomic step: when `key` holds a JSON object (a value starting
   * with `{`), replaces it with `marker`, keeping its expiry; answers what `key` held
   * before (null: nothing). Of any number of concurrent claims, one gets the object.
   */
  claim(key: string, marker: string): Promise<string | null>;
  delete(key: string): Promise<void>;
}

/** The shared store did not answer (down, unreachable, too slow). */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The shared store did not answer.', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** At most this many values are kept in memory at once (oldest dropped first). */
const MAX_VALUES = 100_000;

/** The in-memory default: per process, which is all one instance needs. */
export class MemoryStore extends MemoryRateLimitStore implements KycStore {
  readonly #values = new Map<string, { value: string; expiresAt: number }>();

  async get(key: string): Promise<string | null> {
    return this.#live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // A Map iterates in insertion order: re-inserting moves the key to the end.
    this.#values.delete(key);
    this.#values.set(key, { value, expiresAt: Date.now() + ttlMs });
    for (const [oldest, entry] of this.#values) {
      if (this.#values.size <= MAX_VALUES && entry.expiresAt > Date.now()) break;
      this.#values.delete(oldest);
    }
  }

  async claim(key: string, marker: string): Promise<string | null> {
    // One event-loop turn, no await in between: atomic within the process.
    const entry = this.#live(key);
    if (!entry) return null;
    const before = entry.value;
    if (before.startsWith('{')) entry.value = marker;
    return before;
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  #live(key: string): { value: string; expiresAt: number } | undefined {
    const entry = this.#values.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.#values.delete(key);
      return undefined;
    }
    return entry;
  }
}

/**
 * A shared store whose failures fall back to this process's own memory: for the
 * rate limits, the step-1 budget and the lost step-1 calls, where a per-process
 * answer is better than none. (Handoff codes never fall back: a code one instance
 * keeps to itself would break single use, so the handoff is refused instead.)
 * The first failure of an outage is logged, once, and so is the recovery.
 */
export class FallbackStore implements KycStore {
  readonly #primary: KycStore;
  readonly #local = new MemoryStore();
  readonly #log: (line: string) => void;
  #down = false;

  constructor(primary: KycStore, log: (line: string) => void) {
    this.#primary = primary;
    this.#log = log;
  }

  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    return this.#try(
      () => this.#primary.hit(key, windowMs),
      () => this.#local.hit(key, windowMs),
    );
  }
  get(key: string): Promise<string | null> {
    return this.#try(
      () => this.#primary.get(key),
      () => this.#local.get(key),
    );
  }
  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#try(
      () => this.#primary.set(key, value, ttlMs),
      () => this.#local.set(key, value, ttlMs),
    );
  }
  claim(key: string, marker: string): Promise<string | null> {
    return this.#try(
      () => this.#primary.claim(key, marker),
      () => this.#local.claim(key, marker),
    );
  }
  delete(key: string): Promise<void> {
    return this.#try(
      () => this.#primary.delete(key),
      () => this.#local.delete(key),
    );
  }

  async #try<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await shared();
    } catch (e) {
      if (!this.#down) {
        this.#down = true;
        // The error's class only: a client's message may name the store's address.
        this.#log(
          `argos-kyc: the shared store failed (${e instanceof Error ? e.name : typeof e}); rate limits, ` +
            `the step-1 budget and lost step-1 calls are kept per process until it answers again`,
        );
      }
      return local();
    }
    if (this.#down) {
      this.#down = false;
      this.#log('argos-kyc: the shared store answers again; shared rate limits resume');
    }
    return answer;
  }
}
