// A 200 from the vendor that is not the API's shape is the vendor's failure, 502
// vendor_error, on every route: never passed through, never a 500 of ours (issue
// 10, finding 5). The sandbox always answers well-formed JSON, so this uses a
// stand-in vendor (named as such) that answers 200 with a chosen body.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgosClient, createKycHandler, SessionTokens, toNodeListener } from '../src/index.ts';
import { cookieApplicant, listen, SECRET, step1Form, step2Form } from './helpers.ts';

/** Stand-in vendor: answers every call 200 with the body set for its path. */
const answers = new Map<string, string>();
let vendor: Server;
let endpoint: Server;
let base: string;
const logs: string[] = [];
const tokens = new SessionTokens({ secrets: [{ kid: 'k1', secret: SECRET }] });

beforeAll(async () => {
  vendor = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url!, 'http://x').pathname;
      res.writeHead(200, { 'content-type': 'application/json' }).end(answers.get(path) ?? '{}');
    });
  });
  const vendorUrl = await listen(vendor);
  const handler = createKycHandler({
    client: new ArgosClient({ apiKey: 'stand-in-key', baseUrl: `${vendorUrl}/v2`, retries: 1 }),
    secrets: [{ kid: 'k1', secret: SECRET }],
    resolveApplicant: cookieApplicant,
    rateLimits: { perApplicant: false, perIp: false, step1PerApplicant: false },
    logError: (line) => logs.push(line),
  });
  endpoint = createServer(toNodeListener(handler));
  base = `${await listen(endpoint)}/kyc`;
});
afterAll(async () => {
  for (const s of [endpoint, vendor]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function call(route: string, init: RequestInit, bound: boolean) {
  const { token } = await tokens.mint(
    bound
      ? { sub: 'alice', sid: 'sub-1', idt: 'passport', ctry: 'USA', email: 'a@example.test' }
      : { sub: 'alice', email: 'a@example.test' },
  );
  const res = await fetch(`${base}/${route}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const address = () =>
  call(
    'address',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: 'x' }),
    },
    false,
  );

describe('a garbage 200 from the vendor', () => {
  const cases: [string, string, string, () => Promise<{ status: number; body: Record<string, unknown> }>][] =
    [
      ['/address', '/v2/address_code', '{}', address],
      [
        '/address',
        '/v2/address_code',
        '{"formatted_address":1,"compound_code":[],"global_code":null}',
        address,
      ],
      ['/address', '/v2/address_code', '"a string"', address],
      ['/status', '/v2/submission', '{"Items":"not a list"}', () => call('status', { method: 'GET' }, true)],
      ['/status', '/v2/submission', '{"Items":[{}]}', () => call('status', { method: 'GET' }, true)],
      [
        '/status',
        '/v2/submission',
        '{"Items":[{"submission_id":"sub-1","kyc":{}}]}',
        () => call('status', { method: 'GET' }, true),
      ],
      ['/status', '/v2/submission', 'null', () => call('status', { method: 'GET' }, true)],
      [
        '/step1',
        '/v2/submission/step1',
        '{"submissionId":"s","reviewOCRData":"x"}',
        () => call('step1', { method: 'POST', body: step1Form() }, false),
      ],
      [
        '/step2',
        '/v2/submission/step2',
        '{"kycStatus":"maybe","retryCount":0}',
        () => call('step2', { method: 'POST', body: step2Form() }, true),
      ],
      [
        '/step2',
        '/v2/submission/step2',
        '{"kycStatus":"incomplete","retryCount":"many"}',
        () => call('step2', { method: 'POST', body: step2Form() }, true),
      ],
    ];
  for (const [route, path, garbage, run] of cases) {
    it(`on ${route}, ${garbage}: 502 vendor_error`, async () => {
      answers.set(path, garbage);
      const before = logs.length;
      const r = await run();
      expect(r).toMatchObject({ status: 502, body: { code: 'vendor_error' } });
      expect(logs.slice(before).join('\n')).not.toMatch(/internal error/);
    });
  }
});
