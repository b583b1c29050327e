// An upload that stops sending is ended after `uploadIdleTimeoutMs` without a byte:
// 408 upload_timeout, the connection closed, the vendor request aborted, so that a
// stalled browser holds no vendor connection until Node's 300 s request timeout
// (issue 10, finding 10). The time the proxy spends waiting on the vendor is not
// the applicant's idleness (vendor-stall.test.ts covers that side).
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, rawMultipart, session, startStack, submissionCount, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ uploadIdleTimeoutMs: 600 });
});
afterAll(() => stack.close());

/** Opens a raw connection, sends the head and the first `cut` bytes of `body`, then nothing more. */
async function stall(token: string, contentType: string, body: Uint8Array, cut: number) {
  const url = new URL(`${stack.base}/step1`);
  const socket: Socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  const received: Buffer[] = [];
  socket.on('data', (c: Buffer) => received.push(c));
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  const started = Date.now();
  socket.write(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, cut));
  const closedAt = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
  socket.destroy();
  return { started, closedAt, text: Buffer.concat(received).toString('utf8') };
}

const form = () =>
  rawMultipart([
    { name: 'idType', value: 'passport' },
    { name: 'issuingCountry', value: 'USA' },
    { name: 'idImage', filename: 'id.jpg', bytes: jpeg(1_000_000) },
  ]);

describe('an upload that stops sending', () => {
  it('mid-image: 408 upload_timeout, connection closed, the vendor request aborted', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = form();
    const r = await stall(token, contentType, body, 300_000);
    expect(r.closedAt).toBeGreaterThan(0);
    expect(r.closedAt - r.started).toBeGreaterThanOrEqual(550);
    expect(r.closedAt - r.started).toBeLessThan(3000);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.text).toMatch(/connection: close/i);
    expect(JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      code: 'upload_timeout',
      retryable: true,
    });
    // The vendor saw its request end without a whole form: it created nothing.
    const deadline = Date.now() + 3000;
    while (!stack.logs.some((l) => /POST \/v2\/submission\/step1 dropped/.test(l)) && Date.now() < deadline)
      await new Promise((res) => setTimeout(res, 20));
    expect(stack.logs.some((l) => /POST \/v2\/submission\/step1 dropped/.test(l))).toBe(true);
    expect(await submissionCount(stack)).toBe(0);
    expect(stack.audits.at(-1)).toMatchObject({ type: 'step1', status: 408, code: 'upload_timeout' });
  });

  it('before the image: 408 and the vendor is never called', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = form();
    const vendorCalls = stack.logs.filter((l) => l.includes('/v2/submission/step1')).length;
    const r = await stall(token, contentType, body, 40);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(stack.logs.filter((l) => l.includes('/v2/submission/step1')).length).toBe(vendorCalls);
  });
});
