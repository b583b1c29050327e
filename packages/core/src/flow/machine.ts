// The onboarding flow as a pure state machine: `transition(state, event)` returns the
// next state and does nothing else (no network, no storage, no clock). The driver in
// create-flow.ts runs the side effects that a state asks for.
//
// One file of about 450 lines, on purpose: it is one function (`transition`) read as a whole,
// step by step, with the few helpers each step's answer needs next to it. The vocabulary
// it reads (codes, field names, limits) is @argos-kyc/protocol's; the rules are rules.ts's,
// and what a step does outside the machine is effects.ts's.
import {
  addressQueryProblem,
  STEP2_ADDRESS_FIELDS,
  STEP2_REVIEW_FIELDS,
  type ErrorCode,
  type Step2AddressField,
  type Step2ReviewField,
} from '@argos-kyc/protocol';
import { isCountryCode } from '../countries.ts';
import {
  BLANK_CONTEXT,
  normalizeAddress,
  normalizeReview,
  prefillReview,
  resumePoint,
  RETRY_BUDGET,
  validateAddress,
  validateEmail,
  validateReview,
} from './rules.ts';
import {
  DOCUMENT_TYPES,
  type AddressMode,
  type KycStatus,
  type DocumentType,
  type FlowContext,
  type FlowError,
  type FlowErrorState,
  type FlowEvent,
  type FlowRules,
  type FlowState,
  type HandoffEvent,
  type Step,
} from './types.ts';

/** The first state of a flow, with the integrator's allowlists (unknown entries are dropped). */
export function initialState(rules: Partial<FlowRules> = {}): FlowState {
  const documentTypes = (rules.documentTypes ?? []).filter((t): t is DocumentType =>
    DOCUMENT_TYPES.includes(t),
  );
  const countries = (rules.countries ?? []).map((c) => c.toUpperCase()).filter(isCountryCode);
  // Per country, the known types only; a country left with none has the general list.
  const documentsByCountry: Partial<Record<string, DocumentType[]>> = {};
  for (const [country, types] of Object.entries(rules.documentsByCountry ?? {})) {
    const known = (Array.isArray(types) ? types : []).filter((t) => DOCUMENT_TYPES.includes(t));
    if (isCountryCode(country.toUpperCase()) && known.length)
      documentsByCountry[country.toUpperCase()] = known;
  }
  const address: AddressMode =
    rules.address === 'optional' || rules.address === 'required' ? rules.address : 'off';
  const context: FlowContext = {
    ...BLANK_CONTEXT,
    rules: {
      documentTypes: documentTypes.length ? documentTypes : [...DOCUMENT_TYPES],
      countries,
      documentsByCountry,
      address,
    },
  };
  return { step: 'consent', context, error: null, exitedFrom: null };
}

/** The document types offered for documents of this issuing country (alpha-3; '' for none chosen yet). */
export function documentTypesFor(rules: FlowRules, issuingCountry: string): DocumentType[] {
  const byCountry = rules.documentsByCountry ?? {};
  // Own keys only: a country code typed as "constructor" is no list.
  return (
    (Object.prototype.hasOwnProperty.call(byCountry, issuingCountry) && byCountry[issuingCountry]) ||
    rules.documentTypes
  );
}

/** Whether the integrator's allowlists permit this document. */
export function isDocumentAllowed(rules: FlowRules, idType: string, issuingCountry: string): boolean {
  return (
    documentTypesFor(rules, issuingCountry).includes(idType as DocumentType) &&
    isCountryCode(issuingCountry) &&
    (rules.countries.length === 0 || rules.countries.includes(issuingCountry))
  );
}

/** Endpoint codes that mean "this picture will not do": take or choose another. */
const IMAGE_CODES: ReadonlySet<string> = new Set<ErrorCode>(['unsupported_image', 'payload_too_large']);
/** Codes that a new session token may cure. */
const SESSION_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'token_expired',
  'token_invalid',
  'unauthenticated',
]);

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
    return at(state, 'document', {
      upload: null,
      emailRequired: true,
      fieldErrors: { email: 'invalid_email' },
    });
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
      {
        ...plainError(error),
        retryable: budgetLeft,
        retry: budgetLeft ? 'uploadingDocument' : null,
        resumeStep: 'documentCapture',
      },
      { failedUploads },
    );
  }
  return failed(state, { ...plainError(error), retry: null, resumeStep: 'documentCapture' });
}

/** Review fields as the endpoint names them at step 2 (for `invalid_field` answers). */
const REVIEW_FIELDS: ReadonlySet<string> = new Set<Step2ReviewField>(STEP2_REVIEW_FIELDS);
/** Address fields at step 2, and the proof of address: an `invalid_field` on one of them goes back to the address. */
const ADDRESS_FIELDS: ReadonlySet<string> = new Set<Step2AddressField | 'addressImage'>([
  ...STEP2_ADDRESS_FIELDS,
  'addressImage',
]);

const KYC_STATUSES: ReadonlySet<string> = new Set<KycStatus>(['pending', 'approved', 'rejected']);

/** Comment codes as the flow keeps them: short snake_case codes only, so no free text (or PII) slips through. */
function commentCodes(codes: readonly string[] | undefined): string[] {
  return (codes ?? []).filter((c) => /^[a-z0-9_]{1,40}$/.test(c)).slice(0, 5);
}

function finished(
  state: FlowState,
  status: KycStatus,
  context: Partial<FlowContext> = {},
  commentCode?: readonly string[],
): FlowState {
  const codes = status === 'rejected' ? commentCodes(commentCode) : [];
  return at(state, 'result', {
    upload: null,
    notice: null,
    ...context,
    result: {
      status,
      reason: status === 'rejected' ? (context.lastReason ?? state.context.lastReason) : null,
      pollExpired: false,
      ...(codes.length ? { commentCode: codes } : {}),
    },
  });
}

function selfieFailed(state: FlowState, error: FlowError): FlowState {
  if (error.code === 'aborted') return at(state, 'selfieCapture', { upload: null });
  if (IMAGE_CODES.has(error.code) || (error.code === 'invalid_field' && error.field === 'faceImage')) {
    return at(state, 'selfieCapture', { upload: null, notice: plainError(error) });
  }
  if (error.code === 'invalid_field' && error.field && REVIEW_FIELDS.has(error.field)) {
    return at(state, 'review', { upload: null, notice: plainError(error) });
  }
  if (error.code === 'invalid_field' && error.field && ADDRESS_FIELDS.has(error.field)) {
    return at(state, state.context.rules.address === 'off' ? 'selfieCapture' : 'address', {
      upload: null,
      notice: plainError(error),
    });
  }
  if (SESSION_CODES.has(error.code)) {
    return failed(state, { ...plainError(error), retry: 'session', resumeStep: 'selfieCapture' });
  }
  if (error.retryable || error.code === 'network_error' || error.code === 'timeout') {
    // A lost answer may or may not have spent an attempt; the machine's guard and the
    // endpoint's 409 both stop a fourth one whatever happened.
    return failed(state, {
      ...plainError(error),
      retryable: true,
      retry: 'submittingSelfie',
      resumeStep: 'selfieCapture',
    });
  }
  return failed(state, { ...plainError(error), retry: null, resumeStep: 'selfieCapture' });
}

/** The vendor's status (GET /status) on a step that waits for the selfie: never lowers the attempt count. */
function statusReceived(
  state: FlowState,
  kycStatus: string,
  attempts: number,
  commentCode?: string[],
): FlowState {
  const selfieAttempts = Math.max(
    state.context.selfieAttempts,
    Math.min(RETRY_BUDGET.selfieAttempts, Math.max(0, Math.floor(attempts) || 0)),
  );
  if (KYC_STATUSES.has(kycStatus))
    return finished(state, kycStatus as KycStatus, { selfieAttempts }, commentCode);
  if (selfieAttempts === state.context.selfieAttempts) return state;
  return { ...state, context: { ...state.context, selfieAttempts } };
}

/** The next state. Returns `state` itself when the event means nothing in this state. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  const { step, context } = state;

  // Events that mean the same in every live state.
  switch (event.type) {
    case 'RESTART':
      return initialState(context.rules);
    case 'EXIT':
      return step === 'exited'
        ? state
        : { step: 'exited', context: { ...context, upload: null }, error: null, exitedFrom: step };
    case 'RESTORED': {
      const resumed = resumePoint(event.state);
      return resumed ? { ...resumed, context: { ...resumed.context, rules: context.rules } } : state;
    }
    case 'SESSION_STARTED': {
      if (step === 'exited') return state;
      const applicant = event.applicant ?? null;
      // Another applicant's flow (their tag differs, or the session refused their submission or
      // token: someone else signed in on this device), or the binding was lost: nothing of the
      // old flow (its fields, a typed email, an outcome) may show.
      const kept =
        event.previousTokenRefused ||
        (context.applicant !== null && applicant !== context.applicant) ||
        (context.submissionId !== null && event.submissionId !== context.submissionId)
          ? initialState(context.rules)
          : state;
      return {
        ...kept,
        context: { ...kept.context, sessionReady: true, applicant, emailRequired: event.emailRequired },
      };
    }
    case 'SESSION_FAILED': {
      if (step === 'exited') return state;
      const resumeStep = step === 'error' && state.error ? state.error.resumeStep : step;
      const retry =
        event.error.retryable || event.error.code === 'network_error' || event.error.code === 'timeout'
          ? 'session'
          : null;
      return failed(state, { ...plainError(event.error), retry, resumeStep });
    }
    case 'HANDOFF_SHOWN':
    case 'HANDOFF_STARTED':
    case 'HANDOFF_CLOSED':
    case 'HANDOFF_FINISHED':
      return handedOff(state, event);
  }
  // While the phone has the flow, this device's document screens wait (BACK, a photo).
  if (context.handoff) return state;

  switch (step) {
    case 'consent':
      if (event.type !== 'CONSENT_GIVEN') return state;
      return at(state, 'document', event.biometric === true ? { biometricConsent: true } : {});

    case 'document':
      if (event.type === 'BACK') return at(state, 'consent', { notice: null });
      if (event.type === 'DOCUMENT_CHOSEN') {
        const issuingCountry = event.issuingCountry.toUpperCase();
        if (!isDocumentAllowed(context.rules, event.idType, issuingCountry)) return state;
        const email = context.emailRequired ? (event.email ?? '').trim() : null;
        const emailProblem = email === null ? undefined : validateEmail(email);
        if (emailProblem)
          return { ...state, context: { ...context, email, fieldErrors: { email: emailProblem } } };
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
        if (Object.keys(fieldErrors).length)
          return { ...state, context: { ...context, fields, fieldErrors } };
        return at(state, nextAfterReview(context), { fields, fieldErrors: {}, notice: null });
      }
      // A draft as typed, checked on REVIEW_SUBMITTED (and normalized then).
      if (event.type === 'REVIEW_EDITED') return { ...state, context: { ...context, fields: event.fields } };
      return state;

    case 'address':
      switch (event.type) {
        case 'BACK':
          return at(state, 'review', { addressLookup: null, notice: null });
        case 'ADDRESS_LOOKUP': {
          const input = event.input.trim();
          if (addressQueryProblem(input)) return state;
          return {
            ...state,
            context: {
              ...context,
              addressLookup: { status: 'looking', input, result: null, error: null },
              notice: null,
            },
          };
        }
        case 'ADDRESS_FOUND':
        case 'ADDRESS_NOT_FOUND': {
          const lookup = context.addressLookup;
          // A late answer to an earlier look-up is ignored.
          if (lookup?.status !== 'looking' || lookup.input !== event.input) return state;
          const addressLookup =
            event.type === 'ADDRESS_FOUND'
              ? { status: 'found' as const, input: lookup.input, result: event.result, error: null }
              : {
                  status: 'failed' as const,
                  input: lookup.input,
                  result: null,
                  error: plainError(event.error),
                };
          return { ...state, context: { ...context, addressLookup } };
        }
        case 'ADDRESS_CONFIRMED': {
          const address = normalizeAddress(event.address);
          if (Object.keys(validateAddress(address, context.rules.address)).length) return state;
          return at(state, 'selfieCapture', { address, addressLookup: null, notice: null });
        }
        case 'ADDRESS_SKIPPED':
          return context.rules.address === 'optional'
            ? at(state, 'selfieCapture', { address: null, addressLookup: null, notice: null })
            : state;
        default:
          return state;
      }

    case 'selfieCapture':
      switch (event.type) {
        case 'BACK':
          return at(state, context.rules.address === 'off' ? 'review' : 'address', { notice: null });
        case 'SELFIE_SUBMITTED':
          // The retry budget: the vendor gives three step-2 attempts, and a fourth request is never made.
          if (
            context.selfieAttempts >= RETRY_BUDGET.selfieAttempts ||
            !context.submissionId ||
            !context.fields
          )
            return state;
          return at(state, 'submittingSelfie', { upload: { loaded: 0, total: 0 }, notice: null });
        case 'STATUS_RECEIVED':
          return statusReceived(state, event.kycStatus, event.attempts, event.commentCode);
        default:
          return state;
      }

    case 'submittingSelfie':
      switch (event.type) {
        case 'UPLOAD_PROGRESS':
          return { ...state, context: { ...context, upload: { loaded: event.loaded, total: event.total } } };
        case 'SELFIE_ANSWERED': {
          const selfieAttempts = Math.max(
            context.selfieAttempts,
            Math.min(RETRY_BUDGET.selfieAttempts, event.attempt),
          );
          const lastReason = event.reason ?? context.lastReason;
          if (event.kycStatus === 'incomplete') {
            const left = Math.min(event.attemptsLeft, RETRY_BUDGET.selfieAttempts - selfieAttempts);
            if (left > 0)
              return at(state, 'retrySelfie', {
                upload: null,
                selfieAttempts,
                lastReason: event.reason ?? 'unknown',
              });
            return finished(state, 'rejected', { selfieAttempts, lastReason: event.reason ?? 'unknown' });
          }
          return finished(state, event.kycStatus, {
            selfieAttempts,
            lastReason: event.kycStatus === 'rejected' ? lastReason : null,
          });
        }
        case 'SELFIE_FAILED':
          return selfieFailed(state, event.error);
        default:
          return state;
      }

    case 'retrySelfie':
      if (event.type === 'RETRY') return at(state, 'selfieCapture');
      if (event.type === 'STATUS_RECEIVED')
        return statusReceived(state, event.kycStatus, event.attempts, event.commentCode);
      return state;

    case 'result':
      if (event.type === 'STATUS_RECEIVED' && context.result?.status === 'pending') {
        if (event.kycStatus === 'approved' || event.kycStatus === 'rejected')
          return finished(state, event.kycStatus, {}, event.commentCode);
        return state;
      }
      if (
        event.type === 'POLL_EXPIRED' &&
        context.result?.status === 'pending' &&
        !context.result.pollExpired
      ) {
        return { ...state, context: { ...context, result: { ...context.result, pollExpired: true } } };
      }
      return state;

    case 'error':
      if (event.type === 'RETRY' && state.error) {
        if (state.error.retry === 'uploadingDocument')
          return at(state, 'uploadingDocument', { upload: { loaded: 0, total: 0 } });
        if (state.error.retry === 'submittingSelfie') {
          if (context.selfieAttempts >= RETRY_BUDGET.selfieAttempts) return state;
          return at(state, 'submittingSelfie', { upload: { loaded: 0, total: 0 } });
        }
        if (state.error.retry === 'session') return at(state, state.error.resumeStep);
      }
      return state;

    default:
      return state;
  }
}

/** "Continue on your phone" over the document's steps (see `HandoffEvent`). */
function handedOff(state: FlowState, event: HandoffEvent): FlowState {
  const { step, context } = state;
  if (step !== 'document' && step !== 'documentCapture') return state;
  const { handoff, ...here } = context;
  if (event.type === 'HANDOFF_SHOWN')
    return handoff ? state : { ...state, context: { ...context, handoff: { id: null } } };
  if (!handoff) return state;
  switch (event.type) {
    case 'HANDOFF_STARTED':
      return handoff.id === event.handoffId
        ? state
        : { ...state, context: { ...context, handoff: { id: event.handoffId } } };
    case 'HANDOFF_CLOSED':
      return { ...state, context: here };
    case 'HANDOFF_FINISHED':
      // The phone's submission is the flow's from now on: the result polls it, as a local one.
      return KYC_STATUSES.has(event.kycStatus) && event.submissionId
        ? finished({ ...state, context: here }, event.kycStatus, { submissionId: event.submissionId })
        : state;
  }
}

/** Where a confirmed review leads: the address step when the integrator asks for it. */
function nextAfterReview(context: FlowContext): Step {
  return context.rules.address === 'off' ? 'selfieCapture' : 'address';
}
