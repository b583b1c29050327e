// Which submission a lost step 1 left behind (endpoint/reconcile.ts), rule by rule, on
// submissions the sandbox really made: the applicant's own, no older than the lost call
// give or take the clock slack (to the millisecond), still at step 1, of the same
// document, and the very one when its id is known; and how long the lost call is
// remembered. step1-reconcile.test.ts walks the whole path; this file pins each rule
// the endpoint's mutation run (issue 17) found unguarded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArgosClient, MemoryStore } from '../src/index.ts';
import type { Endpoint } from '../src/endpoint/context.ts';
import { findLostSubmission, UNSETTLED_TTL_MS, UnsettledStep1s } from '../src/endpoint/reconcile.ts';
import { API_KEY, post, startStack, step2Form, throughStep1, type Stack } from './helpers.ts';

/** How far the vendor's clock may be behind ours (reconcile.ts). */
const SLACK_MS = 2 * 60_000;
const PASSPORT_USA = { idType: 'passport', issuingCountry: 'USA' };

let stack: Stack;
let endpoint: Endpoint;
beforeAll(async () => {
  stack = await startStack();
  // The two members findLostSubmission uses: the real client on the sandbox, and its call options.
  endpoint = { client: stack.client, vendorCall: { timeoutMs: 5_000 } } as unknown as Endpoint;
});
afterAll(() => stack.close());
beforeEach(() => stack.sandbox.control.reset());

/** A step 1 of `user` through the endpoint: the submission id and the vendor's created_at, ms. */
async function made(user = 'alice', fields: Record<string, string> = {}) {
  const { submissionId, token } = await throughStep1(stack, user, fields);
  const record = await stack.client.getSubmission(submissionId);
  return { submissionId, token, created: Date.parse(record!.created_at) };
}

describe('findLostSubmission', () => {
  it('finds one made up to the clock slack before the lost call, to the millisecond, and none older', async () => {
    const { submissionId, created } = await made();
    const find = (at: number) => findLostSubmission(endpoint, 'alice', { at }, PASSPORT_USA);
    expect(await find(created)).toBe(submissionId);
    expect(await find(created + 60_000)).toBe(submissionId);
    expect(await find(created + SLACK_MS)).toBe(submissionId);
    expect(await find(created + SLACK_MS + 1)).toBeNull();
  });

  it('with the id known, takes that one, whatever its age, and no other', async () => {
    const older = await made();
    const newer = await made();
    const at = newer.created + 10 * 60_000;
    expect(
      await findLostSubmission(endpoint, 'alice', { at, submissionId: older.submissionId }, PASSPORT_USA),
    ).toBe(older.submissionId);
    expect(
      await findLostSubmission(
        endpoint,
        'alice',
        { at: older.created, submissionId: older.submissionId },
        PASSPORT_USA,
      ),
    ).toBe(older.submissionId);
    expect(
      await findLostSubmission(endpoint, 'alice', { at, submissionId: 'nosuchsubmission1' }, PASSPORT_USA),
    ).toBeNull();
  });

  it('only one of the same document type and country', async () => {
    const { created } = await made();
    for (const document of [
      { idType: 'passport', issuingCountry: 'KOR' },
      { idType: 'drivers_license', issuingCountry: 'USA' },
    ])
      expect(
        await findLostSubmission(endpoint, 'alice', { at: created }, document),
        JSON.stringify(document),
      ).toBeNull();
  });

  it('only one still at step 1: an attempt made, even an incomplete one, rules it out', async () => {
    stack.sandbox.control.scenario({ userid: 'alice', step2: ['no-face'] });
    const { token, created } = await made();
    expect((await post(stack, 'step2', token, step2Form())).body.kycStatus).toBe('incomplete');
    expect(await findLostSubmission(endpoint, 'alice', { at: created }, PASSPORT_USA)).toBeNull();
  });

  it("only the applicant's own", async () => {
    const { created } = await made('bob', { email: 'bob@example.test' });
    expect(await findLostSubmission(endpoint, 'alice', { at: created }, PASSPORT_USA)).toBeNull();
  });
});

describe('UnsettledStep1s', () => {
  it('remembers a lost call for exactly its time to live', async () => {
    const unsettled = new UnsettledStep1s(new MemoryStore());
    const at = Date.now();
    await unsettled.set('alice', { at });
    expect(await unsettled.get('alice', at + UNSETTLED_TTL_MS)).toEqual({ at });
    expect(await unsettled.get('alice', at + UNSETTLED_TTL_MS + 1)).toBeUndefined();
    await unsettled.delete('alice');
    expect(await unsettled.get('alice', at)).toBeUndefined();
  });
});

describe('findLostSubmission on what a vendor might answer', () => {
  it('asks for the applicant’s ten newest, and still checks each item: another applicant’s, one without data', async () => {
    // A mock vendor, named as such: it records the query and answers items the sandbox
    // never would (the list of another applicant, a record without its data).
    const queries: URLSearchParams[] = [];
    const at = Date.now();
    const item = (id: string, userid: string, data?: object) => ({
      submission_id: id,
      userid,
      created_at: new Date(at).toISOString(),
      kyc: { result: 'incomplete' },
      ...(data ? { data } : {}),
    });
    const vendor: typeof fetch = async (input) => {
      queries.push(new URL(String(input)).searchParams);
      const Items = [
        item('s-bob', 'bob', { idType: 'passport', idcard_issuingCountry: 'USA' }),
        item('s-nodata', 'alice'),
        item('s-alice', 'alice', { idType: 'passport', idcard_issuingCountry: 'USA' }),
      ];
      return new Response(JSON.stringify({ Items }), { headers: { 'content-type': 'application/json' } });
    };
    const client = new ArgosClient({ apiKey: API_KEY, baseUrl: 'https://vendor.invalid/v2', fetch: vendor });
    const mocked = { client, vendorCall: { timeoutMs: 5_000 } } as unknown as Endpoint;
    expect(await findLostSubmission(mocked, 'alice', { at }, PASSPORT_USA)).toBe('s-alice');
    expect(Object.fromEntries(queries[0]!)).toEqual({ userid: 'alice', count: '10' });
  });
});
