// CORS by exact-origin allowlist, and an answer a refused page can read.
//
// A refused origin gets `access-control-allow-origin` (and credentials) on the 403
// `origin_not_allowed` answer itself: without them the browser hides the answer and
// the widget can only say `network_error` ("check your connection") for what is a
// setup mistake. The refusal carries nothing but its code, and nothing was done for
// the call (the applicant is not resolved, no token is minted). A refused PREFLIGHT
// stays a bare 403: the widget's first call (`POST /session`, no custom header) needs
// none, so the readable refusal arrives with it. The opaque origin "null" is never
// echoed: it is any sandboxed iframe or data: page.

/** How the endpoint answers one call's Origin. */
export interface CorsDecision {
  /** False: refuse the call with 403 `origin_not_allowed`. */
  allowed: boolean;
  /** Headers for the answer (the refusal included). */
  headers: Record<string, string>;
}

/** The headers a browser needs to hand our answer to the calling page. */
function readableBy(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'retry-after, x-argos-kyc-protocol',
  };
}

/**
 * `origin` is the request's Origin header (null: not a cross-site browser call),
 * `own` the endpoint's own origin, `allowed` the normalised allowlist, `preflight`
 * whether this is an OPTIONS preflight.
 */
export function decideCors(
  origin: string | null,
  own: string,
  allowed: ReadonlySet<string>,
  preflight: boolean,
): CorsDecision {
  const vary = { vary: 'Origin' };
  if (origin === null) return { allowed: true, headers: vary };
  if (origin === own || allowed.has(origin))
    return { allowed: true, headers: { ...readableBy(origin), ...vary } };
  if (preflight || origin === 'null') return { allowed: false, headers: vary };
  return { allowed: false, headers: { ...readableBy(origin), ...vary } };
}
