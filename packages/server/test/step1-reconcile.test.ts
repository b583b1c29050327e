// A step 1 whose answer never reached the browser (our vendor timeout, or the
// browser gone after the request left) must not leave an orphan paid submission:
// the proxy asks the vendor for this applicant's recent submissions, binds the one
// it finds, and a later step 1 of the same applicant reuses it instead of creating
// another (issue 10, finding 10). Driven by the sandbox's latency and timeout faults.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  post,
  rawMultipart,
  jpeg,
  session,
  startStack,
  step1Form,
  submissionCount,
  type Stack,
} from './helpers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function status(s: Stack, token: string) {
  const res = await fetch(`${s.base}/status`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Sends a whole step 1, then goes away before the answer (the browser's abort after the request left). */
async function sendWholeThenAbort(s: Stack, token: string, afterMs: number): Promise<void> {
  const { body, contentType } = rawMultipart([
    { name: 'idType', value: 'passport' },
    { name: 'issuingCountry', value: 'USA' },
    { name: 'idImage', filename: 'id.jpg', bytes: jpeg(4096) },
  ]);
  const req = httpRequest(`${s.base}/step1`, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': body.length },
  });
  req.on('error', () => undefined);
  req.end(body);
  await new Promise((r) => setTimeout(r, afterMs));
  req.destroy();
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe('a step 1 the vendor completes after our timeout', () => {
  it('is found right away and bound: one submission, answered 200 with a working token', async () => {
    stack = await startStack({ vendorTimeoutMs: 400 });
    // 'latency': the sandbox does the work at once and holds its answer back.
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 1500 });
    const { token } = await session(stack, 'alice');
    const r = await post(stack, 'step1', token, step1Form());
    expect(r.status).toBe(200);
    expect(r.body.ocr).toBeNull();
    expect(await submissionCount(stack)).toBe(1);
    const s = await status(stack, r.body.token as string);
    expect(s).toMatchObject({ status: 200, body: { submissionId: r.body.submissionId, attempts: 0 } });
  });
});

describe('a step 1 the vendor never completes', () => {
  it('answers 504, and the retry creates the one submission', async () => {
    stack = await startStack({ vendorTimeoutMs: 400 });
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'timeout' });
    const { token } = await session(stack, 'alice');
    const first = await post(stack, 'step1', token, step1Form());
    expect(first).toMatchObject({ status: 504, body: { code: 'vendor_timeout' } });
    expect(await submissionCount(stack)).toBe(0);
    const retry = await post(stack, 'step1', token, step1Form());
    expect(retry.status).toBe(200);
    expect(await submissionCount(stack)).toBe(1);
  });
});

describe('a browser that leaves after its step 1 reached the vendor', () => {
  it('gets the same submission on its next step 1, instead of a second one', async () => {
    stack = await startStack();
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 800 });
    const { token } = await session(stack, 'alice');
    const audits = stack.audits.length;
    await sendWholeThenAbort(stack, token, 200);
    await until(() => stack!.audits.length > audits);
    expect(stack.audits.at(-1)).toMatchObject({ type: 'step1', status: 499, code: 'client_closed' });
    const orphan = stack.audits.at(-1)!.submissionId;
    expect(orphan).toEqual(expect.any(String));
    expect(await submissionCount(stack)).toBe(1);

    // The widget starts over with a refreshed token of the same applicant.
    const { token: again } = await session(stack, 'alice', { headers: { authorization: `Bearer ${token}` } });
    const vendorSteps = stack.logs.filter((l) => l.startsWith('POST /v2/submission/step1')).length;
    const r = await post(stack, 'step1', again, step1Form());
    expect(r.status).toBe(200);
    expect(r.body.submissionId).toBe(orphan);
    expect(await submissionCount(stack)).toBe(1);
    // Reused, not uploaded again.
    expect(stack.logs.filter((l) => l.startsWith('POST /v2/submission/step1')).length).toBe(vendorSteps);
    expect((await status(stack, r.body.token as string)).status).toBe(200);
    // Once bound, the next step 1 of this applicant is a new one again.
    const { token: fresh } = await session(stack, 'alice');
    expect((await post(stack, 'step1', fresh, step1Form())).status).toBe(200);
    expect(await submissionCount(stack)).toBe(2);
  });

  it('does not reuse it for another document', async () => {
    stack = await startStack();
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 800 });
    const { token } = await session(stack, 'alice');
    const audits = stack.audits.length;
    await sendWholeThenAbort(stack, token, 200);
    await until(() => stack!.audits.length > audits);
    const r = await post(stack, 'step1', token, step1Form({ idType: 'drivers_license' }));
    expect(r.status).toBe(200);
    expect(r.body.submissionId).not.toBe(stack.audits.at(-2)!.submissionId);
    expect(await submissionCount(stack)).toBe(2);
  });

  it('never hands one applicant’s orphan to another', async () => {
    stack = await startStack();
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 800 });
    const { token } = await session(stack, 'alice');
    const audits = stack.audits.length;
    await sendWholeThenAbort(stack, token, 200);
    await until(() => stack!.audits.length > audits);
    const orphan = stack.audits.at(-1)!.submissionId;
    const { token: carol } = await session(stack, 'carol');
    const r = await post(stack, 'step1', carol, step1Form());
    expect(r.status).toBe(200);
    expect(r.body.submissionId).not.toBe(orphan);
  });
});
