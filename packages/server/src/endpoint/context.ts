// What every route shares: the options resolved to their defaults, the token
// service, the rate limits, and the few checks each route starts with (the bearer
// token, the per-applicant limit) or ends with (turning a vendor failure into ours).
import type { RouteName } from '@argos-kyc/protocol';
import { ArgosError, type ArgosClient } from '../client.ts';
import { ProxyError } from '../errors.ts';
import type { MultipartReader } from '../multipart.ts';
import { MemoryRateLimitStore, type RateLimit, type RateLimitStore } from '../rate-limit.ts';
import { SessionTokens, type VerifiedClaims } from '../tokens.ts';
import type { AuditEvent, ConnectionInfo, KycEndpointOptions } from './options.ts';
import { UnsettledStep1s } from './reconcile.ts';
import { vendorProblem } from './vendor-log.ts';

/** One call's own state: its audit record, the upload reader to cancel if it fails, and the connection. */
export interface CallContext {
  audit: Partial<AuditEvent>;
  reader: MultipartReader | null;
  /** What the runtime said about the connection. */
  info: ConnectionInfo | undefined;
  /** True once the client has gone away (its answer can no longer be delivered). */
  clientGone(): boolean;
}

/** The endpoint as its routes see it: one per createKycHandler. */
export interface Endpoint {
  options: KycEndpointOptions;
  tokens: SessionTokens;
  client: ArgosClient;
  limits: { perApplicant: RateLimit | false; perIp: RateLimit | false; step1PerApplicant: RateLimit | false };
  /** Options of each vendor call. */
  vendorCall: { timeoutMs: number };
  /** The longest wait for an upload's next byte, ms (0: none). */
  uploadIdleTimeoutMs: number;
  /** Step 1 calls whose answer never reached the browser, per applicant (reconcile.ts). */
  unsettled: UnsettledStep1s;
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
export function createEndpoint(options: KycEndpointOptions): Endpoint {
  const tokens = new SessionTokens({
    secrets: options.secrets,
    issuer: options.issuer,
    ttlSeconds: options.tokenTtlSeconds,
  });
  const store: RateLimitStore = options.rateLimits?.store ?? new MemoryRateLimitStore();
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
  };
  const logError = options.logError ?? ((line: string) => console.error(line));

  async function limit(key: string, rule: RateLimit | false): Promise<void> {
    if (!rule) return;
    const { count, resetAt } = await store.hit(key, rule.windowMs);
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

  return {
    options,
    tokens,
    client: options.client,
    limits,
    vendorCall: { timeoutMs: options.vendorTimeoutMs ?? 30_000 },
    uploadIdleTimeoutMs: options.uploadIdleTimeoutMs ?? 30_000,
    unsettled: new UnsettledStep1s(),
    logError,
    limit,
    authenticate,
    vendorFailure,
  };
}
