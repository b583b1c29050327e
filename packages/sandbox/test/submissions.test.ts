// GET /v2/submission (filters, count, paging, order), DELETE /v2/submission, GET /v2/image,
// GET /v2/submission/applicant; docs/vendor-api.md #3, #13, #14, #15.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SubmissionList } from '../src/index.ts';
import { FACE_PNG, ID_PNG, call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function list(query: string): Promise<{ status: number; body: SubmissionList & { field?: string } }> {
  const res = await call(sandbox, `/v2/submission${query}`);
  return { status: res.status, body: (await res.json()) as SubmissionList & { field?: string } };
}

async function seed(n: number, fields: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await step1(sandbox, fields)).submissionId);
  return ids;
}

describe('GET /v2/submission', () => {
  it('lists every submission, newest first, as valid JSON with Items (docs/vendor-api.md #3)', async () => {
    const ids = await seed(3);
    const res = await call(sandbox, '/v2/submission');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(await res.text()) as SubmissionList;
    expect(body.Items.map((s) => s.submission_id)).toEqual([...ids].reverse());
    expect(body).not.toHaveProperty('nextpageKey');
  });

  it('returns one submission by submission_id, and an empty list for an unknown id', async () => {
    const [a] = await seed(2);
    expect((await list(`?submission_id=${a}`)).body.Items.map((s) => s.submission_id)).toEqual([a]);
    expect((await list('?submission_id=unknown')).body).toEqual({ Items: [] });
  });

  it('filters by userid and by email (case-insensitive)', async () => {
    const [mine] = await seed(1, { userid: 'alice', email: 'Alice@Example.test' });
    await seed(2, { userid: 'bob', email: 'bob@example.test' });
    expect((await list('?userid=alice')).body.Items.map((s) => s.submission_id)).toEqual([mine]);
    expect((await list('?email=alice%40example.test')).body.Items.map((s) => s.submission_id)).toEqual([
      mine,
    ]);
    expect((await list('?userid=bob')).body.Items).toHaveLength(2);
  });

  it('pages with count and nextpageKey until the last page (docs/vendor-api.md #13)', async () => {
    const ids = (await seed(5)).reverse();
    const seen: string[] = [];
    let query = '?count=2';
    const pages: number[] = [];
    for (;;) {
      const { status, body } = await list(query);
      expect(status).toBe(200);
      pages.push(body.Items.length);
      seen.push(...body.Items.map((s) => s.submission_id));
      if (!body.nextpageKey) break;
      const last = body.Items[body.Items.length - 1]!;
      expect(body.nextpageKey).toEqual({ id: last.submission_id, created_at: last.created_at });
      query = `?count=2&nextpage_id=${body.nextpageKey.id}&nextpage_date=${encodeURIComponent(body.nextpageKey.created_at)}`;
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(ids);
  });

  it('omits nextpageKey when the page holds exactly the rest', async () => {
    await seed(2);
    expect((await list('?count=2')).body).not.toHaveProperty('nextpageKey');
  });

  it.each(['0', '2001', '-1', '1.5', 'ten'])('answers 400 naming count for count=%s', async (count) => {
    const { status, body } = await list(`?count=${count}`);
    expect(status).toBe(400);
    expect(body.field).toBe('count');
  });

  it('accepts count=1 and count=2000', async () => {
    await seed(2);
    expect((await list('?count=1')).body.Items).toHaveLength(1);
    expect((await list('?count=2000')).body.Items).toHaveLength(2);
  });

  it('answers 400 for nextpage_id without nextpage_date and for a malformed date', async () => {
    expect((await list('?nextpage_id=abc')).body.field).toBe('nextpage_date');
    expect((await list('?nextpage_date=2024-01-01T00:00:00.000Z')).body.field).toBe('nextpage_id');
    expect((await list('?nextpage_id=abc&nextpage_date=yesterday')).body.field).toBe('nextpage_date');
  });

  it('has every key of the Output Data table once step 2 is done', async () => {
    const { submissionId } = await step1(sandbox, { cf1: 'a', cf2: 'b', cf3: 'c' });
    await step2(sandbox, submissionId, {
      gender: 'male',
      nationality: 'USA',
      address_street: 's',
      address_city: 'c',
      address_state: 'st',
      address_country: 'USA',
      address_zipcode: 'z',
      globalCode: '87C4VXX7+39',
      compoundCode: 'VXX7+39 Washington, DC, USA',
      formatted_address: 'f',
      address_input: 'i',
      address_detail: 'd',
    });
    const record = await getSubmission(sandbox, submissionId);
    expect(Object.keys(record).sort()).toEqual([
      'aml',
      'applicant_id',
      'created_at',
      'data',
      'email',
      'kyc',
      'submission_id',
      'userid',
    ]);
    const dataKeys = [
      'name',
      'gender',
      'nationality',
      'date_of_birth',
      'idType',
      'idcard_issuingCountry',
      'idcard_issueDate',
      'idcard_expireDate',
      'documentNumber',
      'address_city',
      'address_country',
      'address_state',
      'address_street',
      'address_zipcode',
      'address_globalCode',
      'address_compoundCode',
      'address_formatted',
      'address_input',
      'address_detail',
      'cf1',
      'cf2',
      'cf3',
    ];
    for (const key of dataKeys) expect(record.data).toHaveProperty(key);
    expect(record.kyc).toHaveProperty('attempts');
    expect(record.aml).toEqual({ risk_level_summary: 'Low', currentstatus: 'Not Screened' });
  });
});

describe('DELETE /v2/submission (docs/vendor-api.md #15)', () => {
  it('deletes the submission and its images', async () => {
    const { submissionId } = await step1(sandbox);
    await step2(sandbox, submissionId);
    const res = await call(sandbox, `/v2/submission?submission_id=${submissionId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      message: 'success',
      content: `Submission #${submissionId} deleted successfully.`,
    });
    expect((await list(`?submission_id=${submissionId}`)).body).toEqual({ Items: [] });
    for (const type of ['idImage', 'selfieImage']) {
      expect((await call(sandbox, `/v2/image?submission_id=${submissionId}&type=${type}`)).status).toBe(404);
    }
  });

  it('answers 404 for an unknown id and 400 without one', async () => {
    expect((await call(sandbox, '/v2/submission?submission_id=nope', { method: 'DELETE' })).status).toBe(404);
    const res = await call(sandbox, '/v2/submission', { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'submission_id' });
  });
});

describe('GET /v2/image', () => {
  it('returns the stored bytes with their content type', async () => {
    const { submissionId } = await step1(sandbox);
    await step2(sandbox, submissionId);
    const id = await call(sandbox, `/v2/image?submission_id=${submissionId}&type=idImage`);
    expect(id.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await id.arrayBuffer()).equals(ID_PNG)).toBe(true);
    const selfie = await call(sandbox, `/v2/image?submission_id=${submissionId}&type=selfieImage`);
    expect(Buffer.from(await selfie.arrayBuffer()).equals(FACE_PNG)).toBe(true);
  });

  it('answers 404 for a missing address document and an unknown submission', async () => {
    const { submissionId } = await step1(sandbox);
    expect((await call(sandbox, `/v2/image?submission_id=${submissionId}&type=addressImage`)).status).toBe(
      404,
    );
    expect((await call(sandbox, '/v2/image?submission_id=nope&type=idImage')).status).toBe(404);
  });

  it.each([
    ['', 'submission_id'],
    ['?submission_id=x', 'type'],
    ['?submission_id=x&type=passportImage', 'type'],
  ])('answers 400 for %s naming %s', async (query, field) => {
    const res = await call(sandbox, `/v2/image${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field });
  });
});

describe('GET /v2/submission/applicant (docs/vendor-api.md #14)', () => {
  async function approvedSubmission(
    fields: Record<string, string>,
    person: Record<string, string>,
  ): Promise<string> {
    sandbox.control.scenario({ step2: ['approve'] });
    const { submissionId } = await step1(sandbox, fields);
    await step2(sandbox, submissionId, person);
    return submissionId;
  }

  it('groups approved submissions by name, date of birth, nationality and gender', async () => {
    const person = {
      name: 'Specimen, Alex',
      date_of_birth: '1990-01-01',
      nationality: 'USA',
      gender: 'female',
    };
    const first = await approvedSubmission({ email: 'one@example.test' }, person);
    // "Firstname Lastname" is the same person as "Lastname, Firstname".
    const second = await approvedSubmission(
      { email: 'two@example.test' },
      { ...person, name: 'Alex Specimen' },
    );
    await approvedSubmission({ email: 'other@example.test' }, { ...person, date_of_birth: '1991-01-01' });
    // A pending submission of the same person is not listed.
    const pending = await step1(sandbox, { email: 'three@example.test' });
    await step2(sandbox, pending.submissionId, person);

    const applicantId = (await getSubmission(sandbox, first)).applicant_id as string;
    expect((await getSubmission(sandbox, pending.submissionId)).applicant_id).toBe(applicantId);
    const res = await call(sandbox, `/v2/submission/applicant?applicant_id=${applicantId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      Items: [
        { submission_id: second, email: 'two@example.test' },
        { submission_id: first, email: 'one@example.test' },
      ],
    });
  });

  it('answers 404 for an unknown applicant and 400 without applicant_id', async () => {
    expect((await call(sandbox, '/v2/submission/applicant?applicant_id=apnothing')).status).toBe(404);
    const res = await call(sandbox, '/v2/submission/applicant');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'applicant_id' });
  });
});
