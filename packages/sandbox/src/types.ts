// The shapes the sandbox speaks: the vendor's records (docs/vendor-api.md, with its
// numbered decisions) and the sandbox-only control inputs.

/** A document type accepted by step 1. */
export type IdType = 'passport' | 'government_id' | 'drivers_license';

/** `kyc.result` / step-2 `kycStatus`. */
export type KycResult = 'incomplete' | 'pending' | 'approved' | 'rejected';

/** The OCR object of a step-1 answer. */
export interface ReviewOcrData {
  ocr_birthDate?: string;
  ocr_issueDate?: string;
  ocr_expireDate?: string;
  ocr_lastName?: string;
  ocr_firstName?: string;
  ocr_name?: string;
  ocr_gender?: 'male' | 'female';
  ocr_nationality?: string;
  /** Korean ID only. */
  ocr_identityNumber?: string;
  /** Korean driver licence only. */
  ocr_licenseNumber?: string;
}

/** The answer of POST /v2/submission/step1. */
export interface Step1Response {
  submissionId: string;
  reviewOCRData?: ReviewOcrData;
  file_upload: boolean;
}

/** The answer of POST /v2/submission/step2. */
export interface Step2Response {
  kycStatus: KycResult;
  retryCount: number;
  verificationResult: 'success' | 'fail';
  faceSimilarityScore?: number;
  livenessScore?: number;
  message?: string;
}

/** One step-2 attempt as recorded in `kyc.attempts`. */
export interface KycAttempt {
  attemptCnt: number;
  livenessScore?: number;
  faceSimilarityScore?: number;
  error?: string;
  retryMsg?: string;
}

/** One AML watchlist match. */
export interface AmlMatch {
  resource_id: string;
  name: string;
  score: number;
  categories: string[];
}

/** The `aml` object of a submission. */
export interface AmlResult {
  risk_level_summary: 'Not Screened' | 'High' | 'Medium' | 'Low';
  currentstatus: 'Not Screened' | 'Red Flag';
  matches?: AmlMatch[];
}

/** The `data` object of a submission (docs/vendor-api.md, "The API"). */
export interface SubmissionData {
  name?: string;
  gender?: 'male' | 'female';
  nationality?: string;
  date_of_birth?: string;
  idType?: IdType;
  idcard_issuingCountry?: string;
  idcard_issueDate?: string;
  idcard_expireDate?: string;
  identityNumber?: string;
  documentNumber?: string;
  address_city?: string;
  address_country?: string;
  address_state?: string;
  address_street?: string;
  address_zipcode?: string;
  address_globalCode?: string;
  address_compoundCode?: string;
  address_formatted?: string;
  address_input?: string;
  address_detail?: string;
  cf1?: string;
  cf2?: string;
  cf3?: string;
  ip_address?: string;
}

/** A submission record as GET /v2/submission returns it. */
export interface Submission {
  data: SubmissionData;
  email: string;
  submission_id: string;
  applicant_id?: string;
  created_at: string;
  userid?: string;
  kyc: {
    result: KycResult;
    comment?: string[];
    commentCode?: string[];
    attempts?: KycAttempt[];
  };
  aml: AmlResult;
}

/** The answer of GET /v2/submission. */
export interface SubmissionList {
  Items: Submission[];
  nextpageKey?: { id: string; created_at: string };
}

/** The answer of POST /v2/address_code. */
export interface AddressCodeResponse {
  formatted_address: string;
  compound_code: string;
  global_code: string;
}

/** What a step-2 attempt turns out to be. */
export type Step2Outcome =
  'pass' | 'approve' | 'no-face' | 'two-faces' | 'low-similarity' | 'low-liveness' | 'kor-id-fail';

/** The codes an image can carry in its printed band (see imagecode.ts). */
export type ScenarioCode =
  | 'ocr-default'
  | 'ocr-fail'
  | 'ocr-korean-id'
  | 'ocr-korean-license'
  | 'selfie-pass'
  | 'selfie-no-face'
  | 'selfie-two-faces'
  | 'selfie-low-similarity'
  | 'selfie-low-liveness'
  | 'selfie-kor-id-fail'
  | 'selfie-approve';

/** A manual-review decision on a pending submission. */
export type ReviewDecision =
  { decision: 'approve' } | { decision: 'reject'; commentCode: string; comment?: string };

/** A queued scenario: outcomes forced for the submissions it matches. */
export interface ScenarioInput {
  /** Match submissions whose `userid` is this. */
  userid?: string;
  /** Match submissions whose `email` is this (case-insensitive). */
  email?: string;
  /** Match any submission (the default when neither userid nor email is given). */
  any?: boolean;
  /** Step 1: `'fail'` for an OCR failure, or the OCR fields to answer (merged over the specimen's). */
  ocr?: 'fail' | ReviewOcrData;
  /** Step 2: outcomes consumed one per attempt, in order. */
  step2?: Step2Outcome[];
  /** Applied at once when a matched submission turns pending. */
  review?: ReviewDecision;
}

/** A scenario as stored, with what is left of it. */
export interface Scenario extends ScenarioInput {
  id: string;
}

/** The kinds of injected fault. */
export type FaultKind = 'latency' | 'error500' | 'error502' | 'timeout' | 'drop';

/** A fault for the next `times` calls of an endpoint. */
export interface FaultInput {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Path under the API, e.g. `/v2/submission/step1`, or `*` for every /v2 endpoint. */
  path: string;
  kind: FaultKind;
  /** Delay for `latency` (ms). Default 1000. */
  ms?: number;
  /** How many calls it affects. Default 1. */
  times?: number;
}

/** A fault as stored. */
export interface Fault extends Required<Omit<FaultInput, 'method'>> {
  id: string;
  method?: string;
}
