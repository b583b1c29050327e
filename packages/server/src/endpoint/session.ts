// POST {base}/session: the integrator's hook says who is signed in; the answer is a
// token for them. A previous token of the same applicant (even expired, up to 24 h)
// passes its submission on, which is how a client refreshes mid-flow. A body naming a
// submission binds the new token to it once the vendor says it is the applicant's:
// how host-supplied tokens keep the submission after a reload or an app restart.
import type { SessionAnswer } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import type { SessionClaims } from '../tokens.ts';
import { bearer, sessionAnswer, type Endpoint } from './context.ts';
import { checkPhoneHandoff, handoffSession } from './handoff.ts';
import { readJsonObject } from './json-body.ts';
import { checkApplicant } from './setup-errors.ts';

/** How long after its expiry a token still says whose submission a refresh continues. */
const REFRESH_GRACE_SECONDS = 24 * 3600;

/** A token for the signed-in applicant, keeping the submission of their previous token. */
export async function session(endpoint: Endpoint, request: Request): Promise<SessionAnswer> {
  // An unusable applicant is the integrator's mistake: logged with its reason, a 500 here.
  const applicant = checkApplicant(await endpoint.options.resolveApplicant(request));
  if (!applicant) {
    // A phone that nobody signed in to refreshes the token its handoff gave it (handoff.ts).
    const previous = bearer(request);
    if (previous === null) throw new ProxyError('unauthenticated', 'No signed-in applicant.');
    return handoffSession(endpoint, previous, await requestedSubmission(request));
  }
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
    if (old.hid) {
      await checkPhoneHandoff(endpoint, old);
      claims.hid = old.hid;
    }
  }
  const wanted = await requestedSubmission(request);
  if (wanted !== null && claims.sid !== wanted) {
    if (claims.sid)
      throw new ProxyError('submission_mismatch', 'The previous token is bound to another submission.');
    await endpoint.bindOwnSubmission(claims, wanted);
  }
  return sessionAnswer(endpoint, claims);
}

/**
 * The submission a `/session` call asks to continue (`{ "submissionId": "..." }`), or null
 * for a call without a body. A host that supplies its own tokens, after a reload or an app
 * restart, names the submission its widget resumes; no previous token is needed.
 */
async function requestedSubmission(request: Request): Promise<string | null> {
  if (!request.body || !request.headers.get('content-type')) return null;
  const input = await readJsonObject(request);
  for (const key of Object.keys(input)) {
    if (key !== 'submissionId')
      throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
  }
  if (input.submissionId === undefined || input.submissionId === null) return null;
  if (typeof input.submissionId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.submissionId))
    throw new ProxyError('invalid_field', 'Field "submissionId" is not a submission id.', {
      field: 'submissionId',
    });
  return input.submissionId;
}
