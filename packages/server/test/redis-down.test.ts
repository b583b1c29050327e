// Redis stopped under a running endpoint (packages/server/README.md, "Several
// instances"): handoffs are refused with 503 `handoff_unavailable`, rate limits fall
// back to this process's own counters (and still limit), one line is logged without
// PII, nothing crashes; once Redis is back, handoffs work again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index.ts';
import { post, session, startStack, type Stack } from './helpers.ts';
import { startRedis, type TestRedis } from './support/redis.ts';

let redis: TestRedis;
let stack: Stack;
let store: Awaited<ReturnType<typeof createRedisStore>>;

beforeAll(async () => {
  redis = await startRedis();
  store = await createRedisStore({ url: redis.url, timeoutMs: 500 });
  stack = await startStack({
    store,
    rateLimits: { perApplicant: { limit: 3, windowMs: 60_000 }, perIp: false, step1PerApplicant: false },
  });
});
afterAll(async () => {
  await stack.close();
  await store.close();
  await redis.stop();
});

const json = (body: unknown) => [JSON.stringify(body), { 'content-type': 'application/json' }] as const;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Redis stopped mid-test', () => {
  it('refuses handoffs with a typed 503, limits per process, logs once without PII, and recovers', async () => {
    const { token } = await session(stack, 'alice');
    const made = await post(stack, 'handoff', token, ...json({ step: 'document' }));
    expect(made.status).toBe(200);

    await redis.stop();
    // The handoff is refused, retryable, with its own code.
    const refused = await post(stack, 'handoff', token, ...json({ step: 'document' }));
    expect(refused).toMatchObject({ status: 503, body: { code: 'handoff_unavailable', retryable: true } });
    const redeem = await post(stack, 'handoff/redeem', null, ...json({ code: made.body.code }));
    expect(redeem).toMatchObject({ status: 503, body: { code: 'handoff_unavailable' } });

    // Sessions go on, and the per-applicant limit still holds, counted in this process.
    const carol = () => post(stack, 'session', null, undefined, { cookie: 'session=carol' });
    expect((await carol()).status).toBe(200);
    expect((await carol()).status).toBe(200);
    expect((await carol()).status).toBe(200);
    expect((await carol()).body.code).toBe('rate_limited');

    const outage = stack.logs.filter((l) => l.includes('shared store failed'));
    expect(outage).toHaveLength(1);
    expect(outage[0]).not.toMatch(/alice|carol|example\.test|127\.0\.0\.1|6379|redis:\/\//);
    expect(stack.logs.join('\n')).not.toContain(String(redis.port));

    // Back: the handoff works again (ioredis reconnects in the background); the recovery is logged.
    await redis.start();
    await until(
      async () => (await post(stack, 'handoff', token, ...json({ step: 'document' }))).status === 200,
    );
    expect(stack.logs.some((l) => l.includes('answers again'))).toBe(true);
    const fresh = await post(stack, 'handoff', token, ...json({ step: 'selfie' }));
    expect((await post(stack, 'handoff/redeem', null, ...json({ code: fresh.body.code }))).status).toBe(200);
  });
});
