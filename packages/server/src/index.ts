// @argos-kyc/server: the typed Argos client, the customer-hosted endpoint and its adapters.
export { ArgosClient, ArgosError, DEFAULT_BASE_URL } from './client.ts';
export type { ArgosClientOptions, ArgosErrorKind, CallOptions } from './client.ts';
export { createKycHandler, reasonOf, MAX_IMAGE_BYTES } from './endpoint.ts';
export type {
  Applicant,
  AuditEvent,
  ConnectionInfo,
  IncompleteReason,
  KycEndpointOptions,
  KycHandler,
} from './endpoint.ts';
export { toNodeListener, toExpressMiddleware, toWebRequest, writeWebResponse } from './adapters.ts';
export { ProxyError } from './errors.ts';
export type { ProxyErrorBody, ProxyErrorCode } from './errors.ts';
export { SessionTokens } from './tokens.ts';
export type { SessionClaims, TokenOptions, TokenSecret } from './tokens.ts';
export { MemoryRateLimitStore } from './rate-limit.ts';
export { FallbackStore, MemoryStore, StoreUnavailableError } from './store.ts';
export type { KycStore } from './store.ts';
export { RedisStore, createRedisStore } from './redis-store.ts';
export type { CreateRedisStoreOptions, RedisClientLike, RedisStoreOptions } from './redis-store.ts';
export type { RateLimit, RateLimitStore } from './rate-limit.ts';
export { ISO3_COUNTRIES, isIso3 } from '@argos-kyc/protocol';
export type * from './types.ts';
export { KycConfigError } from './endpoint/setup-errors.ts';
export type { KycConfigErrorCode } from './endpoint/setup-errors.ts';
export { BodyConsumedError } from './adapters.ts';
