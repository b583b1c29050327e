// The endpoint's errors: the protocol's codes (@argos-kyc/protocol, docs/protocol.md
// "Errors") as an exception the handler turns into its JSON answer.
import { ERROR_STATUS, RETRYABLE_BY_DEFAULT, type ErrorBody, type ErrorCode } from '@argos-kyc/protocol';

/** A code the customer endpoint answers with; the widget picks its text by it. */
export type ProxyErrorCode = ErrorCode;

/** The JSON body of every 4xx/5xx answer of the endpoint. */
export type ProxyErrorBody = ErrorBody;

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
    this.status = ERROR_STATUS[code];
    this.retryable = opts.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
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
