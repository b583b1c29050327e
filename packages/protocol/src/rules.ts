// The field rules both ends apply: the core to tell the applicant what to fix before
// anything is sent, the endpoint to refuse what the browser should never have sent.
// Each rule answers the problem with a value (or null when it is fine), never the
// value itself, so a caller can show or log it without leaking what was typed.
// Where the core and the server used to disagree, the choice and its reason are in
// docs/architecture.md ("Decisions worth knowing": email, licence number, name length, dates).
import { isIso3 } from './countries.ts';
import {
  GENDERS,
  ID_TYPES,
  isStep2FieldOffered,
  type DocumentContext,
  type Step1TextField,
  type Step2TextField,
} from './fields.ts';
import {
  ADDRESS_QUERY_MAX_LENGTH,
  DEFAULT_TEXT_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  MIN_DATE_YEAR,
  NAME_MAX_LENGTH,
  ZIPCODE_MAX_LENGTH,
} from './limits.ts';

/** Why a value is refused. A UI turns it into a translated message; the endpoint into `invalid_field`. */
export type FieldProblem =
  | 'required'
  | 'too_long'
  | 'control_characters'
  | 'not_allowed'
  | 'invalid_email'
  | 'invalid_country'
  | 'invalid_date'
  | 'future_date'
  | 'before_birth'
  | 'invalid_identity_number'
  | 'invalid_license_number'
  | 'invalid_serial_number'
  | 'invalid_plus_code'
  | 'invalid_language';

// Control characters, line breaks included; a tab is let through (pasted text has them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/**
 * A practical subset of RFC 5321: a local part without spaces or the characters that
 * need quoting, an ASCII domain of dot-separated labels that neither start nor end
 * with a hyphen, and at least one dot. An internationalised domain is written in its
 * ASCII (punycode) form.
 */
export const EMAIL_PATTERN =
  /^[^\s@"(),:;<>[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** A date as the vendor writes it: YYYY-MM-DD. */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Korean resident registration number: YYMMDD-NNNNNNN, the dash optional. */
export const KOREAN_IDENTITY_NUMBER_PATTERN = /^\d{6}-?\d{7}$/;
/**
 * Korean driver's licence number: region, year, serial and check digits, all digits
 * (`11-20-123456-01`), dashes optional. Older licences print the region as a name in
 * Hangul; the vendor takes the digits only (docs/architecture.md, "Decisions worth knowing").
 */
export const KOREAN_LICENSE_NUMBER_PATTERN = /^\d{2}-?\d{2}-?\d{6}-?\d{2}$/;
/** The vendor: "6 letter unique serial number" of a Korean licence; letters and digits. */
export const KOREAN_SERIAL_NUMBER_PATTERN = /^[A-Za-z0-9]{6}$/;
/** A language tag as `/address` takes it: `en`, `ko`, `pt-BR`. */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const OLC_CHARS = '23456789CFGHJMPQRVWX';
/** A global plus code (Open Location Code), e.g. `87C4VXX7+39`. */
export const GLOBAL_CODE_PATTERN = new RegExp(`^[${OLC_CHARS}]{8}\\+[${OLC_CHARS}]{0,3}$`, 'i');
/** A compound plus code: a short code and a locality, e.g. `VXX7+39 Washington, DC, USA`. */
export const COMPOUND_CODE_PATTERN = new RegExp(
  `^[${OLC_CHARS}]{4,6}\\+[${OLC_CHARS}]{0,3}(?: .{1,200})?$`,
  'i',
);

/** A single-line text of 1..max characters after trimming. */
export function textProblem(value: string, max = DEFAULT_TEXT_MAX_LENGTH): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  if (v.length > max) return 'too_long';
  if (CONTROL.test(v)) return 'control_characters';
  return null;
}

/** An email address (EMAIL_PATTERN, at most 254 characters). */
export function emailProblem(value: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return v.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(v) ? null : 'invalid_email';
}

/** An assigned ISO 3166-1 alpha-3 code, in upper case as the wire carries it. */
export function countryProblem(value: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return /^[A-Z]{3}$/.test(v) && isIso3(v) ? null : 'invalid_country';
}

/** True for a real calendar date written YYYY-MM-DD, from MIN_DATE_YEAR on. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    y >= MIN_DATE_YEAR
  );
}

/**
 * A date of birth or of issue: a real calendar date from 1900 on and, when `latest`
 * (YYYY-MM-DD) is given, not after it. The browser passes the applicant's own today;
 * the endpoint passes tomorrow in UTC, since an applicant east of UTC may already
 * live on tomorrow's date.
 */
export function pastDateProblem(value: string, latest?: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  if (!isCalendarDate(v)) return 'invalid_date';
  if (latest !== undefined && v > latest) return 'future_date';
  return null;
}

/** The date (YYYY-MM-DD, UTC) `days` days after `now`. */
export function utcDate(now: Date, days = 0): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** One of a fixed list of values. */
export function oneOfProblem(value: string, allowed: readonly string[]): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return allowed.includes(v) ? null : 'not_allowed';
}

/** A Korean resident registration number. */
export function koreanIdentityNumberProblem(value: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return KOREAN_IDENTITY_NUMBER_PATTERN.test(v) ? null : 'invalid_identity_number';
}

/** A Korean driver's licence number, digits only. */
export function koreanLicenseNumberProblem(value: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return KOREAN_LICENSE_NUMBER_PATTERN.test(v) ? null : 'invalid_license_number';
}

/** The 6-character serial of a Korean driver's licence. */
export function koreanSerialNumberProblem(value: string): FieldProblem | null {
  const v = value.trim();
  if (v.length === 0) return 'required';
  return KOREAN_SERIAL_NUMBER_PATTERN.test(v) ? null : 'invalid_serial_number';
}

/** A plus code, global or compound. */
export function plusCodeProblem(value: string, kind: 'global' | 'compound'): FieldProblem | null {
  const text = textProblem(value);
  if (text) return text;
  return (kind === 'global' ? GLOBAL_CODE_PATTERN : COMPOUND_CODE_PATTERN).test(value.trim())
    ? null
    : 'invalid_plus_code';
}

/** A language tag for `/address`. */
export function languageProblem(value: string): FieldProblem | null {
  return LANGUAGE_TAG_PATTERN.test(value) ? null : 'invalid_language';
}

/**
 * The languages `/address` asks the vendor's geocoder in: the primary languages of the
 * widget's locales (issue 16's list, `no` and `nb` both for Norwegian; the widget's
 * packages/widget/test/locales.test.ts checks every language file's is here). The vendor's
 * guide lists no values for `language`; a short list keeps what we forward to it, and
 * what could ever reach a log, a known two- or three-letter code.
 */
// Pure: a bundle that never calls `addressLanguage` (the widget's) leaves the list out.
export const ADDRESS_LANGUAGES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fa',
  'fi',
  'fil',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'hy',
  'id',
  'it',
  'ja',
  'ka',
  'km',
  'ko',
  'lt',
  'lv',
  'mn',
  'ms',
  'my',
  'nb',
  'ne',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sr',
  'sv',
  'th',
  'tr',
  'uk',
  'uz',
  'vi',
  'zh',
]);

/**
 * The `language` `/address` forwards for a well-formed tag (see `languageProblem`): its
 * primary language when allowlisted (`ko-KR` -> `ko`), else null, i.e. none (the vendor
 * then answers in its default, English). docs/protocol.md, `POST {base}/address`.
 */
export function addressLanguage(tag: string): string | null {
  const primary = tag.split('-')[0]!.toLowerCase();
  return ADDRESS_LANGUAGES.has(primary) ? primary : null;
}

/** The `/address` query: an address, a plus code or "lat,lng". */
export function addressQueryProblem(value: string): FieldProblem | null {
  return textProblem(value, ADDRESS_QUERY_MAX_LENGTH);
}

/** The rule of a step-1 text field. */
export function step1FieldProblem(field: Step1TextField, value: string): FieldProblem | null {
  switch (field) {
    case 'idType':
      return oneOfProblem(value, ID_TYPES);
    case 'issuingCountry':
      return countryProblem(value);
    case 'email':
      return emailProblem(value);
  }
}

/** What step 2 needs to judge a field besides its value. */
export interface Step2RuleContext {
  /** The submission's document; without it the Korean-only fields are refused. */
  document?: DocumentContext | null;
  /** The latest date of birth or issue (YYYY-MM-DD); without it the future is not checked. */
  latestDate?: string;
}

/**
 * The rule of a step-2 text field, `not_allowed` for a Korean-only field the
 * submission's document does not have. Required-ness is the caller's: an empty value
 * is `required` here for every field, since the wire never carries an empty one.
 */
export function step2FieldProblem(
  field: Step2TextField,
  value: string,
  context: Step2RuleContext = {},
): FieldProblem | null {
  if (!isStep2FieldOffered(field, context.document)) return 'not_allowed';
  switch (field) {
    case 'name':
      return textProblem(value, NAME_MAX_LENGTH);
    case 'date_of_birth':
    case 'date_of_issue':
      return pastDateProblem(value, context.latestDate);
    case 'gender':
      return oneOfProblem(value, GENDERS);
    case 'nationality':
    case 'address_country':
      return countryProblem(value);
    case 'identity_number':
      return koreanIdentityNumberProblem(value);
    case 'license_number':
      return koreanLicenseNumberProblem(value);
    case 'serial_number':
      return koreanSerialNumberProblem(value);
    case 'globalCode':
      return plusCodeProblem(value, 'global');
    case 'compoundCode':
      return plusCodeProblem(value, 'compound');
    case 'address_zipcode':
      return textProblem(value, ZIPCODE_MAX_LENGTH);
    case 'address_street':
    case 'address_city':
    case 'address_state':
    case 'formatted_address':
    case 'address_input':
    case 'address_detail':
      return textProblem(value, DEFAULT_TEXT_MAX_LENGTH);
  }
}
