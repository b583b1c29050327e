// What every route shares: the options resolved to their defaults, the token
// service, the rate limits, and the few checks each route starts with (the bearer
// token, the per-applicant limit) or ends with (turning a vendor failure into ours).
import type { RouteName, SessionAnswer } from '@argos-kyc/protocol';
import { ArgosError, type ArgosClient } from '../client.ts';
import { ProxyError } from '../errors.ts';
import type { MultipartReader } from '../multipart.ts';
import type { RateLimit, RateLimitStore } from '../rate-limit.ts';
import { FallbackStore, MemoryStore, type KycStore } from '../store.ts';
import { SessionTokens, type SessionClaims, type VerifiedClaims } from '../tokens.ts';
import type { AuditEvent, ConnectionInfo, KycEndpointOptions } from './options.ts';
import { UnsettledStep1s } from './reconcile.ts';
import { vendorProblem } from './vendor-log.ts';

/** One call's own state: its audit record, the upload reader to cancel if it fails, and the connection. */
export interface CallContext {
  audit: Partial<AuditEvent>;
  reader: MultipartReader | null;
  /** What the runtime said about the connection. */
  info: ConnectionInfo | undefined;
  /** The client IP the per-IP limit counted, when one is known. */
  ip?: string;
  /** True once the client has gone away (its answer can no longer be delivered). */
  clientGone(): boolean;
}

/** The endpoint as its routes see it: one per createKycHandler. */
export interface Endpoint {
  options: KycEndpointOptions;
  tokens: SessionTokens;
  client: ArgosClient;
  limits: {
    perApplicant: RateLimit | false;
    perIp: RateLimit | false;
    step1PerApplicant: RateLimit | false;
    handoffRedeemPerIp: RateLimit | false;
  };
  /** The shared store as the handoff routes use it: its failure refuses the handoff (handoff.ts). */
  store: KycStore;
  /** Options of each vendor call. */
  vendorCall: { timeoutMs: number };
  /** The longest wait for an upload's next byte, ms (0: none). */
  uploadIdleTimeoutMs: number;
  /** Step 1 calls whose answer never reached the browser, per applicant (reconcile.ts). */
  unsettled: UnsettledStep1s;
  /** Binds `claims` to `submissionId` once the vendor confirms it is this applicant's own. */
  bindOwnSubmission(claims: SessionClaims, submissionId: string): Promise<void>;
  logError(line: string): void;
  /** Counts a hit on `key`; a 429 `rate_limited` once over `rule`. */
  limit(key: string, rule: RateLimit | false): Promise<void>;
  /** The claims of the call's bearer token, once the applicant's own limit has counted it. */
  authenticate(request: Request): Promise<VerifiedClaims>;
  /** A vendor call's failure as the answer of `route`. */
  vendorFailure(e: unknown, route: RouteName): ProxyError;
}

/** The bearer token of a request: null when there is none, '' when the header is malformed. */
export function bearer(request: Request): string | null {
  const h = request.headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(h.trim());
  return m ? m[1]! : '';
}

/** The endpoint's shared state, from the integrator's options. */
/**
 * A new token for `claims`, as the session routes answer it (`/session`, and the phone's
 * handoff redeem and refresh): one place, so a field added to the answer reaches them all.
 */
export async function sessionAnswer(endpoint: Endpoint, claims: SessionClaims): Promise<SessionAnswer> {
  const { token, expiresAt } = await endpoint.tokens.mint(claims);
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    emailRequired: claims.email === undefined,
    submissionId: claims.sid ?? null,
    applicant: await endpoint.tokens.applicantTag(claims.sub),
  };
}

export function createEndpoint(options: KycEndpointOptions): Endpoint {
  const tokens = new SessionTokens({
    secrets: options.secrets,
    issuer: options.issuer,
    ttlSeconds: options.tokenTtlSeconds,
  });
  const logError = options.logError ?? ((line: string) => console.error(line));
  const store: KycStore = options.store ?? new MemoryStore();
  // Counters and the lost step-1 calls fall back to this process's memory while a shared
  // store fails (logged once per outage); the in-memory default has nothing to fall back from.
  const shared: KycStore = options.store ? new FallbackStore(options.store, logError) : store;
  const counters: RateLimitStore = options.rateLimits?.store
    ? new FallbackStore(asKycStore(options.rateLimits.store), logError)
    : shared;
  const limits = {
    perApplicant:
      options.rateLimits?.perApplicant === undefined
        ? { limit: 30, windowMs: 60_000 }
        : options.rateLimits.perApplicant,
    perIp:
      options.rateLimits?.perIp === undefined ? { limit: 120, windowMs: 60_000 } : options.rateLimits.perIp,
    step1PerApplicant:
      options.rateLimits?.step1PerApplicant === undefined
        ? { limit: 5, windowMs: 3_600_000 }
        : options.rateLimits.step1PerApplicant,
    handoffRedeemPerIp:
      options.rateLimits?.handoffRedeemPerIp === undefined
        ? { limit: 10, windowMs: 600_000 }
        : options.rateLimits.handoffRedeemPerIp,
  };

  async function limit(key: string, rule: RateLimit | false): Promise<void> {
    if (!rule) return;
    const { count, resetAt } = await counters.hit(key, rule.windowMs);
    if (count > rule.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      throw new ProxyError('rate_limited', 'Too many requests; try again later.', { retryAfter });
    }
  }

  async function authenticate(request: Request): Promise<VerifiedClaims> {
    const token = bearer(request);
    if (token === null) throw new ProxyError('unauthenticated', 'A bearer session token is required.');
    const claims = await tokens.verify(token);
    await limit(`applicant:${claims.sub}`, limits.perApplicant);
    return claims;
  }

  function vendorFailure(e: unknown, route: RouteName): ProxyError {
    if (e instanceof ProxyError) return e;
    if (!(e instanceof ArgosError)) throw e;
    // A failure that looks like our configuration (unreachable, no such path, a refused key): one line.
    const problem = vendorProblem(e, route, options.client.baseUrl);
    if (problem) logError(problem);
    if (e.kind === 'timeout')
      return new ProxyError('vendor_timeout', 'The verification service did not answer in time.');
    if (e.kind === 'http' && e.status === 413)
      return new ProxyError('payload_too_large', 'The verification service refused the upload as too large.');
    if (e.kind === 'http' && e.status === 403) {
      return new ProxyError('internal_error', 'The verification service is misconfigured.');
    }
    if (e.kind === 'http' && e.status === 400 && (route === 'step1' || route === 'step2')) {
      return new ProxyError('vendor_error', 'The verification service refused the request.', {
        retryable: false,
      });
    }
    if (e.kind === 'http' && (e.status === 404 || e.status === 400) && route === 'address') {
      return new ProxyError('address_not_found', 'No place matches this address.');
    }
    return new ProxyError('vendor_error', 'The verification service failed.', { retryable: e.retryable });
  }

  async function bindOwnSubmission(claims: SessionClaims, submissionId: string): Promise<void> {
    let item;
    try {
      item = await options.client.getSubmission(submissionId, {
        timeoutMs: options.vendorTimeoutMs ?? 30_000,
      });
    } catch (e) {
      throw vendorFailure(e, 'session');
    }
    // Ownership by the vendor's record, never by the browser's word: an id alone binds nothing.
    if (!item || item.userid === undefined || item.userid !== claims.sub)
      throw new ProxyError('submission_mismatch', 'No submission of this applicant has this id.');
    claims.sid = submissionId;
    if (item.data.idType) claims.idt = item.data.idType;
    if (item.data.idcard_issuingCountry) claims.ctry = item.data.idcard_issuingCountry;
  }

  return {
    options,
    tokens,
    store,
    bindOwnSubmission,
    client: options.client,
    limits,
    vendorCall: { timeoutMs: options.vendorTimeoutMs ?? 30_000 },
    uploadIdleTimeoutMs: options.uploadIdleTimeoutMs ?? 30_000,
    unsettled: new UnsettledStep1s(shared),
    logError,
    limit,
    authenticate,
    vendorFailure,
  };
}

/** A counters-only store (the `rateLimits.store` option) as a KycStore that FallbackStore can wrap. */
function asKycStore(counters: RateLimitStore): KycStore {
  const unused = () => Promise.reject(new Error('rateLimits.store keeps counters only'));
  return {
    hit: (key, windowMs) => counters.hit(key, windowMs),
    get: unused,
    set: unused,
    claim: unused,
    delete: unused,
  };
}
