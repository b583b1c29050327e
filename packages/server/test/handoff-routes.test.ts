// The handoff routes (endpoint/handoff.ts) one refusal and one promise at a time, on one
// endpoint with its memory store and the sandbox over real HTTP (shared-store.test.ts
// walks the whole handoff across two instances). Written for the endpoint's mutation
// run (issue 17): each test fails against a mutant that passed every other test: the
// exact refusals of each body, the audit's submission and guess marks, the per-IP
// budget of redemptions and the per-applicant limit on the phone's calls, a second
// phone that finds the first phone's submission, a failed selfie that is not "done",
// the phone's refresh grace, and the desktop's polls keeping the handoff alive.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDOFF_CODE_TTL_SECONDS, HANDOFF_IDLE_SECONDS } from '@argos-kyc/protocol';
import { MemoryStore, type KycEndpointOptions, type KycStore } from '../src/index.ts';
import { post, session, startStack, step1Form, step2Form, throughStep1, type Stack } from './helpers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await stack?.close();
  stack = undefined;
});

async function open(overrides: Partial<KycEndpointOptions> = {}): Promise<Stack> {
  stack = await startStack(overrides);
  return stack;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const handoff = (s: Stack, token: string, body: unknown = { step: 'document' }) =>
  post(s, 'handoff', token, JSON.stringify(body), JSON_TYPE);
const redeem = (s: Stack, code: unknown, headers: Record<string, string> = {}) =>
  post(s, 'handoff/redeem', null, JSON.stringify({ code }), { ...JSON_TYPE, ...headers });
const progress = (s: Stack, token: string, query: string) =>
  fetch(`${s.base}/handoff/progress?${query}`, { headers: { authorization: `Bearer ${token}` } }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
  );

describe('what each handoff body takes', () => {
  it('refuses unknown keys, a step that is not one, ids and codes of the wrong form, naming the field', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const unknown = (key: string) => ({
      code: 'unknown_field',
      message: `Field "${key}" is not taken here.`,
      retryable: false,
      field: key,
    });
    expect((await handoff(s, token, { step: 'document', userid: 'bob' })).body).toEqual(unknown('userid'));
    expect(
      (await post(s, 'handoff/redeem', null, JSON.stringify({ code: 'x', sid: 1 }), JSON_TYPE)).body,
    ).toEqual(unknown('sid'));
    expect(
      (await post(s, 'handoff/cancel', token, JSON.stringify({ handoffId: 'x', all: 1 }), JSON_TYPE)).body,
    ).toEqual(unknown('all'));
    expect((await progress(s, token, 'handoffId=abc&userid=bob')).body).toEqual(unknown('userid'));
    expect((await handoff(s, token, { step: 'payment' })).body).toEqual({
      code: 'invalid_field',
      message: 'Field "step" is not a step of the flow.',
      retryable: false,
      field: 'step',
    });
    const badId = {
      code: 'invalid_field',
      message: 'Field "handoffId" is not a handoff id.',
      retryable: false,
      field: 'handoffId',
    };
    expect((await handoff(s, token, { step: 'document', handoffId: '../x' })).body).toEqual(badId);
    expect(
      (await post(s, 'handoff/cancel', token, JSON.stringify({ handoffId: 7 }), JSON_TYPE)).body,
    ).toEqual(badId);
    const badCode = await redeem(s, 'not a code!');
    expect(badCode.body).toEqual({
      code: 'invalid_field',
      message: 'Field "code" is not a handoff code.',
      retryable: false,
      field: 'code',
    });
    expect(s.audits.at(-1)).toMatchObject({ type: 'handoff/redeem', suspect: 'handoff_guess' });
  });

  it('words each refusal of a handoff or a code', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const made = await handoff(s, token);
    const handoffId = made.body.handoffId as string;
    // Another applicant's handoff, one that does not exist.
    const { token: bobs } = await session(s, 'bob');
    expect((await progress(s, bobs, `handoffId=${handoffId}`)).body).toEqual({
      code: 'handoff_mismatch',
      message: 'This handoff belongs to another applicant.',
      retryable: false,
    });
    const expired = {
      code: 'handoff_expired',
      message: 'This handoff link has expired or was replaced; ask for a new one.',
      retryable: false,
    };
    expect((await progress(s, token, `handoffId=${'A'.repeat(24)}`)).body).toEqual(expired);
    // Someone else signed in on the phone; then the code used twice.
    expect((await redeem(s, made.body.code, { cookie: 'session=carol' })).body).toEqual({
      code: 'handoff_mismatch',
      message: 'This link belongs to another applicant.',
      retryable: false,
    });
    expect((await redeem(s, made.body.code)).status).toBe(200);
    expect((await redeem(s, made.body.code)).body).toEqual({
      code: 'handoff_used',
      message: 'This link was already used; ask for a new one.',
      retryable: false,
    });
  });

  it('a store that fails: 503 with its message', async () => {
    const down = () => Promise.reject(new Error('store down'));
    const failing: KycStore = { hit: down, get: down, set: down, claim: down, delete: down };
    const s = await open({ store: failing });
    const { token } = await session(s, 'alice');
    expect((await handoff(s, token)).body).toEqual({
      code: 'handoff_unavailable',
      message: 'Continuing on another device is unavailable right now.',
      retryable: true,
    });
  });
});

describe('a code', () => {
  it.each([0, -5])('of a handoffCodeTtlSeconds of %i lives the protocol’s default', async (ttl) => {
    const s = await open({ handoffCodeTtlSeconds: ttl });
    const { token } = await session(s, 'alice');
    const before = Date.now();
    const made = await handoff(s, token);
    const lives = Date.parse(made.body.expiresAt as string) - before;
    expect(lives).toBeGreaterThan(HANDOFF_CODE_TTL_SECONDS * 1000 - 5_000);
    expect(lives).toBeLessThanOrEqual(HANDOFF_CODE_TTL_SECONDS * 1000 + 1_000);
    expect((await redeem(s, made.body.code)).status).toBe(200);
  });

  it('replaced is refused as expired, not as a guess; one never issued is a guess', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const first = await handoff(s, token);
    await handoff(s, token, { step: 'document', handoffId: first.body.handoffId });
    expect((await redeem(s, first.body.code)).body.code).toBe('handoff_expired');
    expect(s.audits.at(-1)).not.toHaveProperty('suspect');
    expect((await redeem(s, 'B'.repeat(24))).body.code).toBe('handoff_expired');
    expect(s.audits.at(-1)).toMatchObject({ suspect: 'handoff_guess' });
  });

  it('redemptions count per client IP: one IP over its budget leaves another alone', async () => {
    const s = await open({
      getClientIp: (request) => request.headers.get('x-test-ip') ?? undefined,
      rateLimits: {
        perApplicant: false,
        perIp: false,
        step1PerApplicant: false,
        handoffRedeemPerIp: { limit: 2, windowMs: 60_000 },
      },
    });
    const never = 'C'.repeat(24);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.2'])
      expect((await redeem(s, never, { 'x-test-ip': ip })).status, ip).toBe(410);
    expect((await redeem(s, never, { 'x-test-ip': '10.0.0.1' })).status).toBe(429);
  });
});

describe("the phone's calls", () => {
  it('count towards the applicant’s own limit: the redemption and the refresh', async () => {
    const limited = {
      perApplicant: { limit: 3, windowMs: 60_000 },
      perIp: false as const,
      step1PerApplicant: false as const,
    };
    // session (1), handoff (2), redeem (3): the desktop's next call is the 4th.
    let s = await open({ rateLimits: limited });
    let { token } = await session(s, 'alice');
    let made = await handoff(s, token);
    expect((await redeem(s, made.body.code)).status).toBe(200);
    expect((await progress(s, token, `handoffId=${made.body.handoffId}`)).status).toBe(429);
    await s.close();
    // session (1), handoff (2), redeem (3): the phone's refresh is the 4th.
    s = await open({ rateLimits: limited });
    ({ token } = await session(s, 'alice'));
    made = await handoff(s, token);
    const phone = await redeem(s, made.body.code);
    expect((await post(s, 'session', phone.body.token as string)).status).toBe(429);
  });

  it('a second phone finds the submission the first one made, and what it did', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const first = await handoff(s, token);
    const handoffId = first.body.handoffId as string;
    const phone1 = await redeem(s, first.body.code);
    const step1 = await post(s, 'step1', phone1.body.token as string, step1Form());
    expect(step1.status).toBe(200);
    const second = await handoff(s, token, { step: 'document', handoffId });
    const phone2 = await redeem(s, second.body.code);
    expect(phone2.body.submissionId).toBe(step1.body.submissionId);
    expect(s.audits.at(-1)).toMatchObject({ type: 'handoff/redeem', submissionId: step1.body.submissionId });
    expect((await progress(s, token, `handoffId=${handoffId}`)).body).toMatchObject({
      state: 'opened',
      done: ['document'],
      submissionId: step1.body.submissionId,
    });
  });

  it('an unbound desktop’s handoff and redemption carry no submission in their audit; a bound one’s do', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const made = await handoff(s, token);
    expect(s.audits.at(-1)).not.toHaveProperty('submissionId');
    await redeem(s, made.body.code);
    expect(s.audits.at(-1)).not.toHaveProperty('submissionId');
    const bound = await throughStep1(s, 'alice');
    const again = await handoff(s, bound.token);
    expect(s.audits.at(-1)).toMatchObject({ type: 'handoff', submissionId: bound.submissionId });
    await redeem(s, again.body.code);
    expect(s.audits.at(-1)).toMatchObject({ type: 'handoff/redeem', submissionId: bound.submissionId });
  });

  it('a selfie the vendor found incomplete is not done; the status is passed on', async () => {
    const s = await open();
    s.sandbox.control.scenario({ userid: 'alice', step2: ['no-face'] });
    const bound = await throughStep1(s, 'alice');
    const made = await handoff(s, bound.token, { step: 'selfie' });
    const phone = await redeem(s, made.body.code);
    expect((await post(s, 'step2', phone.body.token as string, step2Form())).body.kycStatus).toBe(
      'incomplete',
    );
    expect((await progress(s, bound.token, `handoffId=${made.body.handoffId}`)).body).toMatchObject({
      done: [],
      kycStatus: 'incomplete',
    });
  });

  it('refreshes up to a day after its token expired, keeps its submission, and is refused another', async () => {
    const s = await open();
    const bound = await throughStep1(s, 'alice');
    const other = await throughStep1(s, 'alice');
    const made = await handoff(s, bound.token);
    const phone = await redeem(s, made.body.code);
    vi.useFakeTimers({ toFake: ['Date'] });
    // The token's 15 minutes are over; the handoff (an hour idle) still lives.
    vi.setSystemTime(Date.now() + 20 * 60_000);
    const refreshed = await post(s, 'session', phone.body.token as string);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.submissionId).toBe(bound.submissionId);
    const crossed = await post(
      s,
      'session',
      phone.body.token as string,
      JSON.stringify({ submissionId: other.submissionId }),
      JSON_TYPE,
    );
    expect(crossed.body).toEqual({
      code: 'submission_mismatch',
      message: 'The previous token is bound to another submission.',
      retryable: false,
    });
  });

  it('a token that came from no handoff, with nobody signed in: 401 with its message', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    expect((await post(s, 'session', token)).body).toEqual({
      code: 'unauthenticated',
      message: 'No signed-in applicant.',
      retryable: false,
    });
  });
});

describe("the desktop's polls", () => {
  it('keep the handoff alive past its idle time', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const made = await handoff(s, token);
    vi.useFakeTimers({ toFake: ['Date'] });
    const step = (HANDOFF_IDLE_SECONDS - 600) * 1000;
    let latest = token;
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(Date.now() + step);
      // The desktop's own token is refreshed as the widget does.
      latest = (await session(s, 'alice', { headers: { authorization: `Bearer ${latest}` } })).token;
      expect((await progress(s, latest, `handoffId=${made.body.handoffId}`)).body).toMatchObject({
        state: 'waiting',
      });
    }
  });
});

describe('what the store holds of a code', () => {
  it("the desktop's claims, sealed with a key only the code gives", async () => {
    const writes: [string, string][] = [];
    const memory = new MemoryStore();
    const recording: KycStore = {
      hit: (key, windowMs) => memory.hit(key, windowMs),
      get: (key) => memory.get(key),
      set: (key, value, ttlMs) => (writes.push([key, value]), memory.set(key, value, ttlMs)),
      claim: (key, marker) => memory.claim(key, marker),
      delete: (key) => memory.delete(key),
    };
    const s = await open({ store: recording });
    const { token } = await session(s, 'alice');
    const made = await handoff(s, token);
    const [, value] = writes.find(([key]) => key.startsWith('handoff-code:'))!;
    const { sealed } = JSON.parse(value) as { sealed: string };
    expect(sealed).not.toContain('alice');
    const [iv, box] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const digest = (text: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const openWith = async (keyText: string) => {
      const key = await crypto.subtle.importKey('raw', await digest(keyText), 'AES-GCM', false, ['decrypt']);
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv! }, key, box!);
      return JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
    };
    // The key is derived from the code (handoff.ts, sealKey): with it the claims open...
    expect(await openWith(`argos-kyc handoff seal\0${made.body.code as string}`)).toMatchObject({
      sub: 'alice',
    });
    // ...and not with a key that leaves the code out, or with another code.
    await expect(openWith('')).rejects.toThrow();
    await expect(openWith(`argos-kyc handoff seal\0${'D'.repeat(24)}`)).rejects.toThrow();
  });
});
