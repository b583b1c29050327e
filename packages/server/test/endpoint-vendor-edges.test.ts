// The endpoint's answers to what the vendor does, at the edges the route tests do not
// walk: each vendor status the proxy maps (413, 403, 400 by route, 404), its time limits
// on the calls it makes for itself (the ownership check of /session, the quick look for
// a lost step 1), which failed step 1 it remembers as possibly paid for, what it tells
// a final submission from a vendor that failed, and what travels upstream. Found by the
// endpoint's mutation run (issue 17): each test here fails against a mutant that passed
// every other test.
//
// The sandbox answers none of 413, 403 on a valid key, 400 on a valid form: a fetch that
// answers them for one call is a mock, named as such (`refusing`), as in endpoint.test.ts.
// Everything else is the sandbox over real HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { MemoryStore, type KycEndpointOptions } from '../src/index.ts';
import {
  file,
  jpeg,
  png,
  post,
  rawMultipart,
  session,
  startStack,
  step1Form,
  step2Form,
  submissionCount,
  throughStep1,
  type Stack,
} from './helpers.ts';
import { MAX_IMAGE_BYTES } from '@argos-kyc/protocol';

const stacks: Stack[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (stacks.length) await stacks.pop()!.close();
});

/** A stack of its own; with `vendorFetch`, its client reaches the sandbox through that fetch. */
async function open(overrides: Partial<KycEndpointOptions> = {}, vendorFetch?: typeof fetch): Promise<Stack> {
  const s = await startStack(overrides, vendorFetch ? { fetch: vendorFetch } : {});
  stacks.push(s);
  return s;
}

const pathOf = (input: RequestInfo | URL) => new URL(String(input)).pathname;

/** A mock vendor fetch: answers `status` to the next call of `path`, passes everything else on. */
function refusing() {
  const next: { path: string; method?: string; status: number }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const i = next.findIndex(
      (r) => pathOf(input) === r.path && (r.method === undefined || r.method === (init?.method ?? 'GET')),
    );
    if (i >= 0) {
      const [r] = next.splice(i, 1);
      if (init?.body) await new Response(init.body).arrayBuffer();
      return new Response(JSON.stringify({ message: 'refused' }), {
        status: r!.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return fetch(input, init);
  };
  return { next, fetchFn };
}

describe('vendor statuses, as the browser reads them', () => {
  it('step 1: 413 too large, 403 misconfigured (logged), 400 refused and final, 503 failed and retryable', async () => {
    const mock = refusing();
    const s = await open({}, mock.fetchFn);
    const { token } = await session(s, 'alice');
    const cases = [
      [
        413,
        {
          code: 'payload_too_large',
          message: 'The verification service refused the upload as too large.',
          retryable: false,
        },
      ],
      [
        403,
        { code: 'internal_error', message: 'The verification service is misconfigured.', retryable: false },
      ],
      [
        400,
        { code: 'vendor_error', message: 'The verification service refused the request.', retryable: false },
      ],
      [503, { code: 'vendor_error', message: 'The verification service failed.', retryable: true }],
    ] as const;
    for (const [status, body] of cases) {
      mock.next.push({ path: '/v2/submission/step1', status });
      const r = await post(s, 'step1', token, step1Form());
      expect(r.body, String(status)).toEqual(body);
    }
    expect(s.logs.filter((l) => l.includes('refused the API key on step1'))).toHaveLength(1);
  });

  it('step 2 and status: a 400 is refused at step 2 only, a plain failure elsewhere', async () => {
    const mock = refusing();
    const s = await open({}, mock.fetchFn);
    const { token } = await throughStep1(s, 'alice');
    mock.next.push({ path: '/v2/submission/step2', status: 400 });
    expect((await post(s, 'step2', token, step2Form())).body).toEqual({
      code: 'vendor_error',
      message: 'The verification service refused the request.',
      retryable: false,
    });
    mock.next.push({ path: '/v2/submission', method: 'GET', status: 400 });
    const status = await fetch(`${s.base}/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(502);
    expect(await status.json()).toEqual({
      code: 'vendor_error',
      message: 'The verification service failed.',
      retryable: false,
    });
  });

  it('address: a 400 is no place found, like a 404', async () => {
    const mock = refusing();
    const s = await open({}, mock.fetchFn);
    const { token } = await session(s, 'alice');
    for (const status of [400, 404]) {
      mock.next.push({ path: '/v2/address_code', status });
      const r = await post(s, 'address', token, JSON.stringify({ address: '1 Nowhere Road' }), {
        'content-type': 'application/json',
      });
      expect(r, String(status)).toMatchObject({
        status: 404,
        body: { code: 'address_not_found', message: 'No place matches this address.' },
      });
    }
  });
});

describe("the endpoint's own vendor calls keep its time limit", () => {
  it('a vendor that does not answer step 1 in time: 504 with its message', async () => {
    const s = await open({ vendorTimeoutMs: 300 });
    s.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'timeout' });
    const { token } = await session(s, 'alice');
    expect((await post(s, 'step1', token, step1Form())).body).toEqual({
      code: 'vendor_timeout',
      message: 'The verification service did not answer in time.',
      retryable: true,
    });
  });

  it('the ownership check of /session naming a submission: a slow vendor is a 504, a failing one a 502', async () => {
    const s = await open({ vendorTimeoutMs: 300 });
    const { submissionId } = await throughStep1(s, 'alice');
    const asking = () =>
      post(s, 'session', null, JSON.stringify({ submissionId }), {
        cookie: 'session=alice',
        'content-type': 'application/json',
      });
    // Every try (the client retries a read that timed out).
    s.sandbox.control.fault({ method: 'GET', path: '/v2/submission', kind: 'latency', ms: 1500, times: 5 });
    expect((await asking()).body).toMatchObject({ code: 'vendor_timeout' });
    s.sandbox.control.reset();
    s.sandbox.control.fault({ method: 'GET', path: '/v2/submission', kind: 'error500', times: 10 });
    expect((await asking()).body).toMatchObject({ code: 'vendor_error', retryable: true });
  });

  it('the quick look after a lost step 1 waits no longer than the vendor timeout', async () => {
    const s = await open({ vendorTimeoutMs: 300 });
    // The vendor does step 1 but answers late; its list of submissions is late too.
    s.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 1500 });
    // Every try of the look (the client retries a read that timed out).
    s.sandbox.control.fault({ method: 'GET', path: '/v2/submission', kind: 'latency', ms: 1500, times: 5 });
    const { token } = await session(s, 'alice');
    const r = await post(s, 'step1', token, step1Form());
    expect(r.body).toMatchObject({ code: 'vendor_timeout' });
  });

  it('over the per-applicant limit: 429 with its message', async () => {
    const s = await open({ rateLimits: { perApplicant: { limit: 1, windowMs: 60_000 }, perIp: false } });
    await session(s, 'alice');
    const r = await post(s, 'session', null, undefined, { cookie: 'session=alice' });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ code: 'rate_limited', message: 'Too many requests; try again later.' });
  });
});

describe('which failed step 1 is remembered as possibly paid for', () => {
  const unsettled = (store: MemoryStore) => store.get('unsettled:alice');

  it('not a vendor error answered to a whole form', async () => {
    const store = new MemoryStore();
    const s = await open({ store });
    s.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'error500' });
    const { token } = await session(s, 'alice');
    expect((await post(s, 'step1', token, step1Form())).status).toBe(502);
    expect(await unsettled(store)).toBeNull();
  });

  it('a connection lost after the whole form left, but not one lost halfway through it', async () => {
    const store = new MemoryStore();
    // A mock transport: reads the request body (all of it, or its first chunk), then fails as a network does.
    let readAll = true;
    const losing: typeof fetch = async (input, init) => {
      if (pathOf(input) === '/v2/submission/step1' && init?.body) {
        const reader = new Response(init.body).body!.getReader();
        if (readAll) while (!(await reader.read()).done);
        else await reader.read();
        throw new TypeError('fetch failed');
      }
      return fetch(input, init);
    };
    const s = await open({ store }, losing);
    const { token } = await session(s, 'alice');
    const big = step1Form({}, file(jpeg(1024 * 1024), 'id.jpg'));
    readAll = false;
    expect((await post(s, 'step1', token, big)).body).toMatchObject({ code: 'vendor_error' });
    expect(await unsettled(store)).toBeNull();
    readAll = true;
    expect((await post(s, 'step1', token, step1Form())).body).toMatchObject({ code: 'vendor_error' });
    expect(JSON.parse((await unsettled(store))!)).toEqual({ at: expect.any(Number) });
  });
});

describe('a retried step 1 that finds its lost submission still checks the whole form', () => {
  async function lostOne() {
    const store = new MemoryStore();
    const s = await open({ store });
    const { submissionId } = await throughStep1(s, 'alice');
    // What a step 1 whose answer was lost leaves behind (reconcile.ts).
    await store.set('unsettled:alice', JSON.stringify({ at: Date.now() }), 60_000);
    const { token } = await session(s, 'alice');
    return { s, submissionId, token };
  }

  it('a spoofed field after the image is refused, and the submission is not bound', async () => {
    const { s, token } = await lostOne();
    const { body, contentType } = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg() },
      { name: 'userid', value: 'bob' },
    ]);
    const r = await post(s, 'step1', token, body, { 'content-type': contentType });
    expect(r.body).toMatchObject({ code: 'unknown_field', field: 'userid' });
    expect(await submissionCount(s)).toBe(1);
  });

  it('an image over the limit is refused', async () => {
    const { s, token } = await lostOne();
    const r = await post(s, 'step1', token, step1Form({}, file(jpeg(MAX_IMAGE_BYTES + 1), 'id.jpg')));
    expect(r.body).toMatchObject({ code: 'payload_too_large', field: 'idImage' });
  });

  it('a clean form is bound to it', async () => {
    const { s, token, submissionId } = await lostOne();
    const r = await post(s, 'step1', token, step1Form());
    expect(r.body.submissionId).toBe(submissionId);
    expect(await submissionCount(s)).toBe(1);
  });
});

describe('what goes upstream', () => {
  it('names the image by its sniffed type', async () => {
    const sent: string[] = [];
    const capturing = (): typeof fetch => async (input, init) => {
      if (pathOf(input) === '/v2/submission/step1' && init?.body) {
        const bytes = new Uint8Array(await new Response(init.body).arrayBuffer());
        sent.push(Buffer.from(bytes).toString('latin1'));
        return fetch(input, { ...init, body: bytes });
      }
      return fetch(input, init);
    };
    const s = await open({}, capturing());
    const { token } = await session(s, 'alice');
    expect((await post(s, 'step1', token, step1Form())).status).toBe(200);
    const { token: second } = await session(s, 'alice');
    // A PNG labelled as a JPEG goes up as what its bytes are.
    expect((await post(s, 'step1', second, step1Form({}, file(png(), 'id.jpg', 'image/jpeg')))).status).toBe(
      200,
    );
    expect(sent[0]).toMatch(/name="idImage"; filename="idImage\.jpg"\r\nContent-Type: image\/jpeg\r\n/);
    expect(sent[1]).toMatch(/name="idImage"; filename="idImage\.png"\r\nContent-Type: image\/png\r\n/);
  });

  it("the step 1 token carries the integrator's email, and the form's when the integrator has none", async () => {
    const s = await open();
    const alice = await throughStep1(s, 'alice');
    expect(decodeJwt(alice.token).email).toBe('alice@example.test');
    const bob = await throughStep1(s, 'bob', { email: 'bob@example.test' });
    expect(decodeJwt(bob.token).email).toBe('bob@example.test');
    // A refresh of bob's bound token keeps the email his form gave.
    const { body } = await session(s, 'bob', { headers: { authorization: `Bearer ${bob.token}` } });
    expect(body.emailRequired).toBe(false);
    expect(decodeJwt(body.token as string).email).toBe('bob@example.test');
  });

  it("a refresh of an unbound token takes the integrator's email as it is now", async () => {
    let email: string | undefined = 'dana@example.test';
    const s = await open({ resolveApplicant: () => ({ userid: 'dana', ...(email ? { email } : {}) }) });
    const first = await post(s, 'session', null);
    email = undefined;
    const again = await post(s, 'session', first.body.token as string);
    expect(again.body.emailRequired).toBe(true);
    expect(decodeJwt(again.body.token as string).email).toBeUndefined();
  });
});

describe('step 2 outcomes', () => {
  it('a final submission is told from a vendor that failed', async () => {
    const s = await open();
    s.sandbox.control.scenario({ userid: 'alice', step2: ['approve'] });
    const { token } = await throughStep1(s, 'alice');
    expect((await post(s, 'step2', token, step2Form())).body).toMatchObject({ kycStatus: 'approved' });
    s.sandbox.control.fault({ path: '/v2/submission/step2', kind: 'error500' });
    expect((await post(s, 'step2', token, step2Form())).body).toMatchObject({ code: 'vendor_error' });
    expect((await post(s, 'step2', token, step2Form())).body).toEqual({
      code: 'attempts_exhausted',
      message: 'This submission takes no more attempts.',
      retryable: false,
    });
  });

  it('a message the vendor adds to a passed attempt is no reason', async () => {
    // A mock transport: the sandbox's own answer to step 2, with a message added.
    const talkative = (): typeof fetch => async (input, init) => {
      const res = await fetch(input, init);
      if (pathOf(input) !== '/v2/submission/step2') return res;
      const body = { ...((await res.json()) as object), message: 'Verified' };
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const s = await open({}, talkative());
    s.sandbox.control.scenario({ userid: 'alice', step2: ['approve'] });
    const { token } = await throughStep1(s, 'alice');
    expect((await post(s, 'step2', token, step2Form())).body).toEqual({
      kycStatus: 'approved',
      attempt: 1,
      attemptsLeft: 0,
    });
    const { token: other } = await throughStep1(s, 'alice');
    expect((await post(s, 'step2', other, step2Form())).body).toEqual({
      kycStatus: 'pending',
      attempt: 1,
      attemptsLeft: 0,
    });
  });
});

describe('logging without a logError option', () => {
  it('goes to console.error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = await open({ logError: undefined, rateLimits: { perIp: { limit: 100, windowMs: 60_000 } } });
    // A fetch handler called without connection facts: no client IP, refused and logged once.
    const res = await s.handler(new Request(`${s.base}/session`, { method: 'POST' }));
    expect(res.status).toBe(500);
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('no client IP can be known here'));
  });
});
