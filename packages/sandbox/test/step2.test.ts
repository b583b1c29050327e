// POST /v2/submission/step2: input validation, the three-attempt rule (docs/vendor-api.md #6), the
// causes of `incomplete` (docs/vendor-api.md #7), Korean-only fields (docs/vendor-api.md #16), address fields.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, startSandbox, type Sandbox, type Step2Outcome } from '../src/index.ts';
import { FACE_PNG, ID_PNG, call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function expectFieldError(res: Response, field: string, status = 400): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ field, message: expect.any(String) });
}

describe('POST /v2/submission/step2 input', () => {
  it.each(['name', 'date_of_birth'])('answers 400 naming %s when it is missing', async (field) => {
    const { submissionId } = await step1(sandbox);
    await expectFieldError(await step2(sandbox, submissionId, { [field]: undefined }), field);
  });

  it('answers 400 naming submissionId when it is missing', async () => {
    await expectFieldError(await step2(sandbox, '', {}), 'submissionId');
  });

  it('answers 400 naming faceImage when the selfie is missing or not an image', async () => {
    const { submissionId } = await step1(sandbox);
    await expectFieldError(await step2(sandbox, submissionId, {}, null), 'faceImage');
    await expectFieldError(
      await step2(sandbox, submissionId, {}, Buffer.from('GIF89a not allowed')),
      'faceImage',
    );
  });

  it('answers 404 for an unknown submission id', async () => {
    await expectFieldError(await step2(sandbox, 'nosuchsubmission'), 'submissionId', 404);
  });

  it.each([
    ['date_of_birth', '01/01/1990'],
    ['date_of_birth', '1990-02-30'],
    ['gender', 'other'],
    ['nationality', 'XYZ'],
    ['date_of_issue', '2020-13-01'],
    ['address_country', 'France'],
    ['globalCode', 'not a code'],
  ])('answers 400 naming %s for the malformed value %s', async (field, value) => {
    const { submissionId } = await step1(sandbox);
    await expectFieldError(await step2(sandbox, submissionId, { [field]: value }), field);
  });

  it('a rejected input does not spend an attempt', async () => {
    const { submissionId } = await step1(sandbox);
    expect((await step2(sandbox, submissionId, { gender: 'x' })).status).toBe(400);
    expect((await getSubmission(sandbox, submissionId)).kyc.attempts).toEqual([]);
  });

  it('answers 413 for a selfie or an address document over 3 MiB', async () => {
    const { submissionId } = await step1(sandbox);
    const over = Buffer.concat([FACE_PNG, Buffer.alloc(MAX_FILE_BYTES + 1 - FACE_PNG.length)]);
    expect((await step2(sandbox, submissionId, {}, over)).status).toBe(413);
    expect((await step2(sandbox, submissionId, {}, FACE_PNG, { addressImage: over })).status).toBe(413);
  });

  it('stores gender, nationality, date of issue and the address fields in the record', async () => {
    const { submissionId } = await step1(sandbox);
    const res = await step2(
      sandbox,
      submissionId,
      {
        gender: 'female',
        nationality: 'CAN',
        date_of_issue: '2021-03-04',
        address_street: '1600 Pennsylvania Avenue NW',
        address_city: 'Washington',
        address_state: 'DC',
        address_country: 'USA',
        address_zipcode: '20500',
        globalCode: '87C4VXX7+39',
        compoundCode: 'VXX7+39 Washington, DC, USA',
        formatted_address: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
        address_input: '1600 pennsylvania ave',
        address_detail: 'West Wing',
      },
      FACE_PNG,
      { addressImage: ID_PNG },
    );
    expect(res.status).toBe(200);
    const record = await getSubmission(sandbox, submissionId);
    expect(record.data).toMatchObject({
      gender: 'female',
      nationality: 'CAN',
      idcard_issueDate: '2021-03-04',
      address_street: '1600 Pennsylvania Avenue NW',
      address_city: 'Washington',
      address_state: 'DC',
      address_country: 'USA',
      address_zipcode: '20500',
      address_globalCode: '87C4VXX7+39',
      address_compoundCode: 'VXX7+39 Washington, DC, USA',
      address_formatted: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
      address_input: '1600 pennsylvania ave',
      address_detail: 'West Wing',
    });
    const doc = await call(sandbox, `/v2/image?submission_id=${submissionId}&type=addressImage`);
    expect(doc.status).toBe(200);
    expect(Buffer.from(await doc.arrayBuffer()).equals(ID_PNG)).toBe(true);
  });
});

describe('Korean-only fields (docs/vendor-api.md #16)', () => {
  it('takes identity_number for a Korean ID and keeps it masked in the record', async () => {
    const { submissionId } = await step1(sandbox, { issuingCountry: 'KOR', idType: 'government_id' });
    expect((await step2(sandbox, submissionId, { identity_number: '900101-2345678' })).status).toBe(200);
    expect((await getSubmission(sandbox, submissionId)).data).toMatchObject({
      identityNumber: '900101-2******',
    });
  });

  it('takes license_number and serial_number for a Korean driver licence', async () => {
    const { submissionId } = await step1(sandbox, { issuingCountry: 'KOR', idType: 'drivers_license' });
    const res = await step2(sandbox, submissionId, {
      license_number: '11-20-123456-01',
      serial_number: 'A1B2C3',
    });
    expect(res.status).toBe(200);
    expect((await getSubmission(sandbox, submissionId)).data).toMatchObject({
      documentNumber: '11-20-123456-01',
    });
  });

  it('refuses identity_number on a non-Korean document', async () => {
    const { submissionId } = await step1(sandbox, { issuingCountry: 'USA' });
    await expectFieldError(
      await step2(sandbox, submissionId, { identity_number: '900101-2345678' }),
      'identity_number',
    );
  });

  it.each(['license_number', 'serial_number'])(
    'refuses %s on a Korean ID card (licence only)',
    async (field) => {
      const { submissionId } = await step1(sandbox, { issuingCountry: 'KOR', idType: 'government_id' });
      const value = field === 'license_number' ? '11-20-123456-01' : 'A1B2C3';
      await expectFieldError(await step2(sandbox, submissionId, { [field]: value }), field);
    },
  );

  it.each([
    ['identity_number', '90010-12345678'],
    ['license_number', '1120123'],
    ['serial_number', 'ABCDEFG'],
  ])('refuses a malformed %s', async (field, value) => {
    const { submissionId } = await step1(sandbox, { issuingCountry: 'KOR', idType: 'drivers_license' });
    await expectFieldError(await step2(sandbox, submissionId, { [field]: value }), field);
  });

  it('fails the Korean ID verification only for Korean documents', async () => {
    sandbox.control.scenario({ userid: 'kor', step2: ['kor-id-fail'] });
    const kor = await step1(sandbox, { issuingCountry: 'KOR', idType: 'government_id', userid: 'kor' });
    const res = await step2(sandbox, kor.submissionId, { identity_number: '900101-2345678' });
    expect(await res.json()).toMatchObject({
      kycStatus: 'incomplete',
      verificationResult: 'fail',
      message: expect.stringMatching(/ID verification failed/),
    });
    sandbox.control.scenario({ userid: 'usa', step2: ['kor-id-fail'] });
    const usa = await step1(sandbox, { userid: 'usa' });
    expect(await (await step2(sandbox, usa.submissionId)).json()).toMatchObject({ kycStatus: 'pending' });
  });
});

describe('causes of incomplete (docs/vendor-api.md #7)', () => {
  const causes: Array<[Step2Outcome, RegExp, { faceSimilarityScore?: number; livenessScore?: number }]> = [
    ['no-face', /no face detected/, {}],
    ['two-faces', /more than one face/, {}],
    ['low-similarity', /Face compare failed/, { faceSimilarityScore: 42 }],
    ['low-liveness', /Liveness check failed/, { livenessScore: 23 }],
  ];
  it.each(causes)(
    '%s answers incomplete with a message, recorded as retryMsg',
    async (outcome, message, scores) => {
      sandbox.control.scenario({ step2: [outcome] });
      const { submissionId } = await step1(sandbox);
      const body = (await (await step2(sandbox, submissionId)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        kycStatus: 'incomplete',
        verificationResult: 'fail',
        retryCount: 0,
        message: expect.stringMatching(message),
        ...scores,
      });
      if (scores.faceSimilarityScore !== undefined) expect(scores.faceSimilarityScore).toBeLessThan(85);
      if (scores.livenessScore !== undefined) expect(scores.livenessScore).toBeLessThan(50);
      const record = await getSubmission(sandbox, submissionId);
      expect(record.kyc.result).toBe('incomplete');
      expect(record.kyc.attempts).toEqual([
        expect.objectContaining({
          attemptCnt: 1,
          retryMsg: expect.stringMatching(message),
          error: expect.any(String),
        }),
      ]);
    },
  );
});

describe('the three-attempt rule (docs/vendor-api.md #6)', () => {
  it('counts incomplete attempts in retryCount and passes on a later attempt', async () => {
    sandbox.control.scenario({ step2: ['no-face', 'low-liveness', 'pass'] });
    const { submissionId } = await step1(sandbox);
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        (await (await step2(sandbox, submissionId)).json()) as { kycStatus: string; retryCount: number },
      );
    expect(answers.map((a) => [a.kycStatus, a.retryCount])).toEqual([
      ['incomplete', 0],
      ['incomplete', 1],
      ['pending', 2],
    ]);
    const record = await getSubmission(sandbox, submissionId);
    expect(record.kyc.attempts).toHaveLength(3);
  });

  it('rejects with too_many_retry when the third attempt is incomplete', async () => {
    sandbox.control.scenario({ step2: ['no-face', 'low-similarity', 'two-faces'] });
    const { submissionId } = await step1(sandbox);
    await step2(sandbox, submissionId);
    await step2(sandbox, submissionId);
    const third = (await (await step2(sandbox, submissionId)).json()) as Record<string, unknown>;
    expect(third).toMatchObject({ kycStatus: 'rejected', retryCount: 2, verificationResult: 'fail' });
    const record = await getSubmission(sandbox, submissionId);
    expect(record.kyc).toMatchObject({
      result: 'rejected',
      comment: ['Too many retry'],
      commentCode: ['too_many_retry'],
    });
    expect((record.kyc.attempts as Array<{ attemptCnt: number }>).map((a) => a.attemptCnt)).toEqual([
      1, 2, 3,
    ]);
  });

  it.each([
    ['pending', []],
    ['approved', ['approve']],
  ] as const)('answers 400 for step 2 on a %s submission', async (status, outcomes) => {
    if (outcomes.length) sandbox.control.scenario({ step2: [...outcomes] });
    const { submissionId } = await step1(sandbox);
    expect(await (await step2(sandbox, submissionId)).json()).toMatchObject({ kycStatus: status });
    await expectFieldError(await step2(sandbox, submissionId), 'submissionId');
  });

  it('answers 400 for step 2 on a rejected submission', async () => {
    sandbox.control.scenario({ step2: ['no-face', 'no-face', 'no-face'] });
    const { submissionId } = await step1(sandbox);
    for (let i = 0; i < 3; i++) await step2(sandbox, submissionId);
    await expectFieldError(await step2(sandbox, submissionId), 'submissionId');
  });
});
