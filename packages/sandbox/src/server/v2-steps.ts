// The vendor's two steps: step 1 opens a submission from a document picture (OCR by
// scenario, by the code printed on the picture, or the specimen), step 2 records one
// attempt of the selfie check with the reviewed fields and the address.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NOT_SCREENED } from '../aml.ts';
import { readScenarioCode } from '../imagecode.ts';
import { SPECIMEN_PERSON, specimenOcr } from '../ocr.ts';
import { HttpError, type SandboxState } from '../state.ts';
import type { ReviewOcrData, Step1Response, Step2Outcome, Step2Response, Submission } from '../types.ts';
import { EMAIL, Fields, ID_TYPES, imageField, readForm } from './form.ts';
import { maskIdentityNumber, maskIp, sendJson } from './http.ts';

/** POST /v2/submission/step1: opens a submission from a document picture. */
export async function step1(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, 1);
  const f = new Fields(form.fields);
  const issuingCountry = f.country('issuingCountry', true)!;
  const email = f.required('email');
  if (email.length > 254 || !EMAIL.test(email))
    throw new HttpError(400, 'email must be a valid email address', 'email');
  const idType = f.oneOf('idType', ID_TYPES, true)!;
  const idImage = imageField(form, 'idImage', true)!;
  const userid = f.optional('userid');
  const cf = { cf1: f.optional('cf1'), cf2: f.optional('cf2'), cf3: f.optional('cf3') };

  // Precedence: an admin-queued scenario, then the code printed on the image, then the specimen.
  const scenario = state.takeScenario('ocr', { userid, email });
  let ocr: ReviewOcrData | undefined;
  if (scenario?.ocr !== undefined) {
    ocr = scenario.ocr === 'fail' ? undefined : { ...specimenOcr(issuingCountry, idType), ...scenario.ocr };
    delete scenario.ocr;
    state.pruneScenarios();
  } else {
    const code = readScenarioCode(idImage.bytes);
    const ocrCode = code?.startsWith('ocr-') ? code : undefined;
    ocr =
      ocrCode === 'ocr-fail'
        ? undefined
        : specimenOcr(issuingCountry, idType, ocrCode === 'ocr-default' ? undefined : ocrCode);
  }

  const submissionId = state.newSubmissionId();
  const record: Submission = {
    data: {
      idType,
      idcard_issuingCountry: issuingCountry,
      ...(ocr?.ocr_issueDate ? { idcard_issueDate: ocr.ocr_issueDate } : {}),
      ...(ocr?.ocr_expireDate ? { idcard_expireDate: ocr.ocr_expireDate } : {}),
      ...(ocr ? { documentNumber: ocr.ocr_licenseNumber ?? SPECIMEN_PERSON.documentNumber } : {}),
      ...cf,
      ip_address: maskIp(req.socket.remoteAddress),
    },
    email,
    submission_id: submissionId,
    created_at: state.nextCreatedAt(),
    ...(userid !== undefined ? { userid } : {}),
    kyc: { result: 'incomplete', attempts: [] },
    aml: { ...NOT_SCREENED },
  };
  state.submissions.set(submissionId, { record, images: { idImage } });
  const body: Step1Response = { ...(ocr ? { reviewOCRData: ocr } : {}), file_upload: true, submissionId };
  sendJson(res, 200, body);
}

/** POST /v2/submission/step2: one attempt of the selfie check on a submission. */
export async function step2(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, 2);
  const f = new Fields(form.fields);
  const submissionId = f.required('submissionId');
  const stored = state.submissions.get(submissionId);
  if (!stored) throw new HttpError(404, 'Submission not found', 'submissionId');
  const kyc = stored.record.kyc;
  if (kyc.result !== 'incomplete')
    throw new HttpError(400, `Step 2 is closed for this submission (it is ${kyc.result})`, 'submissionId');
  const faceImage = imageField(form, 'faceImage', true)!;
  const name = f.required('name');
  const dateOfBirth = f.date('date_of_birth', true)!;
  const gender = f.oneOf('gender', ['male', 'female'] as const, false);
  const nationality = f.country('nationality', false);
  const data = stored.record.data;
  const korean = data.idcard_issuingCountry === 'KOR';
  const koreanLicence = korean && data.idType === 'drivers_license';
  // Korean-only fields belong to Korean documents only (docs/vendor-api.md #16, #17).
  const identityNumber = f.matching(
    'identity_number',
    /^\d{6}-?\d{7}$/,
    'a Korean resident registration number (YYMMDD-NNNNNNN)',
  );
  if (identityNumber !== undefined && !korean)
    throw new HttpError(400, 'identity_number is only for Korean (KOR) documents', 'identity_number');
  const licenseNumber = f.matching(
    'license_number',
    /^\d{2}-?\d{2}-?\d{6}-?\d{2}$/,
    'a Korean driver licence number (NN-NN-NNNNNN-NN)',
  );
  if (licenseNumber !== undefined && !koreanLicence)
    throw new HttpError(400, 'license_number is only for Korean driver licences', 'license_number');
  const serialNumber = f.matching('serial_number', /^[A-Za-z0-9]{6}$/, '6 letters or digits');
  if (serialNumber !== undefined && !koreanLicence)
    throw new HttpError(400, 'serial_number is only for Korean driver licences', 'serial_number');
  const dateOfIssue = f.date('date_of_issue', false);
  const addressImage = imageField(form, 'addressImage', false);
  const address = {
    address_street: f.optional('address_street'),
    address_city: f.optional('address_city'),
    address_state: f.optional('address_state'),
    address_country: f.country('address_country', false),
    address_zipcode: f.optional('address_zipcode'),
    address_globalCode: f.matching(
      'globalCode',
      /^[23456789CFGHJMPQRVWX]{8}\+[23456789CFGHJMPQRVWX]{0,3}$/i,
      'a full plus code (e.g. 87C4VXX7+39)',
    ),
    address_compoundCode: f.optional('compoundCode'),
    address_formatted: f.optional('formatted_address'),
    address_input: f.optional('address_input'),
    address_detail: f.optional('address_detail'),
  };

  Object.assign(data, {
    name,
    date_of_birth: dateOfBirth,
    ...(gender ? { gender } : {}),
    ...(nationality ? { nationality } : {}),
    ...(identityNumber ? { identityNumber: maskIdentityNumber(identityNumber) } : {}),
    ...(licenseNumber ? { documentNumber: licenseNumber } : {}),
    ...(dateOfIssue ? { idcard_issueDate: dateOfIssue } : {}),
  });
  for (const [key, value] of Object.entries(address))
    if (value !== undefined) (data as Record<string, string>)[key] = value;
  stored.images.selfieImage = faceImage;
  if (addressImage) stored.images.addressImage = addressImage;
  stored.record.applicant_id = state.applicantIdFor(name, dateOfBirth, data.nationality, data.gender);
  state.screenAml(stored);

  const who = { userid: stored.record.userid, email: stored.record.email };
  let outcome: Step2Outcome;
  const scenario = state.takeScenario('step2', who);
  if (scenario) {
    outcome = scenario.step2!.shift()!;
    state.pruneScenarios();
  } else {
    const code = readScenarioCode(faceImage.bytes);
    outcome = code?.startsWith('selfie-') ? (code.slice('selfie-'.length) as Step2Outcome) : 'pass';
  }
  // The Korean ID check only exists for Korean documents.
  if (outcome === 'kor-id-fail' && !korean) outcome = 'pass';
  if (outcome === 'pass' && state.autoApprove) outcome = 'approve';
  const body: Step2Response = state.recordAttempt(stored, outcome);
  if (body.kycStatus === 'pending') {
    const withReview = state.takeScenario('review', who);
    if (withReview?.review) {
      state.review(submissionId, withReview.review);
      delete withReview.review;
      state.pruneScenarios();
    }
  }
  sendJson(res, 200, body);
}
