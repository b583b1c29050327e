// The flow machine's answers stated whole (issue 17: the survivors of its mutation run).
// flow-machine.test.ts and flow-step2.test.ts walk the flow; these tests pin what each
// transition leaves behind, field by field (`toStrictEqual` on the whole state: a notice
// left over, a lost `upload: null`, a code routed to the wrong screen all fail), and the
// routes of the endpoint's codes and the vendor's counts that the walks never take.
import { describe, expect, it } from 'vitest';
import {
  initialState,
  RETRY_BUDGET,
  transition,
  type FlowContext,
  type FlowErrorState,
  type FlowEvent,
  type FlowState,
  type AddressMode,
  type Step,
} from '../src/index.ts';

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

/** The state the machine is expected to move to: `from`'s context with `changes`, no error. */
function moved(from: FlowState, step: Step, changes: Partial<FlowContext> = {}): FlowState {
  return { step, context: { ...from.context, ...changes }, error: null, exitedFrom: null };
}

/** The error state expected after `from`, its upload dropped. */
function erred(from: FlowState, error: FlowErrorState, changes: Partial<FlowContext> = {}): FlowState {
  return { step: 'error', context: { ...from.context, ...changes, upload: null }, error, exitedFrom: null };
}

const REVIEW = {
  name: 'Alex Specimen',
  birthDate: '1990-01-01',
  gender: 'female',
  nationality: 'USA',
  issueDate: '2020-02-25',
} as const;

const atDocument = (address: AddressMode = 'off') =>
  run(initialState({ address }), { type: 'CONSENT_GIVEN' });
const atCapture = (address: AddressMode = 'off') =>
  run(atDocument(address), { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
const uploading = (address: AddressMode = 'off') =>
  run(atCapture(address), { type: 'DOCUMENT_SUBMITTED' }, { type: 'UPLOAD_PROGRESS', loaded: 5, total: 9 });
const atReview = (address: AddressMode = 'off') =>
  run(uploading(address), { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null });
const atSelfie = (address: AddressMode = 'off') =>
  run(atReview(address), { type: 'REVIEW_SUBMITTED', fields: { ...REVIEW }, today: '2026-11-26' });
/** The address step (`atSelfie` of a flow that asks for one). */
const atAddress = () => atSelfie('required');
/** Step 2 on its way; with an optional address, skipped. */
const sending = (address: 'off' | 'optional' = 'off') =>
  run(
    address === 'off' ? atSelfie() : run(atSelfie('optional'), { type: 'ADDRESS_SKIPPED' }),
    { type: 'SELFIE_SUBMITTED' },
    { type: 'UPLOAD_PROGRESS', loaded: 3, total: 7 },
  );
const pending = () =>
  run(sending(), {
    type: 'SELFIE_ANSWERED',
    kycStatus: 'pending',
    attempt: 1,
    attemptsLeft: 0,
    reason: null,
  });

/** A state as the machine would hold it with a notice on screen (so that clearing it shows). */
const noticed = (state: FlowState): FlowState => ({
  ...state,
  context: { ...state.context, notice: { code: 'unsupported_image', retryable: false } },
});

const rejectDocument = (state: FlowState, code: string, retryable = false, field?: string) =>
  transition(state, {
    type: 'DOCUMENT_REJECTED',
    error: { code, retryable, ...(field ? { field } : {}) },
  });
const failSelfie = (state: FlowState, code: string, retryable = false, field?: string) =>
  transition(state, { type: 'SELFIE_FAILED', error: { code, retryable, ...(field ? { field } : {}) } });

describe('the flow machine, transition by transition', () => {
  describe('initial state', () => {
    it('turns an address mode it does not know into "off"', () => {
      expect(initialState({ address: 'optional' }).context.rules.address).toBe('optional');
      expect(initialState({ address: 'required' }).context.rules.address).toBe('required');
      expect(initialState({ address: 'sometimes' as never }).context.rules.address).toBe('off');
      expect(initialState().context.rules.address).toBe('off');
    });

    it('starts blank: consent, no error, nothing exited', () => {
      const state = initialState();
      expect(state).toMatchObject({ step: 'consent', error: null, exitedFrom: null });
      expect(state.context).toMatchObject({ notice: null, upload: null, fields: null, selfieAttempts: 0 });
    });
  });

  describe('the document choice and its capture', () => {
    it('goes back from the choice and from the capture with the notice cleared', () => {
      const doc = noticed(atDocument());
      expect(transition(doc, { type: 'BACK' })).toStrictEqual(moved(doc, 'consent', { notice: null }));
      const capture = noticed(atCapture());
      expect(transition(capture, { type: 'BACK' })).toStrictEqual(
        moved(capture, 'document', { notice: null }),
      );
    });

    it('keeps a refused email as typed (trimmed) with its problem, and clears problem and notice once it is valid', () => {
      const doc = noticed(
        run(
          initialState(),
          { type: 'SESSION_STARTED', emailRequired: true, submissionId: null },
          {
            type: 'CONSENT_GIVEN',
          },
        ),
      );
      const bad = transition(doc, {
        type: 'DOCUMENT_CHOSEN',
        idType: 'passport',
        issuingCountry: 'usa',
        email: ' not-an-email ',
      });
      expect(bad).toStrictEqual({
        ...doc,
        context: { ...doc.context, email: 'not-an-email', fieldErrors: { email: 'invalid_email' } },
      });
      const good = transition(bad, {
        type: 'DOCUMENT_CHOSEN',
        idType: 'passport',
        issuingCountry: 'usa',
        email: 'a@b.example',
      });
      expect(good).toStrictEqual(
        moved(bad, 'documentCapture', {
          document: { idType: 'passport', issuingCountry: 'USA' },
          email: 'a@b.example',
          fieldErrors: {},
          notice: null,
        }),
      );
    });

    it('ignores other events on the choice', () => {
      const doc = atDocument();
      expect(transition(doc, { type: 'DOCUMENT_SUBMITTED' })).toBe(doc);
    });

    it('sends nothing without a chosen document, and starts the upload from zero with the notice cleared', () => {
      const capture = noticed(atCapture());
      const unchosen = { ...capture, context: { ...capture.context, document: null } };
      expect(transition(unchosen, { type: 'DOCUMENT_SUBMITTED' })).toBe(unchosen);
      expect(transition(capture, { type: 'DOCUMENT_SUBMITTED' })).toStrictEqual(
        moved(capture, 'uploadingDocument', { upload: { loaded: 0, total: 0 }, notice: null }),
      );
      expect(transition(capture, { type: 'RETRY' })).toBe(capture);
    });
  });

  describe('the step-1 answer', () => {
    it('goes to the review with the submission, no errors, and the failed uploads counted from zero again', () => {
      const failedTwice = run(
        uploading(),
        { type: 'DOCUMENT_REJECTED', error: { code: 'network_error', retryable: true } },
        { type: 'RETRY' },
        { type: 'DOCUMENT_REJECTED', error: { code: 'network_error', retryable: true } },
        { type: 'RETRY' },
      );
      expect(failedTwice.context.failedUploads).toBe(2);
      const review = transition(failedTwice, { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr: null });
      expect(review).toStrictEqual(
        moved(failedTwice, 'review', {
          upload: null,
          submissionId: 'sub-1',
          ocrFound: false,
          fields: { name: '', birthDate: '', gender: '', nationality: '', issueDate: '' },
          fieldErrors: {},
          failedUploads: 0,
        }),
      );
    });

    it('returns to the capture, upload dropped, when the upload was cancelled or aborted', () => {
      const up = uploading();
      expect(transition(up, { type: 'UPLOAD_CANCELLED' })).toStrictEqual(
        moved(up, 'documentCapture', { upload: null }),
      );
      expect(rejectDocument(up, 'aborted')).toStrictEqual(moved(up, 'documentCapture', { upload: null }));
      expect(transition(up, { type: 'BACK' })).toBe(up);
    });

    it('asks for another picture, with the reason and nothing more, when the endpoint refuses the image', () => {
      const up = uploading();
      for (const code of ['unsupported_image', 'payload_too_large'])
        expect(rejectDocument(up, code)).toStrictEqual(
          moved(up, 'documentCapture', { upload: null, notice: { code, retryable: false } }),
        );
      expect(rejectDocument(up, 'invalid_field', false, 'idImage')).toStrictEqual(
        moved(up, 'documentCapture', {
          upload: null,
          notice: { code: 'invalid_field', retryable: false, field: 'idImage' },
        }),
      );
      // Only what the screen shows is kept of the endpoint's error.
      const withExtras = transition(up, {
        type: 'DOCUMENT_REJECTED',
        error: { code: 'unsupported_image', retryable: false, message: 'x', status: 415 } as never,
      });
      expect(withExtras.context.notice).toStrictEqual({ code: 'unsupported_image', retryable: false });
    });

    it('returns to the email field when the endpoint refuses the email, asking for one from now on', () => {
      const up = uploading();
      expect(rejectDocument(up, 'invalid_field', false, 'email')).toStrictEqual(
        moved(up, 'document', { upload: null, emailRequired: true, fieldErrors: { email: 'invalid_email' } }),
      );
    });

    it('returns to the document choice, with the reason, when the endpoint refuses its type or country', () => {
      const up = uploading();
      for (const field of ['idType', 'issuingCountry'])
        expect(rejectDocument(up, 'invalid_field', false, field)).toStrictEqual(
          moved(up, 'document', { upload: null, notice: { code: 'invalid_field', retryable: false, field } }),
        );
    });

    it('treats an invalid field of step 2, or none, as final at step 1', () => {
      const up = uploading();
      for (const field of ['faceImage', 'name', undefined])
        expect(rejectDocument(up, 'invalid_field', false, field)).toStrictEqual(
          erred(up, {
            code: 'invalid_field',
            retryable: false,
            ...(field ? { field } : {}),
            retry: null,
            resumeStep: 'documentCapture',
          }),
        );
    });

    it('reads a field named by an error other than invalid_field as no field problem', () => {
      const up = uploading();
      for (const field of ['idImage', 'email', 'idType', 'issuingCountry'])
        expect(rejectDocument(up, 'vendor_error', true, field)).toStrictEqual(
          erred(
            up,
            {
              code: 'vendor_error',
              retryable: true,
              field,
              retry: 'uploadingDocument',
              resumeStep: 'documentCapture',
            },
            { failedUploads: 1 },
          ),
        );
    });

    it('asks for a new session for each code a new token may cure', () => {
      const up = uploading();
      for (const code of ['token_expired', 'token_invalid', 'unauthenticated'])
        expect(rejectDocument(up, code)).toStrictEqual(
          erred(up, { code, retryable: false, retry: 'session', resumeStep: 'documentCapture' }),
        );
    });

    it('counts a retryable failure, and offers the retry while the budget lasts', () => {
      const up = uploading();
      expect(rejectDocument(up, 'vendor_error', true)).toStrictEqual(
        erred(
          up,
          {
            code: 'vendor_error',
            retryable: true,
            retry: 'uploadingDocument',
            resumeStep: 'documentCapture',
          },
          { failedUploads: 1 },
        ),
      );
      const spent = {
        ...up,
        context: { ...up.context, failedUploads: RETRY_BUDGET.failedUploads - 1 },
      };
      expect(rejectDocument(spent, 'vendor_error', true)).toStrictEqual(
        erred(
          spent,
          { code: 'vendor_error', retryable: false, retry: null, resumeStep: 'documentCapture' },
          { failedUploads: RETRY_BUDGET.failedUploads },
        ),
      );
      // A final refusal counts nothing.
      expect(rejectDocument(up, 'submission_mismatch')).toStrictEqual(
        erred(up, {
          code: 'submission_mismatch',
          retryable: false,
          retry: null,
          resumeStep: 'documentCapture',
        }),
      );
    });
  });

  describe('the review', () => {
    it('keeps the normalized fields with their errors, and moves on with the notice cleared', () => {
      const review = noticed(atReview());
      const bad = transition(review, {
        type: 'REVIEW_SUBMITTED',
        fields: { ...REVIEW, name: '  Alex   Specimen ', nationality: 'XX' },
        today: '2026-11-26',
      });
      expect(bad).toStrictEqual({
        ...review,
        context: {
          ...review.context,
          fields: { ...REVIEW, nationality: 'XX' },
          fieldErrors: { nationality: 'invalid_country' },
        },
      });
      expect(
        transition(bad, { type: 'REVIEW_SUBMITTED', fields: { ...REVIEW }, today: '2026-11-26' }),
      ).toStrictEqual(moved(bad, 'selfieCapture', { fields: { ...REVIEW }, fieldErrors: {}, notice: null }));
      expect(transition(review, { type: 'BACK' })).toBe(review);
    });
  });

  describe('the address step', () => {
    it('goes back to the review, forgetting the look-up and the notice', () => {
      const looking = noticed(run(atAddress(), { type: 'ADDRESS_LOOKUP', input: 'white house' }));
      expect(transition(looking, { type: 'BACK' })).toStrictEqual(
        moved(looking, 'review', { addressLookup: null, notice: null }),
      );
    });

    it('looks up nothing blank, and clears the notice when it looks up', () => {
      const address = noticed(atAddress());
      expect(transition(address, { type: 'ADDRESS_LOOKUP', input: '   ' })).toBe(address);
      expect(transition(address, { type: 'ADDRESS_LOOKUP', input: ' x ' })).toStrictEqual({
        ...address,
        context: {
          ...address.context,
          addressLookup: { status: 'looking', input: 'x', result: null, error: null },
          notice: null,
        },
      });
    });

    it('takes an answer only while its look-up is running', () => {
      const address = atAddress();
      const found = { formattedAddress: 'x', compoundCode: '', globalCode: '' };
      expect(transition(address, { type: 'ADDRESS_FOUND', input: 'x', result: found })).toBe(address);
      const looking = transition(address, { type: 'ADDRESS_LOOKUP', input: 'x' });
      const done = transition(looking, { type: 'ADDRESS_FOUND', input: 'x', result: found });
      expect(done.context.addressLookup).toStrictEqual({
        status: 'found',
        input: 'x',
        result: found,
        error: null,
      });
      // A second answer to the same text, once one arrived, changes nothing.
      expect(transition(done, { type: 'ADDRESS_FOUND', input: 'x', result: found })).toBe(done);
      const notFound = transition(looking, {
        type: 'ADDRESS_NOT_FOUND',
        input: 'x',
        error: { code: 'address_not_found', retryable: false, detail: 'y' } as never,
      });
      expect(notFound).toStrictEqual({
        ...looking,
        context: {
          ...looking.context,
          addressLookup: {
            status: 'failed',
            input: 'x',
            result: null,
            error: { code: 'address_not_found', retryable: false },
          },
        },
      });
    });

    it('confirms or skips with the look-up and the notice cleared', () => {
      const looking = noticed(
        run(atSelfie('optional'), { type: 'ADDRESS_LOOKUP', input: 'Rua Nova 5, Lisboa' }),
      );
      const address = {
        input: 'Rua Nova 5',
        formattedAddress: '',
        compoundCode: '',
        globalCode: '',
        street: ' Rua Nova 5 ',
        city: 'Lisboa',
        state: '',
        country: 'prt',
        zipcode: '',
        detail: '',
      };
      const confirmed = transition(looking, { type: 'ADDRESS_CONFIRMED', address });
      expect(confirmed).toStrictEqual(
        moved(looking, 'selfieCapture', {
          address: { ...address, street: 'Rua Nova 5', country: 'PRT' },
          addressLookup: null,
          notice: null,
        }),
      );
      expect(transition(looking, { type: 'ADDRESS_SKIPPED' })).toStrictEqual(
        moved(looking, 'selfieCapture', { address: null, addressLookup: null, notice: null }),
      );
      expect(transition(looking, { type: 'RETRY' })).toBe(looking);
    });
  });

  describe('the selfie', () => {
    it('goes back to the review or the address with the notice cleared', () => {
      const off = noticed(atSelfie());
      expect(transition(off, { type: 'BACK' })).toStrictEqual(moved(off, 'review', { notice: null }));
      const optional = noticed(run(atSelfie('optional'), { type: 'ADDRESS_SKIPPED' }));
      expect(transition(optional, { type: 'BACK' })).toStrictEqual(
        moved(optional, 'address', { notice: null }),
      );
    });

    it('sends step 2 only with a submission and reviewed fields, from zero, with the notice cleared', () => {
      const selfie = noticed(atSelfie());
      for (const missing of [{ submissionId: null }, { fields: null }]) {
        const without = { ...selfie, context: { ...selfie.context, ...missing } };
        expect(transition(without, { type: 'SELFIE_SUBMITTED' })).toBe(without);
      }
      expect(transition(selfie, { type: 'SELFIE_SUBMITTED' })).toStrictEqual(
        moved(selfie, 'submittingSelfie', { upload: { loaded: 0, total: 0 }, notice: null }),
      );
      expect(transition(selfie, { type: 'RETRY' })).toBe(selfie);
    });

    it('returns to the selfie, upload dropped, when step 2 was aborted or its picture refused', () => {
      const s = sending();
      expect(failSelfie(s, 'aborted')).toStrictEqual(moved(s, 'selfieCapture', { upload: null }));
      for (const code of ['unsupported_image', 'payload_too_large'])
        expect(failSelfie(s, code)).toStrictEqual(
          moved(s, 'selfieCapture', { upload: null, notice: { code, retryable: false } }),
        );
      expect(failSelfie(s, 'invalid_field', false, 'faceImage')).toStrictEqual(
        moved(s, 'selfieCapture', {
          upload: null,
          notice: { code: 'invalid_field', retryable: false, field: 'faceImage' },
        }),
      );
    });

    it('returns to the review for a review field, to the address for an address field or its proof', () => {
      const s = sending('optional');
      expect(failSelfie(s, 'invalid_field', false, 'nationality')).toStrictEqual(
        moved(s, 'review', {
          upload: null,
          notice: { code: 'invalid_field', retryable: false, field: 'nationality' },
        }),
      );
      for (const field of ['address_city', 'addressImage'])
        expect(failSelfie(s, 'invalid_field', false, field)).toStrictEqual(
          moved(s, 'address', { upload: null, notice: { code: 'invalid_field', retryable: false, field } }),
        );
      // Without an address step the applicant has no address screen to go back to.
      const off = sending();
      expect(failSelfie(off, 'invalid_field', false, 'address_city')).toStrictEqual(
        moved(off, 'selfieCapture', {
          upload: null,
          notice: { code: 'invalid_field', retryable: false, field: 'address_city' },
        }),
      );
    });

    it('treats an invalid field it cannot place, or none, as final', () => {
      const s = sending('optional');
      for (const field of ['idImage', undefined])
        expect(failSelfie(s, 'invalid_field', false, field)).toStrictEqual(
          erred(s, {
            code: 'invalid_field',
            retryable: false,
            ...(field ? { field } : {}),
            retry: null,
            resumeStep: 'selfieCapture',
          }),
        );
    });

    it('reads a field named by an error other than invalid_field as no field problem', () => {
      const s = sending('optional');
      for (const field of ['faceImage', 'nationality', 'address_city'])
        expect(failSelfie(s, 'vendor_error', true, field)).toStrictEqual(
          erred(s, {
            code: 'vendor_error',
            retryable: true,
            field,
            retry: 'submittingSelfie',
            resumeStep: 'selfieCapture',
          }),
        );
    });

    it('asks for a new session for each code a new token may cure', () => {
      const s = sending();
      for (const code of ['token_expired', 'token_invalid', 'unauthenticated'])
        expect(failSelfie(s, code)).toStrictEqual(
          erred(s, { code, retryable: false, retry: 'session', resumeStep: 'selfieCapture' }),
        );
    });

    it('offers to resend a lost answer (network, timeout) even when the client called it final', () => {
      const s = sending();
      for (const [code, retryable] of [
        ['network_error', false],
        ['timeout', false],
        ['vendor_error', true],
      ] as const)
        expect(failSelfie(s, code, retryable)).toStrictEqual(
          erred(s, { code, retryable: true, retry: 'submittingSelfie', resumeStep: 'selfieCapture' }),
        );
      expect(failSelfie(s, 'submission_mismatch')).toStrictEqual(
        erred(s, { code: 'submission_mismatch', retryable: false, retry: null, resumeStep: 'selfieCapture' }),
      );
    });
  });

  describe('the step-2 answer', () => {
    it('counts the attempt the vendor names, never more than three nor fewer than counted', () => {
      const s = sending();
      const answer = (attempt: number, attemptsLeft: number) =>
        transition(s, {
          type: 'SELFIE_ANSWERED',
          kycStatus: 'incomplete',
          attempt,
          attemptsLeft,
          reason: 'no_face',
        });
      expect(answer(1, 2)).toStrictEqual(
        moved(s, 'retrySelfie', { upload: null, selfieAttempts: 1, lastReason: 'no_face' }),
      );
      const counted = { ...s, context: { ...s.context, selfieAttempts: 2 } };
      expect(
        transition(counted, {
          type: 'SELFIE_ANSWERED',
          kycStatus: 'incomplete',
          attempt: 1,
          attemptsLeft: 2,
          reason: 'liveness',
        }),
      ).toStrictEqual(
        moved(counted, 'retrySelfie', { upload: null, selfieAttempts: 2, lastReason: 'liveness' }),
      );
      expect(answer(7, 0).context).toMatchObject({ selfieAttempts: RETRY_BUDGET.selfieAttempts });
    });

    it('rejects an incomplete attempt the vendor leaves no attempt after, with "unknown" for no reason', () => {
      const s = sending();
      const last = transition(s, {
        type: 'SELFIE_ANSWERED',
        kycStatus: 'incomplete',
        attempt: 1,
        attemptsLeft: 0,
        reason: null,
      });
      expect(last).toStrictEqual(
        moved(s, 'result', {
          upload: null,
          notice: null,
          selfieAttempts: 1,
          lastReason: 'unknown',
          result: { status: 'rejected', reason: 'unknown', pollExpired: false },
        }),
      );
      expect(
        transition(s, {
          type: 'SELFIE_ANSWERED',
          kycStatus: 'incomplete',
          attempt: 1,
          attemptsLeft: 1,
          reason: null,
        }).context.lastReason,
      ).toBe('unknown');
    });

    it('gives a rejection without a reason the reason of the attempt before; an approval keeps none', () => {
      const retried = run(
        sending(),
        { type: 'SELFIE_ANSWERED', kycStatus: 'incomplete', attempt: 1, attemptsLeft: 2, reason: 'liveness' },
        { type: 'RETRY' },
        { type: 'SELFIE_SUBMITTED' },
      );
      const rejected = transition(retried, {
        type: 'SELFIE_ANSWERED',
        kycStatus: 'rejected',
        attempt: 2,
        attemptsLeft: 0,
        reason: null,
      });
      expect(rejected.context).toMatchObject({
        lastReason: 'liveness',
        result: { status: 'rejected', reason: 'liveness', pollExpired: false },
      });
      const approved = transition(retried, {
        type: 'SELFIE_ANSWERED',
        kycStatus: 'approved',
        attempt: 2,
        attemptsLeft: 0,
        reason: null,
      });
      expect(approved).toStrictEqual(
        moved(retried, 'result', {
          upload: null,
          notice: null,
          selfieAttempts: 2,
          lastReason: null,
          result: { status: 'approved', reason: null, pollExpired: false },
        }),
      );
      expect(transition(retried, { type: 'BACK' })).toBe(retried);
    });
  });

  describe('the vendor’s status (GET /status) before a decision', () => {
    const status = (state: FlowState, kycStatus: string, attempts: number, commentCode?: string[]) =>
      transition(state, {
        type: 'STATUS_RECEIVED',
        kycStatus,
        attempts,
        ...(commentCode ? { commentCode } : {}),
      });

    it('reads the attempts as a whole number from 0 to 3', () => {
      const selfie = atSelfie();
      expect(status(selfie, 'incomplete', 2.7).context.selfieAttempts).toBe(2);
      expect(status(selfie, 'incomplete', 9).context.selfieAttempts).toBe(RETRY_BUDGET.selfieAttempts);
      for (const attempts of [-2, Number.NaN, 0]) expect(status(selfie, 'incomplete', attempts)).toBe(selfie);
      expect(status(selfie, 'incomplete', 1)).toStrictEqual({
        ...selfie,
        context: { ...selfie.context, selfieAttempts: 1 },
      });
    });

    it('shows each decision it reports, from the selfie and from the retry screen', () => {
      const retry = run(sending(), {
        type: 'SELFIE_ANSWERED',
        kycStatus: 'incomplete',
        attempt: 1,
        attemptsLeft: 2,
        reason: 'face_mismatch',
      });
      const selfie = noticed(transition(retry, { type: 'RETRY' }));
      for (const from of [retry, selfie])
        for (const kycStatus of ['pending', 'approved', 'rejected'] as const)
          expect(status(from, kycStatus, 1, ['id_expired'])).toStrictEqual(
            moved(from, 'result', {
              upload: null,
              notice: null,
              selfieAttempts: 1,
              result: {
                status: kycStatus,
                reason: kycStatus === 'rejected' ? 'face_mismatch' : null,
                pollExpired: false,
                ...(kycStatus === 'rejected' ? { commentCode: ['id_expired'] } : {}),
              },
            }),
          );
      expect(status(retry, 'incomplete', 2).context.selfieAttempts).toBe(2);
      // A decision counts the attempts it reports too.
      expect(status(retry, 'approved', 2).context.selfieAttempts).toBe(2);
      expect(transition(retry, { type: 'BACK' })).toBe(retry);
    });
  });

  describe('the result', () => {
    const status = (state: FlowState, kycStatus: string, commentCode?: string[]) =>
      transition(state, {
        type: 'STATUS_RECEIVED',
        kycStatus,
        attempts: 1,
        ...(commentCode ? { commentCode } : {}),
      });

    it('keeps at most five comment codes, each a short snake_case code as a whole', () => {
      const long = 'a'.repeat(40);
      const rejected = status(pending(), 'rejected', [
        'id_expired',
        'id_expired and more',
        'Id_expired',
        '',
        long,
        `${long}b`,
        'blurry_photo',
        'c1',
        'd2',
        'e3',
      ]);
      expect(rejected.context.result?.commentCode).toEqual(['id_expired', long, 'blurry_photo', 'c1', 'd2']);
    });

    it('stays pending on any other status, and ignores status once decided or when not pending', () => {
      const p = pending();
      for (const kycStatus of ['pending', 'incomplete', 'unknown']) expect(status(p, kycStatus)).toBe(p);
      const approved = status(p, 'approved');
      expect(status(approved, 'rejected')).toBe(approved);
      expect(transition(approved, { type: 'POLL_EXPIRED' })).toBe(approved);
    });

    it('marks polling expired once', () => {
      const expired = transition(pending(), { type: 'POLL_EXPIRED' });
      expect(expired.context.result).toStrictEqual({ status: 'pending', reason: null, pollExpired: true });
      expect(transition(expired, { type: 'POLL_EXPIRED' })).toBe(expired);
      expect(transition(expired, { type: 'RETRY' })).toBe(expired);
      const p = pending();
      expect(transition(p, { type: 'RETRY' })).toBe(p);
    });
  });

  describe('the error step', () => {
    it('retries the step-1 upload from zero, and resends step 2 only while attempts are left', () => {
      const failedUpload = rejectDocument(uploading(), 'vendor_error', true);
      expect(transition(failedUpload, { type: 'RETRY' })).toStrictEqual(
        moved(failedUpload, 'uploadingDocument', { upload: { loaded: 0, total: 0 } }),
      );
      const lost = failSelfie(sending(), 'network_error', true);
      expect(transition(lost, { type: 'RETRY' })).toStrictEqual(
        moved(lost, 'submittingSelfie', { upload: { loaded: 0, total: 0 } }),
      );
      const twice = {
        ...lost,
        context: { ...lost.context, selfieAttempts: RETRY_BUDGET.selfieAttempts - 1 },
      };
      expect(transition(twice, { type: 'RETRY' }).step).toBe('submittingSelfie');
      expect(transition(lost, { type: 'BACK' })).toBe(lost);
    });

    it('returns where the session failed, and does nothing for a final error or without one', () => {
      const expired = rejectDocument(uploading(), 'token_expired');
      expect(transition(expired, { type: 'RETRY' })).toStrictEqual(moved(expired, 'documentCapture'));
      const final = rejectDocument(uploading(), 'submission_mismatch');
      expect(transition(final, { type: 'RETRY' })).toBe(final);
      const bare = { ...final, error: null };
      expect(transition(bare, { type: 'RETRY' })).toBe(bare);
    });
  });

  describe('events of every step', () => {
    it('exits with the upload dropped, remembering the step', () => {
      const up = uploading();
      expect(transition(up, { type: 'EXIT' })).toStrictEqual({
        step: 'exited',
        context: { ...up.context, upload: null },
        error: null,
        exitedFrom: 'uploadingDocument',
      });
    });

    it('ignores a session, its failure and a handoff once exited', () => {
      const exited = transition(atCapture(), { type: 'EXIT' });
      expect(transition(exited, { type: 'SESSION_STARTED', emailRequired: false, submissionId: null })).toBe(
        exited,
      );
      expect(
        transition(exited, { type: 'SESSION_FAILED', error: { code: 'network_error', retryable: true } }),
      ).toBe(exited);
      expect(transition(exited, { type: 'HANDOFF_SHOWN' })).toBe(exited);
    });

    it('keeps the flow for the same applicant and a first binding, drops it for another or a lost one', () => {
      const capture = atCapture();
      const started = (
        state: FlowState,
        applicant: string | null | undefined,
        submissionId: string | null = null,
      ) =>
        transition(state, {
          type: 'SESSION_STARTED',
          emailRequired: false,
          submissionId,
          ...(applicant === undefined ? {} : { applicant }),
        });
      const bound = started(capture, 'a');
      expect(bound).toStrictEqual({
        ...capture,
        context: { ...capture.context, sessionReady: true, applicant: 'a', emailRequired: false },
      });
      expect(started(bound, 'a')).toStrictEqual(bound);
      for (const other of ['b', null, undefined]) {
        const dropped = started(bound, other);
        expect(dropped.step).toBe('consent');
        expect(dropped.context.applicant).toBe(other ?? null);
        expect(dropped.context.document).toBeNull();
      }
      // No applicant named: null, not undefined, in the context.
      expect(started(capture, undefined).context.applicant).toBeNull();
      // A session that names a submission this flow has none of yet keeps it.
      expect(started(capture, null, 'sub-9').step).toBe('documentCapture');
    });

    it('keeps the step an earlier failure returns to when the session fails again', () => {
      const failedUpload = rejectDocument(uploading(), 'token_expired');
      const again = transition(failedUpload, {
        type: 'SESSION_FAILED',
        error: { code: 'vendor_error', retryable: true },
      });
      expect(again).toStrictEqual(
        erred(failedUpload, {
          code: 'vendor_error',
          retryable: true,
          retry: 'session',
          resumeStep: 'documentCapture',
        }),
      );
      const bare = { ...failedUpload, error: null };
      expect(
        transition(bare, { type: 'SESSION_FAILED', error: { code: 'vendor_error', retryable: true } }).error
          ?.resumeStep,
      ).toBe('error');
    });

    it('offers to open the session again after a lost answer even when the client called it final', () => {
      const capture = atCapture();
      for (const code of ['network_error', 'timeout'])
        expect(
          transition(capture, { type: 'SESSION_FAILED', error: { code, retryable: false } }).error,
        ).toStrictEqual({ code, retryable: false, retry: 'session', resumeStep: 'documentCapture' });
      expect(
        transition(capture, { type: 'SESSION_FAILED', error: { code: 'forbidden_origin', retryable: false } })
          .error,
      ).toStrictEqual({
        code: 'forbidden_origin',
        retryable: false,
        retry: null,
        resumeStep: 'documentCapture',
      });
    });
  });

  describe('the handoff', () => {
    it('is shown once: shown again, it keeps the handoff the endpoint named', () => {
      const started = run(
        atCapture(),
        { type: 'HANDOFF_SHOWN' },
        { type: 'HANDOFF_STARTED', handoffId: 'h1' },
      );
      expect(transition(started, { type: 'HANDOFF_SHOWN' })).toBe(started);
      expect(transition(started, { type: 'HANDOFF_STARTED', handoffId: 'h2' })).toStrictEqual({
        ...started,
        context: { ...started.context, handoff: { id: 'h2' } },
      });
    });

    it('finishes into the result from the document choice too, without the handoff', () => {
      const shown = run(atDocument(), { type: 'HANDOFF_SHOWN' });
      const { handoff: _handoff, ...here } = shown.context;
      expect(
        transition(shown, { type: 'HANDOFF_FINISHED', submissionId: 'sub-9', kycStatus: 'rejected' }),
      ).toStrictEqual({
        step: 'result',
        context: {
          ...here,
          upload: null,
          notice: null,
          submissionId: 'sub-9',
          result: { status: 'rejected', reason: null, pollExpired: false },
        },
        error: null,
        exitedFrom: null,
      });
    });
  });
});
