// What the browser keeps between page loads (issue 15, item 4; issue 11, review edits and
// the result of a return visit): no token, the applicant's opaque tag and a check against
// it, no resident registration number, a coarse location, the review draft, and a decided
// result's outcome for its own time. Against a scripted endpoint over loopback HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFlow,
  createMemoryResumeStore,
  type Flow,
  type FlowState,
  type ResumeStore,
} from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';
import { jpeg, OCR } from './support/driver-fixtures.ts';
import { reach } from './support/reach.ts';

let endpoint: ScriptedEndpoint;
const flows: Flow[] = [];
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(async () => {
  for (const flow of flows.splice(0)) flow.dispose();
  await endpoint.close();
});

function newFlow(store: ResumeStore, extra: Partial<Parameters<typeof createFlow>[0]> = {}): Flow {
  const flow = createFlow({ endpoint: endpoint.url, transport: 'fetch', backoffMs: 5, store, ...extra });
  flows.push(flow);
  return flow;
}

/** A session answer for another applicant (their own tag), as the endpoint gives it. */
function otherApplicant(extra: Record<string, unknown> = {}) {
  return {
    status: 200,
    body: {
      token: 'token-b',
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
      emailRequired: true,
      submissionId: null,
      applicant: 'applicant-b',
      ...extra,
    },
  };
}

const KOREAN_OCR = { ...OCR, name: '홍길동', identityNumber: '7508251234567' };

async function toKoreanReview(flow: Flow): Promise<FlowState> {
  endpoint.script('/step1', {
    status: 200,
    body: { submissionId: 'sub-k', ocr: KOREAN_OCR, token: 'bound-k', expiresAt: '2099-01-01T00:00:00Z' },
  });
  await flow.start();
  flow.send({ type: 'CONSENT_GIVEN' });
  flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'government_id', issuingCountry: 'KOR' });
  flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
  return reach(flow, 'review');
}

describe('what a resume point keeps', () => {
  it('a second applicant on the same device never sees the first one’s flow, before step 1 (their typed email) either', async () => {
    endpoint.script('/session', { ...otherApplicant({ applicant: 'applicant-a', token: 'token-a' }) });
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    await first.start();
    first.send({ type: 'CONSENT_GIVEN' });
    first.send({
      type: 'DOCUMENT_CHOSEN',
      idType: 'passport',
      issuingCountry: 'USA',
      email: 'a@example.com',
    });
    await first.settled();
    expect((await store.load())?.state.context).toMatchObject({
      email: 'a@example.com',
      applicant: 'applicant-a',
    });
    first.dispose();

    // Someone else signs in on this browser: their session names another applicant.
    endpoint.script('/session', otherApplicant());
    const second = newFlow(store);
    const rendered: FlowState[] = [];
    void second.ready.then(() => rendered.push(second.state));
    await second.start();
    await second.settled();
    expect(rendered[0]?.step).toBe('consent');
    expect(second.state.context).toMatchObject({ email: null, document: null, applicant: 'applicant-b' });
    // Back at consent, nothing is kept: the first applicant's record is gone.
    expect(await store.load()).toBeUndefined();
  });

  it('after step 1 too: the endpoint refuses the submission to another applicant, and the flow starts over', async () => {
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    await toKoreanReview(first);
    await first.settled();
    first.dispose();

    endpoint.script('/session', protocolError(403, 'submission_mismatch'), otherApplicant());
    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('consent');
    expect(second.state.context).toMatchObject({ submissionId: null, fields: null });
  });

  it('keeps no flow whose session named no applicant (a host that dropped the tag): nothing to check a resume against', async () => {
    endpoint.script('/session', otherApplicant({ applicant: undefined }));
    const store = createMemoryResumeStore();
    const flow = newFlow(store);
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA', email: 'a@example.com' });
    await flow.settled();
    expect(await store.load()).toBeUndefined();
  });

  it('keeps a typed email only until step 1 has taken it', async () => {
    endpoint.script('/session', otherApplicant());
    endpoint.script('/step1', {
      status: 200,
      body: { submissionId: 'sub-e', ocr: OCR, token: 'bound-e', expiresAt: '2099-01-01T00:00:00Z' },
    });
    const store = createMemoryResumeStore();
    const flow = newFlow(store);
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA', email: 'b@example.com' });
    await flow.settled();
    expect((await store.load())?.state.context.email).toBe('b@example.com');
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    await reach(flow, 'review');
    await flow.settled();
    expect(JSON.stringify(await store.load())).not.toContain('b@example.com');
  });

  it('never stores the resident registration number: a resume past the review asks for it again there', async () => {
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    const review = await toKoreanReview(first);
    expect(review.context.fields?.identityNumber).toBe('7508251234567');
    await first.settled();
    expect(JSON.stringify(await store.load())).not.toContain('7508251234567');
    first.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    await reach(first, 'selfieCapture');
    await first.settled();
    const record = (await store.load())!;
    expect(record.state.step).toBe('selfieCapture');
    expect(JSON.stringify(record)).not.toContain('7508251234567');
    expect(record.state.context.fields).toMatchObject({ name: '홍길동', birthDate: '1975-08-25' });
    first.dispose();

    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('review');
    expect(second.state.context.fields).toMatchObject({ name: '홍길동' });
    expect(second.state.context.fields?.identityNumber).toBeUndefined();
    // Typed again, the flow goes on to the selfie of the same submission.
    second.send({
      type: 'REVIEW_SUBMITTED',
      fields: { ...second.state.context.fields!, identityNumber: '7508251234567' },
    });
    expect(second.state.step).toBe('selfieCapture');
    expect(second.state.context.submissionId).toBe('sub-k');
  });

  it('keeps an empty identity number as it is: nothing was typed, so the resume stays at the selfie', async () => {
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    const review = await toKoreanReview(first);
    first.send({ type: 'REVIEW_SUBMITTED', fields: { ...review.context.fields!, identityNumber: '' } });
    await first.settled();
    first.dispose();
    endpoint.script('/status', {
      status: 200,
      body: { submissionId: 'sub-k', kycStatus: 'incomplete', attempts: 0, commentCode: [] },
    });
    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('selfieCapture');
  });

  it('keeps the device location to three decimals (about 100 m), and the address it resolved to', async () => {
    const store = createMemoryResumeStore();
    const flow = newFlow(store, { address: 'required' });
    const review = await toKoreanReview(flow);
    flow.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    flow.send({ type: 'ADDRESS_LOOKUP', input: '37.579617,126.977041' });
    const found = await new Promise<FlowState>((resolve) =>
      flow.subscribe((s) => s.context.addressLookup?.status === 'found' && resolve(s)),
    );
    expect(found.context.addressLookup?.input).toBe('37.579617,126.977041');
    await flow.settled();
    const record = (await store.load())!;
    expect(record.state.context.addressLookup).toMatchObject({
      input: '37.579,126.977',
      result: { formattedAddress: expect.stringContaining('Pennsylvania') },
    });
    expect(JSON.stringify(record)).not.toMatch(/579617|977041/);
  });

  it('keeps the review draft (REVIEW_EDITED), so that a reload keeps the applicant’s edits', async () => {
    const store = createMemoryResumeStore();
    const first = newFlow(store);
    const review = await toKoreanReview(first);
    first.send({ type: 'REVIEW_EDITED', fields: { ...review.context.fields!, name: 'Hong Gil-dong' } });
    await first.settled();
    first.dispose();
    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('review');
    expect(second.state.context.fields?.name).toBe('Hong Gil-dong');
  });

  it('shows a decided result again for resultTtlMs from the decision, then a new verification', async () => {
    let now = Date.now();
    const store = createMemoryResumeStore({ now: () => now });
    endpoint.script('/step2', { status: 200, body: { kycStatus: 'approved', attempt: 1, attemptsLeft: 0 } });
    const first = newFlow(store, { now: () => now, resultTtlMs: 3600_000 });
    const review = await toKoreanReview(first);
    first.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(first, 'result');
    await first.settled();
    first.dispose();

    now += 3600_000 - 1000;
    const second = newFlow(store, { now: () => now, resultTtlMs: 3600_000 });
    await second.start();
    expect(second.state.step).toBe('result');
    expect(second.state.context.result?.status).toBe('approved');
    await second.settled();
    second.dispose();

    now += 2000;
    const third = newFlow(store, { now: () => now, resultTtlMs: 3600_000 });
    await third.start();
    expect(third.state.step).toBe('consent');
  });

  it('reset() on a kept result starts a new verification and forgets the result', async () => {
    const store = createMemoryResumeStore();
    endpoint.script('/step2', { status: 200, body: { kycStatus: 'rejected', attempt: 1, attemptsLeft: 0 } });
    const first = newFlow(store);
    const review = await toKoreanReview(first);
    first.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(first, 'result');
    await first.settled();
    first.dispose();

    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('result');
    await second.reset();
    expect(second.state.step).toBe('consent');
    expect(await store.load()).toBeUndefined();
  });

  it('a result of another applicant is not shown', async () => {
    const store = createMemoryResumeStore();
    endpoint.script('/step2', { status: 200, body: { kycStatus: 'approved', attempt: 1, attemptsLeft: 0 } });
    const first = newFlow(store);
    const review = await toKoreanReview(first);
    first.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    first.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(first, 'result');
    await first.settled();
    first.dispose();

    endpoint.script('/session', otherApplicant());
    const second = newFlow(store);
    await second.start();
    expect(second.state.step).toBe('consent');
    expect(second.state.context.result).toBeNull();
  });
});

describe('the step-1 answer is stored before the review shows it', () => {
  /** The memory store, whose saves of `step` wait for `gate` and are logged in `log` once done. */
  function loggedStore(log: string[], gate: (step: string) => Promise<void>): ResumeStore {
    const inner = createMemoryResumeStore();
    return {
      load: () => inner.load(),
      clear: () => inner.clear(),
      async save(record) {
        await gate(record.state.step);
        await inner.save(record);
        log.push(`stored ${record.state.step} ${record.state.context.submissionId ?? '-'}`);
      },
    };
  }

  async function upload(flow: Flow, log: string[], timeoutMs?: number): Promise<FlowState> {
    endpoint.script('/step1', {
      status: 200,
      body: { submissionId: 'sub-1', ocr: OCR, token: 'bound-1', expiresAt: '2099-01-01T00:00:00Z' },
    });
    flow.subscribe((state, previous) => {
      if (state.step !== previous.step) log.push(`shown ${state.step}`);
    });
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    return reach(flow, 'review', timeoutMs);
  }

  it('a reload as soon as the review shows finds the submission stored (a slow write holds the review back)', async () => {
    const log: string[] = [];
    const store = loggedStore(log, (step) =>
      step === 'review' ? new Promise((r) => setTimeout(r, 150)) : Promise.resolve(),
    );
    await upload(newFlow(store), log);
    // Read at the moment the review shows, as a reload then would.
    expect((await store.load())?.state).toMatchObject({ step: 'review', context: { submissionId: 'sub-1' } });
    // Stored first, and once: the review's own state change has nothing new to write.
    expect(log.filter((l) => l.includes('review'))).toEqual(['stored review sub-1', 'shown review']);
  });

  it('a store that refuses the write (IndexedDB refused, full) does not hold the applicant back', async () => {
    const log: string[] = [];
    const store = loggedStore(log, (step) =>
      step === 'review' ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : Promise.resolve(),
    );
    const started = performance.now();
    const review = await upload(newFlow(store), log);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(review.context.submissionId).toBe('sub-1');
    expect(log).not.toContain('stored review sub-1');
  });

  it('a store that never answers (a blocked database) holds the review back 2 s, then lets it show', async () => {
    const log: string[] = [];
    const store = loggedStore(log, (step) =>
      step === 'review' ? new Promise(() => undefined) : Promise.resolve(),
    );
    const started = performance.now();
    const review = await upload(newFlow(store), log, 6000);
    expect(review.context.submissionId).toBe('sub-1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1990);
  });
});
