// ArgosClient against the sandbox over real HTTP: every method, paging, errors,
// retries only where they cannot duplicate work, timeouts, HTTPS enforcement.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { ArgosClient, ArgosError, DEFAULT_BASE_URL } from '../src/index.ts';
import type { OutgoingPart } from '../src/multipart.ts';
import { jpeg, png } from './helpers.ts';

const API_KEY = 'client-test-key-5d2e';
let sandbox: Sandbox;
let client: ArgosClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: API_KEY, log: false });
  client = new ArgosClient({ apiKey: API_KEY, baseUrl: `${sandbox.url}/v2`, backoffMs: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function submit(userid: string, email = `${userid}@example.test`): Promise<string> {
  const r = await client.step1({
    issuingCountry: 'USA',
    email,
    idType: 'passport',
    idImage: jpeg(),
    userid,
    cf2: 'campaign-7',
  });
  return r.submissionId;
}

describe('construction', () => {
  it('defaults to the vendor’s HTTPS base URL', () => {
    expect(new ArgosClient({ apiKey: 'k' }).baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it('refuses plain http except for loopback hosts, and URLs with credentials', () => {
    expect(() => new ArgosClient({ apiKey: 'k', baseUrl: 'http://rest-api.argoskyc.com/v2' })).toThrow(
      /https/,
    );
    expect(() => new ArgosClient({ apiKey: 'k', baseUrl: 'http://10.0.0.5/v2' })).toThrow(/https/);
    expect(() => new ArgosClient({ apiKey: 'k', baseUrl: 'https://user:pw@example.com/v2' })).toThrow(
      /credentials/,
    );
    expect(new ArgosClient({ apiKey: 'k', baseUrl: 'http://localhost:4010/v2/' }).baseUrl).toBe(
      'http://localhost:4010/v2',
    );
    expect(() => new ArgosClient({ apiKey: '' })).toThrow(/apiKey/);
  });
});

describe('submissions', () => {
  it('step1 sends the fields and answers the submission id, OCR and a boolean file_upload', async () => {
    const r = await client.step1({
      issuingCountry: 'KOR',
      email: 'kim@example.test',
      idType: 'government_id',
      idImage: new Blob([png()], { type: 'image/png' }),
      userid: 'kim',
      cf1: 'a',
      cf3: 'c',
    });
    expect(r).toMatchObject({
      submissionId: expect.any(String),
      file_upload: true,
      reviewOCRData: { ocr_nationality: 'KOR', ocr_identityNumber: expect.any(String) },
    });
    expect(sandbox.control.submission(r.submissionId)).toMatchObject({
      userid: 'kim',
      email: 'kim@example.test',
      data: { cf1: 'a', cf3: 'c', idcard_issuingCountry: 'KOR' },
    });
  });

  it('step2 takes a stream as the image and answers the verification result', async () => {
    const id = await submit('ann');
    const bytes = jpeg(300_000);
    const stream = new Blob([bytes]).stream();
    const r = await client.step2({
      submissionId: id,
      faceImage: stream,
      name: 'Ann Example',
      date_of_birth: '1991-04-05',
      gender: 'female',
      nationality: 'USA',
      address_city: 'Boston',
    });
    expect(r).toMatchObject({
      kycStatus: 'pending',
      retryCount: 0,
      verificationResult: 'success',
      faceSimilarityScore: 99,
      livenessScore: 91,
    });
    expect(sandbox.control.submission(id)!.data).toMatchObject({
      name: 'Ann Example',
      address_city: 'Boston',
    });
    const selfie = await client.image(id, 'selfieImage');
    expect(selfie.contentType).toBe('image/jpeg');
    expect(selfie.bytes.byteLength).toBe(bytes.byteLength);
  });

  it('gets one submission, or null for an unknown id', async () => {
    const id = await submit('ben');
    expect(await client.getSubmission(id)).toMatchObject({
      submission_id: id,
      userid: 'ben',
      kyc: { result: 'incomplete' },
    });
    expect(await client.getSubmission('does-not-exist')).toBeNull();
  });

  it('lists newest first, filters, and iterates every page through nextpageKey', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(i % 2 ? 'odd' : 'even'));
    const first = await client.listSubmissions({ count: 2 });
    expect(first.items.map((s) => s.submission_id)).toEqual([ids[4], ids[3]]);
    expect(first.nextpageKey).toEqual({ id: ids[3], created_at: expect.any(String) });
    const pages: string[][] = [];
    for await (const page of client.pages({ count: 2 })) pages.push(page.items.map((s) => s.submission_id));
    expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    const all: string[] = [];
    for await (const s of client.submissions({ userid: 'even', count: 1 })) all.push(s.submission_id);
    expect(all).toEqual([ids[4], ids[2], ids[0]]);
    expect((await client.listSubmissions({ email: 'odd@example.test' })).items).toHaveLength(2);
    await expect(client.listSubmissions({ count: 2001 })).rejects.toThrow(RangeError);
  });

  it('finds the approved duplicates of an applicant', async () => {
    sandbox.control.configure({ autoApprove: true });
    const person = {
      name: 'Dana Twice',
      date_of_birth: '1985-06-07',
      gender: 'female' as const,
      nationality: 'CAN',
    };
    const a = await submit('dana1', 'dana1@example.test');
    const b = await submit('dana2', 'dana2@example.test');
    await client.step2({ submissionId: a, faceImage: jpeg(), ...person });
    await client.step2({ submissionId: b, faceImage: jpeg(), ...person });
    const applicantId = (await client.getSubmission(a))!.applicant_id!;
    const dups = await client.applicantDuplicates(applicantId);
    expect(dups.map((d) => d.submission_id).sort()).toEqual([a, b].sort());
    expect(dups.map((d) => d.email).sort()).toEqual(['dana1@example.test', 'dana2@example.test']);
  });

  it('deletes a submission for good', async () => {
    const id = await submit('gone');
    expect(await client.deleteSubmission(id)).toMatchObject({ message: 'success' });
    expect(await client.getSubmission(id)).toBeNull();
    await expect(client.image(id, 'idImage')).rejects.toMatchObject({
      status: 404,
      kind: 'http',
      retryable: false,
    });
  });
});

// On Node, uploads go through node:http; elsewhere (or when asked) through fetch. Both behave alike.
describe.each([
  ['node:http', true],
  ['fetch', false],
])('uploads through %s', (_transport, nodeUploads) => {
  const uploader = () => new ArgosClient({ apiKey: API_KEY, baseUrl: `${sandbox.url}/v2`, nodeUploads });

  it('streams step 1 and step 2 whole, image bytes intact', async () => {
    const argos = uploader();
    const idImage = jpeg(150_000);
    const { submissionId } = await argos.step1({
      issuingCountry: 'USA',
      email: 'uma@example.test',
      idType: 'passport',
      idImage,
      userid: 'uma',
    });
    expect(sandbox.control.submission(submissionId)).toMatchObject({
      userid: 'uma',
      email: 'uma@example.test',
    });
    const faceImage = jpeg(100_000);
    expect(
      await argos.step2({ submissionId, faceImage, name: 'Uma Example', date_of_birth: '1990-02-03' }),
    ).toMatchObject({ kycStatus: 'pending' });
    expect(Buffer.compare((await argos.image(submissionId, 'idImage')).bytes, idImage)).toBe(0);
    expect(Buffer.compare((await argos.image(submissionId, 'selfieImage')).bytes, faceImage)).toBe(0);
  });

  it('fails, creating nothing, when the parts fail mid-image (the body never gets its closing delimiter)', async () => {
    async function* parts(): AsyncGenerator<OutgoingPart> {
      yield { name: 'issuingCountry', value: 'USA' };
      yield { name: 'email', value: 'vic@example.test' };
      yield { name: 'idType', value: 'passport' };
      yield {
        name: 'idImage',
        filename: 'id.jpg',
        contentType: 'image/jpeg',
        content: (async function* () {
          yield jpeg(300_000);
          throw new Error('a late field was refused');
        })(),
      };
    }
    await expect(uploader().step1Parts(parts())).rejects.toBeInstanceOf(ArgosError);
    await new Promise((r) => setTimeout(r, 50));
    expect((await client.listSubmissions()).items).toHaveLength(0);
  });

  it('maps vendor errors, dropped connections, timeouts and a caller’s abort', async () => {
    const argos = uploader();
    const input = {
      issuingCountry: 'USA',
      email: 'x@example.test',
      idType: 'passport' as const,
      idImage: jpeg(200_000),
    };
    sandbox.control.fault({ path: '/v2/submission/step1', kind: 'error500' });
    await expect(argos.step1(input)).rejects.toMatchObject({ kind: 'http', status: 500, retryable: true });
    sandbox.control.fault({ path: '/v2/submission/step1', kind: 'drop' });
    await expect(argos.step1(input)).rejects.toMatchObject({ kind: 'network' });
    sandbox.control.fault({ path: '/v2/submission/step1', kind: 'timeout' });
    await expect(argos.step1(input, { timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' });
    sandbox.control.fault({ path: '/v2/submission/step1', kind: 'timeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(argos.step1(input, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});

describe('documents', () => {
  it('downloads an image as bytes and as a stream', async () => {
    const id = await submit('img');
    const bytes = await client.image(id, 'idImage');
    expect(bytes.bytes.slice(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    const stream = await client.imageStream(id, 'idImage');
    expect((await new Response(stream.body).arrayBuffer()).byteLength).toBe(bytes.bytes.byteLength);
  });

  it('downloads an AML report (PDF) for a watchlist match', async () => {
    const id = await submit('aml');
    await client.step2({
      submissionId: id,
      faceImage: jpeg(),
      name: 'Mallory Redflag',
      date_of_birth: '1970-01-01',
    });
    const match = (await client.getSubmission(id))!.aml!;
    expect(match.currentstatus).toBe('Red Flag');
    const resourceId = match.matches![0]!.resource_id;
    const report = await client.amlReport(resourceId);
    expect(report.contentType).toBe('application/pdf');
    expect(new TextDecoder().decode(report.bytes.slice(0, 5))).toBe('%PDF-');
    const stream = await client.amlReportStream(resourceId);
    expect((await new Response(stream.body).arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('geocodes with address_code', async () => {
    const r = await client.addressCode({ address: '38.8977,-77.0365', language: 'en' });
    expect(r).toEqual({
      formatted_address: expect.any(String),
      compound_code: expect.any(String),
      global_code: expect.stringMatching(/^87C4/),
    });
  });
});

describe('errors, retries and timeouts', () => {
  it('throws a typed ArgosError with the vendor’s status and message', async () => {
    const err = (await client
      .listSubmissions({ after: { id: 'x', created_at: 'not-a-date' } })
      .catch((e: unknown) => e)) as ArgosError;
    expect(err).toBeInstanceOf(ArgosError);
    expect(err).toMatchObject({ kind: 'http', status: 400, retryable: false, operation: 'GET /submission' });
    expect(err.vendorMessage).toMatch(/nextpage_date/);
    const forbidden = new ArgosClient({ apiKey: 'wrong', baseUrl: `${sandbox.url}/v2` });
    await expect(forbidden.getSubmission('x')).rejects.toMatchObject({ status: 403, retryable: false });
  });

  it('retries a GET after a 5xx, with backoff', async () => {
    const id = await submit('retry');
    sandbox.control.fault({ path: '/v2/submission', method: 'GET', kind: 'error502', times: 2 });
    expect(await client.getSubmission(id)).toMatchObject({ submission_id: id });
    expect(sandbox.control.faults()).toEqual([]);
  });

  it('gives up after its attempts, marking the error retryable', async () => {
    sandbox.control.fault({ path: '/v2/submission', method: 'GET', kind: 'error500', times: 5 });
    await expect(client.listSubmissions()).rejects.toMatchObject({ status: 500, retryable: true });
    expect(sandbox.control.faults()[0]!.times).toBe(2);
  });

  it('never retries step1 or step2 (a retry could duplicate a submission or spend an attempt)', async () => {
    sandbox.control.fault({ path: '/v2/submission/step1', kind: 'error500', times: 3 });
    await expect(
      client.step1({ issuingCountry: 'USA', email: 'x@example.test', idType: 'passport', idImage: jpeg() }),
    ).rejects.toMatchObject({ status: 500 });
    expect(sandbox.control.faults()[0]!.times).toBe(2);
    sandbox.control.reset();
    const id = await submit('once');
    sandbox.control.fault({ path: '/v2/submission/step2', kind: 'drop', times: 3 });
    await expect(
      client.step2({ submissionId: id, faceImage: jpeg(), name: 'A B', date_of_birth: '1990-01-01' }),
    ).rejects.toMatchObject({ kind: 'network' });
    expect(sandbox.control.faults()[0]!.times).toBe(2);
  });

  it('times out through AbortSignal, and honours a caller’s signal', async () => {
    sandbox.control.fault({ path: '/v2/submission', kind: 'timeout', times: 10 });
    const started = Date.now();
    await expect(client.listSubmissions({}, { timeoutMs: 100 })).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.listSubmissions({}, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});
