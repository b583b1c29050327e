import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.ts';
import { call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: 'test-key', log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

describe('startSandbox', () => {
  it('listens on loopback and exposes its url and key', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.apiKey).toBe('test-key');
  });
});

describe('the default happy path (no scenario control)', () => {
  it('step 1 answers the specimen OCR, file_upload true and a submission id', async () => {
    const body = await step1(sandbox);
    expect(body.submissionId).toMatch(/^[a-z0-9]{16}$/);
    expect(body.file_upload).toBe(true);
    expect(body.reviewOCRData).toEqual({
      ocr_issueDate: '2020-02-25',
      ocr_expireDate: '2030-02-24',
      ocr_lastName: 'Specimen',
      ocr_firstName: 'Alex',
      ocr_name: 'Alex Specimen',
      ocr_gender: 'female',
      ocr_nationality: 'USA',
      ocr_birthDate: '1990-01-01',
    });
  });

  it('step 2 passes to pending with scores, and GET /submission shows the record', async () => {
    const { submissionId } = await step1(sandbox);
    const res = await step2(sandbox, submissionId, { gender: 'female', nationality: 'USA' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      verificationResult: 'success',
      faceSimilarityScore: 99,
      livenessScore: 91,
      kycStatus: 'pending',
      retryCount: 0,
    });
    const record = await getSubmission(sandbox, submissionId);
    expect(record).toMatchObject({
      submission_id: submissionId,
      email: 'applicant@example.test',
      userid: 'user-1',
      data: {
        name: 'Alex Specimen',
        date_of_birth: '1990-01-01',
        gender: 'female',
        nationality: 'USA',
        idType: 'passport',
        idcard_issuingCountry: 'USA',
      },
      kyc: { result: 'pending', attempts: [{ attemptCnt: 1, livenessScore: 91, faceSimilarityScore: 99 }] },
      aml: { risk_level_summary: 'Low', currentstatus: 'Not Screened' },
    });
    expect(record.applicant_id).toEqual(expect.any(String));
  });

  it('answers 403 with a JSON body without the key or with a wrong one, on every endpoint', async () => {
    const endpoints: Array<[string, string]> = [
      ['GET', '/v2/submission'],
      ['DELETE', '/v2/submission?submission_id=x'],
      ['GET', '/v2/submission/applicant?applicant_id=x'],
      ['POST', '/v2/submission/step1'],
      ['POST', '/v2/submission/step2'],
      ['POST', '/v2/address_code'],
      ['GET', '/v2/report/aml?resourceId=sbx-aml-0001'],
      ['GET', '/v2/image?submission_id=x&type=idImage'],
      ['POST', '/__sandbox/reset'],
    ];
    for (const [method, path] of endpoints) {
      for (const key of [null, 'wrong', 'test-key-but-longer']) {
        const res = await call(sandbox, path, { method, key });
        expect(res.status, `${method} ${path} ${key}`).toBe(403);
        expect(await res.json()).toEqual({ message: 'Forbidden' });
      }
    }
  });

  it('answers 404 with JSON for an unknown path and 405 for a wrong method', async () => {
    const unknown = await call(sandbox, '/v2/nothing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    const wrong = await call(sandbox, '/v2/submission/step1');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
