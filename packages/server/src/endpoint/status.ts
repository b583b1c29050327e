// GET {base}/status: the token's submission as the vendor records it now, in the
// protocol's words (status, attempts made, comment codes).
import type { StatusAnswer } from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import type { CallContext, Endpoint } from './context.ts';

/** The token's submission as the vendor records it, if it is the token's applicant's. */
export async function submissionStatus(
  endpoint: Endpoint,
  request: Request,
  ctx: CallContext,
): Promise<StatusAnswer> {
  const claims = await endpoint.authenticate(request);
  if (!claims.sid) throw new ProxyError('submission_mismatch', 'This token is not bound to a submission.');
  ctx.audit.submissionId = claims.sid;
  let item;
  try {
    item = await endpoint.client.getSubmission(claims.sid, endpoint.vendorCall);
  } catch (e) {
    throw endpoint.vendorFailure(e, 'status');
  }
  // Defence in depth: the token is signed, but the record must belong to its applicant too.
  if (!item || (item.userid !== undefined && item.userid !== claims.sub)) {
    throw new ProxyError('submission_mismatch', 'No submission of this applicant matches the token.');
  }
  return {
    submissionId: item.submission_id,
    kycStatus: item.kyc.result,
    attempts: item.kyc.attempts?.length ?? 0,
    commentCode: item.kyc.commentCode ?? [],
  };
}
