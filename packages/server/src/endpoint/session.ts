// POST {base}/session: the integrator's hook says who is signed in; the answer is a
// token for them. A previous token of the same applicant (even expired, up to 24 h)
// passes its submission on, which is how a client refreshes mid-flow.
import type { SessionAnswer } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import type { SessionClaims } from '../tokens.ts';
import * as v from '../validate.ts';
import { bearer, type Endpoint } from './context.ts';

/** How long after its expiry a token still says whose submission a refresh continues. */
const REFRESH_GRACE_SECONDS = 24 * 3600;

/** A token for the signed-in applicant, keeping the submission of their previous token. */
export async function session(endpoint: Endpoint, request: Request): Promise<SessionAnswer> {
  const applicant = await endpoint.options.resolveApplicant(request);
  if (!applicant) throw new ProxyError('unauthenticated', 'No signed-in applicant.');
  if (
    typeof applicant.userid !== 'string' ||
    applicant.userid.length === 0 ||
    applicant.userid.length > 200
  ) {
    throw new Error('resolveApplicant returned an applicant without a usable userid');
  }
  if (applicant.email !== undefined) v.email('email', applicant.email);
  await endpoint.limit(`applicant:${applicant.userid}`, endpoint.limits.perApplicant);
  const claims: SessionClaims = { sub: applicant.userid };
  for (const k of ['email', 'cf1', 'cf2', 'cf3'] as const)
    if (applicant[k] !== undefined) claims[k] = applicant[k];
  const previous = bearer(request);
  if (previous !== null) {
    const old = await endpoint.tokens.verify(previous, REFRESH_GRACE_SECONDS);
    if (old.sub !== applicant.userid)
      throw new ProxyError('submission_mismatch', 'The previous token belongs to another applicant.');
    if (old.sid) {
      claims.sid = old.sid;
      if (old.idt) claims.idt = old.idt;
      if (old.ctry) claims.ctry = old.ctry;
      claims.email ??= old.email;
    }
  }
  const { token, expiresAt } = await endpoint.tokens.mint(claims);
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    emailRequired: claims.email === undefined,
    submissionId: claims.sid ?? null,
  };
}
