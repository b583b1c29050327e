// The endpoint's shell (endpoint/handler.ts) at its edges: the base path and the route
// lookup under it, the headers of every answer, the audit event of a call that reached
// no route, an audit hook that throws, and an error the routes did not expect. Written
// for the endpoint's mutation run (issue 17): each test fails against a mutant of the
// shell that passed every other test.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { KycEndpointOptions } from '../src/index.ts';
import { jpeg, session, startStack, type Stack } from './helpers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function open(overrides: Partial<KycEndpointOptions> = {}): Promise<Stack> {
  stack = await startStack(overrides);
  return stack;
}

const call = (s: Stack, path: string, init: RequestInit = {}) =>
  fetch(`${s.origin}${path}`, {
    method: 'POST',
    ...init,
    headers: { cookie: 'session=alice', ...init.headers },
  });

describe('routes under the base path', () => {
  it('takes the base path without its leading and trailing slashes', async () => {
    const s = await open({ basePath: '//api/kyc//' });
    expect(s.handler.basePath).toBe('/api/kyc');
    expect((await call(s, '/api/kyc/session')).status).toBe(200);
  });

  it.each([
    '/kyc/',
    '/kyc',
    '/kycx/session',
    '/kycxsession',
    '/x/kyc/session',
    '/kyc/session/x',
    '/kyc/hasOwnProperty',
    '/kyc/toString',
  ])('%s is no route: 404 not_found', async (path) => {
    const s = await open();
    // Straight to the fetch handler: the Node adapter answers paths outside the base path itself.
    const r = await s.handler(new Request(`${s.origin}${path}`, { method: 'POST' }));
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ code: 'not_found', message: 'No such route.', retryable: false });
    expect(s.audits.at(-1)).toMatchObject({ type: 'other', status: 404, code: 'not_found' });
  });

  it('a route called with another method: 405 naming the one it takes', async () => {
    const s = await open();
    const r = await fetch(`${s.base}/session`, { method: 'GET' });
    expect(r.status).toBe(405);
    expect(await r.json()).toEqual({ code: 'method_not_allowed', message: 'Use POST.', retryable: false });
    expect(s.audits.at(-1)).toMatchObject({ type: 'session', status: 405, code: 'method_not_allowed' });
  });

  it('a preflight of no route: 404, audited as a preflight', async () => {
    const s = await open();
    const r = await fetch(`${s.base}/nothing`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(r.status).toBe(404);
    expect(s.audits.at(-1)).toMatchObject({ type: 'preflight', status: 404, code: 'not_found' });
  });
});

describe('every answer', () => {
  it('is JSON that no cache keeps and no browser sniffs, success or refusal', async () => {
    const s = await open();
    for (const r of [await call(s, '/kyc/session'), await call(s, '/kyc/nothing')]) {
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('is audited with its duration in tenths of a millisecond', async () => {
    const s = await open();
    await session(s, 'alice');
    const { ms } = s.audits.at(-1)!;
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(10_000);
    expect(Math.abs(ms * 10 - Math.round(ms * 10))).toBeLessThan(1e-6);
  });
});

describe('what the routes did not expect', () => {
  it('an audit hook that throws: the answer stands, one line is logged', async () => {
    const s = await open({
      onAudit: () => {
        throw new Error('hook down');
      },
    });
    expect((await call(s, '/kyc/session')).status).toBe(200);
    expect(s.logs).toContain('argos-kyc: the onAudit hook threw');
  });

  it.each([
    [new RangeError('applicant 4111 1111 1111 1111'), 'RangeError'],
    ['applicant 4111 1111 1111 1111', 'string'],
  ])('a hook that throws %s: 500 internal_error, logged by its class only', async (thrown, named) => {
    const s = await open({
      resolveApplicant: () => {
        throw thrown;
      },
    });
    const r = await call(s, '/kyc/session');
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({
      code: 'internal_error',
      message: 'Something went wrong on the server.',
      retryable: false,
    });
    expect(s.logs).toContain(`argos-kyc: internal error on session (${named})`);
    expect(s.logs.join('\n')).not.toContain('4111');
  });
});

describe('an image whose first bytes come in separate chunks', () => {
  it('is judged on them all and sent whole', async () => {
    const s = await open();
    const { token } = await session(s, 'alice');
    const boundary = 'split-9';
    const image = jpeg(4096);
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="idType"\r\n\r\npassport\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="issuingCountry"\r\n\r\nUSA\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="idImage"; filename="id.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const pieces = [
      Buffer.from(head),
      image.subarray(0, 1),
      image.subarray(1, 2),
      image.subarray(2),
      Buffer.from(tail),
    ];
    const length = pieces.reduce((n, p) => n + p.length, 0);
    const answer = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(`${s.base}/step1`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': length,
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      });
      // Each piece its own write, a moment apart, so that the reader gets them one by one.
      void (async () => {
        for (const p of pieces) {
          req.write(p);
          await new Promise((r) => setTimeout(r, 40));
        }
        req.end();
      })();
    });
    expect(answer.status).toBe(200);
    const sent = await s.client.image(answer.body.submissionId as string, 'idImage');
    expect(sent.contentType).toBe('image/jpeg');
    expect(Buffer.from(sent.bytes).equals(Buffer.from(image))).toBe(true);
  });
});

describe('more of the shell', () => {
  it('without a client IP: 500 with its message, and the fix logged once, whole', async () => {
    const s = await open({ rateLimits: { perIp: { limit: 100, windowMs: 60_000 } } });
    // The fetch handler called without connection facts, as a runtime that passes none.
    const first = await s.handler(new Request(`${s.base}/session`, { method: 'POST' }));
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({
      code: 'internal_error',
      message: 'The endpoint is not configured for this runtime.',
      retryable: false,
    });
    await s.handler(new Request(`${s.base}/session`, { method: 'POST' }));
    const lines = s.logs.filter((l) => l.startsWith('argos-kyc: no client IP'));
    expect(lines).toEqual([
      'argos-kyc: no client IP can be known here (no connection address, no getClientIp), so the per-IP ' +
        'limit cannot work; every call is refused until you set getClientIp, or rateLimits: { perIp: false } ' +
        'to run without it on purpose',
    ]);
  });

  it("the integrator's own mistake is logged with the route it happened on", async () => {
    const s = await open({ resolveApplicant: () => ({ userid: '' }) });
    const r = await call(s, '/kyc/session');
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({
      code: 'internal_error',
      message: 'Something went wrong on the server.',
      retryable: false,
    });
    expect(s.logs.filter((l) => l.startsWith('argos-kyc: '))).toEqual([
      expect.stringMatching(/^argos-kyc: .*userid is empty.* \(on session\)$/),
    ]);
  });

  it('a refusal without a wait carries no Retry-After; a preflight of no route says why', async () => {
    const s = await open();
    const r = await call(s, '/kyc/nothing');
    expect(r.status).toBe(404);
    expect(r.headers.has('retry-after')).toBe(false);
    const pre = await fetch(`${s.base}/nothing`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(await pre.json()).toEqual({ code: 'not_found', message: 'No such route.', retryable: false });
  });

  it("audits a call's duration in milliseconds", async () => {
    const s = await open({
      resolveApplicant: async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { userid: 'alice' };
      },
    });
    expect((await call(s, '/kyc/session')).status).toBe(200);
    const { ms } = s.audits.at(-1)!;
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('a body nobody will read', () => {
  it('is cancelled when the call is refused before its route reads it', async () => {
    const s = await open();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => undefined),
      cancel: () => {
        cancelled = true;
      },
    });
    // Step 1 without a token: refused before the multipart reader is made.
    const r = await s.handler(
      new Request(`${s.base}/step1`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(r.status).toBe(401);
    expect(cancelled).toBe(true);
  });
});
