// The business rules of the flow, as pure functions: which review fields exist for
// which document, how a review is validated, the retry budget and where a reloaded
// flow resumes. The machine and any UI share them. The field rules themselves (patterns,
// limits, which Korean fields a document has) are @argos-kyc/protocol's, the same the
// endpoint applies: this file maps the review form's names onto the wire's.
//
// About 400 lines in one file: every rule a UI may reuse is exported from here. The
// address guess from a geocoder's line is apart, in ./address-guess.ts (the script-tag
// build loads it with the address screen).
import {
  countryProblem,
  DEFAULT_TEXT_MAX_LENGTH,
  emailProblem,
  isCalendarDate,
  koreanFieldsFor,
  MAX_STEP2_ATTEMPTS,
  NAME_MAX_LENGTH,
  koreanIdentityNumberProblem,
  koreanLicenseNumberProblem,
  koreanSerialNumberProblem,
  pastDateProblem,
  plusCodeProblem,
  textProblem,
  ZIPCODE_MAX_LENGTH,
  type FieldProblem as ProtocolFieldProblem,
  type KoreanOnlyField,
  type Step2AddressField,
  type Step2TextField,
} from '@argos-kyc/protocol';
import { isCountryCode } from '../countries.ts';
import type {
  AddressFieldName,
  AddressFields,
  AddressMode,
  DocumentChoice,
  FieldErrors,
  FieldProblem,
  FlowContext,
  FlowResult,
  FlowState,
  OcrFields,
  ReviewFieldName,
  ReviewFields,
  Step,
} from './types.ts';

/**
 * How many times something may be tried: `failedUploads` is the client's own budget of
 * step-1 uploads that failed in a retryable way; `selfieAttempts` is the vendor's step-2
 * limit, as the protocol states it (`MAX_STEP2_ATTEMPTS`).
 */
export const RETRY_BUDGET = { failedUploads: 3, selfieAttempts: MAX_STEP2_ATTEMPTS } as const;

/** Longest name the review form accepts (the protocol's `NAME_MAX_LENGTH`, the endpoint's too). */
export const MAX_NAME_LENGTH = NAME_MAX_LENGTH;

/** The review form's Korean-only fields by the wire's names. */
const KOREAN_REVIEW_FIELD: Record<KoreanOnlyField, ReviewFieldName> = {
  identity_number: 'identityNumber',
  license_number: 'licenseNumber',
  serial_number: 'serialNumber',
};

/** Each review field's name on the wire (step 2), whose protocol rule it follows. */
export const STEP2_FIELD_OF: Readonly<Record<ReviewFieldName, Step2TextField>> = {
  name: 'name',
  birthDate: 'date_of_birth',
  gender: 'gender',
  nationality: 'nationality',
  issueDate: 'date_of_issue',
  identityNumber: 'identity_number',
  licenseNumber: 'license_number',
  serialNumber: 'serial_number',
};

export interface ReviewContext {
  document: DocumentChoice | null;
}

/**
 * The review fields offered for a document, in form order. The Korean-only ones are
 * the protocol's `koreanFieldsFor`: identity number for any KOR document, licence and
 * serial number only for a KOR driver's licence.
 */
export function reviewFieldNames({ document }: ReviewContext): ReviewFieldName[] {
  const names: ReviewFieldName[] = ['name', 'birthDate', 'gender', 'nationality', 'issueDate'];
  for (const field of koreanFieldsFor(document)) names.push(KOREAN_REVIEW_FIELD[field]);
  return names;
}

/** The fields a UI must fill in; the others are optional. */
export const REQUIRED_FIELDS: ReadonlySet<ReviewFieldName> = new Set(['name', 'birthDate']);

function trimmed(value: string | null | undefined): string {
  return (value ?? '').trim();
}

// Runs of white space and control characters (a pasted line break, a stray NUL): one space.
// eslint-disable-next-line no-control-regex
const SPACES = /[\s\u0000-\u001f\u007f]+/g;

/** One line of text as the wire carries it: trimmed, every run of spaces or control characters one space. */
function oneLine(value: string | null | undefined): string {
  return trimmed((value ?? '').replace(SPACES, ' '));
}

function isoDate(value: string | null | undefined): string {
  const v = trimmed(value);
  return isValidDate(v) ? v : '';
}

/** The review form prefilled from the OCR (or empty when the OCR read nothing). */
export function prefillReview(ocr: OcrFields | null, context: ReviewContext): ReviewFields {
  const offered = new Set(reviewFieldNames(context));
  const name =
    trimmed(ocr?.name) || [trimmed(ocr?.firstName), trimmed(ocr?.lastName)].filter(Boolean).join(' ');
  const gender = trimmed(ocr?.gender).toLowerCase();
  const nationality = trimmed(ocr?.nationality).toUpperCase();
  const fields: ReviewFields = {
    name,
    birthDate: isoDate(ocr?.birthDate),
    gender: gender === 'male' || gender === 'female' ? gender : '',
    nationality: isCountryCode(nationality) ? nationality : '',
    issueDate: isoDate(ocr?.issueDate),
  };
  if (offered.has('identityNumber')) fields.identityNumber = trimmed(ocr?.identityNumber);
  if (offered.has('licenseNumber')) fields.licenseNumber = trimmed(ocr?.licenseNumber);
  if (offered.has('serialNumber')) fields.serialNumber = '';
  return fields;
}

/** Only the offered fields, trimmed; anything else (e.g. an identity number for a non-KOR ID) is dropped. */
export function normalizeReview(fields: ReviewFields, context: ReviewContext): ReviewFields {
  const offered = new Set(reviewFieldNames(context));
  const out: ReviewFields = {
    name: oneLine(fields.name),
    birthDate: trimmed(fields.birthDate),
    gender: fields.gender === 'male' || fields.gender === 'female' ? fields.gender : '',
    nationality: trimmed(fields.nationality).toUpperCase(),
    issueDate: trimmed(fields.issueDate),
  };
  for (const name of ['identityNumber', 'licenseNumber', 'serialNumber'] as const) {
    if (offered.has(name)) out[name] = trimmed(fields[name]);
  }
  return out;
}

/** The problem with an email address, if any (required when the session asks for one): the protocol's rule. */
export function validateEmail(value: string): FieldProblem | undefined {
  return (emailProblem(value) as FieldProblem | null) ?? undefined;
}

/** A real calendar date written YYYY-MM-DD, from 1900 on (the protocol's `isCalendarDate`). */
export const isValidDate: (value: string) => boolean = isCalendarDate;

/**
 * The protocol's rule of each review field but the gender, by the form's name: the same
 * functions `step2FieldProblem` applies to the wire's names (the shared field cases prove it),
 * called one by one so that the script-tag build carries only these.
 */
const REVIEW_RULES: Record<
  Exclude<ReviewFieldName, 'gender'>,
  (value: string, today?: string) => ProtocolFieldProblem | null
> = {
  name: (v) => textProblem(v, NAME_MAX_LENGTH),
  birthDate: pastDateProblem,
  issueDate: pastDateProblem,
  nationality: countryProblem,
  identityNumber: koreanIdentityNumberProblem,
  licenseNumber: koreanLicenseNumberProblem,
  serialNumber: koreanSerialNumberProblem,
};

/**
 * Field problems of a (normalized) review. `today` (YYYY-MM-DD) enables the
 * "not in the future" checks; without it they are skipped.
 */
export function validateReview(fields: ReviewFields, context: ReviewContext, today?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of reviewFieldNames(context)) {
    const value = oneLine(fields[name]);
    if (!value) {
      if (REQUIRED_FIELDS.has(name)) errors[name] = 'required';
      continue;
    }
    // normalizeReview keeps a gender only when it is one the vendor takes.
    if (name === 'gender') continue;
    // The endpoint's own rule for the field (the one `step2FieldProblem` applies to its wire name).
    // `control_characters` cannot arise: the value is checked as one line, as it is sent.
    const problem = REVIEW_RULES[name](value, today);
    if (problem) errors[name] = problem as FieldProblem;
  }
  if (
    !errors.birthDate &&
    !errors.issueDate &&
    fields.issueDate &&
    fields.birthDate &&
    fields.issueDate < fields.birthDate
  ) {
    errors.issueDate = 'before_birth';
  }
  return errors;
}

/** Why an address field is refused. */
export type AddressProblem = 'required' | 'too_long' | 'invalid_country';

/** Longest value of each address field: the protocol's limits, which the endpoint applies. */
const ADDRESS_LIMITS: Record<AddressFieldName, number> = {
  input: DEFAULT_TEXT_MAX_LENGTH,
  street: DEFAULT_TEXT_MAX_LENGTH,
  city: DEFAULT_TEXT_MAX_LENGTH,
  state: DEFAULT_TEXT_MAX_LENGTH,
  country: 3,
  zipcode: ZIPCODE_MAX_LENGTH,
  detail: DEFAULT_TEXT_MAX_LENGTH,
};

/** The confirmed address's fields by their step-2 names, in the order they are sent. */
export const STEP2_ADDRESS_FIELD_OF: ReadonlyArray<[Step2AddressField, keyof AddressFields]> = [
  ['address_street', 'street'],
  ['address_city', 'city'],
  ['address_state', 'state'],
  ['address_country', 'country'],
  ['address_zipcode', 'zipcode'],
  ['globalCode', 'globalCode'],
  ['compoundCode', 'compoundCode'],
  ['formatted_address', 'formattedAddress'],
  ['address_input', 'input'],
  ['address_detail', 'detail'],
];

/**
 * The address as step 2 sends it: each field one line (trimmed, runs of spaces and control
 * characters one space), the country upper-cased. The geocoder's line and codes are not the
 * applicant's to fix: one the endpoint would refuse is dropped (sent without, as after a
 * look-up that found nothing), never a dead end.
 */
export function normalizeAddress(address: AddressFields): AddressFields {
  const formattedAddress = oneLine(address.formattedAddress);
  const compoundCode = oneLine(address.compoundCode);
  const globalCode = oneLine(address.globalCode);
  return {
    input: oneLine(address.input),
    formattedAddress: textProblem(formattedAddress) ? '' : formattedAddress,
    compoundCode: plusCodeProblem(compoundCode, 'compound') ? '' : compoundCode,
    globalCode: plusCodeProblem(globalCode, 'global') ? '' : globalCode,
    street: oneLine(address.street),
    city: oneLine(address.city),
    state: oneLine(address.state),
    country: oneLine(address.country).toUpperCase(),
    zipcode: oneLine(address.zipcode),
    detail: oneLine(address.detail),
  };
}

/**
 * Problems of a (normalized) address: it needs a street, a city and a valid country.
 * The vendor's codes (`globalCode`, ...) come with a look-up; an address typed by hand
 * after a look-up found nothing has none, and is sent without them (never a dead end).
 * `required` mode changes nothing here, it only removes the skip.
 */
export function validateAddress(
  address: AddressFields,
  _mode: AddressMode = 'required',
): Partial<Record<AddressFieldName, AddressProblem>> {
  const errors: Partial<Record<AddressFieldName, AddressProblem>> = {};
  for (const name of ['street', 'city', 'country'] as const) if (!address[name]) errors[name] = 'required';
  for (const [name, max] of Object.entries(ADDRESS_LIMITS) as [AddressFieldName, number][]) {
    if (!errors[name] && address[name].length > max) errors[name] = 'too_long';
  }
  if (address.country && !errors.country && countryProblem(address.country))
    errors.country = 'invalid_country';
  return errors;
}

/** Steps worth coming back to after a reload; the others restart or move back (see `resumePoint`). */
const RESUMABLE: ReadonlySet<Step> = new Set([
  'consent',
  'document',
  'documentCapture',
  'review',
  'address',
  'selfieCapture',
]);

/** A flow's context before anything happened, but for its rules. */
export const BLANK_CONTEXT: Omit<FlowContext, 'rules'> = {
  sessionReady: false,
  applicant: null,
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
  addressLookup: null,
  address: null,
  selfieAttempts: 0,
  lastReason: null,
  result: null,
};

/** What an end screen needs and nothing more (no fields, address, email or token). */
function endState({ context }: FlowState, result: FlowResult, submissionId: string | null): FlowState {
  const { rules, applicant, selfieAttempts } = context;
  return {
    step: 'result',
    context: {
      ...BLANK_CONTEXT,
      rules,
      applicant,
      submissionId,
      selfieAttempts: submissionId ? selfieAttempts : 0,
      result,
    },
    error: null,
    exitedFrom: null,
  };
}

/**
 * Where a persisted flow resumes, or null when there is nothing to resume (exited).
 * Images are never persisted, so a step that needed one in memory (uploadingDocument,
 * submittingSelfie; an error whose retry re-sends it) resumes at its capture step; a retry
 * screen resumes at the selfie. A `pending` result resumes at the result, polling again,
 * and keeps only what polling needs (the submission and the attempt count). A decided
 * result keeps only its outcome (no submission): a return visit shows it again. A flow
 * past the review whose identity number was left out of storage (see `forStorage`)
 * resumes at the review, which asks for it again.
 */
export function resumePoint(state: FlowState): FlowState | null {
  const { result, submissionId, fields } = state.context;
  if (state.step === 'result' && result) {
    const { status, reason, commentCode } = result;
    return status === 'pending'
      ? submissionId
        ? endState(state, { status, reason: null, pollExpired: false }, submissionId)
        : null
      : endState(
          state,
          { status, reason, pollExpired: false, ...(commentCode ? { commentCode } : {}) },
          null,
        );
  }
  const lookup = state.context.addressLookup;
  const context = {
    ...state.context,
    upload: null,
    result: null,
    addressLookup: lookup?.status === 'looking' ? null : lookup,
  };
  let step: Step | null = state.step;
  if (step === 'uploadingDocument') step = 'documentCapture';
  // The selfie was only in memory; the attempt count is refreshed from the endpoint (GET /status).
  else if (step === 'submittingSelfie' || step === 'retrySelfie') step = 'selfieCapture';
  else if (step === 'error' && state.error)
    step =
      state.error.retry === 'uploadingDocument'
        ? 'documentCapture'
        : state.error.retry === 'submittingSelfie'
          ? 'selfieCapture'
          : state.error.resumeStep;
  if (!RESUMABLE.has(step)) return null;
  if (
    (step === 'address' || step === 'selfieCapture') &&
    fields &&
    fields.identityNumber === undefined &&
    koreanFieldsFor(context.document).length // every Korean document has an identity number
  )
    step = 'review';
  return { step, context, error: null, exitedFrom: null };
}

/** "lat,lng" (a device location), as the address step sends it. */
const COORDINATES = /^-?\d{1,3}(\.\d+)?,\s*-?\d{1,3}(\.\d+)?$/;

/** A device location cut to three decimals (no finer than about 100 m); any other input as it is. */
const coarse = (input: string): string =>
  COORDINATES.test(input) ? input.replace(/(\.\d{3})\d+/g, '$1') : input;

/**
 * A resume point as storage keeps it: a typed email only until step 1 took it, a typed
 * resident registration number (identity number) is left out (the resume goes back to the review to ask for it again, see
 * `resumePoint`), and a device location is kept to three decimals (about 100 m: the
 * address it resolved to is kept beside it, so nothing finer is needed to resume).
 */
export function forStorage(point: FlowState): FlowState {
  const { fields, addressLookup, address, submissionId, email } = point.context;
  return {
    ...point,
    context: {
      ...point.context,
      // An empty identity number stays: nothing was typed, so there is nothing to ask again.
      fields: fields?.identityNumber ? { ...fields, identityNumber: undefined } : fields,
      // A typed email goes with step 1 only: once it has, it is not kept.
      email: submissionId ? null : email,
      addressLookup: addressLookup && { ...addressLookup, input: coarse(addressLookup.input) },
      address: address && { ...address, input: coarse(address.input) },
    },
  };
}
