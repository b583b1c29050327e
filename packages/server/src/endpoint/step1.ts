// POST {base}/step1: the document's type, country and picture (and the email when the
// integrator has none), streamed to the vendor, which opens a submission. The answer
// carries the OCR and a token bound to the submission and its document.
import {
  STEP1_FILE_FIELDS,
  STEP1_MAX_BODY_BYTES,
  STEP1_TEXT_FIELDS,
  type IdType,
  type OcrAnswer,
  type Step1Answer,
  type Step1TextField,
} from '@argos-kyc/protocol';
import { ArgosError } from '../client.ts';
import { ProxyError } from '../errors.ts';
import type { OutgoingPart } from '../multipart.ts';
import type { SessionClaims } from '../tokens.ts';
import type { ReviewOcrData } from '../types.ts';
import * as v from '../validate.ts';
import type { CallContext, Endpoint } from './context.ts';
import { reportPhoneStep } from './handoff.ts';
import { findLostSubmission } from './reconcile.ts';
import { openMultipart, pipeUpload } from './upload.ts';

const STEP1_FIELDS: ReadonlySet<string> = new Set(STEP1_TEXT_FIELDS);
const STEP1_FILES: ReadonlySet<string> = new Set(STEP1_FILE_FIELDS);

/** The vendor's OCR object in the protocol's names; null when the OCR read nothing. */
function ocrOf(ocr: ReviewOcrData | undefined): OcrAnswer | null {
  if (!ocr) return null;
  return {
    name: ocr.ocr_name ?? null,
    firstName: ocr.ocr_firstName ?? null,
    lastName: ocr.ocr_lastName ?? null,
    birthDate: ocr.ocr_birthDate ?? null,
    gender: ocr.ocr_gender ?? null,
    nationality: ocr.ocr_nationality ?? null,
    issueDate: ocr.ocr_issueDate ?? null,
    expireDate: ocr.ocr_expireDate ?? null,
    identityNumber: ocr.ocr_identityNumber ?? null,
    licenseNumber: ocr.ocr_licenseNumber ?? null,
  };
}

/** Step 1 through to the vendor; a token bound to the new submission and its document. */
export async function step1(endpoint: Endpoint, request: Request, ctx: CallContext): Promise<Step1Answer> {
  const claims = await endpoint.authenticate(request);
  if (claims.sid)
    throw new ProxyError(
      'submission_mismatch',
      'This token is bound to a submission already; step 1 is done.',
    );
  const reader = openMultipart(request, STEP1_MAX_BODY_BYTES, ctx, endpoint.uploadIdleTimeoutMs);
  const fields: Record<string, string> = {};
  const fixed: OutgoingPart[] = [{ name: 'userid', value: claims.sub }];
  for (const k of ['cf1', 'cf2', 'cf3'] as const)
    if (claims[k] !== undefined) fixed.push({ name: k, value: claims[k] });
  if (claims.email) fixed.push({ name: 'email', value: claims.email });
  const accept = (name: string, value: string): string => {
    if (!STEP1_FIELDS.has(name) || (name === 'email' && claims.email)) {
      throw new ProxyError('unknown_field', `Field "${name}" is not taken here.`, { field: name });
    }
    const clean = v.step1Field(name as Step1TextField, value);
    fields[name] = clean;
    return clean;
  };
  const finish = () => {
    for (const required of ['idType', 'issuingCountry', ...(claims.email ? [] : ['email'])]) {
      if (fields[required] === undefined)
        throw new ProxyError('invalid_field', `Field "${required}" is required.`, { field: required });
    }
  };
  const upload = await pipeUpload(reader, fixed, accept, STEP1_FILES, ['idImage'], finish);

  /** The answer of a step 1 on `submissionId`: a token bound to it and its document. */
  const bind = async (submissionId: string, ocr: ReviewOcrData | undefined): Promise<Step1Answer> => {
    ctx.audit.submissionId = submissionId;
    const bound: SessionClaims = {
      sub: claims.sub,
      sid: submissionId,
      idt: fields.idType as IdType,
      ctry: fields.issuingCountry!,
      email: claims.email ?? fields.email!,
    };
    for (const k of ['cf1', 'cf2', 'cf3', 'hid'] as const) if (claims[k] !== undefined) bound[k] = claims[k];
    // A phone's step 1 (a handoff token): its desktop sees the document done.
    await reportPhoneStep(endpoint, claims, { submissionId });
    const { token, expiresAt } = await endpoint.tokens.mint(bound);
    return { submissionId, ocr: ocrOf(ocr), token, expiresAt: expiresAt.toISOString() };
  };
  // The document, when its fields came before the image (as the widget sends them).
  const document =
    fields.idType !== undefined && fields.issuingCountry !== undefined
      ? { idType: fields.idType, issuingCountry: fields.issuingCountry }
      : null;

  // A step 1 of this applicant whose answer was lost: its submission, if the vendor
  // has it for this document, is this one's, and nothing is uploaded (reconcile.ts).
  const unsettled = await endpoint.unsettled.get(claims.sub);
  if (unsettled && document) {
    let lost: string | null;
    try {
      lost = await findLostSubmission(endpoint, claims.sub, unsettled, document);
    } catch (e) {
      throw endpoint.vendorFailure(e, 'step1');
    }
    if (lost) {
      await upload.discard();
      await endpoint.unsettled.delete(claims.sub);
      return bind(lost, undefined);
    }
  }

  // Counted once the fields before the image and the image's type have passed, just
  // before Argos is called (a refused form spends nothing), and before the call
  // rather than after it, so that parallel calls cannot all slip under the budget.
  await endpoint.limit(`step1:${claims.sub}`, endpoint.limits.step1PerApplicant);
  const started = Date.now();
  let result;
  try {
    result = await endpoint.client.step1Parts(upload.parts, endpoint.vendorCall);
  } catch (e) {
    const failure = upload.failure();
    if (failure) throw failure;
    // The whole form left and no answer came: the vendor may have opened a submission.
    if (upload.complete() && e instanceof ArgosError && (e.kind === 'timeout' || e.kind === 'network')) {
      await endpoint.unsettled.set(claims.sub, { at: started });
      if (document && !ctx.clientGone()) {
        // One quick look now; the next step 1 looks again before uploading.
        const quick = { timeoutMs: Math.min(endpoint.vendorCall.timeoutMs, 5_000) };
        const lost = await findLostSubmission(endpoint, claims.sub, { at: started }, document, quick).catch(
          () => null,
        );
        if (lost) {
          await endpoint.unsettled.delete(claims.sub);
          return bind(lost, undefined);
        }
      }
    }
    throw endpoint.vendorFailure(e, 'step1');
  }
  // A browser gone by now never gets this answer: remember the submission for its retry.
  if (ctx.clientGone())
    await endpoint.unsettled.set(claims.sub, { at: started, submissionId: result.submissionId });
  else await endpoint.unsettled.delete(claims.sub);
  return bind(result.submissionId, result.reviewOCRData);
}
