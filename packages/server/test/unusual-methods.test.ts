// A method a web Request cannot carry (fetch forbids TRACE, TRACK and CONNECT; Node's
// HTTP parser lets TRACE through) still gets the protocol's JSON answer from the Node
// adapters, audited and rate limited like any call (issue 10, finding 6).
import { createServer } from 'node:http';
import { request as httpRequest } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExpressMiddleware } from '../src/index.ts';
import { listen, startStack, type Stack } from './helpers.ts';

let stack: Stack;
let expressStack: Stack;
let expressUrl: string;
let closeExpress: () => Promise<void>;
beforeAll(async () => {
  stack = await startStack({ rateLimits: { perIp: { limit: 3, windowMs: 60_000 }, perApplicant: false } });
  expressStack = await startStack();
  const app = express();
  app.use(toExpressMiddleware(expressStack.handler));
  const server = createServer(app);
  expressUrl = await listen(server);
  closeExpress = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
});
afterAll(async () => {
  await closeExpress();
  await expressStack.close();
  await stack.close();
});

function raw(url: string, method: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          type: String(res.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TRACE', () => {
  it('answer the JSON 405 on a route and the JSON 404 elsewhere, audited, then hit the per-IP limit', async () => {
    const before = stack.audits.length;
    const trace = await raw(`${stack.base}/step1`, 'TRACE');
    expect(trace.status).toBe(405);
    expect(trace.type).toMatch(/application\/json/);
    expect(JSON.parse(trace.body)).toMatchObject({ code: 'method_not_allowed', retryable: false });
    const onStatus = await raw(`${stack.base}/status`, 'TRACE');
    expect(JSON.parse(onStatus.body)).toMatchObject({ code: 'method_not_allowed' });
    const elsewhere = await raw(`${stack.base}/nothing`, 'TRACE');
    expect(elsewhere.status).toBe(404);
    expect(JSON.parse(elsewhere.body)).toMatchObject({ code: 'not_found' });
    expect(stack.audits.slice(before)).toMatchObject([
      { type: 'step1', status: 405, code: 'method_not_allowed' },
      { type: 'status', status: 405, code: 'method_not_allowed' },
      { type: 'other', status: 404, code: 'not_found' },
    ]);
    // The per-IP limit (3 a minute here) counts them like any other call.
    const fourth = await raw(`${stack.base}/step1`, 'TRACE');
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body)).toMatchObject({ code: 'rate_limited' });
  });

  it('answer the JSON 405 through the Express middleware too', async () => {
    const r = await raw(`${expressUrl}/kyc/step2`, 'TRACE');
    expect(r.status).toBe(405);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'method_not_allowed' });
  });
});
