// A handoff code lives at most 10 minutes (docs/protocol.md, "Handoff"): one minute
// short of that it still works, a second past it the phone is told it expired. The
// clock is the only thing faked (Date); the endpoint, its memory store and the
// sandbox run for real over HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDOFF_CODE_TTL_SECONDS } from '@argos-kyc/protocol';
import { post, session, startStack, type Stack } from './helpers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await stack?.close();
  stack = undefined;
});

const json = (body: unknown) => [JSON.stringify(body), { 'content-type': 'application/json' }] as const;

describe('a handoff code', () => {
  it.each([
    [HANDOFF_CODE_TTL_SECONDS - 60, 200, undefined],
    [HANDOFF_CODE_TTL_SECONDS + 1, 410, 'handoff_expired'],
  ])('redeemed %i s after it was made: %i %s', async (seconds, status, code) => {
    expect(HANDOFF_CODE_TTL_SECONDS).toBeLessThanOrEqual(600);
    stack = await startStack();
    vi.useFakeTimers({ toFake: ['Date'] });
    const { token } = await session(stack, 'alice');
    const made = await post(stack, 'handoff', token, ...json({ step: 'document' }));
    expect(made.status).toBe(200);
    vi.setSystemTime(Date.now() + seconds * 1000);
    const redeemed = await post(stack, 'handoff/redeem', null, ...json({ code: made.body.code }));
    expect(redeemed.status).toBe(status);
    expect(redeemed.body.code).toBe(code);
  });
});

describe('handoffCodeTtlSeconds', () => {
  it.each([
    [30, 29, 200, undefined, 15],
    [30, 31, 410, 'handoff_expired', 15],
    // Never longer than the protocol's 10 minutes, whatever is asked for.
    [3600, HANDOFF_CODE_TTL_SECONDS + 1, 410, 'handoff_expired', 120],
  ])(
    'a code of a %i s option redeemed %i s later: %i %s (rotate after %i s)',
    async (ttl, seconds, status, code, rotate) => {
      stack = await startStack({ handoffCodeTtlSeconds: ttl });
      vi.useFakeTimers({ toFake: ['Date'] });
      const { token } = await session(stack, 'alice');
      const made = await post(stack, 'handoff', token, ...json({ step: 'document' }));
      expect(made.status).toBe(200);
      const at = Date.now();
      expect(Date.parse(made.body.expiresAt as string) - at).toBeLessThanOrEqual(
        Math.min(ttl, HANDOFF_CODE_TTL_SECONDS) * 1000,
      );
      expect(Math.round((Date.parse(made.body.rotateAt as string) - at) / 1000)).toBe(rotate);
      vi.setSystemTime(at + seconds * 1000);
      const redeemed = await post(stack, 'handoff/redeem', null, ...json({ code: made.body.code }));
      expect(redeemed.status).toBe(status);
      expect(redeemed.body.code).toBe(code);
    },
  );
});
