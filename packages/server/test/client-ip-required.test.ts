// A handler that can know no client IP (a fetch runtime without getClientIp) would
// silently have no per-IP limit. It refuses instead, until the integrator either
// says how to find the IP or turns the per-IP limit off on purpose, and says so
// once in its error log (issue 10, finding 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgosClient, createKycHandler, type KycEndpointOptions } from '../src/index.ts';
import { cookieApplicant, SECRET, startStack, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

function fetchStyleHandler(extra: Partial<KycEndpointOptions>, logs: string[]) {
  return createKycHandler({
    client: new ArgosClient({ apiKey: 'unused', baseUrl: `${stack.sandbox.url}/v2` }),
    secrets: [{ kid: 'k1', secret: SECRET }],
    resolveApplicant: cookieApplicant,
    logError: (line) => logs.push(line),
    ...extra,
  });
}

const sessionCall = () =>
  new Request('https://shop.example/kyc/session', { method: 'POST', headers: { cookie: 'session=alice' } });

describe('a handler without any client IP', () => {
  it('refuses every call with 500 internal_error and logs once what to set', async () => {
    const logs: string[] = [];
    const handler = fetchStyleHandler({}, logs);
    for (let i = 0; i < 3; i++) {
      const res = await handler(sessionCall());
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'internal_error' });
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/getClientIp/);
    expect(logs[0]).toMatch(/perIp: false/);
  });

  it('serves once getClientIp says where the IP is', async () => {
    const logs: string[] = [];
    const handler = fetchStyleHandler({ getClientIp: (r) => r.headers.get('x-real-ip') ?? undefined }, logs);
    const res = await handler(
      new Request('https://shop.example/kyc/session', {
        method: 'POST',
        headers: { cookie: 'session=alice', 'x-real-ip': '203.0.113.9' },
      }),
    );
    expect(res.status).toBe(200);
    expect(logs).toEqual([]);
  });

  it('serves when the per-IP limit is turned off on purpose', async () => {
    const logs: string[] = [];
    const handler = fetchStyleHandler({ rateLimits: { perIp: false } }, logs);
    expect((await handler(sessionCall())).status).toBe(200);
    expect(logs).toEqual([]);
  });

  it('serves when the runtime passes the connection address', async () => {
    const logs: string[] = [];
    const handler = fetchStyleHandler({}, logs);
    expect((await handler(sessionCall(), { clientAddress: '198.51.100.7' })).status).toBe(200);
    expect(logs).toEqual([]);
  });
});
