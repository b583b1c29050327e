// The business rules of the flow, as pure functions: which review fields exist for
// which document (NOTES #16), how a review is validated, the retry budget and where
// a reloaded flow resumes. The machine and any UI share them.
import { alpha2, COUNTRY_CODES, isCountryCode } from '../countries.ts';
import type {
  AddressFieldName,
  AddressFields,
  AddressMode,
  DocumentChoice,
  GeocodedAddress,
  FieldErrors,
  FieldProblem,
  FlowContext,
  FlowState,
  OcrFields,
  ReviewFieldName,
  ReviewFields,
  Step,
} from './types.ts';

/** How many times something may be tried. `selfieAttempts` is the vendor's step-2 limit (NOTES #6). */
export const RETRY_BUDGET = { failedUploads: 3, selfieAttempts: 3 } as const;

/** Longest name the review form accepts. */
export const MAX_NAME_LENGTH = 100;

export interface ReviewContext {
  document: DocumentChoice | null;
}

/**
 * The review fields offered for a document, in form order. Korean-only fields follow
 * NOTES #16: identity number for any KOR document, license and serial number only for
 * a KOR driver's license.
 */
export function reviewFieldNames({ document }: ReviewContext): ReviewFieldName[] {
  const names: ReviewFieldName[] = ['name', 'birthDate', 'gender', 'nationality', 'issueDate'];
  if (document?.issuingCountry === 'KOR') {
    names.push('identityNumber');
    if (document.idType === 'drivers_license') names.push('licenseNumber', 'serialNumber');
  }
  return names;
}

/** The fields a UI must fill in; the others are optional. */
export const REQUIRED_FIELDS: ReadonlySet<ReviewFieldName> = new Set(['name', 'birthDate']);

function trimmed(value: string | null | undefined): string {
  return (value ?? '').trim();
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
    name: trimmed(fields.name).replace(/\s+/g, ' '),
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

/** The problem with an email address, if any (required when the session asks for one). */
export function validateEmail(value: string): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return 'required';
  return EMAIL.test(v) && v.length <= 254 ? undefined : 'invalid_email';
}

/** A real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Korean resident registration number: YYMMDD-NNNNNNN, dash optional.
const KOREAN_IDENTITY_NUMBER = /^\d{6}-?\d{7}$/;
// Korean driver's license number: region (2 digits or 2 Hangul) - year - serial - check, dashes optional.
const KOREAN_LICENSE_NUMBER = /^(\d{2}|[가-힣]{2})-?\d{2}-?\d{6}-?\d{2}$/;
// The vendor: "6 letter unique serial number".
const KOREAN_SERIAL_NUMBER = /^[A-Za-z0-9]{6}$/;

/**
 * Field problems of a (normalized) review. `today` (YYYY-MM-DD) enables the
 * "not in the future" checks; without it they are skipped.
 */
export function validateReview(fields: ReviewFields, context: ReviewContext, today?: string): FieldErrors {
  const errors: FieldErrors = {};
  const offered = reviewFieldNames(context);
  for (const name of offered) {
    const value = trimmed(fields[name]);
    if (!value) {
      if (REQUIRED_FIELDS.has(name)) errors[name] = 'required';
      continue;
    }
    switch (name) {
      case 'name':
        if (value.length > MAX_NAME_LENGTH) errors.name = 'too_long';
        break;
      case 'birthDate':
      case 'issueDate':
        if (!isValidDate(value)) errors[name] = 'invalid_date';
        else if (today && value > today) errors[name] = 'future_date';
        break;
      case 'nationality':
        if (!isCountryCode(value.toUpperCase())) errors.nationality = 'invalid_country';
        break;
      case 'identityNumber':
        if (!KOREAN_IDENTITY_NUMBER.test(value)) errors.identityNumber = 'invalid_identity_number';
        break;
      case 'licenseNumber':
        if (!KOREAN_LICENSE_NUMBER.test(value)) errors.licenseNumber = 'invalid_license_number';
        break;
      case 'serialNumber':
        if (!KOREAN_SERIAL_NUMBER.test(value)) errors.serialNumber = 'invalid_serial_number';
        break;
      case 'gender':
        break;
    }
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

/** Longest value of each address field (the endpoint's limits: 200, zip code 20). */
const ADDRESS_LIMITS: Record<AddressFieldName, number> = {
  input: 200,
  street: 200,
  city: 200,
  state: 200,
  country: 3,
  zipcode: 20,
  detail: 200,
};

/** The address trimmed, the country upper-cased. */
export function normalizeAddress(address: AddressFields): AddressFields {
  const t = (v: string | undefined) => trimmed(v).replace(/\s+/g, ' ');
  return {
    input: t(address.input),
    formattedAddress: t(address.formattedAddress),
    compoundCode: t(address.compoundCode),
    globalCode: t(address.globalCode),
    street: t(address.street),
    city: t(address.city),
    state: t(address.state),
    country: t(address.country).toUpperCase(),
    zipcode: t(address.zipcode),
    detail: t(address.detail),
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
  if (address.country && !errors.country && !isCountryCode(address.country))
    errors.country = 'invalid_country';
  return errors;
}

/** Country names geocoders write that Intl does not (its English names: "United States", ...). */
const COUNTRY_ALIASES: Record<string, string> = {
  USA: 'USA',
  US: 'USA',
  UK: 'GBR',
  'SOUTH KOREA': 'KOR',
  KOREA: 'KOR',
};

function countryOf(part: string): string {
  const key = part.trim().toUpperCase();
  if (COUNTRY_ALIASES[key]) return COUNTRY_ALIASES[key];
  if (isCountryCode(key)) return key;
  if (typeof Intl === 'undefined' || !('DisplayNames' in Intl)) return '';
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return COUNTRY_CODES.find((code) => names.of(alpha2(code)!)?.toUpperCase() === key) ?? '';
}

/**
 * A first guess of the address fields from the geocoder's one-line answer
 * ("1600 Pennsylvania Avenue NW, Washington, DC 20500, USA"): the applicant checks and
 * corrects it. The last part names the country, the one before it the city (with a
 * state and postal code when written "DC 20500"), the rest is the street.
 */
export function suggestAddressFields(input: string, found: GeocodedAddress): AddressFields {
  const parts = found.formattedAddress
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  let country = '';
  if (parts.length > 1) {
    // "Singapore 018956": a country with its postal code.
    const last = parts[parts.length - 1]!;
    const m = /^(.*?)\s+(\d[\d-]*)$/.exec(last);
    country = countryOf(last) || (m ? countryOf(m[1]!) : '');
    if (country) {
      parts.pop();
      if (m && !countryOf(last)) parts.push(m[2]!);
    }
  }
  let state = '';
  let zipcode = '';
  let city = '';
  if (parts.length > 1) {
    const last = parts.pop()!;
    const stateZip = /^([A-Z]{2,3})(?:\s+([A-Z0-9][A-Z0-9 -]{2,9}))?$/.exec(last);
    if (stateZip && parts.length > 1) {
      state = stateZip[1]!;
      zipcode = stateZip[2] ?? '';
      city = parts.pop()!;
    } else {
      // "Tokyo 105-0011", "75007 Paris", "London SW1A 1AA", "Sydney NSW 2000".
      const after = /^(.*?)\s+((?:[A-Z]{2,3}\s+)?\d[\d-]{2,9}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/.exec(last);
      const before = /^(\d[\d-]{2,9})\s+(.*)$/.exec(last);
      if (after) {
        city = after[1]!;
        const tail = after[2]!.split(/\s+/);
        if (tail.length > 1 && /^[A-Z]{2,3}$/.test(tail[0]!)) {
          state = tail[0]!;
          zipcode = tail.slice(1).join(' ');
        } else zipcode = after[2]!;
      } else if (before) {
        zipcode = before[1]!;
        city = before[2]!;
      } else city = last;
    }
  }
  return {
    input,
    formattedAddress: found.formattedAddress,
    compoundCode: found.compoundCode,
    globalCode: found.globalCode,
    street: parts.join(', '),
    city,
    state,
    country,
    zipcode,
    detail: '',
  };
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

/**
 * Where a persisted flow resumes, or null when there is nothing to resume (exited, a
 * decided result). Images are never persisted, so a step that needed one in memory
 * (uploadingDocument, submittingSelfie; an error whose retry re-sends it) resumes at
 * its capture step; a retry screen resumes at the selfie. A `pending` result is not
 * final: it resumes at the result, polling again, and keeps only what polling needs
 * (the submission and the attempt count; no review fields, address or email).
 */
export function resumePoint(state: FlowState): FlowState | null {
  if (state.step === 'result' && state.context.result?.status === 'pending') {
    const { rules, submissionId, selfieAttempts } = state.context;
    const context: FlowContext = {
      rules,
      sessionReady: false,
      emailRequired: false,
      email: null,
      document: null,
      submissionId,
      ocrFound: null,
      fields: null,
      fieldErrors: {},
      failedUploads: 0,
      upload: null,
      notice: null,
      addressLookup: null,
      address: null,
      selfieAttempts,
      lastReason: null,
      result: { status: 'pending', reason: null, pollExpired: false },
    };
    return submissionId ? { step: 'result', context, error: null, exitedFrom: null } : null;
  }
  const lookup = state.context.addressLookup;
  const context = {
    ...state.context,
    upload: null,
    result: null,
    addressLookup: lookup?.status === 'looking' ? null : lookup,
  };
  if (RESUMABLE.has(state.step)) return { step: state.step, context, error: null, exitedFrom: null };
  if (state.step === 'uploadingDocument')
    return { step: 'documentCapture', context, error: null, exitedFrom: null };
  // The selfie was only in memory; the attempt count is refreshed from the endpoint (GET /status).
  if (state.step === 'submittingSelfie' || state.step === 'retrySelfie')
    return { step: 'selfieCapture', context, error: null, exitedFrom: null };
  if (state.step === 'error' && state.error) {
    const step =
      state.error.retry === 'uploadingDocument'
        ? 'documentCapture'
        : state.error.retry === 'submittingSelfie'
          ? 'selfieCapture'
          : state.error.resumeStep;
    return RESUMABLE.has(step) ? { step, context, error: null, exitedFrom: null } : null;
  }
  return null;
}
