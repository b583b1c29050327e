// ArgosClient: one typed method per endpoint of the Argos v2 API, for Node 20+
// and any runtime with fetch. Its errors never carry the API key, a query string
// (which may hold an email) or a response body other than the vendor's message.
//
// Over 400 lines on purpose: one class per vendor API, so that the key, the base URL
// and the one request path (#request: timeouts, retries, answer-shape checks) have a
// single owner that nothing else in the package can reach; each method is a thin,
// typed face of one endpoint (docs/vendor-api.md).
import { multipartBytes, multipartStream, streamOf, type OutgoingPart } from './multipart.ts';
import type {
  AddressCodeResult,
  ApplicantDuplicate,
  DeleteResult,
  ImageInput,
  ImageType,
  Step1Input,
  Step1Result,
  Step2Input,
  Step2Result,
  Submission,
  SubmissionFilter,
  SubmissionPage,
} from './types.ts';

/** The vendor's production base URL. */
export const DEFAULT_BASE_URL = 'https://rest-api.argoskyc.com/v2';

/** Why a call failed: the vendor's HTTP error, a timeout, the network, or an answer we cannot read. */
export type ArgosErrorKind = 'http' | 'timeout' | 'network' | 'invalid_response' | 'aborted';

/** A failed call to the Argos API. */
export class ArgosError extends Error {
  /** The vendor's HTTP status; 0 when there was no answer. */
  readonly status: number;
  readonly kind: ArgosErrorKind;
  /** The vendor's `message`, when its answer had one. */
  readonly vendorMessage: string | undefined;
  /** True when the same call may succeed if tried again later. */
  readonly retryable: boolean;
  /** `METHOD /path` of the call, without its query. */
  readonly operation: string;

  constructor(kind: ArgosErrorKind, operation: string, status: number, vendorMessage?: string) {
    const what =
      kind === 'http' ? `HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}` : kind.replace('_', ' ');
    super(`Argos ${operation} failed (${what})`);
    this.name = 'ArgosError';
    this.kind = kind;
    this.status = status;
    this.vendorMessage = vendorMessage;
    this.operation = operation;
    this.retryable = kind === 'timeout' || kind === 'network' || status === 429 || status >= 500;
  }
}

/** Options of an ArgosClient. */
export interface ArgosClientOptions {
  /** The API key (x-api-key). Keep it on the server. */
  apiKey: string;
  /** Default https://rest-api.argoskyc.com/v2. Plain http only for loopback hosts (the sandbox). */
  baseUrl?: string;
  /** Per-attempt timeout in ms; default 30,000. */
  timeoutMs?: number;
  /** Attempts for idempotent calls (GET); default 3. Uploads are tried once. */
  retries?: number;
  /** First backoff in ms, doubled each retry, with jitter; default 200. */
  backoffMs?: number;
  /** Send uploads with a known length (buffered) instead of streaming them; default false. */
  bufferUploads?: boolean;
  /** A fetch to use instead of the global one (then uploads go through it too). */
  fetch?: typeof fetch;
  /**
   * On Node, streamed uploads are written with node:http(s) over the global agent,
   * which costs the proxy less CPU than fetch; default true (other runtimes always
   * use fetch). Set false to send them with fetch, e.g. so that an undici global
   * dispatcher (an outbound proxy) applies to them too.
   */
  nodeUploads?: boolean;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Attempts for this call when it is idempotent, instead of the client's `retries`:
   * 1 when a caller retries it itself (the endpoint's /address, which the browser retries).
   */
  attempts?: number;
}

/** Node itself (Bun, Deno and Workers with Node compatibility also name a Node version, but their node:http is not the point). */
const ON_NODE =
  typeof process !== 'undefined' &&
  typeof process.versions?.node === 'string' &&
  !('Bun' in globalThis) &&
  !('Deno' in globalThis) &&
  (typeof navigator === 'undefined' || navigator.userAgent !== 'Cloudflare-Workers');
type NodeUpload = typeof import('./node-upload.ts').nodeUpload;
/** What a call answers: a fetch Response, or the Node upload transport's answer read whole. */
type VendorResponse = Pick<Response, 'ok' | 'status' | 'headers' | 'body' | 'text' | 'json'>;
/** The Node transport, or null where node:http cannot be loaded (then uploads use fetch). */
let nodeUploadLoaded: Promise<NodeUpload | null> | undefined;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function cleanBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError('ArgosClient: baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new TypeError('ArgosClient: baseUrl must use https (plain http only for a loopback host)');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('ArgosClient: baseUrl must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

async function* chunksOf(input: ImageInput): AsyncGenerator<Uint8Array> {
  if (input instanceof Uint8Array) {
    yield input;
    return;
  }
  const stream = input instanceof Blob ? input.stream() : input;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function imagePart(name: string, input: ImageInput): OutgoingPart {
  const type = input instanceof Blob && input.type === 'image/png' ? 'image/png' : 'image/jpeg';
  return {
    name,
    filename: type === 'image/png' ? `${name}.png` : `${name}.jpg`,
    contentType: type,
    content: chunksOf(input),
  };
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: BodyInit;
  contentType?: string;
  /** A multipart upload, streamed unless `bufferUploads`. */
  upload?: AsyncIterable<OutgoingPart>;
  idempotent: boolean;
  call?: CallOptions;
}

/** A typed client of the Argos KYC API v2. */
export class ArgosClient {
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #bufferUploads: boolean;
  readonly #fetch: typeof fetch;
  readonly #nodeUploads: boolean;

  constructor(options: ArgosClientOptions) {
    if (!options.apiKey) throw new TypeError('ArgosClient: apiKey is required');
    this.#apiKey = options.apiKey;
    this.baseUrl = cleanBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = Math.max(1, options.retries ?? 3);
    this.#backoffMs = options.backoffMs ?? 200;
    this.#bufferUploads = options.bufferUploads ?? false;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#nodeUploads = ON_NODE && options.fetch === undefined && (options.nodeUploads ?? true);
  }

  /** Never shows the key, e.g. in a console.log of the client. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  /** Answers with the response of a successful call (2xx); throws ArgosError otherwise. */
  async #request(spec: RequestSpec): Promise<VendorResponse> {
    const operation = `${spec.method} ${spec.path}`;
    const url = new URL(this.baseUrl + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const attempts = spec.idempotent ? Math.max(1, spec.call?.attempts ?? this.#retries) : 1;
    for (let attempt = 1; ; attempt++) {
      const timeoutMs = spec.call?.timeoutMs ?? this.#timeoutMs;
      const timeout = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        timer ??= setTimeout(() => timeout.abort(), timeoutMs);
        (timer as { unref?: () => void }).unref?.();
      };
      // A streamed upload goes at the pace of its source (an applicant on a slow
      // network), which is not the vendor's: the timeout bounds each wait on the
      // vendor instead, for it to take the next chunk of the body (a vendor that
      // stops reading mid-upload) and then for its answer.
      const watch = new VendorWatch(timeoutMs, () => timeout.abort());
      const signal = spec.call?.signal ? AbortSignal.any([spec.call.signal, timeout.signal]) : timeout.signal;
      let error: ArgosError;
      try {
        const headers: Record<string, string> = {
          'x-api-key': this.#apiKey,
          accept: 'application/json, application/pdf, image/*',
        };
        const init: RequestInit & { duplex?: 'half' } = {
          method: spec.method,
          headers,
          signal,
          redirect: 'error',
        };
        let res: VendorResponse;
        if (spec.upload && !this.#bufferUploads) {
          const nodeUpload = this.#nodeUploads
            ? await (nodeUploadLoaded ??= import('./node-upload.ts').then(
                (m) => m.nodeUpload,
                () => null,
              ))
            : null;
          if (nodeUpload) {
            const { bytes, contentType } = multipartBytes(spec.upload);
            headers['content-type'] = contentType;
            res = await nodeUpload(url, { method: spec.method, headers, body: watch.paced(bytes), signal });
          } else {
            const { bytes, contentType } = multipartBytes(spec.upload);
            const body = streamOf(watch.paced(bytes));
            headers['content-type'] = contentType;
            init.body = body;
            init.duplex = 'half';
            res = await this.#fetch(url, init);
          }
        } else {
          if (spec.upload) {
            // Some gateways refuse chunked uploads; `bufferUploads` trades memory for a Content-Length.
            const { body, contentType } = multipartStream(spec.upload);
            headers['content-type'] = contentType;
            init.body = await new Response(body).arrayBuffer();
          } else {
            if (spec.contentType) headers['content-type'] = spec.contentType;
            if (spec.body !== undefined) init.body = spec.body;
          }
          arm();
          res = await this.#fetch(url, init);
        }
        if (res.ok) {
          watch.stop();
          return res;
        }
        const vendorMessage = await readVendorMessage(res);
        error = new ArgosError('http', operation, res.status, vendorMessage);
      } catch (e) {
        if (e instanceof ArgosError) throw e;
        if (spec.call?.signal?.aborted) throw new ArgosError('aborted', operation, 0);
        error = timeout.signal.aborted
          ? new ArgosError('timeout', operation, 0)
          : new ArgosError('network', operation, 0);
      }
      // A successful answer keeps its timer (it bounds reading a download's body,
      // unref'd so it never holds the process); a failed one needs it no more.
      clearTimeout(timer);
      watch.stop();
      if (!error.retryable || attempt >= attempts) throw error;
      const backoff = this.#backoffMs * 2 ** (attempt - 1);
      await sleep(backoff / 2 + (Math.random() * backoff) / 2, spec.call?.signal);
    }
  }

  /** The answer's JSON object; anything else (an array, null, not JSON) is an invalid response. */
  async #json<T>(spec: RequestSpec): Promise<T> {
    const res = await this.#request(spec);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (!isObject(body)) throw new ArgosError('invalid_response', `${spec.method} ${spec.path}`, res.status);
    return body as T;
  }

  /** One page of GET /submission (newest first). */
  async listSubmissions(filter: SubmissionFilter = {}, call?: CallOptions): Promise<SubmissionPage> {
    if (
      filter.count !== undefined &&
      !(Number.isInteger(filter.count) && filter.count >= 1 && filter.count <= 2000)
    ) {
      throw new RangeError('count must be an integer in 1..2000');
    }
    const body = await this.#json<{ Items?: Submission[]; nextpageKey?: { id: string; created_at: string } }>(
      {
        method: 'GET',
        path: '/submission',
        query: {
          userid: filter.userid,
          email: filter.email,
          count: filter.count?.toString(),
          nextpage_id: filter.after?.id,
          nextpage_date: filter.after?.created_at,
        },
        idempotent: true,
        call,
      },
    );
    if (!Array.isArray(body.Items) || !body.Items.every(isSubmission))
      throw new ArgosError('invalid_response', 'GET /submission', 200);
    return body.nextpageKey ? { items: body.Items, nextpageKey: body.nextpageKey } : { items: body.Items };
  }

  /** Every page of GET /submission, following `nextpageKey`. */
  async *pages(filter: SubmissionFilter = {}, call?: CallOptions): AsyncGenerator<SubmissionPage> {
    let after = filter.after;
    for (;;) {
      const page = await this.listSubmissions({ ...filter, after }, call);
      yield page;
      if (!page.nextpageKey) return;
      after = page.nextpageKey;
    }
  }

  /** Every submission matching `filter`, across all pages. */
  async *submissions(filter: SubmissionFilter = {}, call?: CallOptions): AsyncGenerator<Submission> {
    for await (const page of this.pages(filter, call)) yield* page.items;
  }

  /** One submission, or null when there is none with that id. */
  async getSubmission(submissionId: string, call?: CallOptions): Promise<Submission | null> {
    const body = await this.#json<{ Items?: unknown }>({
      method: 'GET',
      path: '/submission',
      query: { submission_id: submissionId },
      idempotent: true,
      call,
    });
    if (!Array.isArray(body.Items) || !body.Items.every(isSubmission))
      throw new ArgosError('invalid_response', 'GET /submission', 200);
    return (body.Items[0] as Submission | undefined) ?? null;
  }

  /** The approved submissions of the same person (GET /submission/applicant). */
  async applicantDuplicates(applicantId: string, call?: CallOptions): Promise<ApplicantDuplicate[]> {
    const body = await this.#json<{ Items?: ApplicantDuplicate[] }>({
      method: 'GET',
      path: '/submission/applicant',
      query: { applicant_id: applicantId },
      idempotent: true,
      call,
    });
    return body.Items ?? [];
  }

  /** POST /submission/step1 (never retried: a retry could create a second submission). */
  step1(input: Step1Input, call?: CallOptions): Promise<Step1Result> {
    const parts: OutgoingPart[] = [
      { name: 'issuingCountry', value: input.issuingCountry },
      { name: 'email', value: input.email },
      { name: 'idType', value: input.idType },
    ];
    for (const k of ['userid', 'cf1', 'cf2', 'cf3'] as const) {
      const v = input[k];
      if (v !== undefined) parts.push({ name: k, value: v });
    }
    parts.push(imagePart('idImage', input.idImage));
    return this.step1Parts(fromArray(parts), call);
  }

  /** step1 from a stream of parts (the proxy's path); the caller validates them. */
  async step1Parts(parts: AsyncIterable<OutgoingPart>, call?: CallOptions): Promise<Step1Result> {
    const raw = await this.#json<Omit<Step1Result, 'file_upload'> & { file_upload?: boolean | string }>({
      method: 'POST',
      path: '/submission/step1',
      upload: parts,
      idempotent: false,
      call,
    });
    if (
      typeof raw.submissionId !== 'string' ||
      raw.submissionId === '' ||
      (raw.reviewOCRData !== undefined && !isObject(raw.reviewOCRData))
    )
      throw new ArgosError('invalid_response', 'POST /submission/step1', 200);
    return { ...raw, file_upload: raw.file_upload === true || raw.file_upload === 'true' };
  }

  /** POST /submission/step2 (never retried: a retry would spend an attempt). */
  step2(input: Step2Input, call?: CallOptions): Promise<Step2Result> {
    const parts: OutgoingPart[] = [];
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined || k === 'faceImage' || k === 'addressImage') continue;
      parts.push({ name: k, value: String(v) });
    }
    parts.push(imagePart('faceImage', input.faceImage));
    if (input.addressImage) parts.push(imagePart('addressImage', input.addressImage));
    return this.step2Parts(fromArray(parts), call);
  }

  /** step2 from a stream of parts (the proxy's path); the caller validates them. */
  async step2Parts(parts: AsyncIterable<OutgoingPart>, call?: CallOptions): Promise<Step2Result> {
    const raw = await this.#json<Step2Result>({
      method: 'POST',
      path: '/submission/step2',
      upload: parts,
      idempotent: false,
      call,
    });
    const retryCount = Number(raw.retryCount ?? 0);
    if (!KYC_RESULTS.has(raw.kycStatus) || !Number.isInteger(retryCount) || retryCount < 0)
      throw new ArgosError('invalid_response', 'POST /submission/step2', 200);
    return { ...raw, retryCount };
  }

  /** POST /address_code: an address, a plus code or "lat,lng" to formatted address and plus codes. */
  async addressCode(
    input: { address: string; language?: string },
    call?: CallOptions,
  ): Promise<AddressCodeResult> {
    const form = new URLSearchParams({ address: input.address });
    if (input.language) form.set('language', input.language);
    const r = await this.#json<AddressCodeResult>({
      method: 'POST',
      path: '/address_code',
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      // A lookup has no side effect: safe to retry.
      idempotent: true,
      call,
    });
    if (
      typeof r.formatted_address !== 'string' ||
      typeof r.compound_code !== 'string' ||
      typeof r.global_code !== 'string'
    )
      throw new ArgosError('invalid_response', 'POST /address_code', 200);
    return r;
  }

  /** DELETE /submission: removes a submission and its images for good. */
  async deleteSubmission(submissionId: string, call?: CallOptions): Promise<DeleteResult> {
    return this.#json<DeleteResult>({
      method: 'DELETE',
      path: '/submission',
      query: { submission_id: submissionId },
      idempotent: false,
      call,
    });
  }

  /** GET /report/aml as a stream of PDF bytes. */
  async amlReportStream(
    resourceId: string,
    call?: CallOptions,
  ): Promise<{ contentType: string; body: ReadableStream<Uint8Array> }> {
    const res = await this.#request({
      method: 'GET',
      path: '/report/aml',
      query: { resourceId },
      idempotent: true,
      call,
    });
    return {
      contentType: res.headers.get('content-type') ?? 'application/pdf',
      body: bodyOf(res, 'GET /report/aml'),
    };
  }

  /** GET /report/aml as bytes. */
  async amlReport(
    resourceId: string,
    call?: CallOptions,
  ): Promise<{ contentType: string; bytes: Uint8Array }> {
    const { contentType, body } = await this.amlReportStream(resourceId, call);
    return { contentType, bytes: new Uint8Array(await new Response(body).arrayBuffer()) };
  }

  /** GET /image as a stream. */
  async imageStream(
    submissionId: string,
    type: ImageType,
    call?: CallOptions,
  ): Promise<{ contentType: string; body: ReadableStream<Uint8Array> }> {
    const res = await this.#request({
      method: 'GET',
      path: '/image',
      query: { submission_id: submissionId, type },
      idempotent: true,
      call,
    });
    return {
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      body: bodyOf(res, 'GET /image'),
    };
  }

  /** GET /image as bytes. */
  async image(
    submissionId: string,
    type: ImageType,
    call?: CallOptions,
  ): Promise<{ contentType: string; bytes: Uint8Array }> {
    const { contentType, body } = await this.imageStream(submissionId, type, call);
    return { contentType, bytes: new Uint8Array(await new Response(body).arrayBuffer()) };
  }
}

function bodyOf(res: VendorResponse, operation: string): ReadableStream<Uint8Array> {
  if (!res.body) throw new ArgosError('invalid_response', operation, res.status);
  return res.body;
}

const KYC_RESULTS = new Set<unknown>(['incomplete', 'pending', 'approved', 'rejected']);

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The parts of a submission record that callers read without checking: its id, data and KYC result. */
function isSubmission(x: unknown): x is Submission {
  if (!isObject(x) || typeof x.submission_id !== 'string' || !isObject(x.kyc)) return false;
  if (x.data !== undefined && !isObject(x.data)) return false;
  const kyc = x.kyc;
  return (
    KYC_RESULTS.has(kyc.result) &&
    (kyc.attempts === undefined || Array.isArray(kyc.attempts)) &&
    (kyc.commentCode === undefined || Array.isArray(kyc.commentCode))
  );
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function readVendorMessage(res: VendorResponse): Promise<string | undefined> {
  try {
    const text = (await res.text()).slice(0, 2000);
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The vendor's share of a streamed upload's time: `paced` marks each wait for the
 * consumer (the transport, held back by the vendor's socket) to take the next chunk,
 * and the wait for the answer once the last chunk is taken; `onTimeout` runs when
 * one such wait lasts `ms`. Waits for the source (the applicant) are not counted.
 * One timer per call, re-armed only when it fires early, so a chunk costs a clock read.
 */
class VendorWatch {
  readonly #ms: number;
  readonly #onTimeout: () => void;
  /** When the current wait on the vendor began (performance.now()), or -1. */
  #since = -1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(ms: number, onTimeout: () => void) {
    this.#ms = ms;
    this.#onTimeout = onTimeout;
  }

  #check = (): void => {
    this.#timer = undefined;
    if (this.#since < 0 || this.#stopped) return;
    const waited = performance.now() - this.#since;
    if (waited >= this.#ms) this.#onTimeout();
    else this.#arm(this.#ms - waited);
  };

  #arm(ms: number): void {
    this.#timer = setTimeout(this.#check, ms);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #waiting(): void {
    if (this.#stopped) return;
    this.#since = performance.now();
    if (!this.#timer) this.#arm(this.#ms);
  }

  async *paced(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      this.#waiting();
      yield chunk;
      this.#since = -1;
    }
    this.#waiting();
  }

  stop(): void {
    this.#stopped = true;
    this.#since = -1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
