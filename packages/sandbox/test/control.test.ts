// Scenario control: the /__sandbox admin API, sandbox.control, image codes, and their
// precedence (admin-queued outcome > code printed on the image > default happy path).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markImage, renderSpecimenId, startSandbox, type Sandbox } from '../src/index.ts';
import { FACE_PNG, call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function admin(path: string, body?: unknown, method = 'POST'): Promise<Response> {
  return call(sandbox, `/__sandbox/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

async function status(
  submissionId: string,
  fields: Record<string, string> = {},
  face: Buffer = FACE_PNG,
): Promise<string> {
  const body = (await (await step2(sandbox, submissionId, fields, face)).json()) as { kycStatus: string };
  return body.kycStatus;
}

describe('the admin API', () => {
  it('needs the API key', async () => {
    const res = await call(sandbox, '/__sandbox/reset', { method: 'POST', key: null });
    expect(res.status).toBe(403);
  });

  it('queues OCR fields for step 1, merged over the specimen', async () => {
    const res = await admin('scenarios', {
      userid: 'user-1',
      ocr: { ocr_name: 'Kim Minji', ocr_nationality: 'KOR' },
    });
    expect(res.status).toBe(201);
    const body = await step1(sandbox);
    expect(body.reviewOCRData).toMatchObject({
      ocr_name: 'Kim Minji',
      ocr_nationality: 'KOR',
      ocr_birthDate: '1990-01-01',
    });
    // Consumed: the next step 1 is the specimen again.
    expect((await step1(sandbox)).reviewOCRData).toMatchObject({ ocr_name: 'Alex Specimen' });
  });

  it('queues an OCR failure: no reviewOCRData, file_upload still true', async () => {
    await admin('scenarios', { ocr: 'fail' });
    const body = await step1(sandbox);
    expect(body).not.toHaveProperty('reviewOCRData');
    expect(body.file_upload).toBe(true);
  });

  it('consumes step-2 outcomes one per attempt, then falls back to the default', async () => {
    await admin('scenarios', { email: 'applicant@example.test', step2: ['two-faces'] });
    const { submissionId } = await step1(sandbox);
    expect(await status(submissionId)).toBe('incomplete');
    expect(await status(submissionId)).toBe('pending');
  });

  it('matches userid before email before any, and leaves others alone', async () => {
    sandbox.control.scenario({ any: true, step2: ['low-liveness'] });
    sandbox.control.scenario({ email: 'carol@example.test', step2: ['low-similarity'] });
    sandbox.control.scenario({ userid: 'carol', step2: ['no-face'] });
    const carol = await step1(sandbox, { userid: 'carol', email: 'carol@example.test' });
    const attempts = [];
    for (let i = 0; i < 3; i++)
      attempts.push(
        ((await (await step2(sandbox, carol.submissionId)).json()) as { message: string }).message,
      );
    expect(attempts[0]).toMatch(/no face/);
    expect(attempts[1]).toMatch(/Face compare/);
    expect(attempts[2]).toMatch(/Liveness/);
    sandbox.control.scenario({ userid: 'dave', step2: ['no-face'] });
    const erin = await step1(sandbox, { userid: 'erin', email: 'erin@example.test' });
    expect(await status(erin.submissionId)).toBe('pending');
    expect(sandbox.control.scenarios()).toHaveLength(1);
  });

  it('rejects malformed scenarios with 400', async () => {
    for (const body of [
      { step2: ['explode'] },
      { ocr: 42 },
      {},
      { userid: 'x', any: true, step2: ['pass'] },
      { review: { decision: 'reject' } },
    ]) {
      const res = await admin('scenarios', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(sandbox, '/__sandbox/scenarios', { method: 'POST', body: 'not json' })).status).toBe(
      400,
    );
  });

  it('lists queued scenarios and forgets them on reset', async () => {
    await admin('scenarios', { step2: ['pass'] });
    expect(
      ((await (await admin('scenarios', undefined, 'GET')).json()) as { scenarios: unknown[] }).scenarios,
    ).toHaveLength(1);
    const { submissionId } = await step1(sandbox);
    expect((await admin('reset')).status).toBe(200);
    expect(sandbox.control.scenarios()).toEqual([]);
    expect(sandbox.control.submission(submissionId)).toBeUndefined();
  });
});

describe('manual review of a pending submission', () => {
  it('approves over HTTP', async () => {
    const { submissionId } = await step1(sandbox);
    await step2(sandbox, submissionId);
    const res = await admin('review', { submissionId, decision: 'approve' });
    expect(res.status).toBe(200);
    expect((await getSubmission(sandbox, submissionId)).kyc.result).toBe('approved');
  });

  it('rejects with a comment code and its comment', async () => {
    const { submissionId } = await step1(sandbox);
    await step2(sandbox, submissionId);
    sandbox.control.review({ submissionId, decision: 'reject', commentCode: 'fake_id' });
    expect((await getSubmission(sandbox, submissionId)).kyc).toMatchObject({
      result: 'rejected',
      comment: ['The ID document appears to be forged or altered'],
      commentCode: ['fake_id'],
    });
  });

  it('answers 400 for a submission that is not pending, 404 for an unknown one, 400 for a reject without code', async () => {
    const { submissionId } = await step1(sandbox);
    expect((await admin('review', { submissionId, decision: 'approve' })).status).toBe(400);
    expect((await admin('review', { submissionId: 'nope', decision: 'approve' })).status).toBe(404);
    expect((await admin('review', { decision: 'approve' })).status).toBe(400);
    await step2(sandbox, submissionId);
    expect((await admin('review', { submissionId, decision: 'reject' })).status).toBe(400);
    expect((await admin('review', { submissionId, decision: 'maybe' })).status).toBe(400);
  });

  it('applies a queued review decision as soon as the submission turns pending', async () => {
    sandbox.control.scenario({ userid: 'user-1', review: { decision: 'reject', commentCode: 'underage' } });
    const { submissionId } = await step1(sandbox);
    expect(await status(submissionId)).toBe('pending');
    expect((await getSubmission(sandbox, submissionId)).kyc).toMatchObject({
      result: 'rejected',
      commentCode: ['underage'],
    });
  });
});

describe('auto-approve', () => {
  it('turns a passing step 2 into approved, over HTTP and by option', async () => {
    expect(await (await admin('config', { autoApprove: true })).json()).toEqual({ autoApprove: true });
    const { submissionId } = await step1(sandbox);
    expect(await status(submissionId)).toBe('approved');
    const other = await startSandbox({ port: 0, log: false, autoApprove: true });
    try {
      const s = await step1(other);
      expect(((await (await step2(other, s.submissionId)).json()) as { kycStatus: string }).kycStatus).toBe(
        'approved',
      );
    } finally {
      await other.close();
    }
  });

  it('is switched off again by reset', async () => {
    sandbox.control.configure({ autoApprove: true });
    sandbox.control.reset();
    const { submissionId } = await step1(sandbox);
    expect(await status(submissionId)).toBe('pending');
  });
});

describe('image codes', () => {
  it('an ID printed with ocr-fail gets no OCR; with ocr-korean-id, the Korean fields', async () => {
    expect(
      await step1(sandbox, {}, renderSpecimenId({ code: 'ocr-fail', width: 640, height: 480 })),
    ).not.toHaveProperty('reviewOCRData');
    const korean = await step1(
      sandbox,
      { issuingCountry: 'KOR', idType: 'government_id' },
      renderSpecimenId({ code: 'ocr-korean-id', width: 640, height: 480 }),
    );
    expect(korean.reviewOCRData).toMatchObject({
      ocr_identityNumber: '900101-2345678',
      ocr_nationality: 'KOR',
    });
    const licence = await step1(
      sandbox,
      { issuingCountry: 'KOR', idType: 'drivers_license' },
      renderSpecimenId({ code: 'ocr-korean-license', width: 640, height: 480 }),
    );
    expect(licence.reviewOCRData).toMatchObject({ ocr_licenseNumber: '11-20-123456-01' });
  });

  it.each([
    ['selfie-no-face', 'incomplete'],
    ['selfie-two-faces', 'incomplete'],
    ['selfie-low-similarity', 'incomplete'],
    ['selfie-low-liveness', 'incomplete'],
    ['selfie-pass', 'pending'],
    ['selfie-approve', 'approved'],
  ] as const)('a selfie printed with %s answers %s', async (code, expected) => {
    const { submissionId } = await step1(sandbox);
    expect(await status(submissionId, {}, markImage(FACE_PNG, code))).toBe(expected);
  });

  it('selfie-kor-id-fail fails a Korean submission', async () => {
    const { submissionId } = await step1(sandbox, { issuingCountry: 'KOR', idType: 'government_id' });
    expect(await status(submissionId, {}, markImage(FACE_PNG, 'selfie-kor-id-fail'))).toBe('incomplete');
  });

  it('an admin-queued outcome takes precedence over the image code', async () => {
    sandbox.control.scenario({ step2: ['pass'], ocr: { ocr_name: 'Queued Name' } });
    const s = await step1(sandbox, {}, renderSpecimenId({ code: 'ocr-fail', width: 640, height: 480 }));
    expect(s.reviewOCRData).toMatchObject({ ocr_name: 'Queued Name' });
    expect(await status(s.submissionId, {}, markImage(FACE_PNG, 'selfie-no-face'))).toBe('pending');
  });
});
