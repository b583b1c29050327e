// The client of the customer endpoint (docs/protocol.md, version 1): session tokens,
// the step-1 upload with progress and abort, and retries only where they are safe.
//
// About 650 lines in one file, on purpose: the class is the token's one owner (no copy
// anywhere else), and each call keeps its own retry rule next to it, where a reader
// checks it (step 1 and 2 are never repeated once their body left). The answer parsing
// sits above the class, the two transports (XMLHttpRequest for progress, fetch) at its end.
import {
  isErrorCode,
  isIncompleteReason,
  type Step2ReviewField,
  type Step2TextField,
} from '@argos-kyc/protocol';
import { STEP2_ADDRESS_FIELD_OF, STEP2_FIELD_OF } from '../flow/rules.ts';
import type {
  AddressFields,
  DocumentType,
  GeocodedAddress,
  IncompleteReason,
  KycStatus,
  OcrFields,
  ReviewFields,
  UploadProgress,
} from '../flow/types.ts';
import { EndpointError } from './errors.ts';

/** A token as the endpoint or the host hands it over. */
export interface TokenGrant {
  token: string;
  /** When the token stops working (ISO string, epoch ms or Date); unknown = refresh on 401 only. */
  expiresAt?: string | number | Date | null;
  emailRequired?: boolean;
  /**
   * The submission the host's backend says this token is bound to. The flow compares it with
   * its own: another one means another applicant's session, and the flow starts over.
   */
  submissionId?: string | null;
  /** The applicant's opaque tag, as the endpoint's `/session` answered it (pass the answer through). */
  applicant?: string | null;
}

/** The answer of `POST {endpoint}/session`. */
export interface SessionInfo {
  token: string;
  expiresAt: string | null;
  emailRequired: boolean;
  submissionId: string | null;
  /** The endpoint refused the previous token (another applicant signed in on this device, a rotated secret): nothing of the old flow may be shown. */
  previousTokenRefused: boolean;
  /** The applicant's opaque tag (no PII): a resume point is kept only for the same one. */
  applicant: string | null;
}

export interface Step1Input {
  idType: DocumentType;
  issuingCountry: string;
  image: Blob;
  /** Only when the session said `emailRequired`. */
  email?: string;
}

export interface Step1Result {
  submissionId: string;
  /** null when the vendor's OCR read nothing. */
  ocr: OcrFields | null;
}

export interface Step2Input {
  /** The reviewed fields (normalized; empty optional ones are not sent). */
  fields: ReviewFields;
  /** The confirmed address, if any. */
  address?: AddressFields | null;
  /** The selfie (JPEG/PNG). */
  faceImage: Blob;
  /** Proof of address, if any. */
  addressImage?: Blob | null;
}

export interface Step2Result {
  kycStatus: KycStatus | 'incomplete';
  attempt: number;
  attemptsLeft: number;
  /** On `incomplete`, and on `rejected` after the last attempt. */
  reason: IncompleteReason | null;
}

/** What the host's `getToken` is told: the flow's submission (once step 1 bound one) and the token it replaces. */
export interface TokenContext {
  submissionId: string | null;
  /**
   * The token being replaced (possibly expired), or null. A host backend that calls
   * `POST {endpoint}/session` with it as bearer gets a token that keeps the submission.
   */
  previousToken: string | null;
}

export interface StatusResult {
  submissionId: string;
  kycStatus: string;
  attempts: number;
  commentCode: string[];
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Upload progress (bytes of the request body). */
  onProgress?: (progress: UploadProgress) => void;
}

export interface EndpointClientOptions {
  /** Base URL of the customer endpoint, e.g. `/kyc` or `https://shop.example/kyc`. */
  endpoint: string;
  /** Host-supplied tokens instead of `POST {endpoint}/session` (e.g. a native app's webview). */
  getToken?: (context: TokenContext) => Promise<TokenGrant | string>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Cookies with every call (the integrator's own sign-in, read by `/session`): `same-origin`
   * (default), `include` for an endpoint on another origin (its server must list this page's
   * origin in `allowedOrigins`), or `omit`.
   */
  credentials?: RequestCredentials;
  /** Refresh a token this long before it expires. Default 60 s. */
  refreshMarginMs?: number;
  /** Time limit of a JSON call. Default 20 s. */
  timeoutMs?: number;
  /** Time limit of an upload. Default 120 s. */
  uploadTimeoutMs?: number;
  /** Retries of safe calls (session, status) after a transient failure. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry. Default 400 ms. */
  backoffMs?: number;
  /** `xhr` reports upload progress; `fetch` does not. Default: xhr where it exists. */
  transport?: 'auto' | 'xhr' | 'fetch';
  /**
   * Where the applicant's submission id is kept (a flow passes its state's): told to
   * `getToken`, and assumed when a host's token does not name one. The client keeps no copy.
   * Without it, `getToken` is told `submissionId: null`.
   */
  submissionId?: () => string | null;
  /** Clock, for tests. */
  now?: () => number;
}

/** An endpoint answer as fetch gives it. */
export interface Answer {
  status: number;
  text: string;
  contentType: string;
  retryAfter: string | null;
}

const MAX_BACKOFF_MS = 10_000;

/** Answers of `/session` that refuse the previous token sent with it, not the applicant. */
const PREVIOUS_TOKEN_REFUSED = new Set(['submission_mismatch', 'token_invalid', 'token_expired']);

/** Transient failures worth another try of a call that is safe to repeat. */
function isTransient(error: unknown): error is EndpointError {
  return (
    error instanceof EndpointError &&
    (error.retryable || error.code === 'network_error' || error.code === 'timeout')
  );
}

/** A grant's `expiresAt` (ISO string, epoch ms or Date) as epoch ms; null when unknown. */
export function toEpoch(value: TokenGrant['expiresAt']): number | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EndpointError({ code: 'aborted', retryable: false }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EndpointError({ code: 'aborted', retryable: false }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An endpoint answer's body, or the EndpointError it stands for (also used by handoff.ts). */
export function parseAnswer(answer: Answer): unknown {
  let body: unknown;
  try {
    body = answer.contentType.includes('json') ? JSON.parse(answer.text) : undefined;
  } catch {
    body = undefined;
  }
  if (answer.status >= 200 && answer.status < 300) {
    if (body === undefined || body === null || typeof body !== 'object') {
      throw new EndpointError({ code: 'bad_response', retryable: false, status: answer.status });
    }
    return body;
  }
  const err = (body ?? {}) as { code?: unknown; retryable?: unknown; field?: unknown; retryAfter?: unknown };
  const retryAfter =
    typeof err.retryAfter === 'number'
      ? err.retryAfter
      : answer.retryAfter !== null
        ? Number(answer.retryAfter) || undefined
        : undefined;
  if (typeof err.code !== 'string' || !isErrorCode(err.code)) {
    // Not the protocol's error body (a proxy's HTML page, say), or a code the protocol does
    // not have (free text, markup): judge by status alone; the code never reaches events.
    // A 404 without our body is a path where no endpoint is (a wrong `endpoint`): say so.
    return raise({
      code:
        answer.status >= 500 ? 'vendor_error' : answer.status === 404 ? 'endpoint_not_found' : 'bad_response',
      retryable: answer.status >= 500,
      status: answer.status,
    });
  }
  return raise({
    code: err.code,
    retryable: err.retryable === true,
    status: answer.status,
    // A field name, never a value: the same short shape as a form field's name.
    ...(typeof err.field === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(err.field) ? { field: err.field } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

function raise(init: ConstructorParameters<typeof EndpointError>[0]): never {
  throw new EndpointError(init);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Every field of the protocol's OCR answer (`OcrAnswer`), each read as text or null. */
const OCR_FIELDS: ReadonlyArray<keyof OcrFields> = [
  'name',
  'firstName',
  'lastName',
  'birthDate',
  'gender',
  'nationality',
  'issueDate',
  'expireDate',
  'identityNumber',
  'licenseNumber',
];

function readOcr(value: unknown): OcrFields | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(OCR_FIELDS.map((k) => [k, str(o[k])])) as unknown as OcrFields;
}

/** Errors raised before the request body was completely sent (see `step1`). */
const beforeBodySent = new WeakSet<EndpointError>();

/**
 * Talks to the customer endpoint. Keeps the session token, refreshes it shortly
 * before it expires and once on a 401 `token_expired`, and retries with backoff only
 * the calls that are safe to repeat.
 */
export class EndpointClient {
  private readonly base: string;
  private readonly options: EndpointClientOptions;
  private grant: { token: string; expiresAt: number | null } | null = null;
  private refreshing: Promise<SessionInfo> | null = null;

  constructor(options: EndpointClientOptions) {
    this.options = options;
    this.base = options.endpoint.replace(/\/+$/, '');
  }

  /** The current token and its expiry (epoch ms), or null before the first session. */
  get token(): { token: string; expiresAt: number | null } | null {
    return this.grant;
  }

  /** Use a token obtained elsewhere (e.g. one a native app hands over). Kept in memory only. */
  setToken(grant: TokenGrant | null): void {
    this.grant = grant ? { token: grant.token, expiresAt: toEpoch(grant.expiresAt) } : null;
  }

  /** The applicant's submission, from whoever keeps it (see `EndpointClientOptions.submissionId`). */
  private submission(): string | null {
    return this.options.submissionId?.() ?? null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * A fresh session token: from the host's `getToken()`, else `POST {endpoint}/session`
   * (sending the previous token, so that a refreshed token keeps its submission).
   * Concurrent callers share one request. Retried with backoff on transient failures.
   */
  session(signal?: AbortSignal): Promise<SessionInfo> {
    this.refreshing ??= this.withRetry(() => this.fetchSession(signal), signal).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
    if (this.options.getToken) {
      const got = await this.options.getToken({
        submissionId: this.submission(),
        previousToken: this.grant?.token ?? null,
      });
      const grant: TokenGrant = typeof got === 'string' ? { token: got } : got;
      if (!grant?.token) throw new EndpointError({ code: 'unauthenticated', retryable: false });
      this.setToken(grant);
      const expiresAt = toEpoch(grant.expiresAt);
      return {
        token: grant.token,
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        emailRequired: grant.emailRequired === true,
        // A host that does not say keeps the known binding (its backend refreshed with the previous token).
        submissionId: grant.submissionId ?? this.submission(),
        previousTokenRefused: false,
        applicant: grant.applicant ?? null,
      };
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.grant) headers.authorization = `Bearer ${this.grant.token}`;
    // The submission this flow continues: the endpoint binds the new token to it once the
    // vendor confirms it is this applicant's, with or without a previous token.
    const submissionId = this.submission();
    const named = submissionId ? JSON.stringify({ submissionId }) : undefined;
    if (named) headers['content-type'] = 'application/json';
    let body: Record<string, unknown>;
    let previousTokenRefused = false;
    try {
      body = (await this.json('POST', '/session', headers, signal, named)) as Record<string, unknown>;
    } catch (error) {
      // The previous token is refused (another applicant signed in, a rotated secret, older
      // than the refresh grace): open a fresh session without it, and say so: the flow then starts
      // over (before step 1 too, where the old flow holds a typed email).
      if (
        (!headers.authorization && !named) ||
        !(error instanceof EndpointError) ||
        !PREVIOUS_TOKEN_REFUSED.has(error.code)
      )
        throw error;
      delete headers.authorization;
      delete headers['content-type'];
      this.setToken(null);
      previousTokenRefused = true;
      body = (await this.json('POST', '/session', headers, signal)) as Record<string, unknown>;
    }
    const token = str(body.token);
    if (!token) throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    const info: SessionInfo = {
      token,
      expiresAt: str(body.expiresAt),
      emailRequired: body.emailRequired === true,
      submissionId: str(body.submissionId),
      previousTokenRefused,
      applicant: str(body.applicant),
    };
    this.setToken({ token, expiresAt: info.expiresAt });
    return info;
  }

  /** A token good for at least `refreshMarginMs`, refreshing it first if needed. */
  async ensureToken(signal?: AbortSignal): Promise<string> {
    const margin = this.options.refreshMarginMs ?? 60_000;
    const grant = this.grant;
    if (grant && (grant.expiresAt === null || grant.expiresAt - this.now() > margin)) return grant.token;
    return (await this.session(signal)).token;
  }

  /**
   * Step 1: the ID photo and the document choice. Answers the submission id and the
   * OCR fields, and switches to the token the endpoint bound to that submission.
   *
   * Never retried once the body has been sent: the vendor may have created the
   * submission and a second step 1 would make a duplicate (or be refused as
   * `submission_mismatch`). One retry is made only when the transport failed BEFORE
   * the body was completely sent (XMLHttpRequest's upload `load` event never fired):
   * the endpoint parses the whole multipart body before it calls the vendor, so an
   * incomplete body cannot have reached the vendor. With fetch we cannot tell, so
   * there is no retry. A 401 `token_expired` is answered before any work is done,
   * so the call is repeated once with a refreshed token.
   */
  async step1(input: Step1Input, options: CallOptions = {}): Promise<Step1Result> {
    const form = () => {
      const data = new FormData();
      data.set('idType', input.idType);
      data.set('issuingCountry', input.issuingCountry);
      data.set('idImage', input.image, input.image.type === 'image/png' ? 'id.png' : 'id.jpg');
      if (input.email) data.set('email', input.email);
      return data;
    };
    const send = async (token: string) => {
      try {
        return await this.upload('/step1', form(), token, options);
      } catch (error) {
        if (error instanceof EndpointError && beforeBodySent.has(error))
          return this.upload('/step1', form(), token, options);
        throw error;
      }
    };
    const body = (await this.authed(send, options.signal)) as Record<string, unknown>;
    const submissionId = str(body.submissionId);
    if (!submissionId) throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    const token = str(body.token);
    if (token) this.setToken({ token, expiresAt: str(body.expiresAt) });
    return { submissionId, ocr: readOcr(body.ocr) };
  }

  /**
   * Step 2: the reviewed fields, the address and the selfie, on the bound submission.
   * Never repeated once the body has left (each one may spend one of the vendor's three
   * attempts); a 401 `token_expired` is answered before any work, so it is repeated once
   * with a refreshed token.
   */
  async step2(input: Step2Input, options: CallOptions = {}): Promise<Step2Result> {
    const form = () => {
      const data = new FormData();
      // Only the wire's names (the protocol's field types); an empty optional field is not sent.
      const put = (name: Step2TextField, value: string | undefined | null) => {
        if (value) data.set(name, value);
      };
      for (const [field, wire] of Object.entries(STEP2_FIELD_OF) as [keyof ReviewFields, Step2ReviewField][])
        put(wire, input.fields[field]);
      const a = input.address;
      if (a) for (const [wire, field] of STEP2_ADDRESS_FIELD_OF) put(wire, a[field]);
      // Text first, images last: the endpoint validates the text before it streams the images.
      if (input.addressImage)
        data.set(
          'addressImage',
          input.addressImage,
          input.addressImage.type === 'image/png' ? 'address.png' : 'address.jpg',
        );
      data.set(
        'faceImage',
        input.faceImage,
        input.faceImage.type === 'image/png' ? 'selfie.png' : 'selfie.jpg',
      );
      return data;
    };
    const body = (await this.authed(
      (token) => this.upload('/step2', form(), token, options),
      options.signal,
    )) as Record<string, unknown>;
    const kycStatus = str(body.kycStatus);
    if (
      kycStatus !== 'incomplete' &&
      kycStatus !== 'pending' &&
      kycStatus !== 'approved' &&
      kycStatus !== 'rejected'
    ) {
      throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    }
    const reason = str(body.reason);
    return {
      kycStatus,
      attempt: typeof body.attempt === 'number' ? body.attempt : 1,
      attemptsLeft: typeof body.attemptsLeft === 'number' ? body.attemptsLeft : 0,
      reason: reason === null ? null : isIncompleteReason(reason) ? reason : 'unknown',
    };
  }

  /** `POST {endpoint}/address`: an address, a plus code or "lat,lng" to the vendor's codes. 404 `address_not_found` when nothing matches. */
  async address(address: string, language?: string, signal?: AbortSignal): Promise<GeocodedAddress> {
    const payload = JSON.stringify(language ? { address, language } : { address });
    const body = (await this.withRetry(
      () =>
        this.authed(
          (token) =>
            this.json(
              'POST',
              '/address',
              {
                accept: 'application/json',
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
              },
              signal,
              payload,
            ),
          signal,
        ),
      signal,
    )) as Record<string, unknown>;
    const formattedAddress = str(body.formattedAddress);
    const globalCode = str(body.globalCode);
    if (!formattedAddress || !globalCode)
      throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    return { formattedAddress, globalCode, compoundCode: str(body.compoundCode) ?? '' };
  }

  /** `GET {endpoint}/status` of the bound submission; retried on transient failures. */
  async status(signal?: AbortSignal): Promise<StatusResult> {
    const body = (await this.withRetry(
      () =>
        this.authed(
          (token) =>
            this.json(
              'GET',
              '/status',
              { accept: 'application/json', authorization: `Bearer ${token}` },
              signal,
            ),
          signal,
        ),
      signal,
    )) as Record<string, unknown>;
    return {
      submissionId: str(body.submissionId) ?? '',
      kycStatus: str(body.kycStatus) ?? '',
      attempts: typeof body.attempts === 'number' ? body.attempts : 0,
      commentCode: Array.isArray(body.commentCode)
        ? body.commentCode.filter((c): c is string => typeof c === 'string')
        : [],
    };
  }

  /** Runs `call` with a valid token; on 401 token_expired refreshes once and runs it again. */
  private async authed<T>(call: (token: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const token = await this.ensureToken(signal);
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof EndpointError) || error.code !== 'token_expired') throw error;
      const fresh = await this.session(signal);
      return call(fresh.token);
    }
  }

  private async withRetry<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const retries = this.options.retries ?? 2;
    const backoff = this.options.backoffMs ?? 400;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= retries || !isTransient(error)) throw error;
        const wait = error.retryAfter !== undefined ? error.retryAfter * 1000 : backoff * 2 ** attempt;
        await sleep(Math.min(wait, MAX_BACKOFF_MS), signal);
      }
    }
  }

  /** One JSON call through fetch, with a time limit and the caller's abort. */
  private json(
    method: string,
    path: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
    body?: string,
  ): Promise<unknown> {
    const init: RequestInit = {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      credentials: this.options.credentials ?? 'same-origin',
    };
    return this.fetchAnswer(path, init, this.options.timeoutMs ?? 20_000, signal);
  }

  /**
   * One fetch with a time limit and the caller's abort; answers the parsed body and maps
   * every failure to an EndpointError (`timeout`, `aborted` or `network_error`).
   * `onHeaders` runs once the response headers are in, before the body is read.
   */
  private async fetchAnswer(
    path: string,
    init: RequestInit,
    timeoutMs: number,
    signal?: AbortSignal,
    onHeaders?: () => void,
  ): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const doFetch = this.options.fetch ?? globalThis.fetch;
      const response = await doFetch(this.base + path, { ...init, signal: controller.signal });
      onHeaders?.();
      const text = await response.text();
      return parseAnswer({
        status: response.status,
        text,
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
      });
    } catch (error) {
      if (error instanceof EndpointError) throw error;
      if (timedOut) throw new EndpointError({ code: 'timeout', retryable: true });
      if (signal?.aborted) throw new EndpointError({ code: 'aborted', retryable: false });
      throw new EndpointError({ code: 'network_error', retryable: true });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private upload(path: string, form: FormData, token: string, options: CallOptions): Promise<unknown> {
    const transport = this.options.transport ?? 'auto';
    const useXhr = transport === 'xhr' || (transport === 'auto' && typeof XMLHttpRequest !== 'undefined');
    return useXhr ? this.uploadXhr(path, form, token, options) : this.uploadFetch(path, form, token, options);
  }

  private uploadXhr(
    path: string,
    form: FormData,
    token: string,
    { signal, onProgress }: CallOptions,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new EndpointError({ code: 'aborted', retryable: false }));
      const xhr = new XMLHttpRequest();
      let bodySent = false;
      const fail = (code: 'network_error' | 'timeout' | 'aborted') => {
        signal?.removeEventListener('abort', onAbort);
        const error = new EndpointError({ code, retryable: code !== 'aborted' });
        if (code === 'network_error' && !bodySent) beforeBodySent.add(error);
        reject(error);
      };
      const onAbort = () => xhr.abort();
      xhr.open('POST', this.base + path);
      // XHR's default is fetch's `same-origin`; `omit` cannot be asked of it (bearer-only calls need no cookie).
      xhr.withCredentials = this.options.credentials === 'include';
      xhr.timeout = this.options.uploadTimeoutMs ?? 120_000;
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('accept', 'application/json');
      // Upload listeners must exist before send(), or no progress events fire.
      xhr.upload.onprogress = (e) =>
        onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.upload.onload = () => {
        bodySent = true;
      };
      xhr.onload = () => {
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(
            parseAnswer({
              status: xhr.status,
              text: xhr.responseText,
              contentType: xhr.getResponseHeader('content-type') ?? '',
              retryAfter: xhr.getResponseHeader('retry-after'),
            }),
          );
        } catch (error) {
          reject(error);
        }
      };
      xhr.onerror = () => fail('network_error');
      xhr.ontimeout = () => fail('timeout');
      xhr.onabort = () => fail('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      xhr.send(form);
    });
  }

  private async uploadFetch(
    path: string,
    form: FormData,
    token: string,
    { signal, onProgress }: CallOptions,
  ): Promise<unknown> {
    let size = 0;
    for (const [, value] of form) if (value instanceof Blob) size += value.size;
    onProgress?.({ loaded: 0, total: size });
    const init: RequestInit = {
      method: 'POST',
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      body: form,
      credentials: this.options.credentials ?? 'same-origin',
    };
    return this.fetchAnswer(path, init, this.options.uploadTimeoutMs ?? 120_000, signal, () =>
      onProgress?.({ loaded: size, total: size }),
    );
  }
}
