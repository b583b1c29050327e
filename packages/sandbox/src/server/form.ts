// Reading the vendor's request bodies the way the vendor does: form fields with its
// validation (messages name the field, never its value) and image files judged by
// their bytes and size.
import type { IncomingMessage } from 'node:http';
import { parseMultipart, readBody, type ParsedForm } from '../body.ts';
import { isIsoAlpha3 } from '../countries.ts';
import { sniffImageType } from '../imagecode.ts';
import { HttpError, type StoredImage } from '../state.ts';
import type { IdType } from '../types.ts';

/** 3 MiB per file (docs/vendor-api.md #8). */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
/** What a form may carry besides its files. */
export const FORM_OVERHEAD = 64 * 1024;
/** Longest text field the vendor takes. */
export const MAX_TEXT = 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const ID_TYPES: readonly IdType[] = ['passport', 'government_id', 'drivers_license'];

/** Reads text fields with the vendor's validation; messages name the field, never its value. */
export class Fields {
  constructor(private readonly map: Map<string, string>) {}

  optional(name: string): string | undefined {
    const v = this.map.get(name);
    if (v === undefined || v.trim() === '') return undefined;
    if (v.length > MAX_TEXT) throw new HttpError(400, `${name} is too long`, name);
    return v.trim();
  }

  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined) throw new HttpError(400, `${name} is required`, name);
    return v;
  }

  country(name: string, required: boolean): string | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !isIsoAlpha3(v))
      throw new HttpError(400, `${name} must be an ISO 3166-1 alpha-3 country code`, name);
    return v;
  }

  date(name: string, required: boolean): string | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !isDate(v))
      throw new HttpError(400, `${name} must be a date in YYYY-MM-DD format`, name);
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !allowed.includes(v as T))
      throw new HttpError(400, `${name} must be one of ${allowed.join(', ')}`, name);
    return v as T | undefined;
  }

  matching(name: string, pattern: RegExp, description: string): string | undefined {
    const v = this.optional(name);
    if (v !== undefined && !pattern.test(v)) throw new HttpError(400, `${name} must be ${description}`, name);
    return v;
  }
}

export function imageField(form: ParsedForm, name: string, required: boolean): StoredImage | undefined {
  const file = form.files.get(name);
  if (!file || file.bytes.length === 0) {
    if (required) throw new HttpError(400, `${name} is required (a JPEG or PNG file)`, name);
    return undefined;
  }
  if (file.bytes.length > MAX_FILE_BYTES) throw new HttpError(413, 'Request Entity Too Large', name);
  const type = sniffImageType(file.bytes);
  if (!type) throw new HttpError(400, `${name} must be a JPEG or PNG image`, name);
  return { bytes: file.bytes, type };
}

/** A multipart body of at most `files` files and the text around them. */
export async function readForm(req: IncomingMessage, files: number): Promise<ParsedForm> {
  const body = await readBody(req, files * MAX_FILE_BYTES + FORM_OVERHEAD);
  return parseMultipart(body, String(req.headers['content-type'] ?? ''));
}
