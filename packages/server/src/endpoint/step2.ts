// POST {base}/step2: the reviewed fields, the address and the selfie, streamed to the
// vendor on the token's submission. The answer is the attempt's outcome in the
// protocol's words: status, attempt number, attempts left and, when incomplete, why.
import {
  MAX_STEP2_ATTEMPTS,
  STEP2_FILE_FIELDS,
  STEP2_MAX_BODY_BYTES,
  STEP2_TEXT_FIELDS,
  reasonOf,
  type Step2Answer,
  type Step2TextField,
} from '@argos-kyc/protocol';
import { ArgosError } from '../client.ts';
import { ProxyError } from '../errors.ts';
import type { OutgoingPart } from '../multipart.ts';
import type { KycResult } from '../types.ts';
import * as v from '../validate.ts';
import { reportPhoneStep } from './handoff.ts';
import type { CallContext, Endpoint } from './context.ts';
import { openMultipart, pipeUpload } from './upload.ts';

const STEP2_FIELDS: ReadonlySet<string> = new Set(STEP2_TEXT_FIELDS);
const STEP2_FILES: ReadonlySet<string> = new Set(STEP2_FILE_FIELDS);

/** One step-2 attempt through to the vendor, on the submission the token is bound to. */
export async function step2(endpoint: Endpoint, request: Request, ctx: CallContext): Promise<Step2Answer> {
  const claims = await endpoint.authenticate(request);
  if (!claims.sid)
    throw new ProxyError('submission_mismatch', 'This token is not bound to a submission; do step 1 first.');
  ctx.audit.submissionId = claims.sid;
  const reader = openMultipart(request, STEP2_MAX_BODY_BYTES, ctx, endpoint.uploadIdleTimeoutMs);
  // The Korean-only fields: the bound token says where the document is from.
  const document = claims.ctry && claims.idt ? { issuingCountry: claims.ctry, idType: claims.idt } : null;
  const fields: Record<string, string> = {};
  const accept = (name: string, value: string): string => {
    if (!STEP2_FIELDS.has(name))
      throw new ProxyError('unknown_field', `Field "${name}" is not taken here.`, { field: name });
    const clean = v.step2Field(name as Step2TextField, value, document);
    fields[name] = clean;
    return clean;
  };
  const finish = () => {
    for (const required of ['name', 'date_of_birth']) {
      if (fields[required] === undefined)
        throw new ProxyError('invalid_field', `Field "${required}" is required.`, { field: required });
    }
  };
  const fixed: OutgoingPart[] = [{ name: 'submissionId', value: claims.sid }];
  // The selfie is what step 2 is for: without it (an addressImage alone) the form is refused here.
  const upload = await pipeUpload(reader, fixed, accept, STEP2_FILES, ['faceImage'], finish);
  let result;
  try {
    result = await endpoint.client.step2Parts(upload.parts, endpoint.vendorCall);
  } catch (e) {
    const failure = upload.failure();
    if (failure) throw failure;
    // The vendor answers 400 both for a final submission and for a field it refuses:
    // its record tells which (docs/vendor-api.md #18).
    if (e instanceof ArgosError && e.kind === 'http' && e.status === 400) {
      const record = await endpoint.client.getSubmission(claims.sid, endpoint.vendorCall).catch(() => null);
      if (record && record.kyc.result !== 'incomplete')
        throw new ProxyError('attempts_exhausted', 'This submission takes no more attempts.');
    }
    throw endpoint.vendorFailure(e, 'step2');
  }
  const attempt = Math.min(MAX_STEP2_ATTEMPTS, result.retryCount + 1);
  const status: KycResult = result.kycStatus;
  const out: Step2Answer = {
    kycStatus: status,
    attempt,
    attemptsLeft: status === 'incomplete' ? Math.max(0, MAX_STEP2_ATTEMPTS - attempt) : 0,
  };
  if (status === 'incomplete' || (status === 'rejected' && result.message)) {
    out.reason = reasonOf(result.message);
    if (result.message) out.message = result.message;
  }
  // A phone's step 2 (a handoff token): its desktop sees the status.
  await reportPhoneStep(endpoint, claims, { kycStatus: status });
  if (endpoint.options.exposeScores)
    out.scores = {
      faceSimilarity: result.faceSimilarityScore ?? null,
      liveness: result.livenessScore ?? null,
    };
  return out;
}
