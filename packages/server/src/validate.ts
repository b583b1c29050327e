// The protocol's field rules (@argos-kyc/protocol) as the endpoint applies them: each
// turns a problem into a 400 `invalid_field` naming the field, never its value, and
// answers the trimmed value to send on. No rule is written here.
import {
  addressQueryProblem,
  countryProblem,
  emailProblem,
  isStep2FieldOffered,
  koreanIdentityNumberProblem,
  koreanLicenseNumberProblem,
  koreanSerialNumberProblem,
  oneOfProblem,
  pastDateProblem,
  plusCodeProblem,
  step1FieldProblem,
  step2FieldProblem,
  textProblem,
  utcDate,
  type FieldProblem,
  type Step1TextField,
  type DocumentContext,
  type Step2TextField,
} from '@argos-kyc/protocol';
import { ProxyError } from './errors.ts';

export { ID_TYPES, sniffImage, type IdType, type ImageMimeType as ImageKind } from '@argos-kyc/protocol';

/** How the endpoint says each problem, after `Field "x"`. */
const SAYS: Record<FieldProblem, string> = {
  required: 'is empty',
  too_long: 'is too long',
  control_characters: 'contains control characters',
  not_allowed: 'has a value that is not allowed',
  invalid_email: 'is not an email address',
  invalid_country: 'is not an ISO 3166-1 alpha-3 country code',
  invalid_date: 'is not a calendar date YYYY-MM-DD from 1900 on',
  future_date: 'is in the future',
  before_birth: 'is before the date of birth',
  invalid_identity_number: 'is not a Korean identity number',
  invalid_license_number: 'is not a Korean licence number',
  invalid_serial_number: 'is not a 6-character serial number',
  invalid_plus_code: 'is not a plus code',
  invalid_language: 'is not a language tag',
};

/** Throws the `invalid_field` of a problem; answers the trimmed value when there is none. */
function judged(field: string, value: string, problem: FieldProblem | null): string {
  if (problem) throw new ProxyError('invalid_field', `Field "${field}" ${SAYS[problem]}.`, { field });
  return value.trim();
}

/** A trimmed single-line text of 1..max characters. */
export function text(field: string, value: string, max?: number): string {
  return judged(field, value, textProblem(value, max));
}

/** An email address (the protocol's EMAIL_PATTERN). */
export function email(field: string, value: string): string {
  return judged(field, value, emailProblem(value));
}

/** An assigned ISO 3166-1 alpha-3 code, upper case. */
export function iso3(field: string, value: string): string {
  return judged(field, value, countryProblem(value));
}

/**
 * A real calendar date YYYY-MM-DD, not before 1900 and not after tomorrow (UTC) as
 * seen from `today`: an applicant east of UTC may already live on tomorrow's date.
 */
export function pastDate(field: string, value: string, today: Date = new Date()): string {
  return judged(field, value, pastDateProblem(value, utcDate(today, 1)));
}

/** One of a fixed list of values. */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  return judged(field, value, oneOfProblem(value, allowed)) as T;
}

/** A plus code, global (`87C4VXX7+39`) or compound (`VXX7+39 Washington, DC, USA`). */
export function plusCode(field: string, value: string, kind: 'global' | 'compound'): string {
  return judged(field, value, plusCodeProblem(value, kind));
}

/** A Korean resident registration number, `YYMMDD-NNNNNNN` (dash optional). */
export function koreanIdentityNumber(field: string, value: string): string {
  return judged(field, value, koreanIdentityNumberProblem(value));
}

/** A Korean driver licence number: 12 digits, dashes allowed (`11-22-333333-44`). */
export function koreanLicenseNumber(field: string, value: string): string {
  return judged(field, value, koreanLicenseNumberProblem(value));
}

/** The 6-character serial of a Korean driver licence. */
export function koreanSerialNumber(field: string, value: string): string {
  return judged(field, value, koreanSerialNumberProblem(value));
}

/** The `/address` query. */
export function addressQuery(field: string, value: string): string {
  return judged(field, value, addressQueryProblem(value));
}

/** A step-1 text field by its rule. */
export function step1Field(field: Step1TextField, value: string): string {
  return judged(field, value, step1FieldProblem(field, value));
}

/**
 * A step-2 text field by its rule, dates up to tomorrow (UTC) as seen from `today`; a
 * Korean-only field the submission's document does not have is an `unknown_field`,
 * as any field the route does not take.
 */
export function step2Field(
  field: Step2TextField,
  value: string,
  document: DocumentContext | null,
  today: Date = new Date(),
): string {
  if (!isStep2FieldOffered(field, document))
    throw new ProxyError('unknown_field', `Field "${field}" is not taken here.`, { field });
  return judged(field, value, step2FieldProblem(field, value, { document, latestDate: utcDate(today, 1) }));
}
