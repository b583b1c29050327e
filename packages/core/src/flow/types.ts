// The vocabulary of the onboarding flow: steps, what the machine remembers, and the
// events a UI (or the driver) sends it. Plain data only: a FlowState is persisted for
// resume, so it never holds an image, a Blob or a function. What crosses the wire (document
// types, reasons, the OCR answer, statuses) is @argos-kyc/protocol's vocabulary.
import type {
  Gender as ProtocolGender,
  IdType,
  IncompleteReason as ProtocolIncompleteReason,
  KycStatus as ProtocolKycStatus,
  OcrAnswer,
} from '@argos-kyc/protocol';
import { ID_TYPES } from '@argos-kyc/protocol';

/** The ID documents the vendor accepts (the protocol's `IdType`). */
export type DocumentType = IdType;

/** Every document type, in the order a UI offers them. */
export const DOCUMENT_TYPES: readonly DocumentType[] = ID_TYPES;

/**
 * The steps of the whole flow: consent .. review (part 1), then the address (when the
 * integrator asks for it), the selfie, step 2, a retry with the vendor's reason, and
 * the result; plus error and exited.
 */
export type Step =
  | 'consent'
  | 'document'
  | 'documentCapture'
  | 'uploadingDocument'
  | 'review'
  | 'address'
  | 'selfieCapture'
  | 'submittingSelfie'
  | 'retrySelfie'
  | 'result'
  | 'error'
  | 'exited';

/** What the applicant chose on the document step. */
export interface DocumentChoice {
  idType: DocumentType;
  /** ISO 3166-1 alpha-3, e.g. `KOR`. */
  issuingCountry: string;
}

/** The OCR fields of a step-1 answer (the protocol's `OcrAnswer`); `null` where the vendor read nothing. */
export type OcrFields = OcrAnswer;

export type Gender = ProtocolGender;

/**
 * The fields the applicant reviews before step 2. The Korean-only ones are present
 * only where the rules offer them (see `reviewFieldNames`).
 */
export interface ReviewFields {
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: '' | Gender;
  /** ISO alpha-3, may be empty */
  nationality: string;
  /** YYYY-MM-DD, may be empty */
  issueDate: string;
  identityNumber?: string;
  licenseNumber?: string;
  serialNumber?: string;
}

export type ReviewFieldName = keyof ReviewFields;

/** Every field a UI may show an error for: the review fields, and the email of the document step. */
export type FormFieldName = ReviewFieldName | 'email';

/** Why a review field is refused; a UI turns it into a translated message. */
export type FieldProblem =
  | 'required'
  | 'too_long'
  | 'invalid_date'
  | 'future_date'
  | 'before_birth'
  | 'invalid_country'
  | 'invalid_email'
  | 'invalid_identity_number'
  | 'invalid_license_number'
  | 'invalid_serial_number';

export type FieldErrors = Partial<Record<FormFieldName, FieldProblem>>;

/** An error as the flow keeps it: a stable code and whether trying again may help. No message, no PII. */
export interface FlowError {
  code: string;
  retryable: boolean;
  /** For field errors from the endpoint (`issuingCountry`, `idImage`, ...). */
  field?: string;
}

/** What a RETRY from the error step does. */
export type RetryTarget = 'session' | 'uploadingDocument' | 'submittingSelfie';

export interface FlowErrorState extends FlowError {
  /** What RETRY re-runs; `null` when only exit or restart remain. */
  retry: RetryTarget | null;
  /** The step the flow returns to on RETRY (and on resume after a reload). */
  resumeStep: Step;
}

/** Whether the flow asks for an address: not at all, with a skip button, or always. */
export type AddressMode = 'off' | 'optional' | 'required';

/** Integrator allowlists and settings, fixed when the flow is created. */
export interface FlowRules {
  documentTypes: DocumentType[];
  /** Allowed issuing countries (alpha-3); empty = every country. */
  countries: string[];
  /**
   * The document types of particular issuing countries (alpha-3 keys), instead of
   * `documentTypes` for them; see `documentTypesFor`.
   */
  documentsByCountry?: Partial<Record<string, DocumentType[]>>;
  /** The address step. Default `off`. */
  address: AddressMode;
}

/** What `{endpoint}/address` found for the applicant's input (the vendor's codes). */
export interface GeocodedAddress {
  formattedAddress: string;
  compoundCode: string;
  globalCode: string;
}

/** Where an address look-up stands on the address step. */
export interface AddressLookup {
  status: 'looking' | 'found' | 'failed';
  /** What was looked up: typed text, or "lat,lng" from the device location. */
  input: string;
  result: GeocodedAddress | null;
  /** Why it failed (`address_not_found`, `network_error`, ...). */
  error: FlowError | null;
}

/** The address as the applicant confirmed it; sent with step 2. */
export interface AddressFields {
  /** What the applicant typed, or "lat,lng". */
  input: string;
  formattedAddress: string;
  compoundCode: string;
  globalCode: string;
  street: string;
  city: string;
  state: string;
  /** ISO alpha-3, may be empty. */
  country: string;
  zipcode: string;
  /** Flat, floor, building: the line the geocoder does not know. */
  detail: string;
}

export type AddressFieldName = 'input' | 'street' | 'city' | 'state' | 'country' | 'zipcode' | 'detail';

/** Why the vendor found a selfie attempt incomplete (the protocol's reason codes). */
export type IncompleteReason = ProtocolIncompleteReason;

/** The vendor's decision as the flow shows it (the protocol's statuses but `incomplete`, which is an attempt's). */
export type KycStatus = Exclude<ProtocolKycStatus, 'incomplete'>;

/** The final screen's content. */
export interface FlowResult {
  status: KycStatus;
  /** The last incomplete attempt's reason, on a rejection after the last attempt. */
  reason: IncompleteReason | null;
  /** Polling for a decision stopped (the integrator's `pollTimeout`): "we'll let you know". */
  pollExpired: boolean;
  /**
   * A rejection decided by the vendor's reviewer: its comment codes (GET /status
   * `commentCode`, e.g. `id_expired`), codes only (never the free-text comment). Absent otherwise.
   */
  commentCode?: string[];
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Everything the flow has learnt so far. */
export interface FlowContext {
  rules: FlowRules;
  /** The session answered (so `emailRequired` is known). */
  sessionReady: boolean;
  /**
   * The signed-in applicant's opaque tag from the session (a keyed HMAC, no PII). A resumed
   * flow whose tag differs from the new session's is another applicant's: it starts over.
   */
  applicant: string | null;
  emailRequired: boolean;
  /**
   * The applicant's email, asked on the document step when the session says
   * `emailRequired` (protocol v1 sends it with step 1, so it cannot wait for the review).
   */
  email: string | null;
  document: DocumentChoice | null;
  submissionId: string | null;
  /** null before step 1; false when the vendor's OCR read nothing. */
  ocrFound: boolean | null;
  /** The review form's values: prefilled from the OCR, then as the applicant confirmed them. */
  fields: ReviewFields | null;
  fieldErrors: FieldErrors;
  /** Step-1 uploads that failed in a way worth retrying (the retry budget counts them). */
  failedUploads: number;
  upload: UploadProgress | null;
  /** Why the applicant was sent back to this step (e.g. an image the endpoint refused). */
  notice: FlowError | null;
  /** The address look-up on the address step. */
  addressLookup: AddressLookup | null;
  /** The confirmed address; null when off, skipped or not reached yet. */
  address: AddressFields | null;
  /** Step-2 attempts the vendor has counted (from its answers and GET /status, never reset by a reload). */
  selfieAttempts: number;
  /** The reason of the last incomplete attempt. */
  lastReason: IncompleteReason | null;
  /** Set on the result step. */
  result: FlowResult | null;
  /**
   * The applicant consented, on its own, to the processing of biometric data (the face in the
   * selfie and the ID photo) before the selfie; set only then. The host hears of it in `kyc-consent`;
   * the vendor never does.
   */
  biometricConsent?: true;
  /**
   * "Continue on your phone" is shown over the document's steps (docs/protocol.md, "Handoff"):
   * `id` names the handoff once the endpoint made one, null while it is asked for. Kept for
   * resume, so that a reloaded desktop follows the same phone. Absent otherwise.
   */
  handoff?: { id: string | null };
}

export interface FlowState {
  step: Step;
  context: FlowContext;
  /** Set on the error step only. */
  error: FlowErrorState | null;
  /** Set on the exited step only: where the applicant left. */
  exitedFrom: Step | null;
}

export type FlowEvent =
  | {
      type: 'SESSION_STARTED';
      emailRequired: boolean;
      submissionId: string | null;
      previousTokenRefused?: boolean;
      /** The applicant's opaque tag (`SessionInfo.applicant`). */
      applicant?: string | null;
    }
  | { type: 'SESSION_FAILED'; error: FlowError }
  /** `biometric`: the separate consent to processing biometric data was given too. */
  | { type: 'CONSENT_GIVEN'; biometric?: boolean }
  | { type: 'DOCUMENT_CHOSEN'; idType: DocumentType; issuingCountry: string; email?: string }
  | { type: 'BACK' }
  /** The applicant confirmed an ID photo. The driver keeps the image in memory; the machine never stores it. */
  | { type: 'DOCUMENT_SUBMITTED'; image?: Blob }
  | { type: 'UPLOAD_PROGRESS'; loaded: number; total: number }
  | { type: 'UPLOAD_CANCELLED' }
  | { type: 'DOCUMENT_ACCEPTED'; submissionId: string; ocr: OcrFields | null }
  | { type: 'DOCUMENT_REJECTED'; error: FlowError }
  /** The applicant changed a review field (kept as the draft, so that a reload keeps the edit). */
  | { type: 'REVIEW_EDITED'; fields: ReviewFields }
  /** `today` (YYYY-MM-DD) lets the pure machine refuse future dates; the driver fills it in. */
  | { type: 'REVIEW_SUBMITTED'; fields: ReviewFields; today?: string }
  /** Look up typed text or "lat,lng"; the driver calls `{endpoint}/address`. */
  | { type: 'ADDRESS_LOOKUP'; input: string }
  | { type: 'ADDRESS_FOUND'; input: string; result: GeocodedAddress }
  | { type: 'ADDRESS_NOT_FOUND'; input: string; error: FlowError }
  /** The applicant confirmed the address; `image` (proof of address) stays in the driver's memory. */
  | { type: 'ADDRESS_CONFIRMED'; address: AddressFields; image?: Blob }
  /** Only when the address is optional. */
  | { type: 'ADDRESS_SKIPPED' }
  /** The applicant confirmed a selfie; the driver keeps it in memory and sends step 2. */
  | { type: 'SELFIE_SUBMITTED'; image?: Blob }
  /** The step-2 answer. */
  | {
      type: 'SELFIE_ANSWERED';
      kycStatus: KycStatus | 'incomplete';
      attempt: number;
      attemptsLeft: number;
      reason: IncompleteReason | null;
    }
  | { type: 'SELFIE_FAILED'; error: FlowError }
  /** GET /status: the vendor's count of attempts and its status (after a reload, while pending). */
  | { type: 'STATUS_RECEIVED'; kycStatus: string; attempts: number; commentCode?: string[] }
  /** Polling for a pending decision stopped at the integrator's limit. */
  | { type: 'POLL_EXPIRED' }
  | { type: 'RETRY' }
  | { type: 'EXIT' }
  | { type: 'RESTART' }
  /** Resume from a persisted snapshot (see `resumePoint`). */
  | { type: 'RESTORED'; state: FlowState }
  | HandoffEvent;

/**
 * "Continue on your phone", on the document's steps only: the phone carries on from the
 * document (a later step would need the reviewed fields, which never leave this device).
 * SHOWN opens it, STARTED names the endpoint's handoff, CLOSED is "continue here instead",
 * FINISHED is the phone's step-2 answer (the desktop then shows the same result).
 */
export type HandoffEvent =
  | { type: 'HANDOFF_SHOWN' }
  | { type: 'HANDOFF_STARTED'; handoffId: string }
  | { type: 'HANDOFF_CLOSED' }
  | { type: 'HANDOFF_FINISHED'; submissionId: string; kycStatus: KycStatus };
