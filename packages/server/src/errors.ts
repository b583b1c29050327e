// The endpoint's stable error vocabulary (docs/protocol.md, "Errors").

/** A code the customer endpoint answers with; the widget picks its text by it. */
export type ProxyErrorCode =
  | 'invalid_field'
  | 'unknown_field'
  | 'malformed_request'
  | 'unauthenticated'
  | 'token_expired'
  | 'token_invalid'
  | 'origin_not_allowed'
  | 'submission_mismatch'
  | 'not_found'
  | 'method_not_allowed'
  | 'attempts_exhausted'
  | 'address_not_found'
  | 'payload_too_large'
  | 'unsupported_image'
  | 'rate_limited'
  | 'vendor_error'
  | 'vendor_timeout'
  | 'internal_error';

const STATUS: Record<ProxyErrorCode, number> = {
  invalid_field: 400,
  unknown_field: 400,
  malformed_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  token_invalid: 401,
  origin_not_allowed: 403,
  submission_mismatch: 403,
  not_found: 404,
  address_not_found: 404,
  method_not_allowed: 405,
  attempts_exhausted: 409,
  payload_too_large: 413,
  unsupported_image: 415,
  rate_limited: 429,
  vendor_error: 502,
  vendor_timeout: 504,
  internal_error: 500,
};

/** The JSON body of every 4xx/5xx answer of the endpoint. */
export interface ProxyErrorBody {
  code: ProxyErrorCode;
  message: string;
  retryable: boolean;
  field?: string;
  retryAfter?: number;
}

/**
 * An error the endpoint turns into its JSON answer. Its message is shown to the
 * browser: it never holds a field's value, an image byte or the API key.
 */
export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    code: ProxyErrorCode,
    message: string,
    opts: { field?: string; retryable?: boolean; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'ProxyError';
    this.code = code;
    this.status = STATUS[code];
    this.retryable =
      opts.retryable ?? (code === 'rate_limited' || code === 'vendor_error' || code === 'vendor_timeout');
    this.field = opts.field;
    this.retryAfter = opts.retryAfter;
  }

  toJSON(): ProxyErrorBody {
    const body: ProxyErrorBody = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.field !== undefined) body.field = this.field;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}
