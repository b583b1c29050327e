// A vendor that stops reading in the middle of a large upload must not hang the
// call: the vendor timeout bounds every wait on the vendor, taking the body as well
// as answering it (issue 10, finding 1). The applicant's own pace is not the
// vendor's: a slow upload is bounded by the upload idle timeout instead
// (upload-idle-timeout.test.ts), and security.test.ts keeps a trickling upload
// that is slower than the vendor timeout working.
import { afterEach, describe, expect, it } from 'vitest';
import { file, jpeg, post, startStack, step2Form, throughStep1, type Stack } from './helpers.ts';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** A step 2 with two ~3 MiB images: far more than the socket buffers between proxy and vendor hold. */
function bigStep2(): FormData {
  const form = step2Form({}, file(jpeg(3_000_000), 'selfie.jpg'));
  form.append('addressImage', file(jpeg(3_000_000), 'bill.jpg'));
  return form;
}

describe('a vendor that stops reading mid-upload', () => {
  for (const nodeUploads of [true, false]) {
    it(`answers 504 vendor_timeout at about the vendor timeout (${nodeUploads ? 'node:http' : 'fetch'} transport)`, async () => {
      stack = await startStack({ vendorTimeoutMs: 700 }, { nodeUploads });
      const { token, submissionId } = await throughStep1(stack);
      // 'timeout': the sandbox takes the request and never reads its body nor answers.
      stack.sandbox.control.fault({ path: '/v2/submission/step2', kind: 'timeout' });
      const started = Date.now();
      const r = await post(stack, 'step2', token, bigStep2());
      const took = Date.now() - started;
      expect(r).toMatchObject({ status: 504, body: { code: 'vendor_timeout', retryable: true } });
      expect(took).toBeLessThan(4000);
      // No attempt was spent: the vendor never had the whole form.
      expect(stack.sandbox.control.submission(submissionId)!.kyc.attempts).toEqual([]);
    }, 10_000);
  }

  it('still answers when the vendor answers late but within the timeout', async () => {
    stack = await startStack({ vendorTimeoutMs: 2000 });
    const { token } = await throughStep1(stack);
    stack.sandbox.control.fault({ path: '/v2/submission/step2', kind: 'latency', ms: 400 });
    const r = await post(stack, 'step2', token, bigStep2());
    expect(r.status).toBe(200);
  });
});
