// The endpoint's error vocabulary (docs/protocol.md, "Errors"): each code with its
// HTTP status and whether the same call may succeed later. The endpoint answers with
// these; the client and the widget choose what to do and say by the code alone.

/** Every code an endpoint answers with, and its HTTP status. */
export const ERROR_STATUS = {
  invalid_field: 400,
  unknown_field: 400,
  malformed_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  token_invalid: 401,
  origin_not_allowed: 403,
  submission_mismatch: 403,
  handoff_mismatch: 403,
  not_found: 404,
  address_not_found: 404,
  method_not_allowed: 405,
  upload_timeout: 408,
  attempts_exhausted: 409,
  handoff_used: 409,
  handoff_expired: 410,
  payload_too_large: 413,
  unsupported_image: 415,
  rate_limited: 429,
  vendor_error: 502,
  vendor_timeout: 504,
  internal_error: 500,
  handoff_unavailable: 503,
} as const;

/** A code of the endpoint's error body. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error code, in the order of docs/protocol.md's table. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as readonly ErrorCode[];

/**
 * The codes whose call may succeed if repeated later, unless the answer says otherwise
 * (a vendor 400 on step 1 or 2 is a `vendor_error` with `retryable: false`).
 */
export const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'rate_limited',
  'vendor_error',
  'vendor_timeout',
  'upload_timeout',
  'handoff_unavailable',
]);

/** True for a string that is one of the protocol's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** The JSON body of every 4xx/5xx answer of the endpoint. */
export interface ErrorBody {
  code: ErrorCode;
  /** English, for developers; never a field's value. */
  message: string;
  retryable: boolean;
  /** The request field at fault (invalid_field, unknown_field, image errors). */
  field?: string;
  /** Seconds to wait (rate_limited); also in the Retry-After header. */
  retryAfter?: number;
}
