// The endpoint client's rules (tokens, retries, typed errors), over real HTTP on
// loopback against a scripted endpoint that can misbehave on demand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointClient, EndpointError } from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';

const jpeg = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])], { type: 'image/jpeg' });
const step1Input = () => ({ idType: 'passport' as const, issuingCountry: 'USA', image: jpeg() });

let endpoint: ScriptedEndpoint;
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(() => endpoint.close());

function client(extra: Partial<ConstructorParameters<typeof EndpointClient>[0]> = {}) {
  return new EndpointClient({ endpoint: endpoint.url, backoffMs: 5, transport: 'fetch', ...extra });
}

const calls = (path: string) => endpoint.seen.filter((r) => r.path === path);

describe('EndpointClient', () => {
  describe('session tokens', () => {
    it('opens a session with POST /session and keeps the token it answers', async () => {
      endpoint.script('/session', {
        status: 200,
        body: {
          token: 't-1',
          expiresAt: '2099-01-01T00:00:00.000Z',
          emailRequired: true,
          submissionId: null,
          applicant: 'tag-1',
        },
      });
      const c = client();
      const session = await c.session();
      expect(session).toEqual({
        token: 't-1',
        expiresAt: '2099-01-01T00:00:00.000Z',
        emailRequired: true,
        submissionId: null,
        previousTokenRefused: false,
        applicant: 'tag-1',
      });
      expect(c.token).toEqual({ token: 't-1', expiresAt: Date.parse('2099-01-01T00:00:00.000Z') });
      expect(calls('/session')[0]).toMatchObject({ method: 'POST', authorization: undefined });
    });

    it('sends the previous token when refreshing, so that the new one keeps its submission', async () => {
      const c = client();
      const first = await c.session();
      await c.session();
      expect(calls('/session')[1]!.authorization).toBe(`Bearer ${first.token}`);
    });

    it('opens a fresh session when the endpoint refuses the previous token sent with it', async () => {
      const c = client();
      await c.session();
      endpoint.script('/session', protocolError(403, 'submission_mismatch'));
      const fresh = await c.session();
      const [, refused, retried] = calls('/session');
      expect(refused!.authorization).toMatch(/^Bearer /);
      expect(retried!.authorization).toBeUndefined();
      expect(fresh.submissionId).toBeNull();
      expect(fresh.previousTokenRefused).toBe(true); // the flow must start over: the old one may be someone else's
    });

    it('names the submission it continues when it asks for a new token, so that the endpoint can bind one to it', async () => {
      // The flow supplies the submission (createFlow: `() => state.context.submissionId`).
      const c = client({ submissionId: () => 'sub-7' });
      c.setToken({ token: 't-bound', expiresAt: null });
      await c.session();
      const [asked] = calls('/session');
      expect(asked!.authorization).toBe('Bearer t-bound');
      expect(JSON.parse(asked!.body.toString('utf8'))).toEqual({ submissionId: 'sub-7' });
      // Before step 1 there is nothing to name: no body, as before.
      const fresh = client();
      await fresh.session();
      expect(calls('/session')[1]!.body.length).toBe(0);
    });

    it('shares one session request between concurrent callers', async () => {
      const c = client();
      const tokens = await Promise.all([c.ensureToken(), c.ensureToken(), c.ensureToken()]);
      expect(new Set(tokens).size).toBe(1);
      expect(calls('/session')).toHaveLength(1);
    });

    it('refreshes a token that expires within the margin before using it', async () => {
      let now = Date.parse('2026-11-26T09:00:00Z');
      endpoint.script('/session', {
        status: 200,
        body: {
          token: 'short',
          expiresAt: new Date(now + 90_000).toISOString(),
          emailRequired: false,
          submissionId: null,
        },
      });
      const c = client({ now: () => now, refreshMarginMs: 60_000 });
      await c.status();
      expect(calls('/status')[0]!.authorization).toBe('Bearer short');
      now += 45_000; // 45 s left: inside the 60 s margin
      await c.status();
      expect(calls('/session')).toHaveLength(2);
      expect(calls('/status')[1]!.authorization).not.toBe('Bearer short');
    });

    it('refreshes once on a 401 token_expired and repeats the call with the new token', async () => {
      endpoint.script('/status', protocolError(401, 'token_expired'));
      const c = client();
      const status = await c.status();
      expect(status.kycStatus).toBe('pending');
      expect(calls('/session')).toHaveLength(2);
      const [first, second] = calls('/status');
      expect(first!.authorization).not.toBe(second!.authorization);
    });

    it('gives up after one refresh when the endpoint keeps saying token_expired', async () => {
      endpoint.script(
        '/status',
        protocolError(401, 'token_expired'),
        protocolError(401, 'token_expired'),
        protocolError(401, 'token_expired'),
      );
      const error = await client({ retries: 0 })
        .status()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'token_expired', status: 401, retryable: false });
      expect(calls('/status')).toHaveLength(2);
    });

    it('uses a host-supplied getToken() instead of /session, and asks it again on token_expired', async () => {
      let handed = 0;
      endpoint.script('/status', protocolError(401, 'token_expired'));
      const c = client({ getToken: async () => `host-${++handed}` });
      await c.status();
      expect(calls('/session')).toHaveLength(0);
      expect(calls('/status').map((r) => r.authorization)).toEqual(['Bearer host-1', 'Bearer host-2']);
    });
  });

  describe('retries', () => {
    it('retries status with backoff on a vendor error and on a dropped connection', async () => {
      endpoint.script('/status', protocolError(502, 'vendor_error'), { drop: 'after-body' });
      const status = await client().status();
      expect(status.kycStatus).toBe('pending');
      expect(calls('/status')).toHaveLength(3);
    });

    it('waits retryAfter seconds on rate_limited before trying again', async () => {
      endpoint.script('/session', protocolError(429, 'rate_limited', { retryAfter: 0.3 }));
      const started = Date.now();
      await client().session();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(calls('/session')).toHaveLength(2);
    });

    it('stops after its retries and reports the last failure', async () => {
      endpoint.script(
        '/session',
        protocolError(504, 'vendor_timeout'),
        protocolError(504, 'vendor_timeout'),
        protocolError(504, 'vendor_timeout'),
      );
      const error = await client({ retries: 2 })
        .session()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'vendor_timeout', retryable: true, status: 504 });
      expect(calls('/session')).toHaveLength(3);
    });

    it('never retries a non-retryable answer', async () => {
      endpoint.script('/session', protocolError(401, 'unauthenticated'));
      await expect(client().session()).rejects.toMatchObject({ code: 'unauthenticated' });
      expect(calls('/session')).toHaveLength(1);
    });

    it('never repeats step 1 after the body was sent, even on a transient failure', async () => {
      endpoint.script('/step1', protocolError(502, 'vendor_error'));
      await expect(client().step1(step1Input())).rejects.toMatchObject({
        code: 'vendor_error',
        retryable: true,
      });
      endpoint.script('/step1', { drop: 'after-body' });
      await expect(client().step1(step1Input())).rejects.toMatchObject({ code: 'network_error' });
      expect(calls('/step1')).toHaveLength(2);
    });

    it('repeats step 1 once with a fresh token after a 401 token_expired', async () => {
      endpoint.script('/step1', protocolError(401, 'token_expired'));
      const result = await client().step1(step1Input());
      expect(result.submissionId).toBe('sub-1');
      expect(calls('/step1')).toHaveLength(2);
    });
  });

  describe('step 1', () => {
    it('sends the document choice and the image as multipart, and switches to the bound token', async () => {
      endpoint.script('/step1', {
        status: 200,
        body: {
          submissionId: 'abc',
          ocr: { name: 'John Smith', birthDate: '1975-08-25', gender: 'male' },
          token: 'bound',
          expiresAt: '2099-01-01T00:00:00Z',
        },
      });
      const c = client();
      const progress: number[] = [];
      const result = await c.step1(
        { ...step1Input(), email: 'a@b.example' },
        { onProgress: (p) => progress.push(p.loaded) },
      );
      expect(result.submissionId).toBe('abc');
      expect(result.ocr).toMatchObject({
        name: 'John Smith',
        birthDate: '1975-08-25',
        gender: 'male',
        identityNumber: null,
      });
      expect(c.token?.token).toBe('bound');
      const request = calls('/step1')[0]!;
      expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
      const body = request.body.toString('latin1');
      for (const part of [
        'name="idType"',
        'passport',
        'name="issuingCountry"',
        'USA',
        'name="idImage"; filename="id.jpg"',
        'name="email"',
        'a@b.example',
      ]) {
        expect(body).toContain(part);
      }
      expect(body).not.toContain('name="userid"');
      expect(progress.at(-1)).toBe(8);
    });

    it('answers ocr null when the vendor read nothing', async () => {
      expect((await client().step1(step1Input())).ocr).toBeNull();
    });
  });

  describe('typed errors', () => {
    it('carries code, status, field and retryable from the protocol, but not the server message', async () => {
      endpoint.script(
        '/step1',
        protocolError(400, 'invalid_field', { field: 'issuingCountry', message: 'bad value Hong Gildong' }),
      );
      const error = await client()
        .step1(step1Input())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndpointError);
      expect(error).toMatchObject({
        code: 'invalid_field',
        status: 400,
        field: 'issuingCountry',
        retryable: false,
      });
      expect((error as Error).message).not.toContain('Hong');
    });

    it('reports an answer that is not the protocol JSON as bad_response, or vendor_error for a 5xx', async () => {
      endpoint.script('/session', { status: 200, raw: '<html>', contentType: 'text/html' });
      await expect(client().session()).rejects.toMatchObject({ code: 'bad_response' });
      endpoint.script('/session', { status: 503, raw: 'down', contentType: 'text/plain' });
      await expect(client({ retries: 0 }).session()).rejects.toMatchObject({
        code: 'vendor_error',
        retryable: true,
      });
    });

    it("lets only the protocol's codes and a field name through: any other code is judged by status (issue 15)", async () => {
      const markup = `<img src=x onerror=alert(1)>${'x'.repeat(100_000)}`;
      endpoint.script('/step1', protocolError(400, markup, { field: '<b>name</b>' }));
      const refused = await client()
        .step1(step1Input())
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'bad_response', status: 400, field: undefined });
      expect((refused as Error).message.length).toBeLessThan(100);
      endpoint.script('/session', protocolError(503, 'Vendor Down: call +1 555 0100', { retryable: true }));
      await expect(client({ retries: 0 }).session()).rejects.toMatchObject({
        code: 'vendor_error',
        retryable: true,
      });
      endpoint.script('/step1', protocolError(400, 'invalid_field', { field: 'name; drop' }));
      await expect(client().step1(step1Input())).rejects.toMatchObject({
        code: 'invalid_field',
        field: undefined,
      });
    });

    it('reports a 404 that is not the protocol’s as endpoint_not_found: no endpoint at that path', async () => {
      endpoint.script('/session', { status: 404, raw: 'Cannot POST /kyc/session', contentType: 'text/html' });
      await expect(client().session()).rejects.toMatchObject({
        code: 'endpoint_not_found',
        status: 404,
        retryable: false,
      });
      // The endpoint's own 404 (a route it does not have) keeps its code.
      endpoint.script('/session', protocolError(404, 'not_found'));
      await expect(client().session()).rejects.toMatchObject({ code: 'not_found' });
    });

    it('sends the `credentials` option with every call, uploads included (an endpoint on another origin)', async () => {
      const seen: (RequestCredentials | undefined)[] = [];
      const recording: typeof fetch = (input, init) => {
        seen.push(init?.credentials);
        return fetch(input, init);
      };
      const c = client({ credentials: 'include', fetch: recording });
      await c.session();
      await c.step1(step1Input());
      await c.status();
      expect(seen).toEqual(['include', 'include', 'include']);
      const byDefault: (RequestCredentials | undefined)[] = [];
      await client({
        fetch: (input, init) => {
          byDefault.push(init?.credentials);
          return fetch(input, init);
        },
      }).step1(step1Input());
      expect(byDefault).toEqual(['same-origin', 'same-origin']);
    });

    it('reports network_error when nothing answers', async () => {
      await endpoint.close();
      await expect(client({ retries: 0 }).session()).rejects.toMatchObject({
        code: 'network_error',
        retryable: true,
      });
    });

    it('reports timeout after its time limit, and aborted when the caller aborts', async () => {
      endpoint.script('/session', { delayMs: 500, status: 200, body: {} });
      await expect(client({ timeoutMs: 50, retries: 0 }).session()).rejects.toMatchObject({
        code: 'timeout',
      });
      endpoint.script('/step1', { delayMs: 500, status: 200, body: {} });
      const controller = new AbortController();
      const c = client();
      await c.ensureToken();
      const pending = c.step1(step1Input(), { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await expect(pending).rejects.toMatchObject({ code: 'aborted', retryable: false });
    });
  });
});
