// <argos-kyc handoff-code> on a phone that reloads (issue 14): the element keeps the link
// in its tab (core's store/phone-tab.ts, through the handoff chunk) and, on a reload,
// carries on from it instead of redeeming the spent code again. There is no endpoint
// server in the browser project: `standIn` answers the endpoint's routes in its place
// and counts the redemptions (the whole stack is e2e/tests/handoff.spec.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState, phoneTab, resumePoint, transition, type FlowEvent } from '@argos-kyc/core';
import type { ArgosKyc } from '../src/index.ts';
import { defineArgosKyc } from '../src/define.ts';
import { axeViolations, deepQuery, mount, unmountAll, until } from './helpers.ts';

defineArgosKyc();

const CODE = 'Qm9uZGF5LXJlbG9hZC10ZXN0LWNvZGU';
const SUBMISSION = 'sub-reload-1';
const APPLICANT_TAG = 'tag-reload';

/** The endpoint's answers in place of a server; what was asked, by path. */
function standIn() {
  const calls: { path: string; authorization: string | null }[] = [];
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = new URL(String(input), location.href).pathname;
    const authorization = new Headers(init?.headers).get('authorization');
    calls.push({ path, authorization });
    const session = {
      token: `phone-token-${calls.length}`,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      emailRequired: false,
      submissionId: SUBMISSION,
      applicant: APPLICANT_TAG,
    };
    if (path.endsWith('/handoff/redeem'))
      return answer(409, { code: 'handoff_used', retryable: false, message: 'This link was already used.' });
    if (path.endsWith('/session')) return answer(200, session);
    return answer(404, {});
  });
  return calls;
}

/** What the phone's tab held before the reload: its token and its flow at the review. */
async function tabBeforeTheReload(): Promise<void> {
  const events: FlowEvent[] = [
    { type: 'SESSION_STARTED', emailRequired: false, submissionId: null, applicant: APPLICANT_TAG },
    { type: 'CONSENT_GIVEN', biometric: true },
    { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    { type: 'DOCUMENT_SUBMITTED' },
    {
      type: 'DOCUMENT_ACCEPTED',
      submissionId: SUBMISSION,
      ocr: {
        name: 'Alex Specimen',
        firstName: null,
        lastName: null,
        birthDate: '1990-01-01',
        gender: 'female',
        nationality: 'USA',
        issueDate: '2020-02-25',
        expireDate: null,
        identityNumber: null,
        licenseNumber: null,
      },
    },
  ];
  const review = events.reduce(transition, initialState());
  expect(review.step).toBe('review');
  const tab = phoneTab(CODE);
  await tab.keepToken({ token: 'phone-token-kept', expiresAt: Date.now() + 600_000 });
  await tab.store.save({ version: 2, state: resumePoint(review)!, savedAt: Date.now() });
}

function phone(setup: (el: ArgosKyc) => void = () => undefined): ArgosKyc {
  const el = document.createElement('argos-kyc');
  el.endpoint = '/kyc-stand-in';
  el.locale = 'en';
  el.handoffCode = CODE;
  setup(el);
  return mount(el);
}

const heading = (el: ArgosKyc) => deepQuery<HTMLHeadingElement>(el.shadowRoot!, 'h2')?.textContent?.trim();

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('argos-kyc on a phone that reloads', () => {
  it('carries on at the review with the kept token, without redeeming the code again', async () => {
    await tabBeforeTheReload();
    const calls = standIn();
    const el = phone();
    await until(() => heading(el) === 'Check your details', `the review (now "${heading(el)}")`);
    const name = deepQuery<HTMLInputElement>(el.shadowRoot!, 'input[name="name"]');
    expect(name?.value).toBe('Alex Specimen');
    expect(calls.map((c) => c.path)).toEqual(['/kyc-stand-in/session']);
    // The session refreshed the phone's kept token, with itself as bearer.
    expect(calls[0]!.authorization).toBe('Bearer phone-token-kept');
    // ...and the tab keeps the refreshed one for the next reload.
    await until(() => keptTokens().includes('phone-token-1'), `the refreshed token kept (${keptTokens()})`);
    // One link in the tab, named by a hash of its code, never the code.
    expect(Object.keys(sessionStorage)).toHaveLength(1);
    expect(JSON.stringify(sessionStorage)).not.toContain(CODE);
    expect(await axeViolations(el)).toEqual([]);
  });

  it('with disable-resume keeps nothing in the tab: the spent code is redeemed, and refused', async () => {
    await tabBeforeTheReload();
    const calls = standIn();
    const errors: string[] = [];
    phone((e) => {
      e.disableResume = true;
      e.addEventListener('kyc-error', (event) => errors.push(event.detail.code));
    });
    await until(() => calls.some((c) => c.path.endsWith('/handoff/redeem')), 'a redemption');
    await until(() => errors.includes('handoff_used'), `the used-link screen (${errors})`);
    expect(keptTokens()).toEqual(['phone-token-kept']);
  });
});

/** The tokens the tab keeps, one per link (the phone tab's storage, read as it is). */
function keptTokens(): string[] {
  return Object.keys(sessionStorage).map(
    (k) => (JSON.parse(sessionStorage.getItem(k)!) as { token: string }).token,
  );
}
