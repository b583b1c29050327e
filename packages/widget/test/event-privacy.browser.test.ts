// The privacy rule of the widget's events and of the webview bridge, stated once for
// all of them: each `kyc-*` event's `detail` (and each bridge message) carries only
// its allowed keys, and no reviewed value (name, birth date, ID number, email,
// address) appears anywhere in it. Driven through a whole <argos-kyc> flow that holds
// those values: the element's own flow, told what the applicant does through its
// public `send`, and the customer endpoint scripted at the browser's network
// boundary (fetch for JSON, XMLHttpRequest for uploads), because the browser project
// has no endpoint server (the e2e suite runs the same flow against the real stack).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow, FlowState, OcrFields, Step } from '@argos-kyc/core';
import type { ArgosKyc } from '../src/index.ts';
import { defineArgosKyc } from '../src/define.ts';
import { deepQueryAll, mount, unmountAll, until } from './helpers.ts';

const PII = {
  name: 'Mary Jackson',
  birthDate: '1981-04-09',
  identityNumber: '810409-2345678',
  email: 'mary.jackson@example.test',
  street: '1600 Pennsylvania Avenue NW',
  city: 'Washington',
  zipcode: '20500',
  detail: 'West Wing, Room 12',
  addressInput: '1600 Pennsylvania Ave',
};
/** The strings that must never leave in an event or a bridge message (and distinctive parts of them). */
const FORBIDDEN = [
  ...Object.values(PII),
  'Jackson',
  '2345678',
  '1981',
  'mary.jackson',
  'Pennsylvania',
  'West Wing',
];
const TOKENS = ['host-token-1a2b3c', 'bound-token-4d5e6f', 'native-token-7a8b9c', 'native-bound-0d1e2f'];

const OCR: OcrFields = {
  name: PII.name,
  firstName: null,
  lastName: null,
  birthDate: PII.birthDate,
  gender: 'female',
  nationality: 'KOR',
  issueDate: '2019-06-01',
  expireDate: null,
  identityNumber: PII.identityNumber,
  licenseNumber: null,
};

/** Exactly the keys each event's `detail` may have. */
const ALLOWED_KEYS: Record<string, string[]> = {
  'kyc-step-change': ['previousStep', 'step'],
  'kyc-exit': ['step'],
  'kyc-error': ['code', 'retryable'],
  'kyc-attempt': ['attempt', 'attemptsLeft', 'reason'],
  'kyc-complete': ['status', 'submissionId'],
  'kyc-consent': ['biometric', 'processing'],
  'kyc-done': ['outcome', 'submissionId'],
};

/** What the scripted endpoint answers, by path; step 2 answers in turn. */
const step2Answers: unknown[] = [];
/** How long step 1's bound token lives (a short life makes the client ask for a new one before step 2). */
let step1TokenLifeMs = 900_000;
function answer(path: string): { status: number; body: unknown } {
  const later = new Date(Date.now() + 900_000).toISOString();
  if (path.endsWith('/session'))
    return {
      status: 200,
      body: { token: TOKENS[0], expiresAt: later, emailRequired: true, submissionId: null },
    };
  if (path.endsWith('/step1'))
    return {
      status: 200,
      body: {
        submissionId: 'sub-priv-1',
        ocr: OCR,
        token: TOKENS[1],
        expiresAt: new Date(Date.now() + step1TokenLifeMs).toISOString(),
      },
    };
  if (path.endsWith('/step2')) return { status: 200, body: step2Answers.shift() };
  if (path.endsWith('/status'))
    return {
      status: 200,
      body: { submissionId: 'sub-priv-1', kycStatus: 'approved', attempts: 2, commentCode: [] },
    };
  return { status: 404, body: { code: 'not_found', retryable: false } };
}

class ScriptedXhr {
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  timeout = 0;
  status = 0;
  responseText = '';
  private url = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  getResponseHeader(name: string) {
    return name.toLowerCase() === 'content-type' ? 'application/json' : null;
  }
  abort() {
    this.onabort?.();
  }
  send() {
    setTimeout(() => {
      this.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true } as ProgressEvent);
      this.upload.onload?.();
      const { status, body } = answer(this.url);
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.onload?.();
    }, 5);
  }
}

const scriptedFetch = async (input: RequestInfo | URL) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const { status, body } = answer(url);
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
};

const jpeg = () =>
  new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(2044).fill(7)])], { type: 'image/jpeg' });

let events: { type: string; detail: unknown }[];
let bridged: unknown[];
const record = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
const TYPES = Object.keys(ALLOWED_KEYS);

beforeEach(() => {
  defineArgosKyc();
  events = [];
  bridged = [];
  step2Answers.length = 0;
  step1TokenLifeMs = 900_000;
  vi.stubGlobal('fetch', scriptedFetch);
  vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
  // A webview's native bridges (iOS takes objects, Android strings): what the app would receive.
  const w = window as unknown as Record<string, unknown>;
  w.webkit = { messageHandlers: { argosKyc: { postMessage: (m: unknown) => bridged.push(m) } } };
  w.ArgosKycAndroid = { postMessage: (m: string) => bridged.push(JSON.parse(m)) };
  for (const type of TYPES) document.addEventListener(type, record);
});
afterEach(() => {
  unmountAll();
  for (const type of TYPES) document.removeEventListener(type, record);
  const w = window as unknown as Record<string, unknown>;
  delete w.webkit;
  delete w.ArgosKycAndroid;
  vi.unstubAllGlobals();
});

async function widget(): Promise<{ el: ArgosKyc; flow: Flow }> {
  const el = document.createElement('argos-kyc');
  el.endpoint = 'https://shop.example/kyc';
  el.disableResume = true;
  el.address = 'optional';
  el.locale = 'en';
  mount(el);
  await until(() => events.some((e) => e.type === 'kyc-step-change'), 'the first kyc-step-change');
  return { el, flow: el.flow! };
}

function reach(flow: Flow, step: Step, ok: (s: FlowState) => boolean = () => true): Promise<FlowState> {
  return until(
    () => flow.state.step === step && ok(flow.state) && flow.state,
    `step ${step} (now ${flow.state.step})`,
  );
}

/** A flow to its result through every screen, with the PII typed in: one incomplete selfie, then pending, then approved. */
async function wholeFlow(): Promise<Flow> {
  step2Answers.push(
    {
      kycStatus: 'incomplete',
      attempt: 1,
      attemptsLeft: 2,
      reason: 'multiple_faces',
      message: `Two faces, ${PII.name}`,
    },
    { kycStatus: 'pending', attempt: 2, attemptsLeft: 1 },
  );
  const { flow } = await widget();
  flow.send({ type: 'CONSENT_GIVEN', biometric: true });
  flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'government_id', issuingCountry: 'KOR', email: PII.email });
  await reach(flow, 'documentCapture');
  flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
  const review = await reach(flow, 'review');
  flow.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
  await reach(flow, 'address');
  flow.send({
    type: 'ADDRESS_CONFIRMED',
    address: {
      input: PII.addressInput,
      formattedAddress: `${PII.street}, ${PII.city}, DC ${PII.zipcode}, USA`,
      compoundCode: 'VXX7+39 Washington, DC, USA',
      globalCode: '87C4VXX7+39',
      street: PII.street,
      city: PII.city,
      state: 'DC',
      country: 'USA',
      zipcode: PII.zipcode,
      detail: PII.detail,
    },
  });
  await reach(flow, 'selfieCapture');
  flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
  await reach(flow, 'retrySelfie');
  flow.send({ type: 'RETRY' });
  await reach(flow, 'selfieCapture');
  flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
  await reach(flow, 'result', (s) => s.context.result?.status === 'approved');
  await until(() => events.filter((e) => e.type === 'kyc-complete').length === 2, 'two kyc-complete events');
  // The result's Done hands control back to the host.
  const done = () =>
    deepQueryAll<HTMLButtonElement>(document.body, 'button').find((b) => b.textContent?.trim() === 'Done');
  (await until(done, 'the Done button')).click();
  return flow;
}

/** Every string anywhere in `value`, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

function expectNoPii(what: string, value: unknown): void {
  const text = JSON.stringify(value ?? null);
  for (const secret of [...FORBIDDEN, ...TOKENS])
    expect(text, `${what} carries "${secret}"`).not.toContain(secret);
  for (const s of strings(value)) expect(s.length, `${what}: "${s}"`).toBeLessThan(40);
}

describe('the privacy rule of events and bridge messages', () => {
  it('a whole flow holding every reviewed value really held them (the scan below is not vacuous)', async () => {
    const flow = await wholeFlow();
    const held = JSON.stringify(flow.state.context);
    for (const value of [PII.name, PII.birthDate, PII.identityNumber, PII.email, PII.street])
      expect(held).toContain(value);
  });

  it('every event of a whole flow has exactly its allowed detail keys and no reviewed value', async () => {
    await wholeFlow();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['kyc-step-change', 'kyc-consent', 'kyc-attempt', 'kyc-complete', 'kyc-done']),
    );
    expect(events.filter((e) => e.type === 'kyc-consent').map((e) => e.detail)).toEqual([
      { processing: true, biometric: true },
    ]);
    expect(events.filter((e) => e.type === 'kyc-done').map((e) => e.detail)).toEqual([
      { outcome: 'approved', submissionId: 'sub-priv-1' },
    ]);
    for (const { type, detail } of events) {
      expect(Object.keys(detail as object).sort(), type).toEqual(ALLOWED_KEYS[type]);
      expectNoPii(type, detail);
    }
    expect(events.filter((e) => e.type === 'kyc-complete').map((e) => e.detail)).toEqual([
      { submissionId: 'sub-priv-1', status: 'pending' },
      { submissionId: 'sub-priv-1', status: 'approved' },
    ]);
    expect(events.filter((e) => e.type === 'kyc-attempt').map((e) => e.detail)).toEqual([
      { attempt: 1, attemptsLeft: 2, reason: 'multiple_faces' },
    ]);
  });

  it('kyc-exit and kyc-error, from a flow holding the reviewed values, carry only their keys', async () => {
    const { flow } = await widget();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'government_id', issuingCountry: 'KOR', email: PII.email });
    await reach(flow, 'documentCapture');
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    await reach(flow, 'review');
    // Step 2 answers with no body at all (not the protocol's answer): the flow's error, a kyc-error.
    step2Answers.push(undefined);
    flow.send({ type: 'REVIEW_SUBMITTED', fields: flow.state.context.fields! });
    await reach(flow, 'address');
    flow.send({ type: 'ADDRESS_SKIPPED' });
    await reach(flow, 'selfieCapture');
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await until(() => events.some((e) => e.type === 'kyc-error'), 'a kyc-error');
    flow.send({ type: 'EXIT' });
    await until(() => events.some((e) => e.type === 'kyc-exit'), 'a kyc-exit');
    expect(events.filter((e) => e.type === 'kyc-error').map((e) => e.detail)).toEqual([
      { code: 'bad_response', retryable: false },
    ]);
    for (const { type, detail } of events) {
      expect(Object.keys(detail as object).sort(), type).toEqual(ALLOWED_KEYS[type]);
      expectNoPii(type, detail);
    }
  });

  it('every bridge message is the envelope around its event, with nothing more, on every native bridge', async () => {
    await wholeFlow();
    const ios = bridged.filter((_, i) => i % 2 === 0);
    const android = bridged.filter((_, i) => i % 2 === 1);
    expect(android).toEqual(ios);
    expect(ios.map((m) => (m as { type: string }).type)).toEqual(events.map((e) => e.type));
    for (const message of ios) {
      expect(Object.keys(message as object).sort()).toEqual(['detail', 'source', 'type', 'version']);
      const { source, version, type, detail } = message as Record<string, unknown>;
      expect({ source, version }).toEqual({ source: 'argos-kyc', version: 1 });
      expect(Object.keys(detail as object).sort(), String(type)).toEqual(ALLOWED_KEYS[String(type)]);
      expectNoPii(`bridge ${String(type)}`, message);
    }
  });

  it('kyc-token-request, asked for while the flow holds every reviewed value, names the submission and nothing more', async () => {
    // The app supplies the tokens: it answers each request with one bound to the submission named.
    const command = (c: unknown) =>
      (window as unknown as { argosKyc: { command(c: unknown): unknown } }).argosKyc.command(c);
    const w = window as unknown as {
      webkit: { messageHandlers: { argosKyc: { postMessage(m: unknown): void } } };
    };
    w.webkit.messageHandlers.argosKyc.postMessage = (m: unknown) => {
      bridged.push(m);
      const { type, detail } = m as { type: string; detail: { submissionId: string | null } };
      if (type === 'kyc-token-request')
        setTimeout(() => command({ type: 'setToken', token: TOKENS[3], submissionId: detail.submissionId }));
    };
    // Step 1's bound token expires within the client's refresh margin: step 2 needs a new one.
    step1TokenLifeMs = 20_000;
    step2Answers.push({ kycStatus: 'pending', attempt: 1, attemptsLeft: 2 });
    const { el, flow: first } = await widget();
    expect(command({ type: 'setToken', token: TOKENS[2] })).toEqual({ ok: true });
    await until(
      () => el.flow && el.flow !== first && el.flow.state.step === 'consent',
      'a flow on the app tokens',
    );
    const flow = el.flow!;
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'government_id', issuingCountry: 'KOR', email: PII.email });
    await reach(flow, 'documentCapture');
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: jpeg() });
    const review = await reach(flow, 'review');
    flow.send({ type: 'REVIEW_SUBMITTED', fields: review.context.fields! });
    await reach(flow, 'address');
    flow.send({ type: 'ADDRESS_SKIPPED' });
    await reach(flow, 'selfieCapture');
    flow.send({ type: 'SELFIE_SUBMITTED', image: jpeg() });
    await reach(flow, 'result', (s) => s.context.result?.status === 'pending');
    // The flow held the reviewed values when it asked (the scan below is not vacuous).
    expect(JSON.stringify(flow.state.context)).toContain(PII.identityNumber);

    const requests = bridged.filter((m) => (m as { type: string }).type === 'kyc-token-request');
    // Once from each native bridge (iOS object, Android text), for the submission step 2 needs.
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual(requests[0]);
    for (const message of requests) {
      expect(Object.keys(message as object).sort()).toEqual(['detail', 'source', 'type', 'version']);
      const { source, version, detail } = message as Record<string, unknown>;
      expect({ source, version }).toEqual({ source: 'argos-kyc', version: 1 });
      expect(detail).toEqual({ submissionId: 'sub-priv-1' });
      expectNoPii('bridge kyc-token-request', message);
    }
  });
});
