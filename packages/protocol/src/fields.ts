// What each route's body is made of, by the names the wire uses (docs/protocol.md,
// "Routes"). The Korean-only fields follow docs/vendor-api.md's decision on them: they
// exist only for a document issued in Korea, the licence ones only for a licence.

/** The document types the vendor accepts. */
export const ID_TYPES = ['passport', 'government_id', 'drivers_license'] as const;

/** A document type of step 1. */
export type IdType = (typeof ID_TYPES)[number];

/** The values of step 2's `gender`. */
export const GENDERS = ['male', 'female'] as const;

/** A gender as the vendor takes it. */
export type Gender = (typeof GENDERS)[number];

/** The country whose documents carry the Korean-only fields. */
export const KOREA = 'KOR';

/** Step 1's text fields (`email` only when the session said `emailRequired`). */
export const STEP1_TEXT_FIELDS = ['idType', 'issuingCountry', 'email'] as const;
export type Step1TextField = (typeof STEP1_TEXT_FIELDS)[number];

/** Step 1's file field. */
export const STEP1_FILE_FIELDS = ['idImage'] as const;
export type Step1FileField = (typeof STEP1_FILE_FIELDS)[number];

/** The step-2 fields that say who the applicant is (the review form's fields). */
export const STEP2_REVIEW_FIELDS = [
  'name',
  'date_of_birth',
  'gender',
  'nationality',
  'date_of_issue',
  'identity_number',
  'license_number',
  'serial_number',
] as const;
export type Step2ReviewField = (typeof STEP2_REVIEW_FIELDS)[number];

/** The step-2 fields that say where the applicant lives. */
export const STEP2_ADDRESS_FIELDS = [
  'address_street',
  'address_city',
  'address_state',
  'address_country',
  'address_zipcode',
  'globalCode',
  'compoundCode',
  'formatted_address',
  'address_input',
  'address_detail',
] as const;
export type Step2AddressField = (typeof STEP2_ADDRESS_FIELDS)[number];

/** Every step-2 text field. */
export const STEP2_TEXT_FIELDS = [...STEP2_REVIEW_FIELDS, ...STEP2_ADDRESS_FIELDS] as const;
export type Step2TextField = Step2ReviewField | Step2AddressField;

/** Step 2's file fields: the selfie (required) and a proof of address. */
export const STEP2_FILE_FIELDS = ['faceImage', 'addressImage'] as const;
export type Step2FileField = (typeof STEP2_FILE_FIELDS)[number];

/** Fields each route requires (step 1's `email` only when the session asks for it). */
export const REQUIRED_STEP1_FIELDS = ['idType', 'issuingCountry', 'idImage'] as const;
export const REQUIRED_STEP2_FIELDS = ['name', 'date_of_birth', 'faceImage'] as const;

/** The Korean-only step-2 fields. */
export const KOREAN_ONLY_FIELDS = ['identity_number', 'license_number', 'serial_number'] as const;
export type KoreanOnlyField = (typeof KOREAN_ONLY_FIELDS)[number];

/** The document a submission was opened with at step 1. */
export interface DocumentContext {
  issuingCountry: string;
  idType: IdType;
}

/**
 * The Korean-only fields step 2 takes for this document: the identity number for any
 * Korean document, the licence and serial numbers for a Korean driver's licence.
 */
export function koreanFieldsFor(document: DocumentContext | null | undefined): KoreanOnlyField[] {
  if (document?.issuingCountry !== KOREA) return [];
  return document.idType === 'drivers_license'
    ? ['identity_number', 'license_number', 'serial_number']
    : ['identity_number'];
}

/** True when step 2 takes `field` for a submission opened with `document`. */
export function isStep2FieldOffered(
  field: Step2TextField,
  document: DocumentContext | null | undefined,
): boolean {
  return (KOREAN_ONLY_FIELDS as readonly string[]).includes(field)
    ? koreanFieldsFor(document).includes(field as KoreanOnlyField)
    : true;
}
