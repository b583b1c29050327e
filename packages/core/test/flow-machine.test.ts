// The flow's rules, tested as a pure function: no network, no storage, no clock.
import { describe, expect, it } from 'vitest';
import {
  documentTypesFor,
  initialState,
  prefillReview,
  resumePoint,
  RETRY_BUDGET,
  reviewFieldNames,
  transition,
  validateReview,
  type DocumentType,
  type FlowEvent,
  type FlowState,
  type OcrFields,
} from '../src/index.ts';

const OCR: OcrFields = {
  name: 'John Smith',
  firstName: null,
  lastName: null,
  birthDate: '1975-08-25',
  gender: 'male',
  nationality: 'USA',
  issueDate: '2020-02-25',
  expireDate: null,
  identityNumber: '750825-1234567',
  licenseNumber: '11-12-345678-90',
};

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

function atCapture(
  idType: 'passport' | 'government_id' | 'drivers_license' = 'passport',
  issuingCountry = 'USA',
): FlowState {
  return run(initialState(), { type: 'CONSENT_GIVEN' }, { type: 'DOCUMENT_CHOSEN', idType, issuingCountry });
}

function atReview(
  idType: 'passport' | 'government_id' | 'drivers_license' = 'passport',
  issuingCountry = 'USA',
  ocr: OcrFields | null = OCR,
) {
  return run(
    atCapture(idType, issuingCountry),
    { type: 'DOCUMENT_SUBMITTED' },
    { type: 'DOCUMENT_ACCEPTED', submissionId: 'sub-1', ocr },
  );
}

describe('the flow machine', () => {
  describe('defaults', () => {
    it('starts at consent with all three document types and every country allowed', () => {
      const state = initialState();
      expect(state.step).toBe('consent');
      expect(state.context.rules.documentTypes).toEqual(['passport', 'government_id', 'drivers_license']);
      expect(state.context.rules.countries).toEqual([]);
    });

    it('keeps only known entries of the integrator allowlists', () => {
      const state = initialState({
        documentTypes: ['passport', 'visa' as never],
        countries: ['kor', 'XXX', 'USA'],
      });
      expect(state.context.rules).toEqual({
        documentTypes: ['passport'],
        countries: ['KOR', 'USA'],
        documentsByCountry: {},
        address: 'off',
      });
    });

    it('keeps only known countries and types of the per-country document types, upper-cased', () => {
      const state = initialState({
        documentsByCountry: {
          kor: ['government_id', 'visa' as never],
          XXX: ['passport'],
          USA: ['visa' as never],
          GBR: 'passport' as never,
        },
      });
      expect(state.context.rules.documentsByCountry).toEqual({ KOR: ['government_id'] });
    });

    it('returns the very same state for an event that means nothing in the current step', () => {
      const state = initialState();
      expect(transition(state, { type: 'REVIEW_SUBMITTED', fields: {} as never })).toBe(state);
      expect(transition(state, { type: 'RETRY' })).toBe(state);
    });

    it('never mutates the state it is given', () => {
      const state = initialState();
      const frozen = structuredClone(state);
      run(
        state,
        { type: 'CONSENT_GIVEN' },
        { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' },
      );
      expect(state).toEqual(frozen);
    });
  });

  describe('consent and document choice', () => {
    it('walks consent -> document -> documentCapture with the chosen document', () => {
      const state = atCapture('government_id', 'kor');
      expect(state.step).toBe('documentCapture');
      expect(state.context.document).toEqual({ idType: 'government_id', issuingCountry: 'KOR' });
    });

    it('refuses a document type or country outside the allowlists, and unknown countries', () => {
      const doc = run(initialState({ documentTypes: ['passport'], countries: ['KOR'] }), {
        type: 'CONSENT_GIVEN',
      });
      expect(
        transition(doc, { type: 'DOCUMENT_CHOSEN', idType: 'drivers_license', issuingCountry: 'KOR' }),
      ).toBe(doc);
      expect(transition(doc, { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' })).toBe(
        doc,
      );
      expect(transition(doc, { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'ZZZ' })).toBe(
        doc,
      );
      expect(
        transition(doc, { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'KOR' }).step,
      ).toBe('documentCapture');
    });

    it('offers per country the integrator’s document types, the general list elsewhere (documentTypesFor)', () => {
      const rules = initialState({
        documentTypes: ['passport'],
        documentsByCountry: { KOR: ['government_id', 'drivers_license'] },
      }).context.rules;
      expect(documentTypesFor(rules, 'KOR')).toEqual(['government_id', 'drivers_license']);
      expect(documentTypesFor(rules, 'USA')).toEqual(['passport']);
      expect(documentTypesFor(rules, '')).toEqual(['passport']);
      // An inherited key is no country's list.
      expect(documentTypesFor(rules, 'constructor')).toEqual(['passport']);
      const doc = run(initialState(rules), { type: 'CONSENT_GIVEN' });
      const choose = (idType: DocumentType, issuingCountry: string) =>
        transition(doc, { type: 'DOCUMENT_CHOSEN', idType, issuingCountry }).step;
      expect(choose('passport', 'KOR')).toBe('document');
      expect(choose('drivers_license', 'KOR')).toBe('documentCapture');
      expect(choose('drivers_license', 'USA')).toBe('document');
      expect(choose('passport', 'USA')).toBe('documentCapture');
      expect(choose('passport', 'constructor')).toBe('document');
    });

    it('asks for a valid email on the document step only when the session requires one', () => {
      const doc = run(
        initialState(),
        { type: 'SESSION_STARTED', emailRequired: true, submissionId: null },
        { type: 'CONSENT_GIVEN' },
      );
      const missing = transition(doc, { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
      expect(missing.step).toBe('document');
      expect(missing.context.fieldErrors).toEqual({ email: 'required' });
      const bad = transition(doc, {
        type: 'DOCUMENT_CHOSEN',
        idType: 'passport',
        issuingCountry: 'USA',
        email: 'not-an-email',
      });
      expect(bad.context.fieldErrors).toEqual({ email: 'invalid_email' });
      const ok = transition(doc, {
        type: 'DOCUMENT_CHOSEN',
        idType: 'passport',
        issuingCountry: 'USA',
        email: ' a@b.example ',
      });
      expect(ok.step).toBe('documentCapture');
      expect(ok.context.email).toBe('a@b.example');

      const notRequired = run(
        initialState(),
        { type: 'CONSENT_GIVEN' },
        { type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA', email: 'x@y.z' },
      );
      expect(notRequired.context.email).toBeNull();
    });

    it('goes back one step from capture and from the document choice', () => {
      const capture = atCapture();
      expect(transition(capture, { type: 'BACK' }).step).toBe('document');
      expect(run(capture, { type: 'BACK' }, { type: 'BACK' }).step).toBe('consent');
    });
  });

  describe('the step-1 upload', () => {
    it('moves to uploadingDocument on a submitted photo, tracks progress, and never keeps the image', () => {
      const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
      const uploading = transition(atCapture(), { type: 'DOCUMENT_SUBMITTED', image });
      expect(uploading.step).toBe('uploadingDocument');
      const progressed = transition(uploading, { type: 'UPLOAD_PROGRESS', loaded: 50, total: 100 });
      expect(progressed.context.upload).toEqual({ loaded: 50, total: 100 });
      expect(JSON.stringify(progressed)).not.toContain('Blob');
      expect(Object.values(progressed.context).some((v) => v instanceof Blob)).toBe(false);
    });

    it('returns to capture when the upload is cancelled', () => {
      const state = run(atCapture(), { type: 'DOCUMENT_SUBMITTED' }, { type: 'UPLOAD_CANCELLED' });
      expect(state.step).toBe('documentCapture');
      expect(state.context.upload).toBeNull();
    });

    it('sends the applicant back to capture, with the reason, when the endpoint refuses the picture', () => {
      for (const code of ['unsupported_image', 'payload_too_large']) {
        const state = run(
          atCapture(),
          { type: 'DOCUMENT_SUBMITTED' },
          { type: 'DOCUMENT_REJECTED', error: { code, retryable: false } },
        );
        expect(state.step).toBe('documentCapture');
        expect(state.context.notice).toEqual({ code, retryable: false });
      }
    });

    it('offers a retry of the same upload for transient failures, within the retry budget', () => {
      let state = run(atCapture(), { type: 'DOCUMENT_SUBMITTED' });
      for (let failure = 1; failure < RETRY_BUDGET.failedUploads; failure++) {
        state = transition(state, {
          type: 'DOCUMENT_REJECTED',
          error: { code: 'network_error', retryable: true },
        });
        expect(state.step).toBe('error');
        expect(state.error).toMatchObject({
          code: 'network_error',
          retry: 'uploadingDocument',
          retryable: true,
        });
        state = transition(state, { type: 'RETRY' });
        expect(state.step).toBe('uploadingDocument');
      }
      state = transition(state, {
        type: 'DOCUMENT_REJECTED',
        error: { code: 'vendor_error', retryable: true },
      });
      expect(state.error).toMatchObject({ code: 'vendor_error', retryable: false, retry: null });
      expect(transition(state, { type: 'RETRY' })).toBe(state);
    });

    it('asks for a new session when the token is refused, then resumes at capture', () => {
      const state = run(
        atCapture(),
        { type: 'DOCUMENT_SUBMITTED' },
        { type: 'DOCUMENT_REJECTED', error: { code: 'token_expired', retryable: false } },
      );
      expect(state.error).toMatchObject({ retry: 'session', resumeStep: 'documentCapture' });
      expect(transition(state, { type: 'RETRY' }).step).toBe('documentCapture');
    });

    it('treats other refusals as final for this attempt (no retry, exit or restart only)', () => {
      const state = run(
        atCapture(),
        { type: 'DOCUMENT_SUBMITTED' },
        { type: 'DOCUMENT_REJECTED', error: { code: 'submission_mismatch', retryable: false } },
      );
      expect(state.error).toMatchObject({ code: 'submission_mismatch', retry: null });
      expect(transition(state, { type: 'RESTART' }).step).toBe('consent');
    });

    it('returns to the email field when the endpoint refuses the email', () => {
      const state = run(
        atCapture(),
        { type: 'DOCUMENT_SUBMITTED' },
        { type: 'DOCUMENT_REJECTED', error: { code: 'invalid_field', retryable: false, field: 'email' } },
      );
      expect(state.step).toBe('document');
      expect(state.context.fieldErrors).toEqual({ email: 'invalid_email' });
    });
  });

  describe('the review (Korean-only fields, docs/vendor-api.md #16)', () => {
    it('prefills the common fields from the OCR and offers no Korean field outside KOR', () => {
      const state = atReview('drivers_license', 'USA');
      expect(state.step).toBe('review');
      expect(state.context.submissionId).toBe('sub-1');
      expect(state.context.ocrFound).toBe(true);
      expect(state.context.fields).toEqual({
        name: 'John Smith',
        birthDate: '1975-08-25',
        gender: 'male',
        nationality: 'USA',
        issueDate: '2020-02-25',
      });
    });

    it('offers the identity number for any KOR document, but license and serial only for a KOR driver license', () => {
      expect(reviewFieldNames({ document: { idType: 'government_id', issuingCountry: 'KOR' } })).toEqual([
        'name',
        'birthDate',
        'gender',
        'nationality',
        'issueDate',
        'identityNumber',
      ]);
      expect(reviewFieldNames({ document: { idType: 'passport', issuingCountry: 'KOR' } })).toContain(
        'identityNumber',
      );
      expect(reviewFieldNames({ document: { idType: 'passport', issuingCountry: 'KOR' } })).not.toContain(
        'licenseNumber',
      );
      expect(
        reviewFieldNames({ document: { idType: 'drivers_license', issuingCountry: 'KOR' } }).slice(-3),
      ).toEqual(['identityNumber', 'licenseNumber', 'serialNumber']);
      expect(atReview('government_id', 'KOR').context.fields).toMatchObject({
        identityNumber: '750825-1234567',
      });
      expect(atReview('government_id', 'KOR').context.fields).not.toHaveProperty('licenseNumber');
      expect(atReview('drivers_license', 'KOR').context.fields).toMatchObject({
        licenseNumber: '11-12-345678-90',
        serialNumber: '',
      });
    });

    it('shows an empty, working form when the OCR read nothing', () => {
      const state = atReview('passport', 'USA', null);
      expect(state.step).toBe('review');
      expect(state.context.ocrFound).toBe(false);
      expect(state.context.fields).toEqual({
        name: '',
        birthDate: '',
        gender: '',
        nationality: '',
        issueDate: '',
      });
    });

    it('drops OCR values that are not usable as they are (bad dates, unknown gender or country)', () => {
      const fields = prefillReview(
        {
          ...OCR,
          name: null,
          firstName: 'Jane',
          lastName: 'Doe',
          birthDate: '25/08/1975',
          gender: 'X',
          nationality: 'Utopia',
        },
        { document: { idType: 'passport', issuingCountry: 'USA' } },
      );
      expect(fields).toMatchObject({ name: 'Jane Doe', birthDate: '', gender: '', nationality: '' });
    });

    it('keeps the applicant on the review with field errors until the form is valid', () => {
      const review = atReview('drivers_license', 'KOR');
      const bad = transition(review, {
        type: 'REVIEW_SUBMITTED',
        today: '2026-11-26',
        fields: {
          name: ' ',
          birthDate: '2030-01-01',
          gender: '',
          nationality: 'XX',
          issueDate: '1975-02-30',
          identityNumber: '123',
          licenseNumber: 'abc',
          serialNumber: '12',
        },
      });
      expect(bad.step).toBe('review');
      expect(bad.context.fieldErrors).toEqual({
        name: 'required',
        birthDate: 'future_date',
        nationality: 'invalid_country',
        issueDate: 'invalid_date',
        identityNumber: 'invalid_identity_number',
        licenseNumber: 'invalid_license_number',
        serialNumber: 'invalid_serial_number',
      });
      const good = transition(bad, {
        type: 'REVIEW_SUBMITTED',
        today: '2026-11-26',
        fields: {
          name: 'Hong  Gildong',
          birthDate: '1990-01-31',
          gender: 'male',
          nationality: 'kor',
          issueDate: '2015-03-01',
          identityNumber: '900131-1234567',
          licenseNumber: '11-15-123456-78',
          serialNumber: 'A1B2C3',
        },
      });
      expect(good.step).toBe('selfieCapture');
      expect(good.context.fieldErrors).toEqual({});
      expect(good.context.fields).toMatchObject({ name: 'Hong Gildong', nationality: 'KOR' });
    });

    it('strips Korean-only fields that a UI sent for a non-KOR document', () => {
      const state = transition(atReview('drivers_license', 'USA'), {
        type: 'REVIEW_SUBMITTED',
        fields: {
          name: 'John Smith',
          birthDate: '1975-08-25',
          gender: 'male',
          nationality: 'USA',
          issueDate: '',
          identityNumber: '900131-1234567',
          licenseNumber: 'x',
          serialNumber: 'y',
        },
      });
      expect(state.step).toBe('selfieCapture');
      expect(state.context.fields).toEqual({
        name: 'John Smith',
        birthDate: '1975-08-25',
        gender: 'male',
        nationality: 'USA',
        issueDate: '',
      });
    });

    it('refuses an issue date before the birth date', () => {
      const errors = validateReview(
        { name: 'A', birthDate: '1990-01-01', gender: '', nationality: '', issueDate: '1980-01-01' },
        { document: { idType: 'passport', issuingCountry: 'USA' } },
      );
      expect(errors).toEqual({ issueDate: 'before_birth' });
    });
  });

  describe('session, exit, restart', () => {
    it('records what the session said, in any step', () => {
      const state = transition(atCapture(), {
        type: 'SESSION_STARTED',
        emailRequired: true,
        submissionId: null,
      });
      expect(state.step).toBe('documentCapture');
      expect(state.context).toMatchObject({ sessionReady: true, emailRequired: true });
    });

    it('drops a flow whose submission the new session does not carry (another applicant on this device)', () => {
      const review = atReview();
      const same = transition(review, {
        type: 'SESSION_STARTED',
        emailRequired: false,
        submissionId: 'sub-1',
      });
      expect(same.step).toBe('review');
      const other = transition(review, { type: 'SESSION_STARTED', emailRequired: true, submissionId: null });
      expect(other.step).toBe('consent');
      expect(other.context).toMatchObject({
        submissionId: null,
        fields: null,
        document: null,
        sessionReady: true,
        emailRequired: true,
      });
    });

    it('drops a flow whose token the new session refused, before step 1 too (a typed email is PII)', () => {
      const typed = {
        ...atCapture(),
        context: { ...atCapture().context, emailRequired: true, email: 'first@example.test' },
      };
      const kept = transition(typed, { type: 'SESSION_STARTED', emailRequired: true, submissionId: null });
      expect(kept.context.email).toBe('first@example.test');
      const refused = transition(typed, {
        type: 'SESSION_STARTED',
        emailRequired: true,
        submissionId: null,
        previousTokenRefused: true,
      });
      expect(refused.step).toBe('consent');
      expect(refused.context).toMatchObject({ email: null, document: null, sessionReady: true });
    });

    it('turns a failed session into a recoverable error that returns where the applicant was', () => {
      const state = transition(atCapture(), {
        type: 'SESSION_FAILED',
        error: { code: 'network_error', retryable: true },
      });
      expect(state.error).toMatchObject({ retry: 'session', resumeStep: 'documentCapture' });
      expect(transition(state, { type: 'RETRY' }).step).toBe('documentCapture');
      const unauth = transition(initialState(), {
        type: 'SESSION_FAILED',
        error: { code: 'unauthenticated', retryable: false },
      });
      expect(unauth.error).toMatchObject({ retry: null });
    });

    it('exits from any step, remembering where, and ignores events afterwards', () => {
      const exited = transition(atReview(), { type: 'EXIT' });
      expect(exited).toMatchObject({ step: 'exited', exitedFrom: 'review' });
      expect(transition(exited, { type: 'CONSENT_GIVEN' })).toBe(exited);
      expect(transition(exited, { type: 'EXIT' })).toBe(exited);
    });

    it('restarts from scratch but keeps the integrator allowlists', () => {
      const state = run(initialState({ countries: ['KOR'] }), { type: 'CONSENT_GIVEN' }, { type: 'RESTART' });
      expect(state).toEqual(initialState({ countries: ['KOR'] }));
    });
  });

  describe('resume point', () => {
    it('resumes the review as it was, with its submission and fields', () => {
      const review = atReview();
      expect(resumePoint(review)).toEqual({ ...review, context: { ...review.context, upload: null } });
    });

    it('resumes an interrupted upload at capture, since images are never stored', () => {
      const uploading = run(
        atCapture(),
        { type: 'DOCUMENT_SUBMITTED' },
        { type: 'UPLOAD_PROGRESS', loaded: 1, total: 2 },
      );
      expect(resumePoint(uploading)).toMatchObject({ step: 'documentCapture', context: { upload: null } });
      const failedUpload = transition(uploading, {
        type: 'DOCUMENT_REJECTED',
        error: { code: 'timeout', retryable: true },
      });
      expect(resumePoint(failedUpload)?.step).toBe('documentCapture');
    });

    it('has nothing to resume after an exit', () => {
      expect(resumePoint(transition(atReview(), { type: 'EXIT' }))).toBeNull();
    });

    it('restores a snapshot through RESTORED, under the current allowlists', () => {
      const snapshot = atReview();
      const restored = transition(initialState({ countries: ['USA'] }), {
        type: 'RESTORED',
        state: snapshot,
      });
      expect(restored.step).toBe('review');
      expect(restored.context.rules.countries).toEqual(['USA']);
      const fresh = initialState();
      expect(transition(fresh, { type: 'RESTORED', state: transition(snapshot, { type: 'EXIT' }) })).toBe(
        fresh,
      );
    });
  });
});

describe('issue 11: consents and the review draft', () => {
  it('records the separate biometric consent only when it was given', () => {
    const without = run(initialState(), { type: 'CONSENT_GIVEN' });
    expect(without.step).toBe('document');
    expect(without.context.biometricConsent).toBeUndefined();
    const given = run(initialState(), { type: 'CONSENT_GIVEN', biometric: true });
    expect(given.context.biometricConsent).toBe(true);
    expect(
      run(initialState(), { type: 'CONSENT_GIVEN', biometric: false }).context.biometricConsent,
    ).toBeUndefined();
  });

  it('keeps a review edit as the draft, unvalidated, until it is submitted', () => {
    const review = atReview();
    const edited = run(review, { type: 'REVIEW_EDITED', fields: { ...review.context.fields!, name: 'Jo' } });
    expect(edited.step).toBe('review');
    expect(edited.context.fields?.name).toBe('Jo');
    expect(edited.context.fieldErrors).toEqual({});
    // Only on the review step.
    const capture = atCapture();
    expect(run(capture, { type: 'REVIEW_EDITED', fields: review.context.fields! })).toBe(capture);
  });
});
