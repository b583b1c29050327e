// Every language present (the files of src/i18n/locales/, and the pseudo-locales) on every
// screen that needs no camera or server, in one page: no string falls back for want of a
// key in that language's file, and no key-shaped text shows. The camera, selfie and handoff
// screens are walked in the pseudo-locales by e2e/tests/visual.spec.ts.
import { initialState, transition, type FlowEvent, type FlowState } from '@argos-kyc/core';
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { addLoadedLocale, createI18n, loadLocale } from '../src/i18n/i18n.ts';
import { SUPPORTED_LOCALES } from '../src/i18n/locales.ts';
import { deepQuery, deepQueryAll, mountStep, screenFlow, setUpScreenTests } from './helpers.ts';

const REVIEW = {
  name: 'Alex Specimen',
  birthDate: '1990-01-01',
  gender: 'female' as const,
  nationality: 'USA',
  issueDate: '2020-02-25',
};
const FOUND = {
  formattedAddress: '1600 Pennsylvania Avenue NW',
  compoundCode: 'VXX7+39 Washington',
  globalCode: '87C4VXX7+39',
};
const after = (...events: FlowEvent[]) => events.reduce(transition, initialState({ address: 'off' }));
const withAddress = (...events: FlowEvent[]) =>
  events.reduce(transition, initialState({ address: 'optional' }));
const toReview: FlowEvent[] = [
  { type: 'CONSENT_GIVEN' },
  { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
  { type: 'DOCUMENT_SUBMITTED' },
  { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null },
];
const toAddress: FlowEvent[] = [
  ...toReview,
  { type: 'REVIEW_SUBMITTED', fields: REVIEW, today: '2026-11-26' },
];
const answer = (kycStatus: 'incomplete' | 'pending' | 'approved' | 'rejected'): FlowEvent[] => [
  ...toAddress,
  { type: 'SELFIE_SUBMITTED' },
  {
    type: 'SELFIE_ANSWERED',
    kycStatus,
    attempt: 1,
    attemptsLeft: kycStatus === 'incomplete' ? 2 : 0,
    reason: null,
  },
];

const SCREENS: [string, FlowState][] = [
  ['argos-kyc-consent-step', after()],
  ['argos-kyc-document-step', after({ type: 'CONSENT_GIVEN' })],
  [
    'argos-kyc-upload-step',
    after(...toReview.slice(0, 3), { type: 'UPLOAD_PROGRESS', loaded: 10, total: 100 }),
  ],
  [
    'argos-kyc-error-step',
    after(...toReview.slice(0, 3), {
      type: 'DOCUMENT_REJECTED',
      error: { code: 'timeout', retryable: true },
    }),
  ],
  ['argos-kyc-review-step', after(...toReview)],
  ['argos-kyc-address-step', withAddress(...toAddress)],
  [
    'argos-kyc-address-step',
    withAddress(
      ...toAddress,
      { type: 'ADDRESS_LOOKUP', input: 'x' },
      { type: 'ADDRESS_FOUND', input: 'x', result: FOUND },
    ),
  ],
  ['argos-kyc-result-step', after(...answer('incomplete'))],
  ['argos-kyc-result-step', after(...answer('pending'))],
  ['argos-kyc-result-step', after(...answer('approved'))],
  ['argos-kyc-result-step', after(...answer('rejected'))],
  ['argos-kyc-end-step', after({ type: 'EXIT' })],
];

setUpScreenTests();

describe('every language on every screen', () => {
  it('has its steps in the screens list (a state the walk expects is the state it gets)', () => {
    expect(SCREENS.map(([tag, state]) => `${tag}:${state.step}`)).toEqual([
      'argos-kyc-consent-step:consent',
      'argos-kyc-document-step:document',
      'argos-kyc-upload-step:uploadingDocument',
      'argos-kyc-error-step:error',
      'argos-kyc-review-step:review',
      'argos-kyc-address-step:address',
      'argos-kyc-address-step:address',
      'argos-kyc-result-step:retrySelfie',
      'argos-kyc-result-step:result',
      'argos-kyc-result-step:result',
      'argos-kyc-result-step:result',
      'argos-kyc-end-step:exited',
    ]);
  });

  for (const tag of [...SUPPORTED_LOCALES, 'en-XA', 'ar-XB']) {
    it(`${tag}: every string from its own file, no key shown`, async () => {
      const i18n = createI18n('en');
      expect(await loadLocale([tag])).toBe(tag);
      addLoadedLocale(i18n, tag);
      await i18n.changeLanguage(tag);
      const plain = i18n.getFixedT(tag);
      const missing = new Set<string>();
      // The file's own string for each key a screen asks for (a `defaultValue` is a code's fallback, on purpose).
      const has = (key: string) =>
        typeof i18n.getResource(tag, 'translation', key) === 'string' ||
        typeof i18n.getResource(tag, 'translation', `${key}_other`) === 'string';
      const t = ((key: string, options?: Record<string, unknown>) => {
        if (options?.defaultValue === undefined && !has(key)) missing.add(key);
        return plain(key, options);
      }) as TFunction;
      for (const [element, state] of SCREENS) {
        const flow = screenFlow();
        flow.send = () => undefined;
        Object.defineProperty(flow, 'state', { get: () => state });
        const el = mountStep(element, flow, state, { locale: tag, t });
        await el.updateComplete;
        expect(deepQuery(el.shadowRoot!, 'h2')?.textContent?.trim(), `${element} heading`).toBeTruthy();
        const shown = [
          ...deepQueryAll(el.shadowRoot!, 'h2, p, label, legend, span, button, option, li').map(
            (n) => n.textContent ?? '',
          ),
          ...deepQueryAll(el.shadowRoot!, '[aria-label]').map((n) => n.getAttribute('aria-label') ?? ''),
        ];
        expect(
          shown.filter((s) => /\b[a-z]+\.[a-z][A-Za-z_.]+\b/.test(s.trim())),
          `${element} in ${tag}`,
        ).toEqual([]);
        el.remove();
      }
      expect([...missing], tag).toEqual([]);
    });
  }
});
