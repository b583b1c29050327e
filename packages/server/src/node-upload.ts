// The upload transport on Node: a streamed multipart body written straight to a
// node:http(s) request, instead of through a web stream into fetch. Per 64 KiB
// chunk that saves two stream hops and undici's own body plumbing, which is most
// of what the proxy costs on top of a bare pipe. Loaded only on Node; every other
// runtime (and a client given its own `fetch`) sends uploads with fetch.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What `nodeUpload` sends. */
export interface NodeUploadInit {
  method: string;
  headers: Record<string, string>;
  /** Chunks written as they come, with backpressure; a throw aborts the request before its end. */
  body: AsyncIterable<Uint8Array>;
  signal: AbortSignal;
}

/** Bytes queued for the vendor's socket before reading more of the applicant's upload. */
const MAX_QUEUED_BYTES = 256 * 1024;

/** The vendor's answer to an upload, read whole: what the client reads of a fetch Response, without building one. */
export interface UploadAnswer {
  ok: boolean;
  status: number;
  headers: Headers;
  body: null;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

function answerOf(res: IncomingMessage, chunks: Buffer[]): UploadAnswer {
  const status = res.statusCode ?? 0;
  const text = () => Buffer.concat(chunks).toString('utf8');
  let headers: Headers | undefined;
  return {
    ok: status >= 200 && status < 300,
    status,
    get headers() {
      if (!headers) {
        headers = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      }
      return headers;
    },
    body: null,
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
  };
}

/**
 * Sends `body` with chunked transfer encoding over the global keep-alive agent and
 * answers the vendor's response, read whole (answers to uploads are small JSON).
 * Rejects on a network error, an abort, a redirect (as fetch with
 * `redirect: 'error'` does) or a body that throws.
 */
export function nodeUpload(url: URL, init: NodeUploadInit): Promise<UploadAnswer> {
  return new Promise<UploadAnswer>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method, headers: init.headers, signal: init.signal });
    req.on('error', reject);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        req.destroy();
        reject(new TypeError('redirect refused'));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve(answerOf(res, chunks)));
    });
    // One resumer for every wait on the socket, not a promise and two listeners per chunk.
    let resume: (() => void) | null = null;
    const wake = () => {
      const go = resume;
      resume = null;
      go?.();
    };
    req.on('drain', wake);
    req.on('close', wake);
    void (async () => {
      try {
        for await (const chunk of init.body) {
          if (req.destroyed) return;
          req.write(chunk);
          // write() answers false for any chunk over 16 KiB even when the socket took it at
          // once; wait only while a real backlog is queued (bounded memory per upload).
          if (req.writableLength > MAX_QUEUED_BYTES) await new Promise<void>((go) => (resume = go));
        }
        if (!req.destroyed) req.end();
      } catch (e) {
        // The body failed (e.g. a field refused after the image): the request never ends.
        req.destroy(e instanceof Error ? e : new Error('the upload failed'));
      }
    })();
  });
}
