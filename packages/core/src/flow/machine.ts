// The onboarding flow as a pure state machine: `transition(state, event)` returns the
// next state and does nothing else (no network, no storage, no clock). The driver in
// create-flow.ts runs the side effects that a state asks for.
import { isCountryCode } from '../countries.ts';
import { normalizeReview, prefillReview, resumePoint, RETRY_BUDGET, validateEmail, validateReview } from './rules.ts';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  type FlowContext,
  type FlowError,
  type FlowErrorState,
  type FlowEvent,
  type FlowRules,
  type FlowState,
  type Step,
} from './types.ts';

/** The first state of a flow, with the integrator's allowlists (unknown entries are dropped). */
export function initialState(rules: Partial<FlowRules> = {}): FlowState {
  const documentTypes = (rules.documentTypes ?? []).filter((t): t is DocumentType => DOCUMENT_TYPES.includes(t));
  const countries = (rules.countries ?? []).map((c) => c.toUpperCase()).filter(isCountryCode);
  const context: FlowContext = {
    rules: { documentTypes: documentTypes.length ? documentTypes : [...DOCUMENT_TYPES], countries },
    sessionReady: false,
    emailRequired: false,
    email: null,
    document: null,
    submissionId: null,
    ocrFound: null,
    fields: null,
    fieldErrors: {},
    failedUploads: 0,
    upload: null,
    notice: null,
  };
  return { step: 'consent', context, error: null, exitedFrom: null };
}

/** Whether the integrator's allowlists permit this document. */
export function isDocumentAllowed(rules: FlowRules, idType: string, issuingCountry: string): boolean {
  return (
    rules.documentTypes.includes(idType as DocumentType) &&
    isCountryCode(issuingCountry) &&
    (rules.countries.length === 0 || rules.countries.includes(issuingCountry))
  );
}

/** Endpoint codes that mean "this picture will not do": take or choose another. */
const IMAGE_CODES = new Set(['unsupported_image', 'payload_too_large']);
/** Codes that a new session token may cure. */
const SESSION_CODES = new Set(['token_expired', 'token_invalid', 'unauthenticated']);

function at(state: FlowState, step: Step, context: Partial<FlowContext> = {}): FlowState {
  return { step, context: { ...state.context, ...context }, error: null, exitedFrom: null };
}

function failed(state: FlowState, error: FlowErrorState, context: Partial<FlowContext> = {}): FlowState {
  return { step: 'error', context: { ...state.context, ...context, upload: null }, error, exitedFrom: null };
}

function plainError(error: FlowError): FlowError {
  return { code: error.code, retryable: error.retryable, ...(error.field ? { field: error.field } : {}) };
}

function documentRejected(state: FlowState, error: FlowError): FlowState {
  if (error.code === 'aborted') return at(state, 'documentCapture', { upload: null });
  if (IMAGE_CODES.has(error.code) || (error.code === 'invalid_field' && error.field === 'idImage')) {
    return at(state, 'documentCapture', { upload: null, notice: plainError(error) });
  }
  if (error.code === 'invalid_field' && error.field === 'email') {
    return at(state, 'document', { upload: null, emailRequired: true, fieldErrors: { email: 'invalid_email' } });
  }
  if (error.code === 'invalid_field' && (error.field === 'idType' || error.field === 'issuingCountry')) {
    return at(state, 'document', { upload: null, notice: plainError(error) });
  }
  if (SESSION_CODES.has(error.code)) {
    return failed(state, { ...plainError(error), retry: 'session', resumeStep: 'documentCapture' });
  }
  if (error.retryable) {
    const failedUploads = state.context.failedUploads + 1;
    const budgetLeft = failedUploads < RETRY_BUDGET.failedUploads;
    return failed(
      state,
      { ...plainError(error), retryable: budgetLeft, retry: budgetLeft ? 'uploadingDocument' : null, resumeStep: 'documentCapture' },
      { failedUploads },
    );
  }
  return failed(state, { ...plainError(error), retry: null, resumeStep: 'documentCapture' });
}

/** The next state. Returns `state` itself when the event means nothing in this state. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  const { step, context } = state;

  // Events that mean the same in every live state.
  switch (event.type) {
    case 'RESTART':
      return initialState(context.rules);
    case 'EXIT':
      return step === 'exited' ? state : { step: 'exited', context: { ...context, upload: null }, error: null, exitedFrom: step };
    case 'RESTORED': {
      const resumed = resumePoint(event.state);
      return resumed ? { ...resumed, context: { ...resumed.context, rules: context.rules } } : state;
    }
    case 'SESSION_STARTED': {
      if (step === 'exited') return state;
      if (context.submissionId !== null && event.submissionId !== context.submissionId) {
        // The session does not carry this flow's submission: another applicant signed in on this
        // device, or the binding was lost. Nothing of the old flow (its fields are PII) may show.
        const fresh = initialState(context.rules);
        return { ...fresh, context: { ...fresh.context, sessionReady: true, emailRequired: event.emailRequired } };
      }
      return { ...state, context: { ...context, sessionReady: true, emailRequired: event.emailRequired } };
    }
    case 'SESSION_FAILED': {
      if (step === 'exited') return state;
      const resumeStep = step === 'error' && state.error ? state.error.resumeStep : step;
      const retry = event.error.retryable || event.error.code === 'network_error' || event.error.code === 'timeout' ? 'session' : null;
      return failed(state, { ...plainError(event.error), retry, resumeStep });
    }
  }

  switch (step) {
    case 'consent':
      return event.type === 'CONSENT_GIVEN' ? at(state, 'document') : state;

    case 'document':
      if (event.type === 'BACK') return at(state, 'consent', { notice: null });
      if (event.type === 'DOCUMENT_CHOSEN') {
        const issuingCountry = event.issuingCountry.toUpperCase();
        if (!isDocumentAllowed(context.rules, event.idType, issuingCountry)) return state;
        const email = context.emailRequired ? (event.email ?? '').trim() : null;
        const emailProblem = email === null ? undefined : validateEmail(email);
        if (emailProblem) return { ...state, context: { ...context, email, fieldErrors: { email: emailProblem } } };
        return at(state, 'documentCapture', {
          document: { idType: event.idType, issuingCountry },
          email,
          fieldErrors: {},
          notice: null,
        });
      }
      return state;

    case 'documentCapture':
      if (event.type === 'BACK') return at(state, 'document', { notice: null });
      if (event.type === 'DOCUMENT_SUBMITTED' && context.document) {
        return at(state, 'uploadingDocument', { upload: { loaded: 0, total: 0 }, notice: null });
      }
      return state;

    case 'uploadingDocument':
      switch (event.type) {
        case 'UPLOAD_PROGRESS':
          return { ...state, context: { ...context, upload: { loaded: event.loaded, total: event.total } } };
        case 'UPLOAD_CANCELLED':
          return at(state, 'documentCapture', { upload: null });
        case 'DOCUMENT_ACCEPTED': {
          const fields = prefillReview(event.ocr, context);
          return at(state, 'review', {
            upload: null,
            submissionId: event.submissionId,
            ocrFound: event.ocr !== null,
            fields,
            fieldErrors: {},
            failedUploads: 0,
          });
        }
        case 'DOCUMENT_REJECTED':
          return documentRejected(state, event.error);
        default:
          return state;
      }

    case 'review':
      if (event.type === 'REVIEW_SUBMITTED') {
        const fields = normalizeReview(event.fields, context);
        const fieldErrors = validateReview(fields, context, event.today);
        if (Object.keys(fieldErrors).length) return { ...state, context: { ...context, fields, fieldErrors } };
        return at(state, nextAfterReview(context), { fields, fieldErrors: {} });
      }
      return state;

    case 'selfieCapture':
      // Part 2 adds the selfie events; going back to correct the review is allowed already.
      return event.type === 'BACK' ? at(state, 'review') : state;

    case 'error':
      if (event.type === 'RETRY' && state.error) {
        if (state.error.retry === 'uploadingDocument') return at(state, 'uploadingDocument', { upload: { loaded: 0, total: 0 } });
        if (state.error.retry === 'session') return at(state, state.error.resumeStep);
      }
      return state;

    default:
      return state;
  }
}

/** Where a confirmed review leads. Part 2: the address step when the integrator asks for it. */
function nextAfterReview(_context: FlowContext): Step {
  return 'selfieCapture';
}
