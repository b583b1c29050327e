// What the handoff client sends and what it makes of each answer: the request of each
// route, the answers it refuses as bad_response, the token it renews once, and the
// transport failures it names. Over real HTTP on loopback against the scripted
// endpoint (support/scripted-endpoint.ts), through a fetch that records each request
// before passing it on; the real endpoint and sandbox are in handoff-client.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointClient, EndpointError, HandoffClient, handoffCodeOf, handoffLink } from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';

let endpoint: ScriptedEndpoint;
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(() => endpoint.close());

interface Recorded {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function device(extra: Partial<ConstructorParameters<typeof HandoffClient>[0]> = {}) {
  const requests: Recorded[] = [];
  const recording: typeof fetch = (input, init) => {
    requests.push({
      url: String(input),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      credentials: init?.credentials,
    });
    return fetch(input, init);
  };
  let fresh = 0;
  const client = new EndpointClient({
    endpoint: endpoint.url,
    transport: 'fetch',
    getToken: async () => `fresh-${++fresh}`,
  });
  client.setToken({ token: 'held', expiresAt: null });
  const handoff = new HandoffClient({ endpoint: `${endpoint.url}//`, client, fetch: recording, ...extra });
  return { client, handoff, requests };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

const CODE = {
  handoffId: 'h-1',
  code: 'c'.repeat(22),
  expiresAt: '2030-01-01T00:10:00.000Z',
  rotateAt: '2030-01-01T00:05:00.000Z',
};

describe('handoff links', () => {
  it('puts the code, escaped, where the template says, and refuses a template without {code}', () => {
    expect(handoffLink('https://shop.example/phone?code={code}', 'a b/c')).toBe(
      'https://shop.example/phone?code=a%20b%2Fc',
    );
    expect(() => handoffLink('https://shop.example/phone', 'abc')).toThrow(TypeError);
    expect(() => handoffLink('https://shop.example/phone', 'abc')).toThrow(/\{code\}/);
  });

  it('takes from a link only what is shaped like a code', () => {
    const code = 'AbC_-0123456789abcdefgh';
    expect(handoffCodeOf(code)).toBe(code);
    expect(handoffCodeOf(null)).toBeNull();
    expect(handoffCodeOf(undefined)).toBeNull();
    expect(handoffCodeOf('short')).toBeNull();
    expect(handoffCodeOf(`${code}<script>`)).toBeNull();
  });
});

describe('HandoffClient requests', () => {
  it('asks for a code with its bearer token and JSON, and for the next one of the same handoff', async () => {
    endpoint.script('/handoff', { status: 200, body: CODE }, { status: 200, body: CODE });
    const { handoff, requests } = device();
    expect(await handoff.start('document')).toEqual({
      handoffId: 'h-1',
      code: CODE.code,
      expiresAt: Date.parse(CODE.expiresAt),
      rotateAt: Date.parse(CODE.rotateAt),
    });
    await handoff.start('selfie', 'h-1');
    expect(requests[0]).toEqual({
      url: `${endpoint.url}/handoff`,
      method: 'POST',
      headers: {
        accept: 'application/json',
        authorization: 'Bearer held',
        'content-type': 'application/json',
      },
      body: { step: 'document' },
      credentials: 'same-origin',
    });
    expect(requests[1]!.body).toEqual({ step: 'selfie', handoffId: 'h-1' });
  });

  it('follows and cancels a handoff: the id escaped in the query, JSON only where there is a body', async () => {
    endpoint.script('/handoff/progress', {
      status: 200,
      body: { state: 'waiting', done: [], submissionId: null, kycStatus: null },
    });
    endpoint.script('/handoff/cancel', { status: 200, body: { state: 'cancelled' } });
    const { handoff, requests } = device({ credentials: 'include' });
    expect(await handoff.progress('h 1&x')).toEqual({
      state: 'waiting',
      done: [],
      submissionId: null,
      kycStatus: null,
    });
    expect(requests[0]).toEqual({
      url: `${endpoint.url}/handoff/progress?handoffId=h%201%26x`,
      method: 'GET',
      headers: { accept: 'application/json', authorization: 'Bearer held' },
      body: undefined,
      credentials: 'include',
    });
    expect(await handoff.cancel('h-1')).toEqual({
      state: 'cancelled',
      done: [],
      submissionId: null,
      kycStatus: null,
    });
    expect(requests[1]).toMatchObject({
      method: 'POST',
      body: { handoffId: 'h-1' },
      headers: { 'content-type': 'application/json' },
    });
  });

  it('redeems a code without a token of its own, and hands the phone’s token to the client', async () => {
    endpoint.script('/handoff/redeem', {
      status: 200,
      body: {
        token: 'phone-token',
        expiresAt: '2030-01-01T00:15:00.000Z',
        emailRequired: true,
        submissionId: 'sub-9',
        applicant: 'tag-9',
        handoffId: 'h-1',
        step: 'selfie',
      },
    });
    const { client, handoff, requests } = device();
    expect(await handoff.redeem(CODE.code)).toEqual({
      token: 'phone-token',
      expiresAt: '2030-01-01T00:15:00.000Z',
      emailRequired: true,
      submissionId: 'sub-9',
      applicant: 'tag-9',
      previousTokenRefused: false,
      handoffId: 'h-1',
      step: 'selfie',
    });
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(requests[0]!.body).toEqual({ code: CODE.code });
    expect(client.token).toEqual({ token: 'phone-token', expiresAt: Date.parse('2030-01-01T00:15:00.000Z') });
  });
});

describe('HandoffClient answers', () => {
  it('refuses a code answer without its code, id or readable times', async () => {
    for (const broken of [
      { ...CODE, code: null },
      { ...CODE, handoffId: 7 },
      { ...CODE, expiresAt: 'soon' },
      { ...CODE, rotateAt: undefined },
    ])
      endpoint.script('/handoff', { status: 200, body: broken });
    const { handoff } = device();
    for (let i = 0; i < 4; i++)
      expect(await failure(handoff.start('document'))).toMatchObject({
        code: 'bad_response',
        status: 200,
        retryable: false,
      });
  });

  it('refuses a redeemed session without its token, handoff or step, and then holds no token', async () => {
    const whole = { token: 'phone-token', handoffId: 'h-1', step: 'document' };
    for (const key of ['token', 'handoffId', 'step'] as const)
      endpoint.script('/handoff/redeem', { status: 200, body: { ...whole, [key]: undefined } });
    const { client, handoff } = device();
    client.setToken(null);
    for (let i = 0; i < 3; i++)
      expect(await failure(handoff.redeem(CODE.code))).toMatchObject({
        code: 'bad_response',
        status: 200,
        retryable: false,
      });
    expect(client.token).toBeNull();
  });

  it('reads a redeemed session strictly: emailRequired only when true, the rest as text or null', async () => {
    endpoint.script('/handoff/redeem', {
      status: 200,
      body: {
        token: 't',
        handoffId: 'h-1',
        step: 'document',
        emailRequired: 'yes',
        submissionId: 5,
        applicant: {},
      },
    });
    expect(await device().handoff.redeem(CODE.code)).toMatchObject({
      expiresAt: null,
      emailRequired: false,
      submissionId: null,
      applicant: null,
    });
  });

  it('takes the three progress states only, and of the steps done only the known ones', async () => {
    endpoint.script(
      '/handoff/progress',
      {
        status: 200,
        body: {
          state: 'opened',
          done: ['document', 'name', 3, 'selfie'],
          submissionId: 's',
          kycStatus: 'pending',
        },
      },
      { status: 200, body: { state: 'opened', done: 'document' } },
      { status: 200, body: { state: 'finished' } },
    );
    const { handoff } = device();
    expect(await handoff.progress('h-1')).toEqual({
      state: 'opened',
      done: ['document', 'selfie'],
      submissionId: 's',
      kycStatus: 'pending',
    });
    expect((await handoff.progress('h-1')).done).toEqual([]);
    expect(await failure(handoff.progress('h-1'))).toMatchObject({
      code: 'bad_response',
      status: 200,
      retryable: false,
    });
  });

  it('renews the token once on token_expired and repeats the call; passes any other refusal on', async () => {
    endpoint.script(
      '/handoff/progress',
      protocolError(401, 'token_expired'),
      { status: 200, body: { state: 'waiting' } },
      protocolError(401, 'token_expired'),
      protocolError(401, 'token_expired'),
      protocolError(403, 'handoff_mismatch'),
    );
    const { handoff, requests } = device();
    expect((await handoff.progress('h-1')).state).toBe('waiting');
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer held', 'Bearer fresh-1']);
    expect(await failure(handoff.progress('h-1'))).toMatchObject({ code: 'token_expired', status: 401 });
    expect(requests).toHaveLength(4);
    expect(await failure(handoff.progress('h-1'))).toMatchObject({ code: 'handoff_mismatch' });
    expect(requests).toHaveLength(5);
  });

  it('names a time limit passed, a caller’s abort and a silent endpoint', async () => {
    endpoint.script('/handoff/progress', { delayMs: 500, status: 200, body: { state: 'waiting' } });
    const slow = device({ timeoutMs: 50 });
    expect(await failure(slow.handoff.progress('h-1'))).toMatchObject({ code: 'timeout', retryable: true });

    const aborted = new AbortController();
    aborted.abort();
    expect(await failure(device().handoff.progress('h-1', aborted.signal))).toMatchObject({
      code: 'aborted',
      retryable: false,
    });

    endpoint.script('/handoff/progress', { delayMs: 500, status: 200, body: { state: 'waiting' } });
    const later = new AbortController();
    setTimeout(() => later.abort(), 30);
    expect(await failure(device().handoff.progress('h-1', later.signal))).toMatchObject({ code: 'aborted' });

    const { handoff } = device();
    await endpoint.close();
    const error = await failure(handoff.progress('h-1'));
    expect(error).toBeInstanceOf(EndpointError);
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
  });
});
