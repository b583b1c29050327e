// The selectors a UI renders from, and the table of what each step does outside the
// machine: pure functions of FlowState, tested in Node on states the machine made.
import { describe, expect, it } from 'vitest';
import {
  attemptsLeft,
  initialState,
  outcome,
  progress,
  RETRY_BUDGET,
  transition,
  uploadPercent,
  uploadSent,
  type AddressMode,
  type FlowEvent,
  type FlowState,
} from '../src/index.ts';
import { effectsOf, STEP_EFFECTS } from '../src/flow/effects.ts';

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

const FIELDS = {
  name: 'John Smith',
  birthDate: '1975-08-25',
  gender: '',
  nationality: '',
  issueDate: '',
} as const;
const FOUND = {
  formattedAddress: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
  compoundCode: 'VXX7+39 Washington, DC, USA',
  globalCode: '87C4VXX7+39',
};

function atUpload(address: AddressMode = 'off'): FlowState {
  return run(
    initialState({ address }),
    { type: 'SESSION_STARTED', emailRequired: false, submissionId: null },
    { type: 'CONSENT_GIVEN' },
    { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    { type: 'DOCUMENT_SUBMITTED' },
  );
}

function atReview(address: AddressMode = 'off'): FlowState {
  return run(atUpload(address), { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null });
}

function atSelfie(): FlowState {
  return run(atReview(), { type: 'REVIEW_SUBMITTED', fields: FIELDS, today: '2026-11-29' });
}

const incomplete = (attempt: number): FlowEvent => ({
  type: 'SELFIE_ANSWERED',
  kycStatus: 'incomplete',
  attempt,
  attemptsLeft: RETRY_BUDGET.selfieAttempts - attempt,
  reason: 'no_face',
});

describe('selectors', () => {
  describe('attemptsLeft', () => {
    it('is the whole budget before the first selfie', () => {
      expect(attemptsLeft(atSelfie())).toBe(RETRY_BUDGET.selfieAttempts);
    });

    it('counts down with each attempt the vendor counted', () => {
      let state = atSelfie();
      for (let attempt = 1; attempt < RETRY_BUDGET.selfieAttempts; attempt++) {
        state = run(state, { type: 'SELFIE_SUBMITTED' }, incomplete(attempt), { type: 'RETRY' });
        expect(attemptsLeft(state)).toBe(RETRY_BUDGET.selfieAttempts - attempt);
      }
    });

    it('is 0, never negative, once the vendor counted every attempt (after a reload, from GET /status)', () => {
      const state = run(atSelfie(), { type: 'STATUS_RECEIVED', kycStatus: 'incomplete', attempts: 7 });
      expect(attemptsLeft(state)).toBe(0);
    });
  });

  describe('progress', () => {
    it('counts five stages without the address step, six with it', () => {
      expect(progress(initialState())).toEqual({
        stage: 'consent',
        position: 1,
        total: 5,
        stages: ['consent', 'document', 'review', 'selfie', 'result'],
      });
      expect(progress(initialState({ address: 'optional' })).stages).toEqual([
        'consent',
        'document',
        'review',
        'address',
        'selfie',
        'result',
      ]);
    });

    it('keeps the document stage through capture and upload, and places the selfie after the address', () => {
      expect(progress(atUpload())).toMatchObject({ stage: 'document', position: 2 });
      expect(progress(atReview('required'))).toMatchObject({ stage: 'review', position: 3, total: 6 });
      const selfie = run(
        atReview('required'),
        { type: 'REVIEW_SUBMITTED', fields: FIELDS, today: '2026-11-29' },
        { type: 'ADDRESS_LOOKUP', input: 'The White House' },
        { type: 'ADDRESS_FOUND', input: 'The White House', result: FOUND },
        {
          type: 'ADDRESS_CONFIRMED',
          address: {
            input: 'The White House',
            ...FOUND,
            street: '1600 Pennsylvania Avenue NW',
            city: 'Washington',
            state: 'DC',
            country: 'USA',
            zipcode: '20500',
            detail: '',
          },
        },
      );
      expect(progress(selfie)).toMatchObject({ stage: 'selfie', position: 5, total: 6 });
    });

    it('places an error and an exit where the applicant was', () => {
      const error = run(atUpload(), {
        type: 'DOCUMENT_REJECTED',
        error: { code: 'vendor_error', retryable: true },
      });
      expect(error.step).toBe('error');
      expect(progress(error)).toMatchObject({ stage: 'document', position: 2 });
      const exited = run(atReview(), { type: 'EXIT' });
      expect(progress(exited)).toMatchObject({ stage: 'review', position: 3 });
    });
  });

  describe('uploadPercent and uploadSent', () => {
    it('are 0 and false before any byte is counted, and when the size is unknown', () => {
      expect(uploadPercent(atUpload())).toBe(0);
      expect(uploadSent(atUpload())).toBe(false);
      const unknown = run(atUpload(), { type: 'UPLOAD_PROGRESS', loaded: 500, total: 0 });
      expect(uploadPercent(unknown)).toBe(0);
      expect(uploadSent(unknown)).toBe(false);
    });

    it('round the share sent, never above 100, and say when all of it left', () => {
      const third = run(atUpload(), { type: 'UPLOAD_PROGRESS', loaded: 1, total: 3 });
      expect(uploadPercent(third)).toBe(33);
      expect(uploadSent(third)).toBe(false);
      const done = run(atUpload(), { type: 'UPLOAD_PROGRESS', loaded: 4096, total: 4000 });
      expect(uploadPercent(done)).toBe(100);
      expect(uploadSent(done)).toBe(true);
    });
  });

  describe('outcome', () => {
    it('is the decision, and "later" once a pending result stopped polling', () => {
      const pending = run(
        atSelfie(),
        { type: 'SELFIE_SUBMITTED' },
        {
          type: 'SELFIE_ANSWERED',
          kycStatus: 'pending',
          attempt: 1,
          attemptsLeft: 0,
          reason: null,
        },
      );
      expect(outcome(pending)).toBe('pending');
      expect(outcome(run(pending, { type: 'POLL_EXPIRED' }))).toBe('later');
      expect(outcome(run(pending, { type: 'STATUS_RECEIVED', kycStatus: 'approved', attempts: 1 }))).toBe(
        'approved',
      );
      expect(outcome(initialState())).toBe('pending');
    });
  });
});

describe('what each step does outside the machine (STEP_EFFECTS)', () => {
  it('runs the step-1 upload for the uploading step only, and stops it when the flow leaves', () => {
    const capture = run(atUpload(), { type: 'UPLOAD_CANCELLED' });
    expect(effectsOf(capture, atUpload(), { type: 'DOCUMENT_SUBMITTED' })).toMatchObject({
      start: 'documentUpload',
      stop: null,
    });
    const progressed = run(atUpload(), { type: 'UPLOAD_PROGRESS', loaded: 1, total: 2 });
    expect(effectsOf(atUpload(), progressed, { type: 'UPLOAD_PROGRESS', loaded: 1, total: 2 })).toMatchObject(
      { start: null, stop: null },
    );
    expect(effectsOf(atUpload(), capture, { type: 'UPLOAD_CANCELLED' })).toMatchObject({
      start: null,
      stop: 'documentUpload',
    });
  });

  it('replaces an address look-up by a newer one, and stops it when the flow leaves the address step', () => {
    const address = run(atReview('optional'), {
      type: 'REVIEW_SUBMITTED',
      fields: FIELDS,
      today: '2026-11-29',
    });
    const first = run(address, { type: 'ADDRESS_LOOKUP', input: 'The White House' });
    const second = run(first, { type: 'ADDRESS_LOOKUP', input: 'Buckingham Palace' });
    expect(effectsOf(address, first, { type: 'ADDRESS_LOOKUP', input: 'The White House' })).toMatchObject({
      start: 'addressLookup',
      stop: null,
    });
    expect(effectsOf(first, second, { type: 'ADDRESS_LOOKUP', input: 'Buckingham Palace' })).toMatchObject({
      start: 'addressLookup',
      stop: 'addressLookup',
    });
    expect(effectsOf(second, run(second, { type: 'BACK' }), { type: 'BACK' })).toMatchObject({
      start: null,
      stop: 'addressLookup',
    });
  });

  it('polls while a result is pending, not again when polling expires, and not once decided', () => {
    const submitting = run(atSelfie(), { type: 'SELFIE_SUBMITTED' });
    const answer: FlowEvent = {
      type: 'SELFIE_ANSWERED',
      kycStatus: 'pending',
      attempt: 1,
      attemptsLeft: 0,
      reason: null,
    };
    const pending = run(submitting, answer);
    expect(effectsOf(submitting, pending, answer)).toMatchObject({
      start: 'statusPolling',
      stop: 'selfieUpload',
    });
    const expired = run(pending, { type: 'POLL_EXPIRED' });
    expect(effectsOf(pending, expired, { type: 'POLL_EXPIRED' })).toMatchObject({ start: null, stop: null });
    const decided: FlowEvent = { type: 'STATUS_RECEIVED', kycStatus: 'approved', attempts: 1 };
    expect(effectsOf(pending, run(pending, decided), decided)).toMatchObject({
      start: null,
      stop: 'statusPolling',
    });
  });

  it('lets go of every held image at the end and at the start, and reopens the session on a retry after a failed one', () => {
    for (const step of ['consent', 'result', 'exited'] as const)
      expect(STEP_EFFECTS[step].release).toEqual(['document', 'selfie', 'address']);
    const failed = run(atReview(), {
      type: 'SESSION_FAILED',
      error: { code: 'network_error', retryable: true },
    });
    expect(effectsOf(failed, run(failed, { type: 'RETRY' }), { type: 'RETRY' }).reopenSession).toBe(true);
    const uploadFailed = run(atUpload(), {
      type: 'DOCUMENT_REJECTED',
      error: { code: 'vendor_error', retryable: true },
    });
    expect(effectsOf(uploadFailed, run(uploadFailed, { type: 'RETRY' }), { type: 'RETRY' })).toMatchObject({
      reopenSession: false,
      start: 'documentUpload',
    });
  });
});
