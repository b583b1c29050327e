// What an integrator configures and gets back: the options of createKycHandler, the
// applicant their hook resolves, the audit events and the handler's type.
import type { ArgosClient } from '../client.ts';
import type { ProxyErrorCode } from '../errors.ts';
import type { BodySource } from '../multipart.ts';
import type { RateLimit, RateLimitStore } from '../rate-limit.ts';
import type { KycStore } from '../store.ts';
import type { TokenSecret } from '../tokens.ts';

/** The signed-in applicant, as the integrator knows them. */
export interface Applicant {
  userid: string;
  email?: string;
  cf1?: string;
  cf2?: string;
  cf3?: string;
}

/** A PII-free record of one call of the endpoint. */
export interface AuditEvent {
  type:
    | 'session'
    | 'step1'
    | 'step2'
    | 'address'
    | 'status'
    | 'handoff'
    | 'handoff/redeem'
    | 'handoff/progress'
    | 'handoff/cancel'
    | 'preflight'
    | 'other';
  submissionId?: string;
  /** The HTTP status answered; 499 when the client went away before the answer (nothing was answered). */
  status: number;
  /** The error code, when the call failed; `client_closed` with 499 (never logged as an error). */
  code?: ProxyErrorCode | 'client_closed';
  /** Time spent, ms. */
  ms: number;
  /** `handoff_guess`: a redemption of a code never issued (or long expired), or over the per-IP redemption limit. */
  suspect?: 'handoff_guess';
}

/** What a runtime knows about the connection besides the Request. */
export interface ConnectionInfo {
  /** The peer's IP address. */
  clientAddress?: string;
  /** The request body as the runtime reads it, when that is cheaper than `request.body` (the Node adapter's). */
  body?: BodySource;
  /** Aborted when the client goes away before the answer is written. */
  closed?: AbortSignal;
  /** The request's method when a Request cannot carry it (CONNECT, TRACE, TRACK); the Request is then a GET. */
  method?: string;
}

/** Options of the endpoint. */
export interface KycEndpointOptions {
  /** The Argos client holding the API key. */
  client: ArgosClient;
  /** Who is signed in: the applicant, or null (401). Reads the integrator's own cookie or header. */
  resolveApplicant(request: Request): Applicant | null | Promise<Applicant | null>;
  /** Token signing secrets; the first signs, any verifies. */
  secrets: TokenSecret[];
  /** Token issuer; default "argos-kyc-server". */
  issuer?: string;
  /** Token lifetime in seconds; default 900. */
  tokenTtlSeconds?: number;
  /** Where the routes live; default "/kyc". */
  basePath?: string;
  /** Origins allowed to call from a browser, e.g. ["https://shop.example"]. Same-origin calls are always allowed. */
  allowedOrigins?: string[];
  /**
   * Per-applicant and per-IP limits on every call, the stricter per-applicant budget
   * of step 1 (each step 1 that reaches Argos creates a paid submission; default 5 per
   * hour), false turning one off, and the store they share.
   */
  rateLimits?: {
    perApplicant?: RateLimit | false;
    perIp?: RateLimit | false;
    step1PerApplicant?: RateLimit | false;
    /** Handoff redemptions per IP, the guard against guessing codes; default 10 per 10 minutes. */
    handoffRedeemPerIp?: RateLimit | false;
    /** Where the counters alone are kept; default `store`. */
    store?: RateLimitStore;
  };
  /**
   * What several instances must share: handoff codes, rate-limit counters, the step-1
   * budget, lost step-1 calls. Default: this process's memory (MemoryStore). Behind a
   * load balancer, a RedisStore (`createRedisStore`); server README, "Several instances".
   */
  store?: KycStore;
  /** Pass step 2's liveness and face-similarity scores to the browser; default false. */
  exposeScores?: boolean;
  /** Receives one PII-free event per call. */
  onAudit?(event: AuditEvent): void;
  /** Where internal errors are reported (one line, no PII); default console.error. */
  logError?(line: string): void;
  /**
   * The client IP for rate limits; default the connection's address (set `trustProxy`-like
   * logic here). Without it, a runtime that passes no address is refused (server README).
   */
  getClientIp?(request: Request, info: ConnectionInfo | undefined): string | undefined;
  /**
   * How long to wait on the vendor at a time, ms: for it to take the next part of an
   * upload, and for its answer; default 30,000. The applicant's pace is not counted.
   */
  vendorTimeoutMs?: number;
  /**
   * How long a handoff code lives, seconds: at most (and by default) 600; the desktop then
   * asks for the next one after half of it, or 2 minutes if sooner. Shorter for tests.
   */
  handoffCodeTtlSeconds?: number;
  /**
   * An upload that sends no byte for this long, ms, is answered 408 `upload_timeout`,
   * its connection closed and its vendor request aborted; default 30,000; 0 turns it off.
   */
  uploadIdleTimeoutMs?: number;
}

/** A web-standard request handler. */
export type KycHandler = ((request: Request, info?: ConnectionInfo) => Promise<Response>) & {
  basePath: string;
  /** Where the adapters report setup mistakes they meet (the `logError` option). */
  logError?: (line: string) => void;
};
