// The endpoint's answers to an integrator's setup mistakes, over real HTTP against the
// sandbox: options refused at createKycHandler with a typed error, an unusable
// applicant logged with its reason, a vendor that cannot be reached logged with its
// host (never the key), a body parser that ran first (through the Express adapter),
// and a refused origin that the page can read.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArgosClient,
  createKycHandler,
  KycConfigError,
  toNodeListener,
  type Applicant,
} from '../src/index.ts';
import { API_KEY, listen, post, SECRET, session, startStack, step1Form, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('createKycHandler refuses options that cannot work, naming the fix', () => {
  const base = () => ({
    client: stack.client,
    secrets: [{ kid: 'k1', secret: SECRET }],
    resolveApplicant: () => null,
  });

  it('an unset token secret is a KycConfigError at creation, not a TypeError at the first call', () => {
    const env: Record<string, string | undefined> = {};
    let error: unknown;
    try {
      createKycHandler({ ...base(), secrets: [{ kid: '2026-11', secret: env.KYC_TOKEN_SECRET! }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KycConfigError);
    expect(error).toMatchObject({ code: 'secret_missing', option: 'secrets[0].secret' });
    expect((error as Error).message).not.toMatch(/byteLength/);
  });

  it('a missing resolveApplicant, a short secret, a missing client', () => {
    const { resolveApplicant: _r, ...noHook } = base();
    expect(() => createKycHandler(noHook as never)).toThrow(
      expect.objectContaining({ code: 'resolve_applicant_missing' }),
    );
    expect(() => createKycHandler({ ...base(), secrets: [{ kid: 'k', secret: 'short' }] })).toThrow(
      expect.objectContaining({ code: 'secret_too_short' }),
    );
    expect(() => createKycHandler({ ...base(), client: undefined as never })).toThrow(
      expect.objectContaining({ code: 'client_missing' }),
    );
  });
});

describe('an unusable applicant from resolveApplicant', () => {
  it.each<[string, unknown, RegExp]>([
    ['a numeric userid', { userid: 42 }, /whose userid is number; it must be a string/],
    ['email: null', { userid: 'u1', email: null }, /whose email is null; leave it out/],
    [
      'an email that is not one',
      { userid: 'u1', email: 'alice at example' },
      /whose email is not an email address/,
    ],
  ])('%s: a 500 for the browser, the reason in the log', async (_name, applicant, reason) => {
    const logs: string[] = [];
    const handler = createKycHandler({
      client: stack.client,
      secrets: [{ kid: 'k1', secret: SECRET }],
      resolveApplicant: () => applicant as Applicant,
      logError: (line) => logs.push(line),
    });
    // A fetch runtime names the client's address (without one the endpoint refuses every call).
    const res = await handler(new Request('http://127.0.0.1/kyc/session', { method: 'POST' }), {
      clientAddress: '192.0.2.7',
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'internal_error' });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^argos-kyc: resolveApplicant answered an applicant /);
    expect(logs[0]).toMatch(reason);
    expect(logs[0]).not.toContain('alice at example');
  });
});

describe('a vendor the endpoint cannot use', () => {
  async function stackWith(baseUrl: string) {
    const logs: string[] = [];
    const handler = createKycHandler({
      client: new ArgosClient({ apiKey: API_KEY, baseUrl, retries: 0 }),
      secrets: [{ kid: 'k1', secret: SECRET }],
      resolveApplicant: () => ({ userid: 'alice', email: 'alice@example.test' }),
      logError: (line) => logs.push(line),
    });
    const server = createServer(toNodeListener(handler));
    const url = await listen(server);
    return {
      url,
      logs,
      close: async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      },
    };
  }

  it.each([
    [
      'nothing listens there',
      () => 'http://127.0.0.1:1/v2',
      /could not reach the verification service at 127\.0\.0\.1:1 on step1/,
    ],
    ['the path has no /v2', () => stack.sandbox.url, /answered HTTP 404 on step1: no such path/],
  ])(
    '%s: vendor_error for the browser, the host and the baseUrl fix in the log, never the key',
    async (_n, url, line) => {
      const shop = await stackWith(url());
      try {
        const s = await fetch(`${shop.url}/kyc/session`, { method: 'POST' });
        const { token } = (await s.json()) as { token: string };
        const res = await fetch(`${shop.url}/kyc/step1`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: step1Form(),
        });
        expect(res.status).toBe(502);
        expect(await res.json()).toMatchObject({ code: 'vendor_error' });
        expect(shop.logs).toHaveLength(1);
        expect(shop.logs[0]).toMatch(line);
        expect(shop.logs[0]).toContain("check the ArgosClient's baseUrl");
        expect(shop.logs.join('\n')).not.toContain(API_KEY);
      } finally {
        await shop.close();
      }
    },
  );
});

describe('a refused origin', () => {
  it('reads origin_not_allowed at its first call: the refusal carries the CORS headers, and nothing else happened', async () => {
    const before = stack.audits.length;
    const r = await post(stack, 'session', null, undefined, {
      cookie: 'session=alice',
      origin: 'https://evil.example',
    });
    expect(r).toMatchObject({ status: 403, body: { code: 'origin_not_allowed' } });
    expect(r.body.token).toBeUndefined();
    expect(r.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(stack.audits.slice(before)).toMatchObject([
      { type: 'session', status: 403, code: 'origin_not_allowed' },
    ]);
    // An allowed page still gets its session.
    const ok = await session(stack, 'alice', { headers: { origin: 'https://shop.example' } });
    expect(ok.token).toBeTruthy();
  });
});
