// Part 2 of the flow as a pure function: the address step, the selfie with its three
// attempts (the vendor's limit is a rule of the machine), and the result.
import { describe, expect, it } from 'vitest';
import {
  initialState,
  resumePoint,
  suggestAddressFields,
  transition,
  validateAddress,
  type AddressFields,
  type AddressMode,
  type FlowEvent,
  type FlowState,
} from '../src/index.ts';

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

const REVIEW = {
  name: 'Alex Specimen',
  birthDate: '1990-01-01',
  gender: 'female',
  nationality: 'USA',
  issueDate: '2020-02-25',
} as const;
const FOUND = {
  formattedAddress: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
  compoundCode: 'VXX7+39 Washington, DC, USA',
  globalCode: '87C4VXX7+39',
};

function afterReview(address: AddressMode = 'off'): FlowState {
  return run(
    initialState({ address }),
    { type: 'CONSENT_GIVEN' },
    { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
    { type: 'DOCUMENT_SUBMITTED' },
    { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null },
    { type: 'REVIEW_SUBMITTED', fields: { ...REVIEW }, today: '2026-11-26' },
  );
}

const incomplete = (
  attempt: number,
  reason: 'no_face' | 'liveness' | 'face_mismatch' = 'no_face',
): FlowEvent => ({
  type: 'SELFIE_ANSWERED',
  kycStatus: attempt < 3 ? 'incomplete' : 'rejected',
  attempt,
  attemptsLeft: 3 - attempt,
  reason,
});

/** Submits a selfie and answers it, `times` times, retrying in between. */
function spend(state: FlowState, times: number): FlowState {
  let s = state;
  for (let i = 0; i < times; i++) {
    s = run(s, { type: 'SELFIE_SUBMITTED' }, {
      ...incomplete(s.context.selfieAttempts + 1),
      kycStatus: 'incomplete',
    } as FlowEvent);
    if (s.step === 'retrySelfie') s = transition(s, { type: 'RETRY' });
  }
  return s;
}

describe('part 2 of the flow machine', () => {
  describe('the address step', () => {
    it('is skipped when the integrator leaves it off (the default)', () => {
      expect(afterReview().step).toBe('selfieCapture');
      expect(afterReview('optional').step).toBe('address');
      expect(afterReview('required').step).toBe('address');
    });

    it('looks an address up, and ignores a late answer to an earlier look-up', () => {
      const looking = run(afterReview('required'), { type: 'ADDRESS_LOOKUP', input: ' white house ' });
      expect(looking.context.addressLookup).toEqual({
        status: 'looking',
        input: 'white house',
        result: null,
        error: null,
      });
      expect(transition(looking, { type: 'ADDRESS_FOUND', input: 'old', result: FOUND })).toBe(looking);
      const found = transition(looking, { type: 'ADDRESS_FOUND', input: 'white house', result: FOUND });
      expect(found.context.addressLookup).toMatchObject({ status: 'found', result: FOUND });
    });

    it('keeps "no match" on the address step with its code, so the applicant can edit and retry', () => {
      const failed = run(
        afterReview('required'),
        { type: 'ADDRESS_LOOKUP', input: 'nowhere' },
        {
          type: 'ADDRESS_NOT_FOUND',
          input: 'nowhere',
          error: { code: 'address_not_found', retryable: false },
        },
      );
      expect(failed.step).toBe('address');
      expect(failed.context.addressLookup).toMatchObject({
        status: 'failed',
        error: { code: 'address_not_found' },
      });
      expect(
        transition(failed, { type: 'ADDRESS_LOOKUP', input: 'The White House' }).context.addressLookup
          ?.status,
      ).toBe('looking');
    });

    it('confirms an address with street, city and a real country, then goes to the selfie', () => {
      const state = afterReview('required');
      const address: AddressFields = { ...suggestAddressFields('white house', FOUND), detail: 'West Wing' };
      expect(transition(state, { type: 'ADDRESS_CONFIRMED', address: { ...address, city: ' ' } })).toBe(
        state,
      );
      expect(transition(state, { type: 'ADDRESS_CONFIRMED', address: { ...address, country: 'XX' } })).toBe(
        state,
      );
      const next = transition(state, { type: 'ADDRESS_CONFIRMED', address });
      expect(next.step).toBe('selfieCapture');
      expect(next.context.address).toMatchObject({
        street: '1600 Pennsylvania Avenue NW',
        city: 'Washington',
        state: 'DC',
        zipcode: '20500',
        country: 'USA',
        detail: 'West Wing',
      });
    });

    it('takes an address typed by hand, without the vendor’s codes, when a look-up found nothing', () => {
      const manual: AddressFields = {
        input: 'Rua Nova 5',
        formattedAddress: '',
        compoundCode: '',
        globalCode: '',
        street: 'Rua Nova 5',
        city: 'Lisboa',
        state: '',
        country: 'prt',
        zipcode: '',
        detail: '',
      };
      const next = transition(afterReview('required'), { type: 'ADDRESS_CONFIRMED', address: manual });
      expect(next.step).toBe('selfieCapture');
      expect(next.context.address).toMatchObject({ country: 'PRT', globalCode: '' });
    });

    it('can be skipped only when optional', () => {
      expect(transition(afterReview('optional'), { type: 'ADDRESS_SKIPPED' }).step).toBe('selfieCapture');
      const required = afterReview('required');
      expect(transition(required, { type: 'ADDRESS_SKIPPED' })).toBe(required);
    });

    it('guesses the fields of the geocoder’s one-line answer, for the applicant to check', () => {
      expect(
        suggestAddressFields('x', {
          ...FOUND,
          formattedAddress: '290 Bremner Blvd, Toronto, ON M5V 3L9, Canada',
        }),
      ).toMatchObject({
        street: '290 Bremner Blvd',
        city: 'Toronto',
        state: 'ON',
        zipcode: 'M5V 3L9',
        country: 'CAN',
      });
      expect(
        suggestAddressFields('x', {
          ...FOUND,
          formattedAddress: 'Champ de Mars, 5 Av. Anatole France, 75007 Paris, France',
        }),
      ).toMatchObject({
        street: 'Champ de Mars, 5 Av. Anatole France',
        city: 'Paris',
        zipcode: '75007',
        country: 'FRA',
      });
      expect(validateAddress({ ...suggestAddressFields('x', FOUND), street: '' })).toEqual({
        street: 'required',
      });
    });

    it('goes back from the selfie to the address when there is one, else to the review', () => {
      const withAddress = run(afterReview('optional'), { type: 'ADDRESS_SKIPPED' }, { type: 'BACK' });
      expect(withAddress.step).toBe('address');
      expect(transition(afterReview(), { type: 'BACK' }).step).toBe('review');
    });
  });

  describe('the selfie and its three attempts', () => {
    it('sends a confirmed selfie (submittingSelfie) and shows the vendor’s reason with attempts left', () => {
      const state = run(afterReview(), { type: 'SELFIE_SUBMITTED' });
      expect(state.step).toBe('submittingSelfie');
      const retry = transition(state, incomplete(1, 'liveness'));
      expect(retry.step).toBe('retrySelfie');
      expect(retry.context).toMatchObject({ selfieAttempts: 1, lastReason: 'liveness' });
      expect(transition(retry, { type: 'RETRY' }).step).toBe('selfieCapture');
    });

    it('rejects after the third incomplete attempt, with its reason', () => {
      const twice = spend(afterReview(), 2);
      expect(twice).toMatchObject({ step: 'selfieCapture', context: { selfieAttempts: 2 } });
      const third = run(twice, { type: 'SELFIE_SUBMITTED' }, incomplete(3, 'face_mismatch'));
      expect(third.step).toBe('result');
      expect(third.context.result).toEqual({
        status: 'rejected',
        reason: 'face_mismatch',
        pollExpired: false,
      });
    });

    it('can never start a fourth step-2 request: SELFIE_SUBMITTED and RETRY do nothing after three attempts', () => {
      // Even a confused endpoint that says "incomplete, 1 left" on the third attempt cannot open a fourth.
      let state = spend(afterReview(), 2);
      state = run(
        state,
        { type: 'SELFIE_SUBMITTED' },
        { type: 'SELFIE_ANSWERED', kycStatus: 'incomplete', attempt: 3, attemptsLeft: 1, reason: 'no_face' },
      );
      expect(state.step).toBe('result');
      // And from any state that has counted three attempts (e.g. a reload's GET /status):
      const counted = transition(afterReview(), {
        type: 'STATUS_RECEIVED',
        kycStatus: 'incomplete',
        attempts: 3,
      });
      expect(counted.context.selfieAttempts).toBe(3);
      expect(transition(counted, { type: 'SELFIE_SUBMITTED' })).toBe(counted);
      const failed = {
        ...counted,
        step: 'error' as const,
        error: {
          code: 'vendor_error',
          retryable: true,
          retry: 'submittingSelfie' as const,
          resumeStep: 'selfieCapture' as const,
        },
      };
      expect(transition(failed, { type: 'RETRY' })).toBe(failed);
    });

    it('succeeds on the second attempt', () => {
      const state = run(
        spend(afterReview(), 1),
        { type: 'SELFIE_SUBMITTED' },
        { type: 'SELFIE_ANSWERED', kycStatus: 'approved', attempt: 2, attemptsLeft: 0, reason: null },
      );
      expect(state.context.result).toEqual({ status: 'approved', reason: null, pollExpired: false });
    });

    it('turns endpoint failures into the right place: a refused picture back to the selfie, a lost answer retryable', () => {
      const sending = run(afterReview(), { type: 'SELFIE_SUBMITTED' });
      expect(
        transition(sending, {
          type: 'SELFIE_FAILED',
          error: { code: 'unsupported_image', retryable: false },
        }),
      ).toMatchObject({
        step: 'selfieCapture',
        context: { notice: { code: 'unsupported_image' } },
      });
      expect(
        transition(sending, {
          type: 'SELFIE_FAILED',
          error: { code: 'invalid_field', retryable: false, field: 'date_of_birth' },
        }).step,
      ).toBe('review');
      const lost = transition(sending, {
        type: 'SELFIE_FAILED',
        error: { code: 'network_error', retryable: true },
      });
      expect(lost.error).toMatchObject({ retry: 'submittingSelfie', resumeStep: 'selfieCapture' });
      expect(transition(lost, { type: 'RETRY' }).step).toBe('submittingSelfie');
      const expired = transition(sending, {
        type: 'SELFIE_FAILED',
        error: { code: 'token_expired', retryable: false },
      });
      expect(transition(expired, { type: 'RETRY' }).step).toBe('selfieCapture');
    });

    it('never lowers the attempt count from GET /status, and shows a decision it reports', () => {
      const once = spend(afterReview(), 1);
      expect(transition(once, { type: 'STATUS_RECEIVED', kycStatus: 'incomplete', attempts: 0 })).toBe(once);
      expect(
        transition(once, { type: 'STATUS_RECEIVED', kycStatus: 'incomplete', attempts: 2 }).context
          .selfieAttempts,
      ).toBe(2);
      expect(transition(once, { type: 'STATUS_RECEIVED', kycStatus: 'pending', attempts: 2 }).step).toBe(
        'result',
      );
    });
  });

  describe('the result', () => {
    const pending = () =>
      run(
        afterReview(),
        { type: 'SELFIE_SUBMITTED' },
        { type: 'SELFIE_ANSWERED', kycStatus: 'pending', attempt: 1, attemptsLeft: 0, reason: null },
      );

    it('moves a pending result to the decision that polling reports', () => {
      expect(pending().context.result).toEqual({ status: 'pending', reason: null, pollExpired: false });
      expect(
        transition(pending(), { type: 'STATUS_RECEIVED', kycStatus: 'pending', attempts: 1 }).context.result
          ?.status,
      ).toBe('pending');
      expect(
        transition(pending(), { type: 'STATUS_RECEIVED', kycStatus: 'approved', attempts: 1 }).context.result
          ?.status,
      ).toBe('approved');
    });

    it('keeps the reviewer’s comment codes of a rejection, codes only', () => {
      const rejected = transition(pending(), {
        type: 'STATUS_RECEIVED',
        kycStatus: 'rejected',
        attempts: 1,
        commentCode: ['id_expired', 'The ID of Hong Gildong expired'],
      });
      expect(rejected.context.result).toEqual({
        status: 'rejected',
        reason: null,
        pollExpired: false,
        commentCode: ['id_expired'],
      });
      const approved = transition(pending(), {
        type: 'STATUS_RECEIVED',
        kycStatus: 'approved',
        attempts: 1,
        commentCode: ['ignored'],
      });
      expect(approved.context.result).toEqual({ status: 'approved', reason: null, pollExpired: false });
      const noCode = transition(pending(), { type: 'STATUS_RECEIVED', kycStatus: 'rejected', attempts: 1 });
      expect(noCode.context.result).not.toHaveProperty('commentCode');
    });

    it('marks the end of polling, and a decided result ignores later status', () => {
      expect(transition(pending(), { type: 'POLL_EXPIRED' }).context.result?.pollExpired).toBe(true);
      const approved = transition(pending(), { type: 'STATUS_RECEIVED', kycStatus: 'approved', attempts: 1 });
      expect(transition(approved, { type: 'STATUS_RECEIVED', kycStatus: 'rejected', attempts: 1 })).toBe(
        approved,
      );
    });
  });

  describe('resume point', () => {
    it('resumes an interrupted step 2 and a retry screen at the selfie, with the attempts counted so far', () => {
      const sending = run(spend(afterReview(), 1), { type: 'SELFIE_SUBMITTED' });
      expect(resumePoint(sending)).toMatchObject({
        step: 'selfieCapture',
        context: { selfieAttempts: 1, upload: null },
      });
      const retry = run(sending, incomplete(2));
      expect(resumePoint(retry)).toMatchObject({
        step: 'selfieCapture',
        context: { selfieAttempts: 2, lastReason: 'no_face' },
      });
    });

    it('keeps only the outcome of a decided result (issue 11: a return visit shows it), nothing of the applicant', () => {
      for (const kycStatus of ['approved', 'rejected'] as const) {
        const done = run(
          afterReview(),
          { type: 'SELFIE_SUBMITTED' },
          { type: 'SELFIE_ANSWERED', kycStatus, attempt: 1, attemptsLeft: 0, reason: null },
        );
        const point = resumePoint(done)!;
        expect(point.step, kycStatus).toBe('result');
        expect(point.context.result).toEqual({ status: kycStatus, reason: null, pollExpired: false });
        // No submission (nothing polls a decided result), no fields, document, email or address.
        expect(point.context).toMatchObject({
          submissionId: null,
          selfieAttempts: 0,
          fields: null,
          document: null,
          email: null,
          address: null,
          ocrFound: null,
        });
        const restored = transition(initialState(), { type: 'RESTORED', state: point });
        expect(restored.step).toBe('result');
        expect(resumePoint(transition(restored, { type: 'EXIT' }))).toBeNull();
      }
    });

    it('resumes a pending result at the result, polling again, keeping the submission and nothing of the applicant', () => {
      const pending = run(
        afterReview('optional'),
        { type: 'ADDRESS_SKIPPED' },
        { type: 'SELFIE_SUBMITTED' },
        { type: 'SELFIE_ANSWERED', kycStatus: 'pending', attempt: 2, attemptsLeft: 0, reason: null },
      );
      const expired = transition(pending, { type: 'POLL_EXPIRED' });
      const point = resumePoint(expired)!;
      expect(point.step).toBe('result');
      expect(point.context).toMatchObject({
        submissionId: 'sub-1',
        selfieAttempts: 2,
        result: { status: 'pending', reason: null, pollExpired: false },
      });
      expect(point.context).toMatchObject({
        fields: null,
        document: null,
        email: null,
        address: null,
        ocrFound: null,
      });
      // A reload lands there (not at consent), and the decision polling then reports is shown.
      const restored = transition(initialState(), { type: 'RESTORED', state: point });
      expect(restored.step).toBe('result');
      expect(
        transition(restored, { type: 'STATUS_RECEIVED', kycStatus: 'approved', attempts: 2 }).context.result
          ?.status,
      ).toBe('approved');
      // Exiting from there ends it.
      expect(resumePoint(transition(restored, { type: 'EXIT' }))).toBeNull();
    });
  });
});
