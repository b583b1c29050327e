// The driver: side effects at the edges of the pure machine (session, upload,
// resume storage), against a scripted endpoint over loopback HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFlow,
  createMemoryResumeStore,
  type Flow,
  type FlowState,
  type ResumeStore,
  type Step,
  type TokenContext,
} from '../src/index.ts';
import { startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';
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

function newFlow(
  store: ResumeStore | undefined,
  extra: Partial<Parameters<typeof createFlow>[0]> = {},
): Flow {
  const flow = createFlow({
    endpoint: endpoint.url,
    transport: 'fetch',
    backoffMs: 5,
    ...(store ? { store } : {}),
    ...extra,
  });
  flows.push(flow);
  return flow;
}

async function toReview(flow: Flow): Promise<FlowState> {
  await flow.start();
  flow.send({ type: 'CONSENT_GIVEN' });
  flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
  flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
  return reach(flow, 'review');
}

describe('createFlow', () => {
  it('opens the session on start and learns whether an email is required', async () => {
    endpoint.script('/session', {
      status: 200,
      body: { token: 't', expiresAt: '2099-01-01T00:00:00Z', emailRequired: true, submissionId: null },
    });
    const flow = newFlow(createMemoryResumeStore());
    await flow.start();
    expect(flow.state.context).toMatchObject({ sessionReady: true, emailRequired: true });
  });

  it('tells subscribers each change with the previous state, and stops after unsubscribe', async () => {
    const flow = newFlow(undefined, { persist: false });
    const seen: [Step, Step][] = [];
    const off = flow.subscribe((state, previous) => seen.push([previous.step, state.step]));
    flow.send({ type: 'CONSENT_GIVEN' });
    off();
    flow.send({ type: 'BACK' });
    expect(seen).toEqual([['consent', 'document']]);
  });

  it('uploads the document with progress and reaches the review prefilled from the OCR', async () => {
    endpoint.script('/step1', {
      status: 200,
      body: { submissionId: 'sub-9', ocr: OCR, token: 'bound-9', expiresAt: '2099-01-01T00:00:00Z' },
    });
    const flow = newFlow(createMemoryResumeStore());
    const uploads: FlowState['context']['upload'][] = [];
    flow.subscribe((s) => s.step === 'uploadingDocument' && uploads.push(s.context.upload));
    const review = await toReview(flow);
    expect(review.context.submissionId).toBe('sub-9');
    expect(review.context.fields).toMatchObject({ name: 'John Smith', birthDate: '1975-08-25' });
    expect(uploads.at(-1)).toMatchObject({ loaded: 2048 });
    expect(flow.client.token?.token).toBe('bound-9');
  });

  it('cancels an upload in flight and returns to capture', async () => {
    endpoint.script('/step1', {
      delayMs: 1000,
      status: 200,
      body: { submissionId: 'late', ocr: null, token: 'x' },
    });
    const flow = newFlow(undefined, { persist: false });
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    await new Promise((r) => setTimeout(r, 100));
    flow.send({ type: 'UPLOAD_CANCELLED' });
    expect(flow.state.step).toBe('documentCapture');
    await new Promise((r) => setTimeout(r, 1100));
    expect(flow.state.step).toBe('documentCapture');
  });

  it('re-sends the image it still holds when the applicant retries a failed upload', async () => {
    endpoint.script('/step1', { status: 502, body: { code: 'vendor_error', message: 'm', retryable: true } });
    const flow = newFlow(undefined, { persist: false });
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    const failed = await reach(flow, 'error');
    expect(failed.error).toMatchObject({ code: 'vendor_error', retry: 'uploadingDocument' });
    flow.send({ type: 'RETRY' });
    await reach(flow, 'review');
    const bodies = endpoint.seen.filter((r) => r.path === '/step1').map((r) => r.body.length);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
  });

  describe('resume', () => {
    it('stores the review with its reviewed fields and the applicant tag, and never a token or an image', async () => {
      endpoint.script('/step1', {
        status: 200,
        body: { submissionId: 'sub-9', ocr: OCR, token: 'bound-9', expiresAt: '2099-01-01T00:00:00Z' },
      });
      const store = createMemoryResumeStore();
      const flow = newFlow(store);
      await toReview(flow);
      await flow.settled();
      const record = await store.load();
      expect(record).toMatchObject({
        version: 2,
        state: {
          step: 'review',
          context: { submissionId: 'sub-9', applicant: 'applicant-a', fields: { name: 'John Smith' } },
        },
      });
      // Issue 15: the session token (a readable JWT with the email) is never stored, at any step.
      expect(JSON.stringify(record)).not.toMatch(/Blob|image\/jpeg|bound-9|token-|"token"/);
      await expect(
        store.save({ ...record!, state: { ...record!.state, image: jpeg() } as never }),
      ).rejects.toThrow(/binary/);
    });

    it('resumes a reloaded flow at the review with a new token for its submission (named in the body of /session), without a new step 1', async () => {
      endpoint.script('/step1', {
        status: 200,
        body: { submissionId: 'sub-9', ocr: OCR, token: 'bound-9', expiresAt: '2099-01-01T00:00:00Z' },
      });
      const store = createMemoryResumeStore();
      const first = newFlow(store);
      await toReview(first);
      await first.settled();
      first.dispose();

      const second = newFlow(store);
      await second.start();
      expect(second.state.step).toBe('review');
      expect(second.state.context.fields).toMatchObject({ name: 'John Smith' });
      expect(endpoint.seen.filter((r) => r.path === '/step1')).toHaveLength(1);
      const reopened = endpoint.seen.filter((r) => r.path === '/session').at(-1)!;
      expect(reopened.authorization).toBeUndefined();
      expect(JSON.parse(reopened.body.toString())).toEqual({ submissionId: 'sub-9' });
      expect(second.client.token?.token).not.toBe('bound-9');
    });

    it('keeps the submission id in one place: the flow state, which a resumed flow tells the host’s getToken', async () => {
      endpoint.script('/step1', {
        status: 200,
        body: { submissionId: 'sub-9', ocr: OCR, token: 'bound-9', expiresAt: '2099-01-01T00:00:00Z' },
      });
      const store = createMemoryResumeStore();
      const first = newFlow(store);
      await toReview(first);
      await first.settled();
      first.dispose();
      const record = (await store.load())!;
      // firstSavedAt: when the 24 h began (issue 15: they never slide); no submission id beside `state`.
      expect(Object.keys(record).sort()).toEqual(['firstSavedAt', 'savedAt', 'state', 'version']);
      expect(record.state.context.submissionId).toBe('sub-9');

      const seen: TokenContext[] = [];
      const second = newFlow(store, {
        getToken: async (context) => {
          seen.push(context);
          return { token: 'host-1', expiresAt: Date.now() + 900_000, applicant: 'applicant-a' };
        },
      });
      await second.start();
      expect(second.state.step).toBe('review');
      // No previous token after a reload: the host's backend names the submission to /session.
      expect(seen).toEqual([{ submissionId: 'sub-9', previousToken: null }]);
    });

    it('ignores a resume point older than its time limit', async () => {
      let now = Date.now();
      const store = createMemoryResumeStore({ ttlMs: 60_000, now: () => now });
      const first = newFlow(store, { now: () => now });
      await first.start();
      first.send({ type: 'CONSENT_GIVEN' });
      await first.settled();
      now += 61_000;
      const second = newFlow(store, { now: () => now });
      await second.start();
      expect(second.state.step).toBe('consent');
      expect(await store.load()).toBeUndefined();
    });

    it('wipes the resume point on exit and on reset, and reset forgets the bound token', async () => {
      const store = createMemoryResumeStore();
      const flow = newFlow(store);
      await toReview(flow);
      await flow.settled();
      flow.send({ type: 'EXIT' });
      await flow.settled();
      expect(await store.load()).toBeUndefined();

      const again = newFlow(store);
      await toReview(again);
      await again.settled();
      await again.reset();
      expect(again.state.step).toBe('consent');
      expect(await store.load()).toBeUndefined();
      expect(endpoint.seen.filter((r) => r.path === '/session').at(-1)!.authorization).toBeUndefined();
    });

    it('stores nothing with persist: false', async () => {
      const store = createMemoryResumeStore();
      const flow = newFlow(store, { persist: false });
      await toReview(flow);
      await flow.settled();
      expect(await store.load()).toBeUndefined();
    });
  });
});
