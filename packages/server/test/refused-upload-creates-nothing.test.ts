// A refused request creates nothing at the vendor: no paid submission on step 1, no
// spent attempt on step 2 (issue 10, findings 2 and 3). The proxy streams uploads,
// so every refusal must come before the closing delimiter reaches the vendor.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  file,
  jpeg,
  post,
  rawMultipart,
  session,
  startStack,
  submissionCount,
  throughStep1,
  type Stack,
} from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** POSTs `body` chunked (no Content-Length), in 64 KiB writes; answers status and JSON body. */
function postChunked(
  url: string,
  token: string,
  contentType: string,
  body: Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    // The proxy may answer and close before the whole body is written: that is fine here.
    req.on('error', (e) => (req.writableFinished ? undefined : reject(e)));
    let at = 0;
    const pump = () => {
      while (at < body.length) {
        const ok = req.write(body.subarray(at, at + 65536));
        at += 65536;
        if (!ok) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** A complete, valid form followed by `epilogue` bytes after its closing boundary. */
function withEpilogue(form: { body: Uint8Array; contentType: string }, epilogue: number) {
  const body = new Uint8Array(form.body.length + epilogue);
  body.set(form.body);
  body.fill(0x41, form.body.length);
  return { body, contentType: form.contentType };
}

describe('a valid form followed by a large epilogue, sent chunked', () => {
  it('on step 1: answers 413 and creates no submission', async () => {
    const { token } = await session(stack, 'alice');
    const form = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(4096) },
    ]);
    const before = await submissionCount(stack);
    const { body, contentType } = withEpilogue(form, 4 * 1024 * 1024);
    const r = await postChunked(`${stack.base}/step1`, token, contentType, body);
    expect(r).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect(await submissionCount(stack)).toBe(before);
  });

  it('on step 2: answers 413 and spends no attempt', async () => {
    const { token, submissionId } = await throughStep1(stack, 'bob', { email: 'bob@example.test' });
    const form = rawMultipart([
      { name: 'name', value: 'Alex Specimen' },
      { name: 'date_of_birth', value: '1990-01-01' },
      { name: 'faceImage', filename: 'selfie.jpg', bytes: jpeg(4096) },
    ]);
    const { body, contentType } = withEpilogue(form, 7 * 1024 * 1024);
    const r = await postChunked(`${stack.base}/step2`, token, contentType, body);
    expect(r).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect(stack.sandbox.control.submission(submissionId)!.kyc.attempts).toEqual([]);
  });

  it('still takes a form with a small epilogue', async () => {
    const { token } = await session(stack, 'carol');
    const form = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(4096) },
    ]);
    const { body, contentType } = withEpilogue(form, 100);
    const r = await postChunked(`${stack.base}/step1`, token, contentType, body);
    expect(r.status).toBe(200);
  });
});

describe('a step 2 without a faceImage', () => {
  it('is refused 400 invalid_field before the vendor gets a whole form, also with an addressImage', async () => {
    const { token, submissionId } = await throughStep1(stack);
    const form = new FormData();
    form.append('name', 'Alex Specimen');
    form.append('date_of_birth', '1990-01-01');
    form.append('addressImage', file(jpeg(), 'bill.jpg'));
    const r = await post(stack, 'step2', token, form);
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_field', field: 'faceImage' } });
    expect(stack.sandbox.control.submission(submissionId)!.kyc.attempts).toEqual([]);
    // And the same submission still takes a proper step 2 (no attempt was spent).
    const ok = new FormData();
    ok.append('name', 'Alex Specimen');
    ok.append('date_of_birth', '1990-01-01');
    ok.append('faceImage', file(jpeg(), 'selfie.jpg'));
    ok.append('addressImage', file(jpeg(), 'bill.jpg'));
    const r2 = await post(stack, 'step2', token, ok);
    expect(r2.status).toBe(200);
    expect(r2.body.attempt).toBe(1);
  });
});
