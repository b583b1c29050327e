// Field rules applied before the vendor sees a byte: formats, enums, lengths,
// real calendar dates, real countries. Messages name the field, never its value.
import { isIso3 } from './countries.ts';
import { ProxyError } from './errors.ts';

/** The document types the vendor accepts. */
export const ID_TYPES = ['passport', 'government_id', 'drivers_license'] as const;
export type IdType = (typeof ID_TYPES)[number];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL =
  /^[^\s@"(),:;<>[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OLC_CHARS = '23456789CFGHJMPQRVWX';
const GLOBAL_CODE = new RegExp(`^[${OLC_CHARS}]{8}\\+[${OLC_CHARS}]{0,3}$`, 'i');
const COMPOUND_CODE = new RegExp(`^[${OLC_CHARS}]{4,6}\\+[${OLC_CHARS}]{0,3}(?: .{1,200})?$`, 'i');

function invalid(field: string, why: string): ProxyError {
  return new ProxyError('invalid_field', `Field "${field}" ${why}.`, { field });
}

/** A trimmed single-line text of 1..max characters. */
export function text(field: string, value: string, max = 200): string {
  const v = value.trim();
  if (v.length === 0) throw invalid(field, 'is empty');
  if (v.length > max) throw invalid(field, `is longer than ${max} characters`);
  if (CONTROL.test(v) || /[\r\n]/.test(v)) throw invalid(field, 'contains control characters');
  return v;
}

/** An email address (a practical subset of RFC 5321). */
export function email(field: string, value: string): string {
  const v = value.trim();
  if (v.length > 254 || !EMAIL.test(v)) throw invalid(field, 'is not an email address');
  return v;
}

/** An assigned ISO 3166-1 alpha-3 code, upper case. */
export function iso3(field: string, value: string): string {
  const v = value.trim();
  if (!/^[A-Z]{3}$/.test(v) || !isIso3(v)) throw invalid(field, 'is not an ISO 3166-1 alpha-3 country code');
  return v;
}

/** A real calendar date YYYY-MM-DD, not before 1900 and not after `today`. */
export function pastDate(field: string, value: string, today: Date = new Date()): string {
  const v = value.trim();
  const m = DATE.exec(v);
  if (!m) throw invalid(field, 'is not a YYYY-MM-DD date');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw invalid(field, 'is not a calendar date');
  }
  if (y < 1900) throw invalid(field, 'is before 1900');
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  // One day of slack: an applicant east of UTC may already live on tomorrow's date.
  if (t > todayUtc + 86_400_000) throw invalid(field, 'is in the future');
  return v;
}

/** One of a fixed list of values. */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const v = value.trim();
  if (!(allowed as readonly string[]).includes(v))
    throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** A plus code, global (`87C4VXX7+39`) or compound (`VXX7+39 Washington, DC, USA`). */
export function plusCode(field: string, value: string, kind: 'global' | 'compound'): string {
  const v = text(field, value);
  if (!(kind === 'global' ? GLOBAL_CODE : COMPOUND_CODE).test(v))
    throw invalid(field, `is not a ${kind} plus code`);
  return v;
}

/** A Korean resident registration number, `YYMMDD-NNNNNNN` (dash optional). */
export function koreanIdentityNumber(field: string, value: string): string {
  const v = value.trim();
  if (!/^\d{6}-?\d{7}$/.test(v)) throw invalid(field, 'is not a Korean identity number');
  return v;
}

/** A Korean driver licence number: 12 digits, dashes allowed (`11-22-333333-44`). */
export function koreanLicenseNumber(field: string, value: string): string {
  const v = value.trim();
  if (!/^\d{2}-?\d{2}-?\d{6}-?\d{2}$/.test(v)) throw invalid(field, 'is not a Korean licence number');
  return v;
}

/** The 6-character serial of a Korean driver licence. */
export function koreanSerialNumber(field: string, value: string): string {
  const v = value.trim();
  if (!/^[A-Za-z0-9]{6}$/.test(v)) throw invalid(field, 'is not a 6-character serial number');
  return v;
}

/** The image formats the vendor takes, judged by their first bytes (NOTES #9). */
export type ImageKind = 'image/jpeg' | 'image/png';

/** JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by magic bytes; null otherwise. */
export function sniffImage(head: Uint8Array): ImageKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png';
  return null;
}
