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

/** The headers a browser needs to hand our answer to the calling page, cookies included. */
function readableBy(headers: Headers, origin: string): void {
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  headers.set('access-control-expose-headers', `retry-after, ${PROTOCOL_HEADER}`);
}

/**
 * Lets the call through when it has no Origin, its own origin, or an allowed one, and
 * sets the answer's CORS headers; a 403 `origin_not_allowed` otherwise.
 *
 * A refused call's 403 carries the CORS headers too: without them the browser hides
 * the answer and the widget can only say `network_error` ("check your connection")
 * for what is a setup mistake. The refusal holds nothing but its code, and nothing was
 * done for the call. A refused PREFLIGHT stays a bare 403: the widget's first call
 * (`POST /session`, no custom header) needs none, so the readable refusal arrives with
 * it. The opaque origin "null" (any sandboxed iframe or data: page) is never echoed.
 */
export function applyCors(
  headers: Headers,
  origin: string | null,
  ownOrigin: string,
  allowed: ReadonlySet<string>,
  preflight = false,
): void {
  headers.set('vary', 'Origin');
  if (origin === null) return;
  if (origin !== ownOrigin && !allowed.has(origin)) {
    if (!preflight && origin !== 'null') readableBy(headers, origin);
    throw new ProxyError('origin_not_allowed', 'This origin may not call the endpoint.');
  }
  readableBy(headers, origin);
}

/** The headers of a preflight's 204 for `route`. */
export function applyPreflight(headers: Headers, route: RouteName): void {
  headers.set('access-control-allow-methods', ROUTE_METHODS[route]);
  headers.set('access-control-allow-headers', 'authorization, content-type');
  headers.set('access-control-max-age', '600');
}
