// Typed errors of the endpoint client. Messages name only the code, status and field:
// never a token, an image byte or anything the applicant typed.
import type { ErrorCode } from '@argos-kyc/protocol';

/** The protocol's error codes (@argos-kyc/protocol, docs/protocol.md) plus the client's own. */
export type EndpointErrorCode =
  | ErrorCode
  /** No answer at all (connection refused, reset, offline). */
  | 'network_error'
  /** The caller aborted. */
  | 'aborted'
  /** No answer within the client's time limit. */
  | 'timeout'
  /** An answer that is not the protocol's JSON (e.g. an HTML page where the endpoint should be). */
  | 'bad_response'
  /** A 404 that is not the protocol's: no endpoint at that path (the `endpoint` option is wrong). */
  | 'endpoint_not_found';

/** An error from (or on the way to) the customer endpoint. */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
  /** Stable code: the protocol's, or network_error / aborted / timeout / bad_response / endpoint_not_found. */
  readonly code: EndpointErrorCode | (string & {});
  /** Whether the same call may succeed later. */
  readonly retryable: boolean;
  /** HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** The request field at fault, for field errors. */
  readonly field: string | undefined;
  /** Seconds to wait, for rate_limited. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    code: string;
    retryable: boolean;
    status?: number;
    field?: string;
    retryAfter?: number;
  }) {
    const where = [init.status ? `HTTP ${init.status}` : '', init.field ? `field ${init.field}` : '']
      .filter(Boolean)
      .join(', ');
    super(`Argos KYC endpoint: ${init.code}${where ? ` (${where})` : ''}`);
    this.code = init.code;
    this.retryable = init.retryable;
    this.status = init.status;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
  }
}

/** True for errors that happened before any answer arrived. */
export function isTransportError(error: unknown): boolean {
  return error instanceof EndpointError && (error.code === 'network_error' || error.code === 'timeout');
}
