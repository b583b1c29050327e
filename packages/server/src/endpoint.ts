// The customer-hosted endpoint: a web-standard handler `(Request) => Promise<Response>`
// that mints session tokens and forwards the four calls the widget needs, and
// nothing else, to Argos. Every byte from the browser is treated as hostile:
// identity comes from the integrator's hook and the signed token, never from
// the body; fields are validated before the vendor sees them; uploads are
// streamed, sniffed and counted on the way through.
//
// Field order in uploads: text fields that come before the first image are read
// and validated before the vendor is called at all. From the first image on, the
// outgoing multipart body is a stream built as the incoming one is read: the image
// passes through chunk by chunk; a field after it is validated when it arrives,
// and if it (or a required field that never came) fails, the outgoing stream is
// errored before its closing delimiter, which aborts the upstream request, and
// the browser gets our 4xx. The vendor never receives a complete request that
// failed our checks. The widget sends text fields first, so in practice every
// check runs before the first image byte leaves.
import {
  JSON_MAX_BODY_BYTES,
  MAX_IMAGE_BYTES,
  MAX_STEP2_ATTEMPTS,
  MAX_TEXT_FIELD_BYTES,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  ROUTE_METHODS,
  STEP1_FILE_FIELDS,
  STEP1_MAX_BODY_BYTES,
  STEP1_TEXT_FIELDS,
  STEP2_FILE_FIELDS,
  STEP2_MAX_BODY_BYTES,
  STEP2_TEXT_FIELDS,
  languageProblem,
  reasonOf,
  type AddressAnswer,
  type OcrAnswer,
  type RouteName,
  type SessionAnswer,
  type StatusAnswer,
  type Step1Answer,
  type Step1TextField,
  type Step2Answer,
  type Step2TextField,
} from '@argos-kyc/protocol';
import { ArgosError, type ArgosClient } from './client.ts';
import { ProxyError, type ProxyErrorCode } from './errors.ts';
import { boundaryOf, MultipartReader, type OutgoingPart, type PartHead } from './multipart.ts';
import { ipBucket, MemoryRateLimitStore, type RateLimit, type RateLimitStore } from './rate-limit.ts';
import { SessionTokens, type SessionClaims, type TokenSecret, type VerifiedClaims } from './tokens.ts';
import type { KycResult, ReviewOcrData } from './types.ts';
import * as v from './validate.ts';

/** The signed-in applicant, as the integrator knows them. */
export interface Applicant {
  userid: string;
  email?: string;
  cf1?: string;
  cf2?: string;
  cf3?: string;
}

/** A PII-free record of one call of the endpoint. */
export interface AuditEvent {
  type: 'session' | 'step1' | 'step2' | 'address' | 'status' | 'preflight' | 'other';
  submissionId?: string;
  /** The HTTP status answered. */
  status: number;
  /** The error code, when the call failed. */
  code?: ProxyErrorCode;
  /** Time spent, ms. */
  ms: number;
}

/** What a runtime knows about the connection besides the Request. */
export interface ConnectionInfo {
  /** The peer's IP address. */
  clientAddress?: string;
}

/** Options of the endpoint. */
export interface KycEndpointOptions {
  /** The Argos client holding the API key. */
  client: ArgosClient;
  /** Who is signed in: the applicant, or null (401). Reads the integrator's own cookie or header. */
  resolveApplicant(request: Request): Applicant | null | Promise<Applicant | null>;
  /** Token signing secrets; the first signs, any verifies. */
  secrets: TokenSecret[];
  /** Token issuer; default "argos-kyc-server". */
  issuer?: string;
  /** Token lifetime in seconds; default 900. */
  tokenTtlSeconds?: number;
  /** Where the routes live; default "/kyc". */
  basePath?: string;
  /** Origins allowed to call from a browser, e.g. ["https://shop.example"]. Same-origin calls are always allowed. */
  allowedOrigins?: string[];
  /**
   * Per-applicant and per-IP limits on every call, the stricter per-applicant budget
   * of step 1 (each step 1 that reaches Argos creates a paid submission; default 5 per
   * hour), false turning one off, and the store they share.
   */
  rateLimits?: {
    perApplicant?: RateLimit | false;
    perIp?: RateLimit | false;
    step1PerApplicant?: RateLimit | false;
    store?: RateLimitStore;
  };
  /** Pass step 2's liveness and face-similarity scores to the browser; default false. */
  exposeScores?: boolean;
  /** Receives one PII-free event per call. */
  onAudit?(event: AuditEvent): void;
  /** Where internal errors are reported (one line, no PII); default console.error. */
  logError?(line: string): void;
  /** The client IP for rate limits; default the connection's address (set `trustProxy`-like logic here). */
  getClientIp?(request: Request, info: ConnectionInfo | undefined): string | undefined;
  /** Timeout of each vendor call, ms; default 30,000. */
  vendorTimeoutMs?: number;
}

/** A web-standard request handler. */
export type KycHandler = ((request: Request, info?: ConnectionInfo) => Promise<Response>) & {
  basePath: string;
};

export { MAX_IMAGE_BYTES, reasonOf, type IncompleteReason } from '@argos-kyc/protocol';

const REFRESH_GRACE_SECONDS = 24 * 3600;
const STEP1_FIELDS: ReadonlySet<string> = new Set(STEP1_TEXT_FIELDS);
const STEP2_FIELDS: ReadonlySet<string> = new Set(STEP2_TEXT_FIELDS);
const STEP1_FILES: ReadonlySet<string> = new Set(STEP1_FILE_FIELDS);
const STEP2_FILES: ReadonlySet<string> = new Set(STEP2_FILE_FIELDS);

interface CallContext {
  audit: Partial<AuditEvent>;
  reader: MultipartReader | null;
}

type Route = RouteName;
const ROUTES = ROUTE_METHODS;

function bearer(request: Request): string | null {
  const h = request.headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(h.trim());
  return m ? m[1]! : '';
}

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

/**
 * How a browser names `o` in its Origin header. A non-special scheme (a webview's
 * `capacitor://localhost`) has an opaque URL origin, "null", which any sandboxed
 * iframe or data: page also sends: it is kept as `scheme://host` instead, and an
 * origin without a host (file:, data:) is refused.
 */
function allowedOrigin(o: string): string {
  const url = new URL(o);
  if (url.origin !== 'null') return url.origin;
  if (url.host) return `${url.protocol}//${url.host}`;
  throw new TypeError(
    `createKycHandler: allowedOrigins entry "${o}" has no host; an opaque origin ("null") cannot be allowed`,
  );
}

/** Creates the endpoint's handler. Mount it with the Node or Express adapter, or as a fetch handler. */
export function createKycHandler(options: KycEndpointOptions): KycHandler {
  const basePath = '/' + (options.basePath ?? '/kyc').replace(/^\/+|\/+$/g, '');
  const tokens = new SessionTokens({
    secrets: options.secrets,
    issuer: options.issuer,
    ttlSeconds: options.tokenTtlSeconds,
  });
  const client = options.client;
  const allowed = new Set((options.allowedOrigins ?? []).map(allowedOrigin));
  const store = options.rateLimits?.store ?? new MemoryRateLimitStore();
  const perApplicant =
    options.rateLimits?.perApplicant === undefined
      ? { limit: 30, windowMs: 60_000 }
      : options.rateLimits.perApplicant;
  const perIp =
    options.rateLimits?.perIp === undefined ? { limit: 120, windowMs: 60_000 } : options.rateLimits.perIp;
  const step1PerApplicant =
    options.rateLimits?.step1PerApplicant === undefined
      ? { limit: 5, windowMs: 3_600_000 }
      : options.rateLimits.step1PerApplicant;
  const logError = options.logError ?? ((line: string) => console.error(line));
  const vendorCall = { timeoutMs: options.vendorTimeoutMs ?? 30_000 };

  async function limit(key: string, rule: RateLimit | false): Promise<void> {
    if (!rule) return;
    const { count, resetAt } = await store.hit(key, rule.windowMs);
    if (count > rule.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      throw new ProxyError('rate_limited', 'Too many requests; try again later.', { retryAfter });
    }
  }

  async function authenticate(request: Request): Promise<VerifiedClaims> {
    const token = bearer(request);
    if (token === null) throw new ProxyError('unauthenticated', 'A bearer session token is required.');
    const claims = await tokens.verify(token);
    await limit(`applicant:${claims.sub}`, perApplicant);
    return claims;
  }

  function vendorFailure(e: unknown, route: Route): ProxyError {
    if (e instanceof ProxyError) return e;
    if (!(e instanceof ArgosError)) throw e;
    if (e.kind === 'timeout')
      return new ProxyError('vendor_timeout', 'The verification service did not answer in time.');
    if (e.kind === 'http' && e.status === 413)
      return new ProxyError('payload_too_large', 'The verification service refused the upload as too large.');
    if (e.kind === 'http' && e.status === 403) {
      logError(
        `argos-kyc: the vendor refused the API key on ${route} (HTTP 403); check the server configuration`,
      );
      return new ProxyError('internal_error', 'The verification service is misconfigured.');
    }
    if (e.kind === 'http' && e.status === 400 && (route === 'step1' || route === 'step2')) {
      return new ProxyError('vendor_error', 'The verification service refused the request.', {
        retryable: false,
      });
    }
    if (e.kind === 'http' && (e.status === 404 || e.status === 400) && route === 'address') {
      return new ProxyError('address_not_found', 'No place matches this address.');
    }
    return new ProxyError('vendor_error', 'The verification service failed.', { retryable: e.retryable });
  }

  /** Reads the first bytes of an image part, judges its type, then streams it on with a byte count. */
  async function openImage(
    reader: MultipartReader,
    head: PartHead,
    record: (e: unknown) => ProxyError,
  ): Promise<OutgoingPart> {
    const field = head.name;
    const first: Uint8Array[] = [];
    let size = 0;
    let chunk: Uint8Array | null = null;
    while (size < 8 && (chunk = await reader.readChunk()) !== null) {
      first.push(chunk);
      size += chunk.byteLength;
    }
    if (size === 0) throw new ProxyError('invalid_field', `Field "${field}" is an empty file.`, { field });
    const joined = first.length === 1 ? first[0]! : Buffer.concat(first);
    const kind = v.sniffImage(joined);
    if (!kind)
      throw new ProxyError('unsupported_image', `Field "${field}" is not a JPEG or PNG image.`, { field });
    const tooLarge = () =>
      new ProxyError('payload_too_large', `Field "${field}" is larger than ${MAX_IMAGE_BYTES} bytes.`, {
        field,
      });
    if (size > MAX_IMAGE_BYTES) throw tooLarge();
    // Runs while the upstream request pulls it: a failure here is recorded, so that
    // the answer is our 4xx rather than the upstream call's abort.
    async function* content(): AsyncGenerator<Uint8Array> {
      try {
        yield joined;
        let c: Uint8Array | null;
        while ((c = await reader.readChunk()) !== null) {
          size += c.byteLength;
          if (size > MAX_IMAGE_BYTES) throw tooLarge();
          yield c;
        }
      } catch (e) {
        throw record(e);
      }
    }
    return {
      name: field,
      filename: kind === 'image/png' ? `${field}.png` : `${field}.jpg`,
      contentType: kind,
      content: content(),
    };
  }

  function openMultipart(request: Request, maxBodyBytes: number, ctx: CallContext): MultipartReader {
    const boundary = boundaryOf(request.headers.get('content-type'));
    if (!boundary || !request.body)
      throw new ProxyError('malformed_request', 'The body must be multipart/form-data.');
    // A declared length over the limit is refused before a byte is read.
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (declared > maxBodyBytes)
      throw new ProxyError('payload_too_large', `The body is larger than ${maxBodyBytes} bytes.`);
    const reader = new MultipartReader(request.body, boundary, { maxBodyBytes, maxParts: 32 });
    ctx.reader = reader;
    return reader;
  }

  /**
   * Reads text fields until the first file part (validating each with `accept`),
   * then answers the parts to send upstream: `fixed`, the fields so far, the
   * images streamed, and later fields validated as they come; `finish` runs the
   * whole-body checks before the closing delimiter.
   */
  async function pipeUpload(
    reader: MultipartReader,
    fixed: OutgoingPart[],
    acceptText: (name: string, value: string) => string,
    files: ReadonlySet<string>,
    finish: () => void,
  ): Promise<{ parts: AsyncGenerator<OutgoingPart>; failure: () => ProxyError | null }> {
    const seen = new Set<string>();
    const readText = async (head: PartHead): Promise<OutgoingPart> => {
      if (files.has(head.name))
        throw new ProxyError('invalid_field', `Field "${head.name}" must be a file.`, { field: head.name });
      if (seen.has(head.name))
        throw new ProxyError('invalid_field', `Field "${head.name}" is given twice.`, { field: head.name });
      seen.add(head.name);
      const value = await reader.readText(head.name, MAX_TEXT_FIELD_BYTES);
      return { name: head.name, value: acceptText(head.name, value) };
    };
    const checkFile = (head: PartHead) => {
      if (!files.has(head.name))
        throw new ProxyError('unknown_field', `Field "${head.name}" is not taken here.`, {
          field: head.name,
        });
      if (seen.has(head.name))
        throw new ProxyError('invalid_field', `Field "${head.name}" is given twice.`, { field: head.name });
      seen.add(head.name);
    };
    const prefix: OutgoingPart[] = [...fixed];
    let pending: PartHead | null;
    while (
      (pending = await reader.nextPart()) !== null &&
      pending.filename === undefined &&
      !files.has(pending.name)
    ) {
      prefix.push(await readText(pending));
    }
    if (pending === null) {
      finish();
      throw new ProxyError('invalid_field', 'An image is required.', { field: [...files][0]! });
    }
    checkFile(pending);
    let failure: ProxyError | null = null;
    const record = (e: unknown): ProxyError => {
      failure ??=
        e instanceof ProxyError ? e : new ProxyError('malformed_request', 'The body could not be read.');
      return failure;
    };
    const firstImage = await openImage(reader, pending, record);
    async function* parts(): AsyncGenerator<OutgoingPart> {
      try {
        yield* prefix;
        yield firstImage;
        let head: PartHead | null;
        while ((head = await reader.nextPart()) !== null) {
          if (head.filename !== undefined || files.has(head.name)) {
            checkFile(head);
            yield await openImage(reader, head, record);
          } else {
            yield await readText(head);
          }
        }
        finish();
      } catch (e) {
        throw record(e);
      }
    }
    return { parts: parts(), failure: () => failure };
  }

  async function session(request: Request): Promise<SessionAnswer> {
    const applicant = await options.resolveApplicant(request);
    if (!applicant) throw new ProxyError('unauthenticated', 'No signed-in applicant.');
    if (
      typeof applicant.userid !== 'string' ||
      applicant.userid.length === 0 ||
      applicant.userid.length > 200
    ) {
      throw new Error('resolveApplicant returned an applicant without a usable userid');
    }
    if (applicant.email !== undefined) v.email('email', applicant.email);
    await limit(`applicant:${applicant.userid}`, perApplicant);
    const claims: SessionClaims = { sub: applicant.userid };
    for (const k of ['email', 'cf1', 'cf2', 'cf3'] as const)
      if (applicant[k] !== undefined) claims[k] = applicant[k];
    const previous = bearer(request);
    if (previous !== null) {
      const old = await tokens.verify(previous, REFRESH_GRACE_SECONDS);
      if (old.sub !== applicant.userid)
        throw new ProxyError('submission_mismatch', 'The previous token belongs to another applicant.');
      if (old.sid) {
        claims.sid = old.sid;
        if (old.idt) claims.idt = old.idt;
        if (old.ctry) claims.ctry = old.ctry;
        claims.email ??= old.email;
      }
    }
    const { token, expiresAt } = await tokens.mint(claims);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      emailRequired: claims.email === undefined,
      submissionId: claims.sid ?? null,
    };
  }

  async function step1(request: Request, ctx: CallContext): Promise<Step1Answer> {
    const claims = await authenticate(request);
    if (claims.sid)
      throw new ProxyError(
        'submission_mismatch',
        'This token is bound to a submission already; step 1 is done.',
      );
    const reader = openMultipart(request, STEP1_MAX_BODY_BYTES, ctx);
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
    const upload = await pipeUpload(reader, fixed, accept, STEP1_FILES, finish);
    // Counted once the fields before the image and the image's type have passed, just
    // before Argos is called (a refused form spends nothing), and before the call
    // rather than after it, so that parallel calls cannot all slip under the budget.
    await limit(`step1:${claims.sub}`, step1PerApplicant);
    let result;
    try {
      result = await client.step1Parts(upload.parts, vendorCall);
    } catch (e) {
      throw upload.failure() ?? vendorFailure(e, 'step1');
    }
    // Read the body to its end, so that the connection can be kept alive.
    await reader.drain();
    ctx.audit.submissionId = result.submissionId;
    const bound: SessionClaims = {
      sub: claims.sub,
      sid: result.submissionId,
      idt: fields.idType as v.IdType,
      ctry: fields.issuingCountry!,
      email: claims.email ?? fields.email!,
    };
    for (const k of ['cf1', 'cf2', 'cf3'] as const) if (claims[k] !== undefined) bound[k] = claims[k];
    const { token, expiresAt } = await tokens.mint(bound);
    return {
      submissionId: result.submissionId,
      ocr: ocrOf(result.reviewOCRData),
      token,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async function step2(request: Request, ctx: CallContext): Promise<Step2Answer> {
    const claims = await authenticate(request);
    if (!claims.sid)
      throw new ProxyError(
        'submission_mismatch',
        'This token is not bound to a submission; do step 1 first.',
      );
    ctx.audit.submissionId = claims.sid;
    const reader = openMultipart(request, STEP2_MAX_BODY_BYTES, ctx);
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
    const upload = await pipeUpload(reader, fixed, accept, STEP2_FILES, finish);
    let result;
    try {
      result = await client.step2Parts(upload.parts, vendorCall);
    } catch (e) {
      const failure = upload.failure();
      if (failure) throw failure;
      // The vendor answers 400 both for a final submission and for a field it refuses:
      // its record tells which (NOTES #6).
      if (e instanceof ArgosError && e.kind === 'http' && e.status === 400) {
        const record = await client.getSubmission(claims.sid, vendorCall).catch(() => null);
        if (record && record.kyc.result !== 'incomplete')
          throw new ProxyError('attempts_exhausted', 'This submission takes no more attempts.');
      }
      throw vendorFailure(e, 'step2');
    }
    await reader.drain();
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
    if (options.exposeScores)
      out.scores = {
        faceSimilarity: result.faceSimilarityScore ?? null,
        liveness: result.livenessScore ?? null,
      };
    return out;
  }

  async function address(request: Request): Promise<AddressAnswer> {
    await authenticate(request);
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '') || !request.body) {
      throw new ProxyError('malformed_request', 'The body must be JSON.');
    }
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (declared > JSON_MAX_BODY_BYTES)
      throw new ProxyError('payload_too_large', `The body is larger than ${JSON_MAX_BODY_BYTES} bytes.`);
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > JSON_MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new ProxyError('payload_too_large', `The body is larger than ${JSON_MAX_BODY_BYTES} bytes.`);
      }
      chunks.push(value);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
    } catch {
      throw new ProxyError('malformed_request', 'The body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ProxyError('malformed_request', 'The body must be a JSON object.');
    const input = body as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (key !== 'address' && key !== 'language')
        throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
    }
    if (typeof input.address !== 'string')
      throw new ProxyError('invalid_field', 'Field "address" is required.', { field: 'address' });
    const addr = v.addressQuery('address', input.address);
    let language: string | undefined;
    if (input.language !== undefined) {
      if (typeof input.language !== 'string' || languageProblem(input.language)) {
        throw new ProxyError('invalid_field', 'Field "language" is not a language tag.', {
          field: 'language',
        });
      }
      language = input.language;
    }
    try {
      const r = await client.addressCode(
        language ? { address: addr, language } : { address: addr },
        vendorCall,
      );
      return {
        formattedAddress: r.formatted_address,
        compoundCode: r.compound_code,
        globalCode: r.global_code,
      };
    } catch (e) {
      throw vendorFailure(e, 'address');
    }
  }

  async function submissionStatus(request: Request, ctx: CallContext): Promise<StatusAnswer> {
    const claims = await authenticate(request);
    if (!claims.sid) throw new ProxyError('submission_mismatch', 'This token is not bound to a submission.');
    ctx.audit.submissionId = claims.sid;
    let item;
    try {
      item = await client.getSubmission(claims.sid, vendorCall);
    } catch (e) {
      throw vendorFailure(e, 'status');
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

  const handler = async (request: Request, info?: ConnectionInfo): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const headers = new Headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      [PROTOCOL_HEADER]: PROTOCOL_VERSION,
    });
    const audit: Partial<AuditEvent> = { type: 'other' };
    const ctx: CallContext = { audit, reader: null };
    let status = 200;
    let body: unknown;
    try {
      const rest = url.pathname.startsWith(basePath + '/') ? url.pathname.slice(basePath.length + 1) : null;
      const route = rest !== null && Object.hasOwn(ROUTES, rest) ? (rest as Route) : null;
      if (route) audit.type = route;
      // CORS by allowlist: a browser names its origin on cross-site calls (and on
      // same-origin POSTs); a call without Origin is not a cross-site browser call.
      if (origin !== null) {
        if (origin !== url.origin && !allowed.has(origin))
          throw new ProxyError('origin_not_allowed', 'This origin may not call the endpoint.');
        headers.set('access-control-allow-origin', origin);
        headers.set('access-control-allow-credentials', 'true');
        headers.set('access-control-expose-headers', 'retry-after, x-argos-kyc-protocol');
      }
      headers.set('vary', 'Origin');
      if (request.method === 'OPTIONS') {
        audit.type = 'preflight';
        if (!route) throw new ProxyError('not_found', 'No such route.');
        headers.set('access-control-allow-methods', ROUTES[route]);
        headers.set('access-control-allow-headers', 'authorization, content-type');
        headers.set('access-control-max-age', '600');
        status = 204;
      } else {
        if (!route) throw new ProxyError('not_found', 'No such route.');
        if (request.method !== ROUTES[route])
          throw new ProxyError('method_not_allowed', `Use ${ROUTES[route]}.`);
        const ip = options.getClientIp ? options.getClientIp(request, info) : info?.clientAddress;
        if (ip) await limit(`ip:${ipBucket(ip)}`, perIp);
        switch (route) {
          case 'session':
            body = await session(request);
            break;
          case 'step1':
            body = await step1(request, ctx);
            break;
          case 'step2':
            body = await step2(request, ctx);
            break;
          case 'address':
            body = await address(request);
            break;
          case 'status':
            body = await submissionStatus(request, ctx);
            break;
        }
      }
    } catch (e) {
      let err: ProxyError;
      if (e instanceof ProxyError) err = e;
      else {
        // Only the error's class: its message may quote a value from the request.
        logError(
          `argos-kyc: internal error on ${audit.type ?? 'request'} (${e instanceof Error ? e.name : typeof e})`,
        );
        err = new ProxyError('internal_error', 'Something went wrong on the server.');
      }
      status = err.status;
      body = err.toJSON();
      audit.code = err.code;
      if (err.retryAfter !== undefined) headers.set('retry-after', String(err.retryAfter));
      // The rest of a refused upload is never pulled (the adapters then close the connection).
      if (ctx.reader) await ctx.reader.cancel();
      else if (request.body && !request.body.locked) await request.body.cancel().catch(() => undefined);
    }
    audit.status = status;
    audit.ms = Math.round((performance.now() - started) * 10) / 10;
    if (options.onAudit) {
      try {
        options.onAudit(audit as AuditEvent);
      } catch {
        logError('argos-kyc: the onAudit hook threw');
      }
    }
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
  };
  return Object.assign(handler, { basePath });
}
