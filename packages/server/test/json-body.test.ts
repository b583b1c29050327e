// The small JSON bodies (endpoint/json-body.ts), read through POST /address on the
// fetch handler itself, so that the declared length and the way the body arrives
// (whole, or streamed without a length) are the test's: the content type read exactly,
// the 4 KiB limit to the byte (declared, and counted while streaming), strict UTF-8,
// and an object or a 400, each with its message. And the two refusals of GET /status.
// Written for the endpoint's mutation run (issue 17): Stryker found most of these
// unpinned (json-body.ts scored 33 %).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_MAX_BODY_BYTES } from '@argos-kyc/protocol';
import { SessionTokens } from '../src/index.ts';
import { SECRET, session, startStack, throughStep1, type Stack } from './helpers.ts';

let stack: Stack;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  ({ token } = await session(stack, 'alice'));
});
afterAll(() => stack.close());

/** `text` padded with spaces (still the same JSON) to exactly `bytes` bytes. */
const padded = (text: string, bytes: number) =>
  new TextEncoder().encode(text + ' '.repeat(bytes - text.length));

/** A stream of `bytes` in chunks of 1 KiB, with no declared length. */
function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 1024));
      at += 1024;
    },
  });
}

async function address(
  body: BodyInit,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await stack.handler(
    new Request(`${stack.base}/address`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const valid = JSON.stringify({ address: '1600 Amphitheatre Parkway' });

describe('the content type', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json ;charset=utf-8',
  ])('%s is JSON', async (type) => {
    expect((await address(valid, { 'content-type': type })).status).toBe(200);
  });

  it.each(['text/plain', 'x-application/json', 'application/json-patch+json', 'application/jsonx'])(
    '%s is not',
    async (type) => {
      expect((await address(valid, { 'content-type': type })).body).toEqual({
        code: 'malformed_request',
        message: 'The body must be JSON.',
        retryable: false,
      });
    },
  );
});

describe('the size limit', () => {
  const tooLarge = {
    code: 'payload_too_large',
    message: `The body is larger than ${JSON_MAX_BODY_BYTES} bytes.`,
    retryable: false,
  };

  it('takes a body of exactly the limit, declared or streamed', async () => {
    const exact = padded(valid, JSON_MAX_BODY_BYTES);
    const declared = { 'content-type': 'application/json', 'content-length': String(exact.length) };
    expect((await address(exact, declared)).status).toBe(200);
    expect((await address(streamed(exact))).status).toBe(200);
  });

  it('refuses a byte more, declared (before reading) or streamed (while reading)', async () => {
    const over = padded(valid, JSON_MAX_BODY_BYTES + 1);
    expect(
      (await address(over, { 'content-type': 'application/json', 'content-length': String(over.length) }))
        .body,
    ).toEqual(tooLarge);
    expect((await address(streamed(over))).body).toEqual(tooLarge);
    // A declared length alone is enough: the small body behind it is never read.
    expect(
      (
        await address(valid, {
          'content-type': 'application/json',
          'content-length': String(JSON_MAX_BODY_BYTES + 1),
        })
      ).body,
    ).toEqual(tooLarge);
  });
});

describe('the JSON', () => {
  it('must be UTF-8 and JSON', async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"address":"Stra'),
      0xdf,
      ...new TextEncoder().encode('e 1"}'),
    ]);
    for (const body of [latin1, '{"address":', "{'address':'x'}"])
      expect((await address(body)).body).toEqual({
        code: 'malformed_request',
        message: 'The body is not valid JSON.',
        retryable: false,
      });
  });

  it.each(['[]', 'null', '"1 Main St"', '42', 'true'])('%s is not an object', async (body) => {
    expect((await address(body)).body).toEqual({
      code: 'malformed_request',
      message: 'The body must be a JSON object.',
      retryable: false,
    });
  });
});

describe('GET /status refusals', () => {
  const status = (bearer: string) =>
    fetch(`${stack.base}/status`, { headers: { authorization: `Bearer ${bearer}` } }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  it('an unbound token, and one bound to a submission that is not its applicant’s', async () => {
    expect((await status(token)).body).toEqual({
      code: 'submission_mismatch',
      message: 'This token is not bound to a submission.',
      retryable: false,
    });
    const a = await throughStep1(stack, 'alice');
    const tokens = new SessionTokens({ secrets: [{ kid: 'k1', secret: SECRET }] });
    const crossed = await tokens.mint({ sub: 'carol', sid: a.submissionId });
    expect((await status(crossed.token)).body).toEqual({
      code: 'submission_mismatch',
      message: 'No submission of this applicant matches the token.',
      retryable: false,
    });
  });
});
