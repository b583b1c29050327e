// The upload, error and end screens, each mounted on its own with a state from the
// pure machine: what they show, what their buttons send, and axe in both languages.
import { initialState, transition, type FlowEvent, type FlowState } from '@argos-kyc/core';
import { describe, expect, it } from 'vitest';
import type { StepElement } from '../src/index.ts';
import {
  axeViolations,
  button,
  deepQuery,
  english,
  language,
  mountStep,
  screenFlow,
  setUpScreenTests,
  type Language,
} from './helpers.ts';

const toCapture: FlowEvent[] = [
  { type: 'CONSENT_GIVEN' },
  { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
];
const stateAfter = (...events: FlowEvent[]) => [...toCapture, ...events].reduce(transition, initialState());

setUpScreenTests();

/** Mounts a step element showing `state`; the flow it talks to starts at the same state where it can. */
function screen(
  tag: string,
  state: FlowState,
  lang: Language = english(),
): { el: StepElement; sent: FlowEvent[] } {
  const flow = screenFlow();
  const sent: FlowEvent[] = [];
  const send = flow.send.bind(flow);
  // Record what the screen sends, then let the flow have it.
  flow.send = (event) => {
    sent.push(event);
    send(event);
  };
  return { el: mountStep(tag, flow, state, lang), sent };
}

describe('upload screen', () => {
  it('shows the progress in a labelled <progress> and cancels', async () => {
    const { el, sent } = screen(
      'argos-kyc-upload-step',
      stateAfter({ type: 'DOCUMENT_SUBMITTED' }, { type: 'UPLOAD_PROGRESS', loaded: 40, total: 100 }),
    );
    await el.updateComplete;
    const progress = deepQuery<HTMLProgressElement>(el.shadowRoot!, 'progress')!;
    expect(progress.value).toBe(40);
    expect(progress.labels[0]!.textContent).toBe('Sending: 40%');
    button(el.shadowRoot!, 'Cancel').click();
    expect(sent).toEqual([{ type: 'UPLOAD_CANCELLED' }]);
  });

  it('says the document is being read once the whole photo is sent', async () => {
    const { el } = screen(
      'argos-kyc-upload-step',
      stateAfter({ type: 'DOCUMENT_SUBMITTED' }, { type: 'UPLOAD_PROGRESS', loaded: 100, total: 100 }),
    );
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, 'label')!.textContent).toBe('Reading your document…');
  });
});

describe('error screen', () => {
  it('offers "Try again" for a retryable failure and sends RETRY', async () => {
    const state = stateAfter(
      { type: 'DOCUMENT_SUBMITTED' },
      { type: 'DOCUMENT_REJECTED', error: { code: 'network_error', retryable: true } },
    );
    const { el, sent } = screen('argos-kyc-error-step', state);
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, 'p')!.textContent).toBe(
      'We could not reach the server. Check your connection and try again.',
    );
    button(el.shadowRoot!, 'Try again').click();
    expect(sent).toEqual([{ type: 'RETRY' }]);
  });

  it('offers "Start over" and "Exit" when nothing can be retried', async () => {
    const state = stateAfter(
      { type: 'DOCUMENT_SUBMITTED' },
      { type: 'DOCUMENT_REJECTED', error: { code: 'submission_mismatch', retryable: false } },
    );
    const { el, sent } = screen('argos-kyc-error-step', state);
    await el.updateComplete;
    expect(() => button(el.shadowRoot!, 'Try again')).toThrow();
    button(el.shadowRoot!, 'Exit').click();
    expect(sent).toEqual([{ type: 'EXIT' }]);
    expect(button(el.shadowRoot!, 'Start over')).toBeTruthy();
  });

  it('falls back to a generic message for an unknown code', async () => {
    const state = stateAfter(
      { type: 'DOCUMENT_SUBMITTED' },
      { type: 'DOCUMENT_REJECTED', error: { code: 'something_new', retryable: false } },
    );
    const { el } = screen('argos-kyc-error-step', state);
    await el.updateComplete;
    expect(deepQuery(el.shadowRoot!, 'p')!.textContent).toBe('An unexpected error occurred.');
  });
});

describe('accessibility (axe) of upload, error and end screens', () => {
  for (const locale of ['en', 'ko'] as const) {
    it(`has no violations (${locale})`, async () => {
      const lang = await language(locale);
      // Each screen with its heading in that language (so an English screen cannot pass as Korean).
      const states: [string, FlowState, { en: string; ko: string }][] = [
        [
          'argos-kyc-upload-step',
          stateAfter({ type: 'DOCUMENT_SUBMITTED' }, { type: 'UPLOAD_PROGRESS', loaded: 10, total: 100 }),
          { en: 'Sending your photo', ko: '사진을 보내는 중' },
        ],
        [
          'argos-kyc-error-step',
          stateAfter(
            { type: 'DOCUMENT_SUBMITTED' },
            { type: 'DOCUMENT_REJECTED', error: { code: 'timeout', retryable: true } },
          ),
          { en: 'Something went wrong', ko: '문제가 발생했습니다' },
        ],
        [
          'argos-kyc-end-step',
          stateAfter({ type: 'EXIT' }),
          { en: 'You left the verification', ko: '본인 인증을 종료했습니다' },
        ],
      ];
      for (const [tag, state, title] of states) {
        const { el } = screen(tag, state, lang);
        await el.updateComplete;
        expect(deepQuery(el.shadowRoot!, 'h2')!.textContent, `${tag} heading`).toBe(title[locale]);
        expect(await axeViolations(el), `${tag} at ${state.step}`).toEqual([]);
        el.remove();
      }
    });
  }
});
