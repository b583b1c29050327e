// The Argos v2 API's shapes as we understand them (docs/vendor-api.md). The document
// types are the protocol's too, so they come from it.
import type { IdType } from '@argos-kyc/protocol';

/** A document type accepted by step 1. */
export type { IdType };

/** `kyc.result` / step 2's `kycStatus`. */
export type KycResult = 'incomplete' | 'pending' | 'approved' | 'rejected';

/** The image kinds GET /image serves. */
export type ImageType = 'idImage' | 'selfieImage' | 'addressImage';

/** The OCR object of a step-1 answer (absent when OCR failed). */
export interface ReviewOcrData {
  ocr_birthDate?: string;
  ocr_issueDate?: string;
  ocr_expireDate?: string;
  ocr_lastName?: string;
  ocr_firstName?: string;
  ocr_name?: string;
  ocr_gender?: 'male' | 'female';
  ocr_nationality?: string;
  ocr_identityNumber?: string;
  ocr_licenseNumber?: string;
}

/** POST /submission/step1's answer (`file_upload` normalised to a boolean, docs/vendor-api.md #5). */
export interface Step1Result {
  submissionId: string;
  reviewOCRData?: ReviewOcrData;
  file_upload: boolean;
}

/** POST /submission/step2's answer. */
export interface Step2Result {
  kycStatus: KycResult;
  retryCount: number;
  verificationResult?: 'success' | 'fail';
  faceSimilarityScore?: number;
  livenessScore?: number;
  message?: string;
}

/** One step-2 attempt in `kyc.attempts`. */
export interface KycAttempt {
  attemptCnt: number;
  livenessScore?: number;
  faceSimilarityScore?: number;
  error?: string;
  retryMsg?: string;
}

/** A submission's `aml` object. */
export interface AmlResult {
  risk_level_summary: 'Not Screened' | 'High' | 'Medium' | 'Low';
  currentstatus: 'Not Screened' | 'Red Flag';
  matches?: { resource_id: string; [key: string]: unknown }[];
}

/** A submission's `data` object. */
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

/** A submission record of GET /submission. */
export interface Submission {
  data: SubmissionData;
  email: string;
  submission_id: string;
  applicant_id?: string;
  created_at: string;
  userid?: string;
  kyc: { result: KycResult; comment?: string[]; commentCode?: string[]; attempts?: KycAttempt[] };
  aml?: AmlResult;
}

/** The cursor of the next page of GET /submission. */
export interface NextPageKey {
  id: string;
  created_at: string;
}

/** One page of GET /submission. */
export interface SubmissionPage {
  items: Submission[];
  nextpageKey?: NextPageKey;
}

/** Filters of GET /submission. */
export interface SubmissionFilter {
  userid?: string;
  email?: string;
  /** Page size, 1..2000 (default 2000, docs/vendor-api.md #13). */
  count?: number;
  /** Continue after this page key. */
  after?: NextPageKey;
}

/** One duplicate of GET /submission/applicant. */
export interface ApplicantDuplicate {
  submission_id: string;
  email: string;
}

/** POST /address_code's answer. */
export interface AddressCodeResult {
  formatted_address: string;
  compound_code: string;
  global_code: string;
}

/** DELETE /submission's answer. */
export interface DeleteResult {
  message: string;
  content?: string;
}

/** An image for an upload: bytes, a Blob/File, or a stream of bytes. */
export type ImageInput = Uint8Array | Blob | ReadableStream<Uint8Array>;

/** POST /submission/step1's input. */
export interface Step1Input {
  issuingCountry: string;
  email: string;
  idType: IdType;
  idImage: ImageInput;
  userid?: string;
  cf1?: string;
  cf2?: string;
  cf3?: string;
}

/** POST /submission/step2's input. */
export interface Step2Input {
  submissionId: string;
  faceImage: ImageInput;
  name: string;
  date_of_birth: string;
  gender?: 'male' | 'female';
  nationality?: string;
  identity_number?: string;
  license_number?: string;
  serial_number?: string;
  date_of_issue?: string;
  addressImage?: ImageInput;
  address_street?: string;
  address_city?: string;
  address_state?: string;
  address_country?: string;
  address_zipcode?: string;
  globalCode?: string;
  compoundCode?: string;
  formatted_address?: string;
  address_input?: string;
  address_detail?: string;
}
