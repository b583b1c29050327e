// The client of the handoff routes (docs/protocol.md, "Handoff: continue on a phone"):
// the desktop asks for a code, rotates it while shown, follows the phone's progress
// and can take the flow back; the phone redeems its code for a session of its own.
// Apart from EndpointClient so that a page that never hands off does not carry it;
// it borrows the EndpointClient's token (the token's one owner) through its public API.
import { HANDOFF_ID_PATTERN, type HandoffDone, type HandoffStep, type KycStatus } from '@argos-kyc/protocol';
import { parseAnswer, type EndpointClient, type SessionInfo } from './client.ts';
import { EndpointError } from './errors.ts';

/** A code for the phone's link (`POST /handoff`). */
export interface HandoffCode {
  handoffId: string;
  code: string;
  /** When the code stops working (epoch ms). */
  expiresAt: number;
  /** When to ask for the next code while this one is shown (epoch ms). */
  rotateAt: number;
}

/** What the desktop sees of the phone (`GET /handoff/progress`). */
export interface HandoffProgress {
  state: 'waiting' | 'opened' | 'cancelled';
  done: HandoffDone[];
  submissionId: string | null;
  kycStatus: KycStatus | null;
}

/** The phone's session from a redeemed code: the client now holds its token. */
export interface HandoffSession extends SessionInfo {
  handoffId: string;
  /** Where the phone carries on from. */
  step: HandoffStep;
}

export interface HandoffClientOptions {
  /** Base URL of the customer endpoint (the EndpointClient's). */
  endpoint: string;
  /** The page's EndpointClient: its token authenticates the desktop's calls and receives the phone's. */
  client: EndpointClient;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** As EndpointClientOptions.credentials; default `same-origin`. */
  credentials?: RequestCredentials;
  /** Time limit of a call. Default 20 s. */
  timeoutMs?: number;
}

/** The phone's link: the integrator's template (`handoff-url`) with `{code}` in it. */
export function handoffLink(template: string, code: string): string {
  if (!template.includes('{code}')) throw new TypeError('the handoff link template must contain {code}');
  return template.replace('{code}', encodeURIComponent(code));
}

/** The code in a phone's link as the page got it (e.g. `?code=...`), or null when it is not one. */
export function handoffCodeOf(value: string | null | undefined): string | null {
  return typeof value === 'string' && HANDOFF_ID_PATTERN.test(value) ? value : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Talks to the handoff routes. */
export class HandoffClient {
  readonly #options: HandoffClientOptions;
  readonly #base: string;

  constructor(options: HandoffClientOptions) {
    this.#options = options;
    this.#base = options.endpoint.replace(/\/+$/, '');
  }

  /** Desktop: a new handoff's code, or with `handoffId` the next code of one (the old one stops working). */
  async start(step: HandoffStep, handoffId?: string, signal?: AbortSignal): Promise<HandoffCode> {
    const body = await this.#authed('POST', '/handoff', handoffId ? { step, handoffId } : { step }, signal);
    const code = str(body.code);
    const id = str(body.handoffId);
    const expiresAt = Date.parse(str(body.expiresAt) ?? '');
    const rotateAt = Date.parse(str(body.rotateAt) ?? '');
    if (!code || !id || !Number.isFinite(expiresAt) || !Number.isFinite(rotateAt))
      throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    return { handoffId: id, code, expiresAt, rotateAt };
  }

  /** Desktop: what the phone has done so far. */
  async progress(handoffId: string, signal?: AbortSignal): Promise<HandoffProgress> {
    const query = `?handoffId=${encodeURIComponent(handoffId)}`;
    return readProgress(await this.#authed('GET', `/handoff/progress${query}`, undefined, signal));
  }

  /** Desktop: "continue here instead"; the code stops working. */
  async cancel(handoffId: string, signal?: AbortSignal): Promise<HandoffProgress> {
    return readProgress(await this.#authed('POST', '/handoff/cancel', { handoffId }, signal));
  }

  /** Phone: the code from the link, for a session of its own; the EndpointClient holds its token from now on. */
  async redeem(code: string, signal?: AbortSignal): Promise<HandoffSession> {
    const body = await this.#call('POST', '/handoff/redeem', {}, { code }, signal);
    const token = str(body.token);
    const handoffId = str(body.handoffId);
    const step = str(body.step) as HandoffStep | null;
    if (!token || !handoffId || !step)
      throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
    const expiresAt = str(body.expiresAt);
    this.#options.client.setToken({ token, expiresAt });
    return {
      token,
      expiresAt,
      emailRequired: body.emailRequired === true,
      submissionId: str(body.submissionId),
      applicant: str(body.applicant),
      previousTokenRefused: false,
      handoffId,
      step,
    };
  }

  /** A call with the EndpointClient's token; on 401 `token_expired`, once more with a fresh one. */
  async #authed(
    method: string,
    path: string,
    json: unknown,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const client = this.#options.client;
    const send = (token: string) =>
      this.#call(method, path, { authorization: `Bearer ${token}` }, json, signal);
    try {
      return await send(await client.ensureToken(signal));
    } catch (error) {
      if (!(error instanceof EndpointError) || error.code !== 'token_expired') throw error;
      return send((await client.session(signal)).token);
    }
  }

  async #call(
    method: string,
    path: string,
    headers: Record<string, string>,
    json: unknown,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#options.timeoutMs ?? 20_000);
    const onAbort = () => controller.abort();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const doFetch = this.#options.fetch ?? globalThis.fetch;
      const response = await doFetch(this.#base + path, {
        method,
        headers: {
          accept: 'application/json',
          ...headers,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        credentials: this.#options.credentials ?? 'same-origin',
        signal: controller.signal,
      });
      return parseAnswer({
        status: response.status,
        text: await response.text(),
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
      }) as Record<string, unknown>;
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
}

function readProgress(body: Record<string, unknown>): HandoffProgress {
  const state = str(body.state);
  if (state !== 'waiting' && state !== 'opened' && state !== 'cancelled')
    throw new EndpointError({ code: 'bad_response', retryable: false, status: 200 });
  return {
    state,
    done: Array.isArray(body.done)
      ? body.done.filter((d): d is HandoffDone => d === 'document' || d === 'selfie')
      : [],
    submissionId: str(body.submissionId),
    kycStatus: str(body.kycStatus) as KycStatus | null,
  };
}
