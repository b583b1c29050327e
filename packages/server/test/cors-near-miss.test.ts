// The CORS allowlist is an exact match on the browser's Origin header. Origins that
// look like an allowed one (a longer host that starts with it, another port, scheme,
// subdomain, a prefix of it) are refused on /session, where a wrong "yes" would let
// that page read the applicant's token with their cookie, and on the preflight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startStack, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ allowedOrigins: ['https://shop.example', 'capacitor://localhost'] });
});
afterAll(() => stack.close());

/** Origins a browser could really send, each one edit away from an allowed or the endpoint's own origin. */
function nearMisses(): string[] {
  const own = new URL(stack.origin);
  return [
    'https://shop.example.evil.net',
    'https://shop.examples',
    'https://shop.exampl',
    'https://evil-shop.example',
    'https://evilshop.example',
    'https://sub.shop.example',
    'https://shop.example:8443',
    'http://shop.example',
    'wss://shop.example',
    'capacitor://localhost.evil.net',
    'capacitor://localhost:8080',
    'ionic://localhost',
    `${stack.origin}0`,
    `http://localhost:${own.port}`,
    `https://127.0.0.1:${own.port}`,
  ];
}

describe('CORS allowlist near misses', () => {
  it('still serves the allowed origins themselves (the baseline the near misses differ from)', async () => {
    for (const origin of ['https://shop.example', 'capacitor://localhost', stack.origin]) {
      const r = await post(stack, 'session', null, undefined, { cookie: 'session=alice', origin });
      expect(r.status, origin).toBe(200);
      expect(typeof r.body.token, origin).toBe('string');
    }
  });

  // The refusal is readable by the page that made it (so the widget can say
  // origin_not_allowed, issue 18) and by that page only: nothing but the code is in it.
  it('refuses /session to every look-alike origin: 403, no token, readable only by that origin', async () => {
    for (const origin of nearMisses()) {
      const r = await post(stack, 'session', null, undefined, { cookie: 'session=alice', origin });
      expect({ origin, status: r.status, code: r.body.code }).toEqual({
        origin,
        status: 403,
        code: 'origin_not_allowed',
      });
      expect(r.body.token, origin).toBeUndefined();
      expect(r.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(Object.keys(r.body).sort(), origin).toEqual(['code', 'message', 'retryable']);
    }
  });

  it('refuses the preflight of every look-alike origin', async () => {
    for (const origin of nearMisses()) {
      const r = await fetch(`${stack.base}/step1`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      await r.arrayBuffer();
      expect({ origin, status: r.status }).toEqual({ origin, status: 403 });
      expect(r.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(r.headers.get('access-control-allow-methods'), origin).toBeNull();
    }
  });
});
