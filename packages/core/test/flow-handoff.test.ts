// "Continue on your phone" in the pure machine (issue 14): shown over the document's
// steps, named by the endpoint's handoff, taken back, or finished by the phone's
// step-2 answer into the same result a local flow reaches; kept for a reload.
import { describe, expect, it } from 'vitest';
import { initialState, resumePoint, transition, type FlowEvent, type FlowState } from '../src/index.ts';
import { effectsOf } from '../src/flow/effects.ts';

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

const atDocument = () => run(initialState(), { type: 'CONSENT_GIVEN', biometric: true });
const atCapture = () =>
  run(atDocument(), { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });

describe('handoff in the flow machine', () => {
  it('is shown over the document choice and its capture, and named by the endpoint once it made one', () => {
    for (const start of [atDocument(), atCapture()]) {
      const shown = run(start, { type: 'HANDOFF_SHOWN' });
      expect(shown.step).toBe(start.step);
      expect(shown.context.handoff).toEqual({ id: null });
      const started = run(shown, { type: 'HANDOFF_STARTED', handoffId: 'h1' });
      expect(started.context.handoff).toEqual({ id: 'h1' });
      // The same id again is no change (a rotation keeps the handoff).
      expect(transition(started, { type: 'HANDOFF_STARTED', handoffId: 'h1' })).toBe(started);
    }
  });

  it('is offered nowhere else: consent, review, selfie, result ignore it', () => {
    const consent = initialState();
    expect(transition(consent, { type: 'HANDOFF_SHOWN' })).toBe(consent);
    const review = run(
      atCapture(),
      { type: 'DOCUMENT_SUBMITTED' },
      { type: 'DOCUMENT_ACCEPTED', submissionId: 's1', ocr: null },
    );
    expect(review.step).toBe('review');
    expect(transition(review, { type: 'HANDOFF_SHOWN' })).toBe(review);
    expect(transition(review, { type: 'HANDOFF_FINISHED', submissionId: 's1', kycStatus: 'approved' })).toBe(
      review,
    );
  });

  it('needs to be shown before it is started or finished', () => {
    const capture = atCapture();
    expect(transition(capture, { type: 'HANDOFF_STARTED', handoffId: 'h1' })).toBe(capture);
    expect(transition(capture, { type: 'HANDOFF_FINISHED', submissionId: 's1', kycStatus: 'approved' })).toBe(
      capture,
    );
    expect(transition(capture, { type: 'HANDOFF_CLOSED' })).toBe(capture);
  });

  it('holds the document screens while the phone has the flow: no BACK, no photo, no other choice', () => {
    const shown = run(atCapture(), { type: 'HANDOFF_SHOWN' }, { type: 'HANDOFF_STARTED', handoffId: 'h1' });
    for (const event of [{ type: 'BACK' }, { type: 'DOCUMENT_SUBMITTED' }] as FlowEvent[])
      expect(transition(shown, event)).toBe(shown);
    const onChoice = run(atDocument(), { type: 'HANDOFF_SHOWN' });
    expect(transition(onChoice, { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' })).toBe(
      onChoice,
    );
    // Leaving is still possible.
    expect(transition(shown, { type: 'EXIT' }).step).toBe('exited');
  });

  it('"continue here instead" gives the same screen back, with its choice, and without the handoff', () => {
    const capture = atCapture();
    const back = run(
      capture,
      { type: 'HANDOFF_SHOWN' },
      { type: 'HANDOFF_STARTED', handoffId: 'h1' },
      {
        type: 'HANDOFF_CLOSED',
      },
    );
    expect(back.step).toBe('documentCapture');
    expect(back.context.document).toEqual(capture.context.document);
    expect('handoff' in back.context).toBe(false);
    // And the capture works again.
    expect(transition(back, { type: 'DOCUMENT_SUBMITTED' }).step).toBe('uploadingDocument');
  });

  it.each(['approved', 'rejected', 'pending'] as const)(
    'the phone finished (%s): the same result as a local flow, on the phone’s submission',
    (kycStatus) => {
      const shown = run(atCapture(), { type: 'HANDOFF_SHOWN' }, { type: 'HANDOFF_STARTED', handoffId: 'h1' });
      const done = transition(shown, { type: 'HANDOFF_FINISHED', submissionId: 'sub-9', kycStatus });
      expect(done.step).toBe('result');
      expect(done.context.submissionId).toBe('sub-9');
      expect(done.context.result).toEqual({ status: kycStatus, reason: null, pollExpired: false });
      expect(done.context.handoff).toBeUndefined();
      // The device's token is bound to that submission next (the result's status polling reads it).
      expect(
        effectsOf(shown, done, { type: 'HANDOFF_FINISHED', submissionId: 'sub-9', kycStatus }),
      ).toMatchObject({
        reopenSession: true,
        start: kycStatus === 'pending' ? 'statusPolling' : null,
      });
    },
  );

  it('a step-2 answer that is no decision, or no submission, finishes nothing', () => {
    const shown = run(atCapture(), { type: 'HANDOFF_SHOWN' }, { type: 'HANDOFF_STARTED', handoffId: 'h1' });
    const incomplete = {
      type: 'HANDOFF_FINISHED',
      submissionId: 's1',
      kycStatus: 'incomplete',
    } as unknown as FlowEvent;
    expect(transition(shown, incomplete)).toBe(shown);
    expect(transition(shown, { type: 'HANDOFF_FINISHED', submissionId: '', kycStatus: 'approved' })).toBe(
      shown,
    );
  });

  it('a reload keeps following the same phone: the resume point keeps the handoff id', () => {
    const shown = run(atCapture(), { type: 'HANDOFF_SHOWN' }, { type: 'HANDOFF_STARTED', handoffId: 'h1' });
    const point = resumePoint(shown);
    expect(point?.step).toBe('documentCapture');
    expect(point?.context.handoff).toEqual({ id: 'h1' });
    const restored = transition(initialState(), { type: 'RESTORED', state: point! });
    expect(restored.context.handoff).toEqual({ id: 'h1' });
  });

  it('another applicant’s session on this device forgets the handoff with the rest', () => {
    const shown = run(
      atCapture(),
      { type: 'SESSION_STARTED', emailRequired: false, submissionId: null, applicant: 'a' },
      { type: 'HANDOFF_SHOWN' },
      { type: 'HANDOFF_STARTED', handoffId: 'h1' },
    );
    const other = transition(shown, {
      type: 'SESSION_STARTED',
      emailRequired: false,
      submissionId: null,
      applicant: 'b',
    });
    expect(other.step).toBe('consent');
    expect(other.context.handoff).toBeUndefined();
  });
});
