// CORS by allowlist: a browser names its origin on cross-site calls (and on
// same-origin POSTs); a call without Origin is not a cross-site browser call.
import { PROTOCOL_HEADER, ROUTE_METHODS, type RouteName } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';

/**
 * How a browser names `o` in its Origin header. A non-special scheme (a webview's
 * `capacitor://localhost`) has an opaque URL origin, "null", which any sandboxed
 * iframe or data: page also sends: it is kept as `scheme://host` instead, and an
 * origin without a host (file:, data:) is refused.
 */
export function allowedOrigin(o: string): string {
  const url = new URL(o);
  if (url.origin !== 'null') return url.origin;
  if (url.host) return `${url.protocol}//${url.host}`;
  throw new TypeError(
    `createKycHandler: allowedOrigins entry "${o}" has no host; an opaque origin ("null") cannot be allowed`,
  );
}

/**
 * Lets the call through when it has no Origin, its own origin, or an allowed one, and
 * sets the answer's CORS headers; a 403 `origin_not_allowed` otherwise.
 */
export function applyCors(
  headers: Headers,
  origin: string | null,
  ownOrigin: string,
  allowed: ReadonlySet<string>,
): void {
  if (origin !== null) {
    if (origin !== ownOrigin && !allowed.has(origin))
      throw new ProxyError('origin_not_allowed', 'This origin may not call the endpoint.');
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
    headers.set('access-control-expose-headers', `retry-after, ${PROTOCOL_HEADER}`);
  }
  headers.set('vary', 'Origin');
}

/** The headers of a preflight's 204 for `route`. */
export function applyPreflight(headers: Headers, route: RouteName): void {
  headers.set('access-control-allow-methods', ROUTE_METHODS[route]);
  headers.set('access-control-allow-headers', 'authorization, content-type');
  headers.set('access-control-max-age', '600');
}
