// AML screening against the sandbox's fictional sample watchlist, and GET /v2/report/aml.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_WATCHLIST, startSandbox, type Sandbox, type Submission } from '../src/index.ts';
import { call, getSubmission, step1, step2 } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function screened(name: string): Promise<Submission['aml']> {
  const { submissionId } = await step1(sandbox);
  await step2(sandbox, submissionId, { name });
  return (await getSubmission(sandbox, submissionId)).aml as Submission['aml'];
}

describe('AML screening', () => {
  it('is Not Screened before step 2, and Low / Not Screened for a name on no list', async () => {
    const { submissionId } = await step1(sandbox);
    expect((await getSubmission(sandbox, submissionId)).aml).toEqual({
      risk_level_summary: 'Not Screened',
      currentstatus: 'Not Screened',
    });
    expect(await screened('Alex Specimen')).toEqual({
      risk_level_summary: 'Low',
      currentstatus: 'Not Screened',
    });
  });

  it('flags a watchlist name in either name order, with resource ids', async () => {
    for (const name of ['Mallory Redflag', 'Redflag, Mallory', 'MALLORY  REDFLAG']) {
      const aml = await screened(name);
      expect(aml).toMatchObject({
        risk_level_summary: 'High',
        currentstatus: 'Red Flag',
        matches: [{ resource_id: 'sbx-aml-0001' }],
      });
    }
  });

  it('labels every watchlist entry as sandbox data', () => {
    for (const entry of SAMPLE_WATCHLIST)
      expect(entry.categories.every((c) => c.includes('sandbox'))).toBe(true);
  });

  it('rates a medium-only match Medium', async () => {
    expect(await screened('Trudy Watchlist')).toMatchObject({
      risk_level_summary: 'Medium',
      currentstatus: 'Red Flag',
    });
  });
});

describe('GET /v2/report/aml', () => {
  it('returns a real PDF for a resource id', async () => {
    const res = await call(sandbox, '/v2/report/aml?resourceId=sbx-aml-0001');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain('sbx-aml-0001');
  });

  it('answers 404 for an unknown resource id and 400 without one', async () => {
    expect((await call(sandbox, '/v2/report/aml?resourceId=nope')).status).toBe(404);
    const res = await call(sandbox, '/v2/report/aml');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'resourceId' });
  });
});
