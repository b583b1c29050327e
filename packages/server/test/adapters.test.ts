// The same handler behind Express (with a JSON body parser mounted first) and as a
// plain fetch handler: thin adapters, same answers.
import { Agent, createServer, request } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExpressMiddleware } from '../src/index.ts';
import { jpeg, listen, rawMultipart, session, startStack, step1Form, type Stack } from './helpers.ts';

let stack: Stack;
let appUrl: string;
let close: () => Promise<void>;
beforeAll(async () => {
  stack = await startStack();
  const app = express();
  app.use(express.json());
  app.use(toExpressMiddleware(stack.handler));
  app.get('/hello', (_req, res) => {
    res.send('app route');
  });
  const server = createServer(app);
  appUrl = await listen(server);
  close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
});
afterAll(async () => {
  await close();
  await stack.close();
});

describe('Express middleware', () => {
  it('serves the routes under the base path and leaves other routes to the app', async () => {
    const s = await fetch(`${appUrl}/kyc/session`, { method: 'POST', headers: { cookie: 'session=alice' } });
    expect(s.status).toBe(200);
    const { token } = (await s.json()) as { token: string };
    expect(await (await fetch(`${appUrl}/hello`)).text()).toBe('app route');
    const step1 = await fetch(`${appUrl}/kyc/step1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: step1Form(),
    });
    expect(step1.status).toBe(200);
    // express.json() consumed the body first: the adapter rebuilds it.
    const addr = await fetch(`${appUrl}/kyc/address`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ address: '38.8977,-77.0365' }),
    });
    expect(addr.status).toBe(200);
    expect(await addr.json()).toMatchObject({ globalCode: expect.any(String) });
  });
});

describe('Express middleware after a body parser of every type', () => {
  async function appWith(parser: express.RequestHandler) {
    const lines: string[] = [];
    // The handler's own logError is where the adapter reports (the endpoint's option).
    const handler = Object.assign((r: Request, i?: { clientAddress?: string }) => stack.handler(r, i), {
      basePath: stack.handler.basePath,
      logError: (line: string) => lines.push(line),
    });
    const app = express();
    app.use(parser);
    app.use(toExpressMiddleware(handler));
    const server = createServer(app);
    const url = await listen(server);
    return {
      url,
      lines,
      close: async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      },
    };
  }

  it.each([
    ['express.text({ type: "*/*" })', express.text({ type: '*/*', limit: '10mb' })],
    ['express.raw({ type: "*/*" })', express.raw({ type: '*/*', limit: '10mb' })],
  ])('%s: step 1 and the address answer a clear 500 at once instead of hanging', async (_name, parser) => {
    const shop = await appWith(parser);
    try {
      // A POST without a body lost nothing: the session still opens.
      const s = await fetch(`${shop.url}/kyc/session`, {
        method: 'POST',
        headers: { cookie: 'session=alice' },
      });
      expect(s.status).toBe(200);
      const { token } = (await s.json()) as { token: string };
      const step1 = await fetch(`${shop.url}/kyc/step1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: step1Form(),
        signal: AbortSignal.timeout(5_000),
      });
      expect(step1.status).toBe(500);
      expect(await step1.json()).toEqual({
        code: 'internal_error',
        message: 'The server is misconfigured.',
        retryable: false,
      });
      const addr = await fetch(`${shop.url}/kyc/address`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ address: '38.8977,-77.0365' }),
        signal: AbortSignal.timeout(5_000),
      });
      expect(addr.status).toBe(500);
      expect(shop.lines).toHaveLength(2);
      expect(shop.lines[0]).toMatch(
        /^argos-kyc: the request body of POST \/kyc\/step1 was read by another body parser before the middleware .*mount toExpressMiddleware before body parsers/,
      );
      expect(shop.lines[1]).toContain('POST /kyc/address');
    } finally {
      await shop.close();
    }
  });
});

describe('fetch handler', () => {
  it('answers a web Request directly (Deno, Bun, Workers style)', async () => {
    const res = await stack.handler(
      new Request('https://shop.example/kyc/session', {
        method: 'POST',
        headers: { cookie: 'session=carol', origin: 'https://shop.example' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const miss = await stack.handler(new Request('https://shop.example/other', { method: 'POST' }));
    expect(miss.status).toBe(404);
  });
});

describe('Node adapter', () => {
  it('keeps the connection alive after a successful upload, and closes it after a refused one', async () => {
    const { token } = await session(stack, 'alice');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (parts: Parameters<typeof rawMultipart>[0]) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const { body, contentType } = rawMultipart(parts);
        const req = request(
          new URL(`${stack.base}/step1`),
          {
            method: 'POST',
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': contentType,
              'content-length': String(body.length),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const ok = await send([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'a.jpg', bytes: jpeg(500_000) },
    ]);
    expect(ok).toEqual({ status: 200, connection: 'keep-alive' });
    const refused = await send([
      { name: 'idType', value: 'visa' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'a.jpg', bytes: jpeg(2_000_000) },
    ]);
    expect(refused).toEqual({ status: 400, connection: 'close' });
    agent.destroy();
  });
});
