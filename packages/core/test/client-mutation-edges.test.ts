// Edges of the endpoint client that the mutation run (issue 17, docs/architecture.md,
// "Mutation testing") found unguarded or that sit next to such edges: what a host's
// getToken is told and how its grant is read, the backoff's cap, an abort that comes
// while a token is being fetched, an answer outside 2xx, the fetch upload's progress,
// and a call whose caller aborted before it started. Over real HTTP on loopback against
// the scripted endpoint (support/scripted-endpoint.ts), or with getToken alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EndpointClient, EndpointError, type TokenContext } from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';

let endpoint: ScriptedEndpoint;
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(async () => {
  vi.useRealTimers();
  await endpoint.close();
});

function client(extra: Partial<ConstructorParameters<typeof EndpointClient>[0]> = {}) {
  return new EndpointClient({ endpoint: endpoint.url, backoffMs: 1, transport: 'fetch', ...extra });
}
const calls = (path: string) => endpoint.seen.filter((r) => r.path === path);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

describe("a host's getToken", () => {
  it('is told the flow’s submission and the token it replaces, and its grant is read as the session', async () => {
    const told: TokenContext[] = [];
    const grants = [
      'plain-token',
      {
        token: 'full',
        expiresAt: Date.UTC(2030, 0, 1),
        emailRequired: true,
        submissionId: 'sub-host',
        applicant: 'tag',
      },
      { token: 'bare' },
    ];
    const c = client({
      submissionId: () => 'sub-flow',
      getToken: async (context) => {
        told.push(context);
        return grants.shift()!;
      },
    });
    expect(await c.session()).toEqual({
      token: 'plain-token',
      expiresAt: null,
      emailRequired: false,
      submissionId: 'sub-flow',
      previousTokenRefused: false,
      applicant: null,
    });
    expect(await c.session()).toEqual({
      token: 'full',
      expiresAt: '2030-01-01T00:00:00.000Z',
      emailRequired: true,
      submissionId: 'sub-host',
      previousTokenRefused: false,
      applicant: 'tag',
    });
    expect(c.token).toEqual({ token: 'full', expiresAt: Date.UTC(2030, 0, 1) });
    expect(await c.session()).toMatchObject({ token: 'bare', submissionId: 'sub-flow', expiresAt: null });
    expect(told).toEqual([
      { submissionId: 'sub-flow', previousToken: null },
      { submissionId: 'sub-flow', previousToken: 'plain-token' },
      { submissionId: 'sub-flow', previousToken: 'full' },
    ]);
    expect(calls('/session')).toHaveLength(0);
  });

  it('is told no submission when the client keeps none; a grant without a token is unauthenticated, not retried', async () => {
    const told: TokenContext[] = [];
    const c = client({
      getToken: async (context) => {
        told.push(context);
        return '';
      },
    });
    expect(await failure(c.session())).toMatchObject({ code: 'unauthenticated', retryable: false });
    expect(told).toEqual([{ submissionId: null, previousToken: null }]);
    expect(c.token).toBeNull();
  });

  it('is asked again after a transport failure or a time limit, even one it marked not retryable', async () => {
    for (const code of ['network_error', 'timeout']) {
      let asked = 0;
      const c = client({
        getToken: async () => {
          if (++asked === 1) throw new EndpointError({ code, retryable: false });
          return 'second-try';
        },
      });
      expect((await c.session()).token).toBe('second-try');
      expect(asked).toBe(2);
    }
  });

  it('is unauthenticated when it hands over nothing at all', async () => {
    const c = client({ getToken: async () => null as never });
    expect(await failure(c.session())).toMatchObject({ code: 'unauthenticated', retryable: false });
  });

  it('waits at most 10 s before the next try, whatever retryAfter says', async () => {
    vi.useFakeTimers();
    let asked = 0;
    const c = client({
      getToken: async () => {
        if (++asked === 1)
          throw new EndpointError({ code: 'rate_limited', retryable: true, retryAfter: 3600 });
        return 'after-wait';
      },
    });
    const pending = c.session();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toBe(2);
    expect((await pending).token).toBe('after-wait');
  });

  it('does not wait nor ask again when the caller aborted while the token was being fetched', async () => {
    const controller = new AbortController();
    let asked = 0;
    const c = client({
      backoffMs: 50,
      getToken: async () => {
        asked++;
        controller.abort();
        throw new EndpointError({ code: 'network_error', retryable: true });
      },
    });
    expect(await failure(c.session(controller.signal))).toMatchObject({ code: 'aborted', retryable: false });
    await new Promise((r) => setTimeout(r, 120));
    expect(asked).toBe(1);
  });
});

describe('a refused previous session', () => {
  it('is dropped when only the submission was named: a fresh session without a body', async () => {
    endpoint.script('/session', protocolError(403, 'submission_mismatch'));
    const fresh = await client({ submissionId: () => 'sub-other' }).session();
    const [named, retried] = calls('/session');
    expect(named).toMatchObject({ authorization: undefined, contentType: 'application/json' });
    expect(retried).toMatchObject({ authorization: undefined, contentType: undefined });
    expect(retried!.body.length).toBe(0);
    expect(fresh.previousTokenRefused).toBe(true);
  });

  it('is dropped for each of the three refusals of a previous token', async () => {
    for (const code of ['submission_mismatch', 'token_invalid', 'token_expired']) {
      endpoint.script('/session', protocolError(401, code));
      const c = client({ retries: 0 });
      c.setToken({ token: `old-${code}`, expiresAt: null });
      expect((await c.session()).previousTokenRefused).toBe(true);
    }
    expect(calls('/session').map((r) => r.authorization)).toEqual([
      'Bearer old-submission_mismatch',
      undefined,
      'Bearer old-token_invalid',
      undefined,
      'Bearer old-token_expired',
      undefined,
    ]);
  });

  it('is not what a refusal means when nothing was sent: the refusal stands', async () => {
    endpoint.script('/session', protocolError(401, 'token_invalid'));
    expect(await failure(client({ retries: 0 }).session())).toMatchObject({ code: 'token_invalid' });
    expect(calls('/session')).toHaveLength(1);
  });

  it('leaves no token behind when the fresh session fails too', async () => {
    endpoint.script('/session', protocolError(403, 'token_expired'), protocolError(502, 'vendor_error'));
    const c = client({ retries: 0 });
    c.setToken({ token: 'old', expiresAt: null });
    expect(await failure(c.session())).toMatchObject({ code: 'vendor_error' });
    expect(calls('/session').map((r) => r.authorization)).toEqual(['Bearer old', undefined]);
    expect(c.token).toBeNull();
  });
});

describe('answers and calls', () => {
  it('takes a 3xx answer as no answer of the protocol, even with a JSON object', async () => {
    endpoint.script('/status', { status: 300, body: { submissionId: 'sub-1', kycStatus: 'pending' } });
    const c = client({ retries: 0 });
    c.setToken({ token: 'held', expiresAt: null });
    expect(await failure(c.status())).toMatchObject({ code: 'bad_response', status: 300, retryable: false });
  });

  it('sends nothing when the caller aborted before the call', async () => {
    const c = client();
    c.setToken({ token: 'held', expiresAt: null });
    const controller = new AbortController();
    controller.abort();
    expect(await failure(c.status(controller.signal))).toMatchObject({ code: 'aborted', retryable: false });
    expect(await failure(c.address('1600 Pennsylvania Ave', undefined, controller.signal))).toMatchObject({
      code: 'aborted',
    });
    expect(endpoint.seen).toHaveLength(0);
  });

  it('names a PNG document image id.png, as the endpoint reads the type from the part', async () => {
    const c = client();
    c.setToken({ token: 'held', expiresAt: null });
    await c.step1({
      idType: 'passport',
      issuingCountry: 'USA',
      image: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
    });
    const seen = calls('/step1')[0]!;
    const form = await new Response(new Uint8Array(seen.body), {
      headers: { 'content-type': seen.contentType! },
    }).formData();
    const image = form.get('idImage') as File;
    expect([image.name, image.type]).toEqual(['id.png', 'image/png']);
    expect(form.has('email')).toBe(false);
  });

  it('reads an OCR answer that is no object as nothing read', async () => {
    endpoint.script('/step1', { status: 200, body: { submissionId: 'sub-1', ocr: 'Hong Gildong' } });
    const c = client();
    c.setToken({ token: 'held', expiresAt: null });
    const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' });
    expect(await c.step1({ idType: 'passport', issuingCountry: 'USA', image })).toEqual({
      submissionId: 'sub-1',
      ocr: null,
    });
  });

  it('asks for JSON on every call, the session and the fetch upload included', async () => {
    const accepts: unknown[] = [];
    const c = client({
      fetch: (input, init) => {
        accepts.push((init?.headers as Record<string, string>).accept);
        return fetch(input, init);
      },
    });
    await c.session();
    await c.step1({
      idType: 'passport',
      issuingCountry: 'USA',
      image: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' }),
    });
    await c.status();
    expect(accepts).toEqual(['application/json', 'application/json', 'application/json']);
  });

  it('refuses, once and for good, a step 1 answer without a submission and an address answer without its codes', async () => {
    endpoint.script('/step1', { status: 200, body: { ocr: null } });
    endpoint.script('/address', { status: 200, body: { formattedAddress: 'Somewhere' } });
    const c = client();
    c.setToken({ token: 'held', expiresAt: null });
    const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' });
    expect(await failure(c.step1({ idType: 'passport', issuingCountry: 'USA', image }))).toMatchObject({
      code: 'bad_response',
      status: 200,
      retryable: false,
    });
    expect(await failure(c.address('Somewhere'))).toMatchObject({
      code: 'bad_response',
      status: 200,
      retryable: false,
    });
    expect(calls('/address')).toHaveLength(1);
  });

  it('uploads with fetch by default where there is no XMLHttpRequest (Node, a worker)', async () => {
    expect(typeof XMLHttpRequest).toBe('undefined');
    const c = client({ transport: undefined });
    c.setToken({ token: 'held', expiresAt: null });
    const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' });
    expect((await c.step1({ idType: 'passport', issuingCountry: 'USA', image })).submissionId).toBe('sub-1');
  });

  it('reports the fetch upload’s progress as nothing sent, then every image’s bytes once the answer came', async () => {
    const c = client();
    c.setToken({ token: 'held', expiresAt: null });
    const progress: unknown[] = [];
    await c.step1(
      {
        idType: 'passport',
        issuingCountry: 'USA',
        image: new Blob([new Uint8Array(300)], { type: 'image/jpeg' }),
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress).toEqual([
      { loaded: 0, total: 300 },
      { loaded: 300, total: 300 },
    ]);
    const both: unknown[] = [];
    await c.step2(
      {
        fields: { name: 'Hong Gildong' } as never,
        faceImage: new Blob([new Uint8Array(120)], { type: 'image/jpeg' }),
        addressImage: new Blob([new Uint8Array(80)], { type: 'image/png' }),
      },
      { onProgress: (p) => both.push(p) },
    );
    expect(both).toEqual([
      { loaded: 0, total: 200 },
      { loaded: 200, total: 200 },
    ]);
  });
});
