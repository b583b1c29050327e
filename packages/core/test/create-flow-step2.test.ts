// The driver in part 2: step 2 with its three attempts, the address look-up, polling a
// pending result, resuming at the selfie with the vendor's count, and token refresh,
// against a scripted endpoint over loopback HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFlow,
  createMemoryResumeStore,
  suggestAddressFields,
  type Flow,
  type FlowState,
  type ResumeStore,
  type Step,
  type TokenContext,
} from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';
import { jpeg, OCR } from './support/driver-fixtures.ts';

const incomplete = (attempt: number, reason = 'no_face') => ({
  status: 200,
  body: {
    kycStatus: attempt < 3 ? 'incomplete' : 'rejected',
    attempt,
    attemptsLeft: 3 - attempt,
    reason,
    message: 'vendor text',
  },
});

let endpoint: ScriptedEndpoint;
const flows: Flow[] = [];
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
  endpoint.script('/step1', {
    status: 200,
    body: { submissionId: 'sub-7', ocr: OCR, token: 'bound-7', expiresAt: '2099-01-01T00:00:00Z' },
  });
});
afterEach(async () => {
  for (const flow of flows.splice(0)) flow.dispose();
  await endpoint.close();
});

function newFlow(
  store: ResumeStore | undefined,
  extra: Partial<Parameters<typeof createFlow>[0]> = {},
): Flow {
  const flow = createFlow({
    endpoint: endpoint.url,
    transport: 'fetch',
    backoffMs: 5,
    pollIntervalMs: 20,
    ...(store ? { store } : { persist: false }),
    ...extra,
  });
  flows.push(flow);
  return flow;
}

function reach(
  flow: Flow,
  step: Step,
  until: (s: FlowState) => boolean = () => true,
  timeoutMs = 3000,
): Promise<FlowState> {
  if (flow.state.step === step && until(flow.state)) return Promise.resolve(flow.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`flow stayed at ${flow.state.step}, expected ${step}`)),
      timeoutMs,
    );
    const off = flow.subscribe((state) => {
      if (state.step !== step || !until(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

async function toSelfie(flow: Flow): Promise<FlowState> {
  await flow.start();
  flow.send({ type: 'CONSENT_GIVEN' });
  flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
  flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
  await reach(flow, 'review');
  flow.send({ type: 'REVIEW_SUBMITTED', fields: flow.state.context.fields! });
  return flow.state;
}

const step2Calls = () => endpoint.seen.filter((r) => r.path === '/step2');

describe('createFlow, part 2', () => {
  it('sends at most three step-2 requests: after the third incomplete answer a fourth selfie is never sent', async () => {
    endpoint.script('/step2', incomplete(1), incomplete(2, 'liveness'), incomplete(3, 'face_mismatch'), {
      status: 200,
      body: { kycStatus: 'approved', attempt: 4, attemptsLeft: 0 },
    });
    const flow = newFlow(undefined);
    expect((await toSelfie(flow)).step).toBe('selfieCapture');
    for (let attempt = 1; attempt <= 2; attempt++) {
      flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
      await reach(flow, 'retrySelfie', (s) => s.context.selfieAttempts === attempt);
      flow.send({ type: 'RETRY' });
    }
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    const result = await reach(flow, 'result');
    expect(result.context.result).toEqual({
      status: 'rejected',
      reason: 'face_mismatch',
      pollExpired: false,
    });
    // Whatever a UI (or a script) sends now, no fourth request leaves.
    flow.send({ type: 'RETRY' });
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await new Promise((r) => setTimeout(r, 50));
    expect(step2Calls()).toHaveLength(3);
  });

  it('sends the reviewed fields, the address and the images as multipart, text before images', async () => {
    const flow = newFlow(undefined, { address: 'required' });
    await toSelfie(flow);
    expect(flow.state.step).toBe('address');
    flow.send({ type: 'ADDRESS_LOOKUP', input: 'The White House', language: 'ko' });
    const found = await reach(flow, 'address', (s) => s.context.addressLookup?.status === 'found');
    expect(JSON.parse(endpoint.seen.find((r) => r.path === '/address')!.body.toString())).toEqual({
      address: 'The White House',
      language: 'ko',
    });
    const address = {
      ...suggestAddressFields('The White House', found.context.addressLookup!.result!),
      detail: 'West Wing',
    };
    flow.send({
      type: 'ADDRESS_CONFIRMED',
      address,
      image: new Blob([new Uint8Array(10)], { type: 'image/png' }),
    });
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(flow, 'result');
    const body = step2Calls()[0]!.body.toString('latin1');
    const names = [...body.matchAll(/; name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      'name',
      'date_of_birth',
      'gender',
      'nationality',
      'date_of_issue',
      'address_street',
      'address_city',
      'address_state',
      'address_country',
      'address_zipcode',
      'globalCode',
      'compoundCode',
      'formatted_address',
      'address_input',
      'address_detail',
      'addressImage',
      'faceImage',
    ]);
    expect(body).toContain('87C4VXX7+39');
    expect(body).toContain('West Wing');
  });

  it('sends no proof of address once the applicant went back and skipped the address', async () => {
    const flow = newFlow(undefined, { address: 'optional' });
    await toSelfie(flow);
    flow.send({ type: 'ADDRESS_LOOKUP', input: 'The White House' });
    const found = await reach(flow, 'address', (s) => s.context.addressLookup?.status === 'found');
    flow.send({
      type: 'ADDRESS_CONFIRMED',
      address: suggestAddressFields('The White House', found.context.addressLookup!.result!),
      image: new Blob([new Uint8Array(10)], { type: 'image/png' }),
    });
    expect(flow.state.step).toBe('selfieCapture');
    flow.send({ type: 'BACK' });
    flow.send({ type: 'ADDRESS_SKIPPED' });
    expect(flow.state.context.address).toBeNull();
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(flow, 'result');
    const body = step2Calls()[0]!.body.toString('latin1');
    const names = [...body.matchAll(/; name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['name', 'date_of_birth', 'gender', 'nationality', 'date_of_issue', 'faceImage']);
  });

  it('explains "no match" and lets the applicant look up again', async () => {
    endpoint.script('/address', protocolError(404, 'address_not_found'));
    const flow = newFlow(undefined, { address: 'optional' });
    await toSelfie(flow);
    flow.send({ type: 'ADDRESS_LOOKUP', input: 'Nowhere 1' });
    const failed = await reach(flow, 'address', (s) => s.context.addressLookup?.status === 'failed');
    expect(failed.context.addressLookup?.error?.code).toBe('address_not_found');
    flow.send({ type: 'ADDRESS_LOOKUP', input: 'The White House' });
    await reach(flow, 'address', (s) => s.context.addressLookup?.status === 'found');
  });

  it('polls a pending result with a doubling interval until the decision', async () => {
    endpoint.script(
      '/status',
      ...[1, 2, 3].map(() => ({
        status: 200,
        body: { submissionId: 'sub-7', kycStatus: 'pending', attempts: 1, commentCode: [] },
      })),
    );
    endpoint.script('/status', {
      status: 200,
      body: { submissionId: 'sub-7', kycStatus: 'approved', attempts: 1, commentCode: [] },
    });
    const flow = newFlow(undefined);
    await toSelfie(flow);
    const started = Date.now();
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    expect((await reach(flow, 'result')).context.result?.status).toBe('pending');
    const approved = await reach(flow, 'result', (s) => s.context.result?.status === 'approved');
    expect(approved.context.result?.status).toBe('approved');
    // 20 + 40 + 80 + 160 ms of waiting at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(endpoint.seen.filter((r) => r.path === '/status')).toHaveLength(4);
  });

  it('stops polling at the integrator’s limit and says so', async () => {
    const flow = newFlow(undefined, { pollTimeoutMs: 150 });
    await toSelfie(flow);
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    const expired = await reach(flow, 'result', (s) => s.context.result?.pollExpired === true);
    expect(expired.context.result?.status).toBe('pending');
    const polls = endpoint.seen.filter((r) => r.path === '/status').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(endpoint.seen.filter((r) => r.path === '/status')).toHaveLength(polls);
  });

  it('resumes at the selfie with the vendor’s attempt count after a reload, and keeps only the outcome at the result', async () => {
    endpoint.script('/step2', incomplete(1));
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    await toSelfie(first);
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(first, 'retrySelfie');
    await first.settled();
    first.dispose();

    // Meanwhile (another tab) a second attempt was spent: the server's count wins.
    endpoint.script('/status', {
      status: 200,
      body: { submissionId: 'sub-7', kycStatus: 'incomplete', attempts: 2, commentCode: [] },
    });
    const second = newFlow(store);
    await second.start();
    await second.ready;
    expect(second.state.step).toBe('selfieCapture');
    expect(second.state.context.selfieAttempts).toBe(2);
    endpoint.script('/step2', incomplete(3));
    second.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(second, 'result');
    await second.settled();
    // A return visit shows the rejection for a day (issue 11): its outcome only, no submission, no fields.
    const kept = (await store.load())!;
    expect(kept.keepMs).toBe(24 * 3600_000);
    expect(kept.state.step).toBe('result');
    expect(kept.state.context).toMatchObject({
      submissionId: null,
      fields: null,
      document: null,
      result: { status: 'rejected', reason: 'no_face' },
    });
    expect(JSON.stringify(kept)).not.toMatch(/John|sub-7|bound-7/);
  });

  it('keeps a pending result over a reload: back at it (not at consent), polling again, then only the decided outcome', async () => {
    const status = (kycStatus: string) => ({
      status: 200,
      body: { submissionId: 'sub-7', kycStatus, attempts: 1, commentCode: [] },
    });
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    await toSelfie(first);
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    expect((await reach(first, 'result')).context.result?.status).toBe('pending');
    await first.settled();
    // Only what polling needs: the submission; no token, none of the applicant's fields.
    const record = (await store.load())!;
    expect(record).toMatchObject({ state: { context: { submissionId: 'sub-7' } } });
    expect(JSON.stringify(record)).not.toMatch(/bound-7|token/);
    expect(record.state.step).toBe('result');
    expect(record.state.context).toMatchObject({
      fields: null,
      document: null,
      email: null,
      address: null,
      result: { status: 'pending' },
    });
    first.dispose();

    // The reload: the reviewer has not decided yet, then approves.
    endpoint.script('/status', status('pending'), status('pending'), status('approved'));
    const second = newFlow(store);
    await second.start();
    await second.ready;
    expect(second.state.step).toBe('result');
    expect(second.state.context.result).toEqual({ status: 'pending', reason: null, pollExpired: false });
    await reach(second, 'result', (s) => s.context.result?.status === 'approved');
    await second.settled();
    expect((await store.load())?.state.context).toMatchObject({
      submissionId: null,
      result: { status: 'approved' },
    });
    // One submission: nothing was sent again.
    expect(
      endpoint.seen.filter((r) => r.path === '/step1' || r.path === '/step2').map((r) => r.path),
    ).toEqual(['/step1', '/step2']);
    expect(endpoint.seen.filter((r) => r.path === '/status').length).toBeGreaterThanOrEqual(3);
  });

  it('shows a decision made while the page was away as soon as it is back', async () => {
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    await toSelfie(first);
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(first, 'result');
    await first.settled();
    first.dispose();

    endpoint.script('/status', {
      status: 200,
      body: { submissionId: 'sub-7', kycStatus: 'rejected', attempts: 1, commentCode: ['fake_id'] },
    });
    // An integrator who keeps no result (result-ttl 0): nothing stays once decided.
    const second = newFlow(store, { pollIntervalMs: 60_000, resultTtlMs: 0 });
    await second.start();
    await second.ready;
    // The reviewer's comment code comes along (a UI explains it).
    expect(second.state.context.result).toEqual({
      status: 'rejected',
      reason: null,
      pollExpired: false,
      commentCode: ['fake_id'],
    });
    await second.settled();
    expect(await store.load()).toBeUndefined();
  });

  it('refreshes an expired token once on 401 and sends the selfie again with the new one', async () => {
    endpoint.script('/step2', protocolError(401, 'token_expired'));
    const flow = newFlow(undefined);
    await toSelfie(flow);
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(flow, 'result');
    const calls = step2Calls();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.authorization).toBe('Bearer bound-7');
    const refresh = endpoint.seen.filter((r) => r.path === '/session').at(-1)!;
    expect(refresh.authorization).toBe('Bearer bound-7');
    expect(calls[1]!.authorization).not.toBe('Bearer bound-7');
  });

  it('tells a host’s getToken the submission and the token it replaces, so its backend can keep the binding', async () => {
    const seen: TokenContext[] = [];
    let n = 0;
    const flow = newFlow(undefined, {
      getToken: async (context) => {
        seen.push(context);
        return { token: `host-${++n}`, expiresAt: Date.now() + 900_000 };
      },
    });
    await toSelfie(flow);
    endpoint.script('/step2', protocolError(401, 'token_expired'));
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(flow, 'result');
    expect(seen).toEqual([
      { submissionId: null, previousToken: null },
      { submissionId: 'sub-7', previousToken: 'bound-7' },
    ]);
    expect(step2Calls()[1]!.authorization).toBe('Bearer host-2');
  });
});
