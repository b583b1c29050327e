// One endpoint test suite, run twice: two instances on different ports sharing one
// MemoryStore (what one process does), and two instances sharing one real Redis
// through their own clients (what a load balancer in front of several machines
// does). Each test calls both instances: what one instance promises (a code used
// once, a limit, the step-1 budget, a lost step 1 found again) holds across them.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import {
  ArgosClient,
  MemoryStore,
  createKycHandler,
  createRedisStore,
  toNodeListener,
  type AuditEvent,
  type KycEndpointOptions,
  type KycStore,
} from '../src/index.ts';
import { API_KEY, SECRET, cookieApplicant, listen, step1Form, step2Form } from './helpers.ts';
import { startRedis, type TestRedis } from './support/redis.ts';

interface Pair {
  sandbox: Sandbox;
  /** The two instances' base URLs, e.g. http://127.0.0.1:1234/kyc */
  bases: [string, string];
  audits: AuditEvent[];
  logs: string[];
  /** Every key and value the endpoint wrote to its store. */
  writes: string[];
  close(): Promise<void>;
}

/** `store`, recording every key and value written through it. */
function recording(store: KycStore, writes: string[]): KycStore {
  return {
    hit: (key, windowMs) => (writes.push(key), store.hit(key, windowMs)),
    get: (key) => store.get(key),
    set: (key, value, ttlMs) => (writes.push(`${key}=${value}`), store.set(key, value, ttlMs)),
    claim: (key, marker) => (writes.push(`${key}=${marker}`), store.claim(key, marker)),
    delete: (key) => store.delete(key),
  };
}

type Answer = { status: number; body: Record<string, unknown> };

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

/** Two endpoint instances on their own ports in front of one sandbox, sharing what `shared()` gives each. */
async function startPair(
  shared: () => Promise<KycStore & { close?(): Promise<void> }>,
  overrides: Partial<KycEndpointOptions> = {},
): Promise<Pair> {
  const logs: string[] = [];
  const audits: AuditEvent[] = [];
  const writes: string[] = [];
  const sandbox = await startSandbox({ port: 0, apiKey: API_KEY, log: false });
  const servers: Server[] = [];
  const stores: (KycStore & { close?(): Promise<void> })[] = [];
  const bases: string[] = [];
  for (let i = 0; i < 2; i++) {
    const store = await shared();
    stores.push(store);
    const handler = createKycHandler({
      client: new ArgosClient({ apiKey: API_KEY, baseUrl: `${sandbox.url}/v2`, backoffMs: 5 }),
      secrets: [{ kid: 'k1', secret: SECRET }],
      resolveApplicant: cookieApplicant,
      onAudit: (e) => audits.push(e),
      logError: (line) => logs.push(line),
      store: recording(store, writes),
      ...overrides,
      rateLimits: { perApplicant: false, perIp: false, step1PerApplicant: false, ...overrides.rateLimits },
    });
    const server = createServer(toNodeListener(handler));
    servers.push(server);
    bases.push(`${await listen(server)}/kyc`);
  }
  return {
    sandbox,
    bases: bases as [string, string],
    audits,
    logs,
    writes,
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      for (const store of stores) await store.close?.();
      await sandbox.close();
    },
  };
}

async function call(
  base: string,
  route: string,
  init: { token?: string; user?: string; json?: unknown; form?: FormData; method?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.user) headers.cookie = `session=${init.user}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/${route}`, {
    method: init.method ?? 'POST',
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    ...(init.form ? { body: init.form } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const tokenOf = async (base: string, user: string) => {
  const r = await call(base, 'session', { user });
  expect(r.status).toBe(200);
  return r.body.token as string;
};
const progress = (base: string, token: string, handoffId: string) =>
  call(base, `handoff/progress?handoffId=${handoffId}`, { token, method: 'GET' });

const kinds = [
  ['one MemoryStore', async () => () => Promise.resolve(sharedMemory())],
  ['one Redis', async () => () => createRedisStore({ url: redis.url })],
] as const;

let memory: MemoryStore | null = null;
/** Both instances of a memory pair get the same MemoryStore (started afresh per pair). */
function sharedMemory(): MemoryStore {
  memory ??= new MemoryStore();
  return memory;
}

describe.each(kinds)('two endpoint instances sharing %s', (_name, factory) => {
  async function pair(overrides: Partial<KycEndpointOptions> = {}): Promise<Pair> {
    memory = null;
    return startPair(await factory(), overrides);
  }

  describe('handoff', () => {
    let p: Pair;
    beforeAll(async () => {
      p = await pair({ rateLimits: { handoffRedeemPerIp: false } });
    });
    afterAll(async () => p.close());

    it('moves the flow to a phone on the other instance, which the desktop follows to the outcome', async () => {
      const [a, b] = p.bases;
      p.sandbox.control.scenario({ userid: 'alice', step2: ['approve'] });
      const desktop = await tokenOf(a, 'alice');
      const made = await call(a, 'handoff', { token: desktop, json: { step: 'document' } });
      expect(made.status).toBe(200);
      const { code, handoffId } = made.body as { code: string; handoffId: string };
      // At least 128 random bits in the link: 22 or more base64url characters.
      expect(code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(Date.parse(made.body.expiresAt as string) - Date.now()).toBeLessThanOrEqual(600_000);
      expect(Date.parse(made.body.rotateAt as string)).toBeLessThan(
        Date.parse(made.body.expiresAt as string),
      );
      expect((await progress(a, desktop, handoffId)).body).toEqual({
        state: 'waiting',
        done: [],
        submissionId: null,
        kycStatus: null,
      });

      // The phone: nobody is signed in there; the code alone opens its session.
      const redeemed = await call(b, 'handoff/redeem', { json: { code } });
      expect(redeemed).toMatchObject({
        status: 200,
        body: { handoffId, step: 'document', submissionId: null, emailRequired: false },
      });
      const phone = redeemed.body.token as string;
      expect((await progress(a, desktop, handoffId)).body).toMatchObject({ state: 'opened', done: [] });

      const s1 = await call(b, 'step1', { token: phone, form: step1Form() });
      expect(s1.status).toBe(200);
      const submissionId = s1.body.submissionId as string;
      // The submission is alice's own (the claims came from the desktop's token).
      expect(p.sandbox.control.submission(submissionId)).toMatchObject({ userid: 'alice' });
      expect((await progress(a, desktop, handoffId)).body).toEqual({
        state: 'opened',
        done: ['document'],
        submissionId,
        kycStatus: null,
      });

      // The phone's bound token refreshes without anyone signed in, while the handoff lives.
      const refreshed = await call(a, 'session', { token: s1.body.token as string });
      expect(refreshed).toMatchObject({ status: 200, body: { submissionId } });

      const s2 = await call(a, 'step2', { token: refreshed.body.token as string, form: step2Form() });
      expect(s2.status).toBe(200);
      const seen = await progress(b, desktop, handoffId);
      expect(seen.body).toEqual({
        state: 'opened',
        done: ['document', 'selfie'],
        submissionId,
        kycStatus: s2.body.kycStatus,
      });
      // The desktop binds a token of its own to the phone's submission and reads the outcome.
      const bound = await call(b, 'session', { token: desktop, user: 'alice', json: { submissionId } });
      expect(bound.status).toBe(200);
      const status = await call(a, 'status', { token: bound.body.token as string, method: 'GET' });
      expect(status.body).toMatchObject({ submissionId, kycStatus: s2.body.kycStatus });
    });

    it('takes a code once: the second phone, on the other instance, is told it was used', async () => {
      const [a, b] = p.bases;
      const desktop = await tokenOf(a, 'alice');
      const { code, handoffId } = (await call(a, 'handoff', { token: desktop, json: { step: 'selfie' } }))
        .body as { code: string; handoffId: string };
      expect((await call(a, 'handoff/redeem', { json: { code } })).status).toBe(200);
      expect(await call(b, 'handoff/redeem', { json: { code } })).toMatchObject({
        status: 409,
        body: { code: 'handoff_used', retryable: false },
      });
      // The desktop is not disturbed: its handoff goes on.
      expect((await progress(b, desktop, handoffId)).body).toMatchObject({ state: 'opened' });
    });

    it('under 50 concurrent redemptions of one code across both instances, exactly one wins', async () => {
      const [a, b] = p.bases;
      const desktop = await tokenOf(a, 'alice');
      const { code } = (await call(b, 'handoff', { token: desktop, json: { step: 'document' } })).body as {
        code: string;
      };
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => call(i % 2 ? a : b, 'handoff/redeem', { json: { code } })),
      );
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 409 && r.body.code === 'handoff_used')).toHaveLength(49);
    });

    it('rotates: the new code works, the old one is refused as expired; taken back, none works', async () => {
      const [a, b] = p.bases;
      const desktop = await tokenOf(a, 'alice');
      const first = (await call(a, 'handoff', { token: desktop, json: { step: 'document' } })).body;
      const second = await call(b, 'handoff', {
        token: desktop,
        json: { step: 'document', handoffId: first.handoffId },
      });
      expect(second.body.handoffId).toBe(first.handoffId);
      expect(second.body.code).not.toBe(first.code);
      expect(await call(a, 'handoff/redeem', { json: { code: first.code } })).toMatchObject({
        status: 410,
        body: { code: 'handoff_expired' },
      });
      const third = (
        await call(a, 'handoff', { token: desktop, json: { step: 'review', handoffId: first.handoffId } })
      ).body;
      const cancelled = await call(b, 'handoff/cancel', {
        token: desktop,
        json: { handoffId: first.handoffId },
      });
      expect(cancelled.body).toMatchObject({ state: 'cancelled' });
      expect((await call(a, 'handoff/redeem', { json: { code: third.code } })).body.code).toBe(
        'handoff_expired',
      );
      expect(
        (await call(a, 'handoff', { token: desktop, json: { step: 'review', handoffId: first.handoffId } }))
          .body.code,
      ).toBe('handoff_expired');
    });

    it("refuses another applicant's code on a phone where someone else is signed in, and keeps it usable", async () => {
      const [a, b] = p.bases;
      const desktop = await tokenOf(a, 'alice');
      const { code, handoffId } = (await call(a, 'handoff', { token: desktop, json: { step: 'document' } }))
        .body as { code: string; handoffId: string };
      expect(await call(b, 'handoff/redeem', { user: 'carol', json: { code } })).toMatchObject({
        status: 403,
        body: { code: 'handoff_mismatch' },
      });
      // Nor does carol's desktop see or rotate alice's handoff.
      const carol = await tokenOf(b, 'carol');
      expect((await progress(b, carol, handoffId)).body.code).toBe('handoff_mismatch');
      expect((await call(a, 'handoff/redeem', { user: 'alice', json: { code } })).status).toBe(200);
    });

    it('keeps the applicant out of the store: no id, email or code is written as such', async () => {
      const [a] = p.bases;
      const desktop = await tokenOf(a, 'alice');
      const { code } = (await call(a, 'handoff', { token: desktop, json: { step: 'document' } })).body as {
        code: string;
      };
      const dump = await storeDump(p);
      expect(p.writes.length).toBeGreaterThan(0);
      expect(dump).not.toContain('alice');
      expect(dump).not.toContain(code);
      expect(dump).not.toContain('plan-gold');
    });
  });

  describe('limits', () => {
    let p: Pair;
    afterAll(async () => p?.close());

    it('share the per-applicant limit and the step-1 budget, and the guess limit on redemptions', async () => {
      p = await pair({
        rateLimits: {
          perApplicant: { limit: 4, windowMs: 60_000 },
          step1PerApplicant: { limit: 1, windowMs: 3_600_000 },
          handoffRedeemPerIp: { limit: 3, windowMs: 600_000 },
        },
      });
      const [a, b] = p.bases;
      // Step-1 budget: one on a, then none on b.
      const t1 = await tokenOf(a, 'carol');
      expect((await call(a, 'step1', { token: t1, form: step1Form() })).status).toBe(200);
      const t2 = await tokenOf(b, 'carol');
      expect(await call(b, 'step1', { token: t2, form: step1Form() })).toMatchObject({
        status: 429,
        body: { code: 'rate_limited' },
      });
      // Per-applicant: carol has made 4 calls across a and b; the fifth, anywhere, is refused.
      expect((await call(a, 'session', { user: 'carol' })).status).toBe(429);
      expect((await call(b, 'session', { user: 'carol' })).status).toBe(429);

      // Guessing: three codes never issued, alternating instances, then the limit.
      const guesses = [];
      for (let i = 0; i < 3; i++) {
        const guess = Buffer.from(`guess-${i}-0123456789ab`).toString('base64url');
        guesses.push(await call(i % 2 ? a : b, 'handoff/redeem', { json: { code: guess } }));
      }
      expect(guesses.map((g) => g.body.code)).toEqual([
        'handoff_expired',
        'handoff_expired',
        'handoff_expired',
      ]);
      const over = await call(a, 'handoff/redeem', { json: { code: 'A'.repeat(24) } });
      expect(over).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
      const redeems = p.audits.filter((e) => e.type === 'handoff/redeem');
      expect(redeems.map((e) => e.suspect)).toEqual(Array(4).fill('handoff_guess'));
      expect(p.logs.filter((l) => l.includes('possible guessing'))).toHaveLength(1);
    });
  });

  describe('a step 1 whose answer was lost on one instance', () => {
    let p: Pair;
    afterAll(async () => p?.close());

    it('is found by the retry on the other instance: one submission', async () => {
      p = await pair({ vendorTimeoutMs: 300 });
      const [a, b] = p.bases;
      // The vendor completes the step 1 after the endpoint's timeout, and the endpoint's one quick
      // look for it fails (three 500s: the client's three tries); the retry on b must find it.
      p.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 1200 });
      p.sandbox.control.fault({ method: 'GET', path: '/v2/submission', kind: 'error500', times: 3 });
      const token = await tokenOf(a, 'bob');
      expect((await call(a, 'step1', { token, form: step1Form({ email: 'bob@example.test' }) })).status).toBe(
        504,
      );
      await new Promise((r) => setTimeout(r, 1200));
      const retry = await call(b, 'step1', { token, form: step1Form({ email: 'bob@example.test' }) });
      expect(retry.status).toBe(200);
      expect(retry.body.ocr).toBeNull();
      let n = 0;
      for await (const _ of new ArgosClient({
        apiKey: API_KEY,
        baseUrl: `${p.sandbox.url}/v2`,
      }).submissions())
        n++;
      expect(n).toBe(1);
    });
  });

  /** Every key and value the store holds now (Redis: the whole database), and every write the endpoint made. */
  async function storeDump(p: Pair): Promise<string> {
    if (_name === 'one MemoryStore') return p.writes.join('\n');
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    try {
      const keys = await raw.keys('*');
      const values = await Promise.all(keys.map((k) => raw.get(k)));
      return JSON.stringify({ keys, values }) + p.writes.join('\n');
    } finally {
      raw.disconnect();
    }
  }
});
