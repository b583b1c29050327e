// The HTTP server: the Argos v2 API under /v2 and the sandbox-only admin API under
// /__sandbox, on node:http. One request, one log line, never a query value or a body.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import {
  BodyTooLargeError,
  MalformedBodyError,
  parseMultipart,
  parseUrlEncoded,
  readBody,
  type ParsedForm,
} from './body.ts';
import { isIsoAlpha3 } from './countries.ts';
import { NOT_SCREENED, findResource, renderAmlReport } from './aml.ts';
import { AddressLookupError, lookupAddress } from './gazetteer.ts';
import { readScenarioCode, sniffImageType } from './imagecode.ts';
import { SPECIMEN_PERSON, specimenOcr } from './ocr.ts';
import { HttpError, SandboxState, isStep2Outcome, type ImageKind, type StoredImage } from './state.ts';
import type {
  Fault,
  FaultInput,
  FaultKind,
  IdType,
  ReviewDecision,
  ReviewOcrData,
  Scenario,
  ScenarioInput,
  Step1Response,
  Step2Outcome,
  Step2Response,
  Submission,
  SubmissionList,
} from './types.ts';

/** 3 MiB per file (NOTES #8). */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
const FORM_OVERHEAD = 64 * 1024;
const MAX_TEXT = 1000;

/** Options of startSandbox. */
export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The key clients must send as x-api-key. Default `sandbox-key`. */
  apiKey?: string;
  /** true: one line per request to stdout; a function receives each line; false: silent. Default true. */
  log?: boolean | ((line: string) => void);
  /** Step 2 passes straight to `approved` instead of `pending`. Default false. */
  autoApprove?: boolean;
}

/** A review decision for a pending submission. */
export type ReviewInput = { submissionId: string } & ReviewDecision;

/** Typed admin methods, the same as the /__sandbox HTTP interface. */
export interface SandboxControl {
  /** Queues outcomes for matching submissions (see README: precedence). */
  scenario(input: ScenarioInput): Scenario;
  /** Approves or rejects a pending submission. */
  review(input: ReviewInput): Submission;
  /** Injects a fault for the next `times` calls of an endpoint. */
  fault(input: FaultInput): Fault;
  /** Forgets submissions, scenarios and faults. */
  reset(): void;
  /** Turns the auto-approve switch on or off. */
  configure(config: { autoApprove?: boolean }): { autoApprove: boolean };
  /** A stored submission record (a copy), or undefined. */
  submission(submissionId: string): Submission | undefined;
  /** The queued scenarios (copies). */
  scenarios(): Scenario[];
  /** The pending faults (copies). */
  faults(): Fault[];
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`; the API is at `${url}/v2`. */
  url: string;
  apiKey: string;
  control: SandboxControl;
  /** Stops listening and drops every open connection (held "timeout" calls included). */
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: HttpError): void {
  const body: Record<string, string> = { message: err.message };
  if (err.field) body.field = err.field;
  sendJson(res, err.status, body);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID_TYPES: readonly IdType[] = ['passport', 'government_id', 'drivers_license'];

/** Reads text fields with the vendor's validation; messages name the field, never its value. */
class Fields {
  constructor(private readonly map: Map<string, string>) {}

  optional(name: string): string | undefined {
    const v = this.map.get(name);
    if (v === undefined || v.trim() === '') return undefined;
    if (v.length > MAX_TEXT) throw new HttpError(400, `${name} is too long`, name);
    return v.trim();
  }

  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined) throw new HttpError(400, `${name} is required`, name);
    return v;
  }

  country(name: string, required: boolean): string | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !isIsoAlpha3(v))
      throw new HttpError(400, `${name} must be an ISO 3166-1 alpha-3 country code`, name);
    return v;
  }

  date(name: string, required: boolean): string | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !isDate(v))
      throw new HttpError(400, `${name} must be a date in YYYY-MM-DD format`, name);
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = required ? this.required(name) : this.optional(name);
    if (v !== undefined && !allowed.includes(v as T))
      throw new HttpError(400, `${name} must be one of ${allowed.join(', ')}`, name);
    return v as T | undefined;
  }

  matching(name: string, pattern: RegExp, description: string): string | undefined {
    const v = this.optional(name);
    if (v !== undefined && !pattern.test(v)) throw new HttpError(400, `${name} must be ${description}`, name);
    return v;
  }
}

function imageField(form: ParsedForm, name: string, required: boolean): StoredImage | undefined {
  const file = form.files.get(name);
  if (!file || file.bytes.length === 0) {
    if (required) throw new HttpError(400, `${name} is required (a JPEG or PNG file)`, name);
    return undefined;
  }
  if (file.bytes.length > MAX_FILE_BYTES) throw new HttpError(413, 'Request Entity Too Large', name);
  const type = sniffImageType(file.bytes);
  if (!type) throw new HttpError(400, `${name} must be a JPEG or PNG image`, name);
  return { bytes: file.bytes, type };
}

function maskIp(address: string | undefined): string {
  if (!address) return '*.*.*.*';
  const v4 = address.replace(/^::ffff:/, '');
  const parts = v4.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.*` : '*:*';
}

function maskIdentityNumber(value: string): string {
  const digits = value.replace(/-/g, '');
  return `${digits.slice(0, 6)}-${digits.slice(6, 7)}******`;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Path of a request for the log: the path, and the names (never the values) of query parameters. */
function logPath(url: URL): string {
  const names = [...new Set(url.searchParams.keys())];
  return names.length
    ? `${url.pathname}?${names.map((n) => `${encodeURIComponent(n)}=*`).join('&')}`
    : url.pathname;
}

const FAULT_KINDS: readonly FaultKind[] = ['latency', 'error500', 'error502', 'timeout', 'drop'];

/** Starts a sandbox and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? 'sandbox-key';
  const host = options.host ?? '127.0.0.1';
  const state = new SandboxState(options.autoApprove ?? false);
  const logOption = options.log ?? true;
  const log: (line: string) => void =
    typeof logOption === 'function' ? logOption : logOption ? (line) => console.log(line) : () => {};
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const later = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  // ---- scenario control -------------------------------------------------------------

  const control: SandboxControl = {
    scenario: (input) => copy(state.addScenario(validateScenario(input))),
    review: (input) => {
      if (typeof input?.submissionId !== 'string' || !input.submissionId)
        throw new HttpError(400, 'submissionId is required', 'submissionId');
      return copy(state.review(input.submissionId, input));
    },
    fault: (input) => copy(state.addFault(validateFault(input))),
    reset: () => state.reset(),
    configure: (config) => {
      if (config.autoApprove !== undefined) {
        if (typeof config.autoApprove !== 'boolean')
          throw new HttpError(400, 'autoApprove must be a boolean', 'autoApprove');
        state.autoApprove = config.autoApprove;
      }
      return { autoApprove: state.autoApprove };
    },
    submission: (id) => {
      const stored = state.submissions.get(id);
      return stored ? copy(stored.record) : undefined;
    },
    scenarios: () => copy(state.scenarios),
    faults: () => copy(state.faults),
  };

  // ---- /v2 handlers -------------------------------------------------------------------

  async function readForm(req: IncomingMessage, files: number): Promise<ParsedForm> {
    const body = await readBody(req, files * MAX_FILE_BYTES + FORM_OVERHEAD);
    return parseMultipart(body, String(req.headers['content-type'] ?? ''));
  }

  async function step1(req: IncomingMessage, res: ServerResponse): Promise<void> {
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

  async function step2(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    // NOTES #16: Korean-only fields belong to Korean documents only.
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

  function listSubmissions(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const get = (name: string): string | undefined => {
      const v = q.get(name);
      return v === null || v === '' ? undefined : v;
    };
    const countText = get('count');
    let count = 2000;
    if (countText !== undefined) {
      count = Number(countText);
      if (!/^\d+$/.test(countText) || count < 1 || count > 2000)
        throw new HttpError(400, 'count must be an integer from 1 to 2000', 'count');
    }
    const nextId = get('nextpage_id');
    const nextDate = get('nextpage_date');
    if ((nextId === undefined) !== (nextDate === undefined)) {
      const missing = nextId === undefined ? 'nextpage_id' : 'nextpage_date';
      throw new HttpError(400, 'nextpage_id and nextpage_date go together', missing);
    }
    if (nextDate !== undefined && Number.isNaN(Date.parse(nextDate)))
      throw new HttpError(400, 'nextpage_date must be an ISO 8601 date-time', 'nextpage_date');
    const submissionId = get('submission_id');
    const userid = get('userid');
    const email = get('email')?.toLowerCase();

    let items = [...state.submissions.values()].map((s) => s.record);
    if (submissionId !== undefined) items = items.filter((s) => s.submission_id === submissionId);
    if (userid !== undefined) items = items.filter((s) => s.userid === userid);
    if (email !== undefined) items = items.filter((s) => s.email.toLowerCase() === email);
    // Newest first; ties (never produced, but possible in principle) by id.
    items.sort((a, b) =>
      a.created_at === b.created_at
        ? b.submission_id.localeCompare(a.submission_id)
        : b.created_at.localeCompare(a.created_at),
    );
    if (nextId !== undefined && nextDate !== undefined) {
      const after = new Date(nextDate).toISOString();
      items = items.filter(
        (s) => s.created_at < after || (s.created_at === after && s.submission_id < nextId),
      );
    }
    const page = items.slice(0, count);
    const body: SubmissionList = { Items: copy(page) };
    const last = page[page.length - 1];
    if (items.length > count && last)
      body.nextpageKey = { id: last.submission_id, created_at: last.created_at };
    sendJson(res, 200, body);
  }

  function applicant(url: URL, res: ServerResponse): void {
    const applicantId = url.searchParams.get('applicant_id');
    if (!applicantId) throw new HttpError(400, 'applicant_id is required', 'applicant_id');
    const all = [...state.submissions.values()]
      .map((s) => s.record)
      .filter((s) => s.applicant_id === applicantId);
    if (all.length === 0) throw new HttpError(404, 'Applicant not found', 'applicant_id');
    const items = all
      .filter((s) => s.kyc.result === 'approved')
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map((s) => ({ submission_id: s.submission_id, email: s.email }));
    sendJson(res, 200, { Items: items });
  }

  function deleteSubmission(url: URL, res: ServerResponse): void {
    const id = url.searchParams.get('submission_id');
    if (!id) throw new HttpError(400, 'submission_id is required', 'submission_id');
    if (!state.submissions.delete(id)) throw new HttpError(404, 'Submission not found', 'submission_id');
    sendJson(res, 200, { message: 'success', content: `Submission #${id} deleted successfully.` });
  }

  function image(url: URL, res: ServerResponse): void {
    const id = url.searchParams.get('submission_id');
    if (!id) throw new HttpError(400, 'submission_id is required', 'submission_id');
    const type = url.searchParams.get('type');
    const kinds: readonly ImageKind[] = ['idImage', 'selfieImage', 'addressImage'];
    if (!type) throw new HttpError(400, 'type is required', 'type');
    if (!kinds.includes(type as ImageKind))
      throw new HttpError(400, `type must be one of ${kinds.join(', ')}`, 'type');
    const stored = state.submissions.get(id);
    if (!stored) throw new HttpError(404, 'Submission not found', 'submission_id');
    const img = stored.images[type as ImageKind];
    if (!img) throw new HttpError(404, 'This submission has no such image', 'type');
    const ext = img.type === 'image/png' ? 'png' : 'jpg';
    res.writeHead(200, {
      'content-type': img.type,
      'content-length': img.bytes.length,
      'content-disposition': `attachment; filename="${type}.${ext}"`,
      'cache-control': 'no-store',
    });
    res.end(img.bytes);
  }

  async function amlReport(url: URL, res: ServerResponse): Promise<void> {
    const resourceId = url.searchParams.get('resourceId');
    if (!resourceId) throw new HttpError(400, 'resourceId is required', 'resourceId');
    const entry = findResource(resourceId);
    if (!entry) throw new HttpError(404, 'AML resource not found', 'resourceId');
    const pdf = await renderAmlReport(entry);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `attachment; filename="aml-${resourceId}.pdf"`,
    });
    res.end(pdf);
  }

  async function addressCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, FORM_OVERHEAD);
    const type = String(req.headers['content-type'] ?? '');
    let fields: Map<string, string>;
    if (/^application\/json/i.test(type)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'Malformed JSON body');
      }
      fields = new Map(
        Object.entries(typeof parsed === 'object' && parsed ? parsed : {}).map(([k, v]) => [k, String(v)]),
      );
    } else if (/^multipart\/form-data/i.test(type)) {
      fields = (await parseMultipart(body, type)).fields;
    } else {
      fields = parseUrlEncoded(body);
    }
    const address = fields.get('address');
    if (!address || !address.trim()) throw new HttpError(400, 'address is required', 'address');
    if (address.length > MAX_TEXT) throw new HttpError(400, 'address is too long', 'address');
    try {
      sendJson(res, 200, lookupAddress(address));
    } catch (err) {
      if (err instanceof AddressLookupError) throw new HttpError(err.status, err.message, 'address');
      throw err;
    }
  }

  // ---- /__sandbox handlers ------------------------------------------------------------

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const body = await readBody(req, 1024 * 1024);
    if (body.length === 0) return {};
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      return parsed as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'Body must be a JSON object');
    }
  }

  async function admin(
    method: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const route = `${method} ${path}`;
    switch (route) {
      case 'POST /__sandbox/scenarios':
        return sendJson(res, 201, { scenario: control.scenario((await readJson(req)) as ScenarioInput) });
      case 'GET /__sandbox/scenarios':
        return sendJson(res, 200, { scenarios: control.scenarios() });
      case 'POST /__sandbox/review': {
        const body = await readJson(req);
        return sendJson(res, 200, { submission: control.review(body as unknown as ReviewInput) });
      }
      case 'POST /__sandbox/faults':
        return sendJson(res, 201, { fault: control.fault((await readJson(req)) as unknown as FaultInput) });
      case 'GET /__sandbox/faults':
        return sendJson(res, 200, { faults: control.faults() });
      case 'POST /__sandbox/reset':
        control.reset();
        return sendJson(res, 200, { message: 'reset' });
      case 'POST /__sandbox/config':
        return sendJson(res, 200, control.configure((await readJson(req)) as { autoApprove?: boolean }));
      case 'GET /__sandbox/config':
        return sendJson(res, 200, control.configure({}));
      default:
        throw new HttpError(404, 'Not Found');
    }
  }

  // ---- routing --------------------------------------------------------------------------

  const routes: Record<
    string,
    Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>>
  > = {
    '/v2/submission': {
      GET: (_req, res, url) => listSubmissions(url, res),
      DELETE: (_req, res, url) => deleteSubmission(url, res),
    },
    '/v2/submission/applicant': { GET: (_req, res, url) => applicant(url, res) },
    '/v2/submission/step1': { POST: (req, res) => step1(req, res) },
    '/v2/submission/step2': { POST: (req, res) => step2(req, res) },
    '/v2/address_code': { POST: (req, res) => addressCode(req, res) },
    '/v2/report/aml': { GET: (_req, res, url) => amlReport(url, res) },
    '/v2/image': { GET: (_req, res, url) => image(url, res) },
  };

  async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await later(fault.ms);
        return false;
      case 'drop':
        req.socket.destroy();
        return true;
      case 'timeout':
        // Never answer; close() destroys the socket.
        return true;
      case 'error500':
      case 'error502':
        // Drain (without keeping) the body so the client reads the answer.
        req.resume();
        await new Promise((resolve) =>
          req.complete ? resolve(undefined) : req.once('end', resolve).once('close', resolve),
        );
        sendJson(res, fault.kind === 'error500' ? 500 : 502, {
          message: fault.kind === 'error500' ? 'Internal Server Error' : 'Bad Gateway',
        });
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const key = req.headers['x-api-key'];
    const isApi = path.startsWith('/v2/') || path.startsWith('/__sandbox/');
    if (!isApi) throw new HttpError(404, 'Not Found');
    if (typeof key !== 'string' || !safeEqual(key, apiKey)) throw new HttpError(403, 'Forbidden');
    if (path.startsWith('/__sandbox/')) return admin(method, path, req, res);
    const route = routes[path];
    if (!route) throw new HttpError(404, 'Not Found');
    const handler = route[method];
    if (!handler) {
      res.setHeader('allow', Object.keys(route).join(', '));
      throw new HttpError(405, 'Method Not Allowed');
    }
    const fault = state.takeFault(method, path);
    if (fault && (await applyFault(fault, req, res))) return;
    await handler(req, res, url);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    res.on('close', () => {
      const status = res.headersSent ? String(res.statusCode) : 'dropped';
      log(`${req.method} ${logPath(url)} ${status} ${Math.round(performance.now() - started)}ms`);
    });
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof BodyTooLargeError) {
        // Answer at once and close: the rest of the body is never read.
        res.setHeader('connection', 'close');
        sendError(res, new HttpError(413, 'Request Entity Too Large'));
        res.once('finish', () => setTimeout(() => req.socket.destroy(), 50).unref());
        return;
      }
      if (err instanceof MalformedBodyError) return sendError(res, new HttpError(400, err.message));
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('connection', 'close');
        return sendError(res, err);
      }
      // A bug: say so without details (they could hold request data).
      log(`sandbox internal error: ${err instanceof Error ? err.name : 'unknown'}`);
      sendError(res, new HttpError(500, 'Internal Server Error'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Leave slack for the client's own timeouts; the 'timeout' fault relies on that.
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${displayHost}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    apiKey,
    control,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      })),
  };
}

function validateScenario(input: ScenarioInput): ScenarioInput {
  if (typeof input !== 'object' || input === null) throw new HttpError(400, 'A scenario must be an object');
  const out: ScenarioInput = {};
  if (input.userid !== undefined) {
    if (typeof input.userid !== 'string' || !input.userid)
      throw new HttpError(400, 'userid must be a non-empty string', 'userid');
    out.userid = input.userid;
  }
  if (input.email !== undefined) {
    if (typeof input.email !== 'string' || !input.email)
      throw new HttpError(400, 'email must be a non-empty string', 'email');
    out.email = input.email;
  }
  if (input.any !== undefined && typeof input.any !== 'boolean')
    throw new HttpError(400, 'any must be a boolean', 'any');
  if (input.any && (out.userid || out.email))
    throw new HttpError(400, 'any excludes userid and email', 'any');
  if (input.ocr !== undefined) {
    if (
      input.ocr !== 'fail' &&
      (typeof input.ocr !== 'object' || input.ocr === null || Array.isArray(input.ocr))
    ) {
      throw new HttpError(400, 'ocr must be "fail" or an object of OCR fields', 'ocr');
    }
    if (typeof input.ocr === 'object') {
      for (const [k, v] of Object.entries(input.ocr)) {
        if (!k.startsWith('ocr_') || typeof v !== 'string')
          throw new HttpError(400, 'ocr fields are ocr_* strings', 'ocr');
      }
    }
    out.ocr = input.ocr;
  }
  if (input.step2 !== undefined) {
    if (!Array.isArray(input.step2) || !input.step2.every(isStep2Outcome)) {
      throw new HttpError(
        400,
        'step2 must be a list of: pass, approve, no-face, two-faces, low-similarity, low-liveness, kor-id-fail',
        'step2',
      );
    }
    out.step2 = [...input.step2];
  }
  if (input.review !== undefined) {
    const r = input.review as Partial<{ decision: string; commentCode: string; comment: string }>;
    if (
      r.decision !== 'approve' &&
      !(r.decision === 'reject' && typeof r.commentCode === 'string' && r.commentCode)
    ) {
      throw new HttpError(
        400,
        'review must be {decision:"approve"} or {decision:"reject", commentCode}',
        'review',
      );
    }
    out.review = input.review;
  }
  if (out.ocr === undefined && out.step2 === undefined && out.review === undefined) {
    throw new HttpError(400, 'A scenario needs ocr, step2 or review', 'step2');
  }
  return out;
}

function validateFault(input: FaultInput): FaultInput {
  if (typeof input !== 'object' || input === null) throw new HttpError(400, 'A fault must be an object');
  if (typeof input.path !== 'string' || !(input.path === '*' || input.path.startsWith('/v2/'))) {
    throw new HttpError(400, 'path must be a /v2/... path or *', 'path');
  }
  if (!FAULT_KINDS.includes(input.kind))
    throw new HttpError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`, 'kind');
  if (input.ms !== undefined && (!Number.isInteger(input.ms) || input.ms < 0 || input.ms > 600_000))
    throw new HttpError(400, 'ms must be 0..600000', 'ms');
  if (input.times !== undefined && (!Number.isInteger(input.times) || input.times < 1))
    throw new HttpError(400, 'times must be a positive integer', 'times');
  if (input.method !== undefined && typeof input.method !== 'string')
    throw new HttpError(400, 'method must be a string', 'method');
  return { ...input, path: input.path.replace(/\/+$/, '') || input.path };
}
