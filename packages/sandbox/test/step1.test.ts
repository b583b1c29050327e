// POST /v2/submission/step1: every input and output field of the vendor's step 1
// (docs/vendor-api.md, "The API"), and #5.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, startSandbox, type Sandbox } from '../src/index.ts';
import { ID_PNG, STEP1, call, form, getSubmission, step1 } from './helpers.ts';
import { decodeRaster, encodeJpeg } from '../src/imagecode.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function post(fields: Record<string, string | undefined>, image: Buffer | null = ID_PNG): Promise<Response> {
  return call(sandbox, '/v2/submission/step1', {
    method: 'POST',
    body: form(fields, { idImage: image ?? undefined }),
  });
}

async function expectFieldError(res: Response, field: string, status = 400): Promise<void> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { message: string; field?: string };
  expect(body.field).toBe(field);
  expect(body.message).toEqual(expect.any(String));
}

describe('POST /v2/submission/step1 input', () => {
  it.each(['issuingCountry', 'email', 'idType'])(
    'answers 400 naming %s when it is missing',
    async (field) => {
      await expectFieldError(await post({ ...STEP1, [field]: undefined }), field);
    },
  );

  it('answers 400 naming idImage when the file is missing', async () => {
    await expectFieldError(await post(STEP1, null), 'idImage');
  });

  it.each([
    ['issuingCountry', 'US'],
    ['issuingCountry', 'usa'],
    ['issuingCountry', 'XXX'],
    ['email', 'not-an-email'],
    ['idType', 'library_card'],
  ])('answers 400 naming %s for the malformed value %s', async (field, value) => {
    await expectFieldError(await post({ ...STEP1, [field]: value }), field);
  });

  it('judges the image by its bytes: a text file named .png is a 400, a JPEG named .txt is fine', async () => {
    const fake = Buffer.from('this is not an image, whatever its name says');
    await expectFieldError(await post(STEP1, fake), 'idImage');
    const jpeg = encodeJpeg(decodeRaster(ID_PNG), 80);
    const fd = form(STEP1);
    fd.set('idImage', new Blob([new Uint8Array(jpeg)], { type: 'text/plain' }), 'notes.txt');
    const res = await call(sandbox, '/v2/submission/step1', { method: 'POST', body: fd });
    expect(res.status).toBe(200);
    const { submissionId } = (await res.json()) as { submissionId: string };
    const img = await call(sandbox, `/v2/image?submission_id=${submissionId}&type=idImage`);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await img.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it('answers 413 for an image over 3 MiB, and accepts one of exactly 3 MiB', async () => {
    const exact = Buffer.concat([ID_PNG, Buffer.alloc(MAX_FILE_BYTES - ID_PNG.length)]);
    expect((await post(STEP1, exact)).status).toBe(200);
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    const res = await post(STEP1, over);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ message: 'Request Entity Too Large' });
  });

  it('answers 413 for a 50 MB body without reading it all', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024);
    const started = performance.now();
    const res = await post(STEP1, huge);
    expect(res.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('answers 400 for a body that is not multipart', async () => {
    const res = await call(sandbox, '/v2/submission/step1', {
      method: 'POST',
      body: 'issuingCountry=USA',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
  });

  it('stores the optional userid and cf1..cf3 in the submission', async () => {
    const { submissionId } = await step1(sandbox, { userid: 'u-42', cf1: 'one', cf2: 'two', cf3: 'three' });
    const record = await getSubmission(sandbox, submissionId);
    expect(record.userid).toBe('u-42');
    expect(record.data).toMatchObject({ cf1: 'one', cf2: 'two', cf3: 'three' });
  });

  it('accepts every document type', async () => {
    for (const idType of ['passport', 'government_id', 'drivers_license']) {
      const { submissionId } = await step1(sandbox, { idType });
      expect((await getSubmission(sandbox, submissionId)).data).toMatchObject({
        idType,
        idcard_issuingCountry: 'USA',
      });
    }
  });
});

describe('POST /v2/submission/step1 output', () => {
  it('is an incomplete submission until step 2 (Output table: kyc.result incomplete)', async () => {
    const { submissionId } = await step1(sandbox);
    const record = await getSubmission(sandbox, submissionId);
    expect(record.kyc.result).toBe('incomplete');
    expect(record.aml).toEqual({ risk_level_summary: 'Not Screened', currentstatus: 'Not Screened' });
    expect(record.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('emits file_upload as a boolean (docs/vendor-api.md #5)', async () => {
    const res = await post(STEP1);
    expect(await res.text()).toMatch(/"file_upload":true/);
  });

  it('reads Korean fields off a Korean ID and a Korean driver licence', async () => {
    const id = await step1(sandbox, { issuingCountry: 'KOR', idType: 'government_id' });
    expect(id.reviewOCRData).toMatchObject({ ocr_nationality: 'KOR', ocr_identityNumber: '900101-2345678' });
    expect(id.reviewOCRData).not.toHaveProperty('ocr_licenseNumber');
    const licence = await step1(sandbox, { issuingCountry: 'KOR', idType: 'drivers_license' });
    expect(licence.reviewOCRData).toMatchObject({ ocr_licenseNumber: '11-20-123456-01' });
    expect(licence.reviewOCRData).not.toHaveProperty('ocr_identityNumber');
    const passport = await step1(sandbox, { issuingCountry: 'KOR', idType: 'passport' });
    expect(passport.reviewOCRData).not.toHaveProperty('ocr_identityNumber');
  });
});
