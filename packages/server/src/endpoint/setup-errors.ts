// Setup mistakes fail fast and name the fix. `createKycHandler` checks its options
// when it is called (at the integrator's start-up, not at the first applicant's
// call), and the applicant a `resolveApplicant` hook answers is checked on every
// session. Messages name options, fields and types, never a value: an applicant's
// userid or email is PII, a secret is a secret.
import * as v from '../validate.ts';
import type { Applicant } from './options.ts';

/** What is wrong with the configuration; `KycConfigError.code`. */
export type KycConfigErrorCode =
  | 'options_missing'
  | 'client_missing'
  | 'resolve_applicant_missing'
  | 'secrets_missing'
  | 'secret_missing'
  | 'secret_too_short'
  | 'secret_kid_invalid'
  | 'option_invalid'
  | 'applicant_invalid';

/**
 * A configuration mistake of the integrator: thrown by `createKycHandler` (options), and
 * logged (never shown to the browser) when `resolveApplicant` answers an unusable applicant.
 */
export class KycConfigError extends Error {
  override readonly name = 'KycConfigError';
  readonly code: KycConfigErrorCode;
  /** The option at fault, e.g. `secrets[0].secret` or `resolveApplicant`. */
  readonly option: string;

  constructor(code: KycConfigErrorCode, option: string, message: string) {
    super(message);
    this.code = code;
    this.option = option;
  }
}

/** Bytes a token secret needs (HS256 keys shorter than the hash are weak). */
export const MIN_SECRET_BYTES = 32;

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

/** The methods of ArgosClient the endpoint calls: a duck-typed check, so two installed copies still pass. */
const CLIENT_METHODS = ['step1Parts', 'step2Parts', 'getSubmission', 'addressCode'] as const;

/** Throws a KycConfigError naming the first option of `createKycHandler` that cannot work. */
export function checkKycOptions(options: unknown): void {
  const fail = (code: KycConfigErrorCode, option: string, message: string): never => {
    throw new KycConfigError(code, option, `createKycHandler: ${message}`);
  };
  if (typeof options !== 'object' || options === null)
    fail('options_missing', 'options', `options are required, got ${typeName(options)}`);
  const o = options as Record<string, unknown>;

  const client = o.client as Record<string, unknown> | undefined;
  if (
    typeof client !== 'object' ||
    client === null ||
    CLIENT_METHODS.some((m) => typeof client[m] !== 'function')
  )
    fail(
      'client_missing',
      'client',
      '`client` must be an ArgosClient: client: new ArgosClient({ apiKey, baseUrl })',
    );

  if (typeof o.resolveApplicant !== 'function')
    fail(
      'resolve_applicant_missing',
      'resolveApplicant',
      '`resolveApplicant` must be a function (request) => the signed-in applicant { userid, email?, cf1?, cf2?, cf3? } or null; ' +
        `got ${typeName(o.resolveApplicant)}`,
    );

  const secrets = o.secrets;
  if (!Array.isArray(secrets) || secrets.length === 0)
    fail(
      'secrets_missing',
      'secrets',
      '`secrets` must be a non-empty list of token signing secrets: secrets: [{ kid: "2026-11", secret }]',
    );
  const kids = new Set<string>();
  (secrets as unknown[]).forEach((entry, i) => {
    const at = `secrets[${i}]`;
    const s = entry as { kid?: unknown; secret?: unknown } | null;
    if (typeof s !== 'object' || s === null)
      fail('secret_missing', at, `${at} must be { kid, secret }, got ${typeName(s)}`);
    if (typeof s!.kid !== 'string' || s!.kid.length === 0 || kids.has(s!.kid))
      fail(
        'secret_kid_invalid',
        `${at}.kid`,
        `${at}.kid must be a name of its own (a non-empty string, different for each secret)`,
      );
    kids.add(s!.kid as string);
    const secret = s!.secret;
    if (secret === undefined || secret === null || secret === '')
      fail(
        'secret_missing',
        `${at}.secret`,
        `${at}.secret is not set (${secret === '' ? 'an empty string' : String(secret)}): is the environment variable ` +
          `or secret-store entry it reads set here? It needs at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 32\``,
      );
    const bytes =
      typeof secret === 'string'
        ? new TextEncoder().encode(secret).byteLength
        : secret instanceof Uint8Array
          ? secret.byteLength
          : fail(
              'secret_missing',
              `${at}.secret`,
              `${at}.secret must be a string or a Uint8Array, got ${typeName(secret)}`,
            );
    if (bytes < MIN_SECRET_BYTES)
      fail(
        'secret_too_short',
        `${at}.secret`,
        `${at}.secret is ${bytes} bytes; it needs at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 32\``,
      );
  });

  const positive = (name: string) => {
    const value = o[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
      fail('option_invalid', name, `\`${name}\` must be a positive number, got ${typeName(value)}`);
  };
  positive('tokenTtlSeconds');
  positive('vendorTimeoutMs');
  if (
    o.allowedOrigins !== undefined &&
    (!Array.isArray(o.allowedOrigins) || o.allowedOrigins.some((x) => typeof x !== 'string'))
  )
    fail(
      'option_invalid',
      'allowedOrigins',
      '`allowedOrigins` must be a list of origins, e.g. ["https://shop.example"] (the origins of the pages that show the widget)',
    );
  for (const name of ['basePath', 'issuer'])
    if (o[name] !== undefined && (typeof o[name] !== 'string' || o[name] === ''))
      fail('option_invalid', name, `\`${name}\` must be a non-empty string, got ${typeName(o[name])}`);
  for (const name of ['onAudit', 'logError', 'getClientIp'])
    if (o[name] !== undefined && typeof o[name] !== 'function')
      fail('option_invalid', name, `\`${name}\` must be a function, got ${typeName(o[name])}`);
}

/**
 * The applicant `resolveApplicant` answered, checked: null when nobody is signed in,
 * else a usable Applicant; anything else throws a KycConfigError whose message says
 * what is wrong without quoting a value (the endpoint logs it and answers 500).
 */
export function checkApplicant(value: unknown): Applicant | null {
  if (value === null || value === undefined) return null;
  const fail = (field: string, problem: string): never => {
    throw new KycConfigError(
      'applicant_invalid',
      'resolveApplicant',
      `resolveApplicant answered an applicant ${field ? `whose ${field} ` : ''}${problem}`,
    );
  };
  if (typeof value !== 'object' || Array.isArray(value))
    fail(
      '',
      `that is ${typeName(value)}; answer { userid, email?, cf1?, cf2?, cf3? }, or null when nobody is signed in`,
    );
  const a = value as Record<string, unknown>;
  if (typeof a.userid !== 'string')
    fail('userid', `is ${typeName(a.userid)}; it must be a string (e.g. String(user.id))`);
  const userid = a.userid as string;
  if (userid.length === 0 || userid.length > 200)
    fail(
      'userid',
      `is ${userid.length === 0 ? 'empty' : 'longer than 200 characters'}; it must be 1 to 200 characters`,
    );
  const applicant: Applicant = { userid };
  if (a.email !== undefined) {
    if (typeof a.email !== 'string')
      fail(
        'email',
        `is ${typeName(a.email)}; leave it out when there is none (the widget then asks for one)`,
      );
    try {
      applicant.email = v.email('email', a.email as string);
    } catch {
      fail(
        'email',
        'is not an email address; leave it out when there is none (the widget then asks for one)',
      );
    }
  }
  for (const k of ['cf1', 'cf2', 'cf3'] as const) {
    const c = a[k];
    if (c === undefined) continue;
    if (typeof c !== 'string' || c.length > 200)
      fail(
        k,
        `is ${typeof c === 'string' ? 'longer than 200 characters' : typeName(c)}; it must be a string of at most 200 characters, or left out`,
      );
    applicant[k] = c as string;
  }
  return applicant;
}
