// What the XMLHttpRequest upload path sends and how it reads what comes back: the
// request's method, address, headers, credentials and time limit, the progress it
// reports, the caller's abort, and an answer read as fetch's path reads it. A scripted
// XMLHttpRequest in Node (as in client-xhr-after-upload.test.ts), because the mutation
// run (stryker.config.mjs) cannot drive client-xhr.browser.test.ts in Chromium; the
// real-browser behaviour stays covered there.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndpointClient, EndpointError } from '../src/index.ts';

interface Answer {
  status: number;
  body: string;
  contentType?: string;
  retryAfter?: string;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  withCredentials: boolean;
  timeout: number;
  body: unknown;
  xhr: ScriptedXhrShape;
}

interface ScriptedXhrShape {
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  ontimeout: (() => void) | null;
  onabort: (() => void) | null;
  status: number;
  responseText: string;
  aborted: number;
}

/**
 * Each `send()` records the request and, unless `hold` is set, answers the next answer
 * after one progress event that is or is not length-computable.
 */
function scriptedXhr(answers: Answer[], { hold = false, lengthComputable = true } = {}) {
  const sent: Sent[] = [];
  class ScriptedXhr implements ScriptedXhrShape {
    upload: ScriptedXhrShape['upload'] = { onprogress: null, onload: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    onabort: (() => void) | null = null;
    withCredentials = false;
    timeout = 0;
    status = 0;
    responseText = '';
    aborted = 0;
    private method = '';
    private url = '';
    private headers: Record<string, string> = {};
    private answer: Answer | undefined;
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      if (name === 'content-type') return this.answer?.contentType ?? null;
      if (name === 'retry-after') return this.answer?.retryAfter ?? null;
      return null;
    }
    abort() {
      this.aborted++;
      this.onabort?.();
    }
    send(body: unknown) {
      sent.push({
        method: this.method,
        url: this.url,
        headers: { ...this.headers },
        withCredentials: this.withCredentials,
        timeout: this.timeout,
        body,
        xhr: this,
      });
      if (hold) return;
      const answer = answers.shift()!;
      setTimeout(() => {
        this.upload.onprogress?.({ loaded: 7, total: 64, lengthComputable } as ProgressEvent);
        this.upload.onload?.();
        this.answer = answer;
        this.status = answer.status;
        this.responseText = answer.body;
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
  return sent;
}

const json = (status: number, body: unknown, extra: Partial<Answer> = {}): Answer => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json; charset=utf-8',
  ...extra,
});
const STEP1_OK = json(200, { submissionId: 'sub-1', ocr: null, token: 'bound-token' });

const input = () => ({
  idType: 'passport' as const,
  issuingCountry: 'USA',
  image: new Blob([new Uint8Array(64)], { type: 'image/jpeg' }),
});
const fetchNotUsed = vi.fn(async () => {
  throw new TypeError('fetch is not the transport here');
});
const client = (extra: Partial<ConstructorParameters<typeof EndpointClient>[0]> = {}) =>
  new EndpointClient({
    endpoint: 'https://shop.example/kyc/',
    getToken: async () => 'host-token',
    transport: 'xhr',
    // Never reached unless the transport were fetch: fails loudly rather than going out.
    fetch: fetchNotUsed,
    ...extra,
  });

afterEach(() => {
  vi.unstubAllGlobals();
  fetchNotUsed.mockClear();
});

describe('step 1 over XMLHttpRequest', () => {
  it('posts to the endpoint with the bearer token, JSON accepted, the default time limit and no cookies of another origin', async () => {
    const sent = scriptedXhr([STEP1_OK]);
    const result = await client().step1(input());
    expect(result).toEqual({ submissionId: 'sub-1', ocr: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://shop.example/kyc/step1',
      headers: { authorization: 'Bearer host-token', accept: 'application/json' },
      withCredentials: false,
      timeout: 120_000,
    });
    expect((sent[0]!.body as FormData).get('issuingCountry')).toBe('USA');
  });

  it('sends cookies only when asked to include them, and keeps its own upload time limit', async () => {
    const sent = scriptedXhr([STEP1_OK, STEP1_OK]);
    await client({ credentials: 'include', uploadTimeoutMs: 5_000 }).step1(input());
    await client({ credentials: 'same-origin' }).step1(input());
    expect(sent[0]).toMatchObject({ withCredentials: true, timeout: 5_000 });
    expect(sent[1]).toMatchObject({ withCredentials: false, timeout: 120_000 });
  });

  it('is the transport of `auto`, the default, where XMLHttpRequest exists', async () => {
    const sent = scriptedXhr([STEP1_OK, STEP1_OK]);
    await client({ transport: 'auto' }).step1(input());
    await client({ transport: undefined }).step1(input());
    expect(sent).toHaveLength(2);
    expect(fetchNotUsed).not.toHaveBeenCalled();
  });

  it('is not used where fetch is asked for, even where XMLHttpRequest exists', async () => {
    const sent = scriptedXhr([STEP1_OK]);
    const answered = vi.fn(
      async () =>
        new Response(JSON.stringify({ submissionId: 'sub-fetch', ocr: null }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    expect((await client({ transport: 'fetch', fetch: answered }).step1(input())).submissionId).toBe(
      'sub-fetch',
    );
    expect(answered).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(0);
  });

  it('reports progress in bytes, with total 0 when the length is not known', async () => {
    scriptedXhr([STEP1_OK]);
    const known: unknown[] = [];
    await client().step1(input(), { onProgress: (p) => known.push(p) });
    expect(known).toEqual([{ loaded: 7, total: 64 }]);

    scriptedXhr([STEP1_OK], { lengthComputable: false });
    const unknown: unknown[] = [];
    await client().step1(input(), { onProgress: (p) => unknown.push(p) });
    expect(unknown).toEqual([{ loaded: 7, total: 0 }]);
  });

  it('reads an error answer as the fetch path does: code, status, retryAfter from the header', async () => {
    scriptedXhr([
      json(429, { code: 'rate_limited', message: 'slow down', retryable: true }, { retryAfter: '3' }),
    ]);
    const error = await client()
      .step1(input())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryable: true, retryAfter: 3 });
  });

  it('reads an answer without a content type as no JSON at all', async () => {
    scriptedXhr([{ status: 200, body: JSON.stringify({ submissionId: 'sub-1' }) }]);
    await expect(client().step1(input())).rejects.toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('refuses at once, without a request, when the caller already aborted', async () => {
    const sent = scriptedXhr([STEP1_OK]);
    const controller = new AbortController();
    controller.abort();
    // getToken does not look at the signal: the upload is the first thing that does.
    await expect(client().step1(input(), { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
      retryable: false,
    });
    expect(sent).toHaveLength(0);
  });

  it('aborts the request when the caller aborts, and is not sent again', async () => {
    const sent = scriptedXhr([], { hold: true });
    const controller = new AbortController();
    const pending = client().step1(input(), { signal: controller.signal });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted', retryable: false });
    expect(sent[0]!.xhr.aborted).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('is not sent again after a time limit passed, even before the body left (only a refused connection is)', async () => {
    const sent = scriptedXhr([], { hold: true });
    const pending = client().step1(input());
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.xhr.ontimeout?.();
    await expect(pending).rejects.toMatchObject({ code: 'timeout', retryable: true });
    expect(sent).toHaveLength(1);
  });

  it('lets go of the caller’s signal once the answer is in, and once the request failed', async () => {
    const sent = scriptedXhr([STEP1_OK], {});
    const controller = new AbortController();
    await client().step1(input(), { signal: controller.signal });
    controller.abort(); // after the answer: nothing left to abort
    expect(sent[0]!.xhr.aborted).toBe(0);

    const failed = scriptedXhr([], { hold: true });
    const second = new AbortController();
    const pending = client().step1(input(), { signal: second.signal });
    await vi.waitFor(() => expect(failed).toHaveLength(1));
    failed[0]!.xhr.ontimeout?.();
    await expect(pending).rejects.toMatchObject({ code: 'timeout' });
    second.abort();
    expect(failed[0]!.xhr.aborted).toBe(0);
  });
});
