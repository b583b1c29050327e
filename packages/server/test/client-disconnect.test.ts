// A browser that goes away in the middle of a form is not a server error: it is
// audited as `client_closed` (status 499, nothing answered) and logged nowhere, so
// that nobody can flood an operator's error alerts for free (issue 10, finding 4).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, rawMultipart, session, startStack, submissionCount, type Stack } from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Sends the request head and the first `cut` bytes of `body` on a raw socket, then resets it. */
async function sendAndVanish(
  path: string,
  token: string,
  contentType: string,
  body: Uint8Array,
  cut: number,
) {
  const url = new URL(`${stack.base}/${path}`);
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, cut));
  await new Promise((r) => setTimeout(r, 150));
  socket.resetAndDestroy();
}

async function nextAudit(before: number) {
  const deadline = Date.now() + 5000;
  while (stack.audits.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return stack.audits.at(-1)!;
}

const form = () =>
  rawMultipart([
    { name: 'idType', value: 'passport' },
    { name: 'issuingCountry', value: 'USA' },
    { name: 'idImage', filename: 'id.jpg', bytes: jpeg(1_000_000) },
  ]);

describe('a browser that disconnects mid-form', () => {
  it('in a text field: audited as client_closed, not a 500, and no error is logged', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = form();
    const before = stack.audits.length;
    const logsBefore = stack.logs.length;
    await sendAndVanish('step1', token, contentType, body, 60);
    const event = await nextAudit(before);
    expect(event).toMatchObject({ type: 'step1', status: 499, code: 'client_closed' });
    expect(stack.logs.slice(logsBefore).join('\n')).not.toMatch(/internal error/);
    expect(await submissionCount(stack)).toBe(0);
  });

  it('in the image: audited as client_closed, and the vendor request is abandoned', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = form();
    const before = stack.audits.length;
    const logsBefore = stack.logs.length;
    await sendAndVanish('step1', token, contentType, body, 500_000);
    const event = await nextAudit(before);
    expect(event).toMatchObject({ type: 'step1', status: 499, code: 'client_closed' });
    expect(stack.logs.slice(logsBefore).join('\n')).not.toMatch(/internal error/);
    expect(await submissionCount(stack)).toBe(0);
  });
});
