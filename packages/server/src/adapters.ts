// Thin adapters from Node's http server and Express-style apps to the one
// web-standard handler. They convert, they do not decide.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionInfo, KycHandler } from './endpoint.ts';
import type { BodySource } from './multipart.ts';

type NextFn = (err?: unknown) => void;

/** Chunks read ahead of the handler before the request is paused (<= 1 MiB at 64 KiB). */
const READ_AHEAD = 16;

/** The body of a Node request as a pull source, without a web-stream hop per chunk. */
class NodeBody implements BodySource {
  readonly #req: IncomingMessage;
  readonly #queue: Buffer[] = [];
  #waiter: { resolve(chunk: Uint8Array | null): void; reject(e: Error): void } | null = null;
  #ended = false;
  #error: Error | null = null;
  #stopped = false;

  constructor(req: IncomingMessage, onClientGone: () => void) {
    this.#req = req;
    req.on('data', (chunk: Buffer) => {
      if (this.#stopped) return;
      const waiter = this.#waiter;
      if (waiter) {
        this.#waiter = null;
        waiter.resolve(chunk);
        return;
      }
      this.#queue.push(chunk);
      if (this.#queue.length >= READ_AHEAD) req.pause();
    });
    req.once('end', () => {
      this.#ended = true;
      this.#waiter?.resolve(null);
      this.#waiter = null;
    });
    req.once('error', (e) => this.#fail(e));
    // A client that goes away mid-upload must not leave the upstream call waiting.
    req.once('close', () => {
      if (!req.complete) {
        onClientGone();
        this.#fail(new Error('the client closed the connection'));
      }
    });
  }

  #fail(e: Error): void {
    if (this.#stopped || this.#error) return;
    this.#error = e;
    this.#waiter?.reject(e);
    this.#waiter = null;
  }

  read(): Promise<Uint8Array | null> {
    const next = this.#queue.shift();
    if (next) {
      if (this.#queue.length < READ_AHEAD / 2 && this.#req.isPaused()) this.#req.resume();
      return Promise.resolve(next);
    }
    if (this.#error) return Promise.reject(this.#error);
    if (this.#ended || this.#stopped) return Promise.resolve(null);
    if (this.#req.isPaused()) this.#req.resume();
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  /** Stops reading without destroying the socket, so that the answer (e.g. 413) can still be written. */
  async cancel(): Promise<void> {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#req.pause();
    this.#waiter?.resolve(null);
    this.#waiter = null;
  }
}

/** A body source as the web stream of a Request (read only by handlers that do not take `info.body`). */
function streamOfBody(body: BodySource): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await body.read();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: () => body.cancel(),
    },
    { highWaterMark: 0 },
  );
}

/**
 * The request body was read by a body parser mounted before the adapter (e.g.
 * `express.text()` or `express.raw()` told to read every type), and cannot be rebuilt: the adapter answers 500
 * `internal_error` and logs this error's message, which names the path and the fix.
 */
export class BodyConsumedError extends Error {
  override readonly name = 'BodyConsumedError';
  constructor(method: string, path: string) {
    super(
      `argos-kyc: the request body of ${method} ${path} was read by another body parser before the middleware ` +
        '(express.text or express.raw of every type, multer, ...); mount toExpressMiddleware before body parsers, ' +
        'or limit their `type` (docs: packages/server/README.md, "Body parsers")',
    );
  }
}

type NodeRequest = IncomingMessage & {
  originalUrl?: string | undefined;
  body?: unknown;
  /** Set by the `body-parser` family once it has read the body. */
  _body?: boolean | undefined;
};

/** A body parser that parsed JSON (or a form) into an object: that much can be rebuilt. */
function isParsedObject(body: unknown): body is object {
  return (
    typeof body === 'object' && body !== null && !(body instanceof Uint8Array) && !ArrayBuffer.isView(body)
  );
}

/** Methods a web Request cannot carry (the fetch standard forbids them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function urlOf(req: NodeRequest): URL {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = req.headers.host ?? 'localhost';
  return new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

/**
 * A web Request for a Node request (`originalUrl` when an Express router stripped a
 * mount path). Throws for a method that a Request cannot carry (CONNECT, TRACE, TRACK), and
 * BodyConsumedError when another parser read a body that cannot be rebuilt.
 */
export function toWebRequest(req: NodeRequest): Request {
  return forHandler(req).request;
}

/**
 * The Request and connection facts the handler is called with. The body is read
 * straight from Node (`info.body`) rather than through the Request's web stream;
 * `info.closed` aborts when the client goes away before the answer is written; a
 * method a Request cannot carry goes in `info.method`, on a body-less GET Request.
 */
function forHandler(
  req: NodeRequest,
  res?: ServerResponse,
  clientAddress?: string,
): { request: Request; info: ConnectionInfo } {
  const url = urlOf(req);
  const headers = headersOf(req);
  const method = req.method ?? 'GET';
  const info: ConnectionInfo = { clientAddress };
  const gone = new AbortController();
  const clientGone = () => gone.abort();
  if (res) {
    info.closed = gone.signal;
    res.once('close', () => {
      if (!res.writableFinished) clientGone();
    });
  }
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    if (!res) throw new TypeError(`A web Request cannot carry the method ${method}`);
    info.method = method;
    return { request: new Request(url, { method: 'GET', headers }), info };
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    // Without this check a read body would never end (the stream has no more 'end' to emit):
    // the call would hang until the client gave up.
    const consumed = req.readableEnded || req._body === true;
    if (!consumed) {
      const body = new NodeBody(req, clientGone);
      info.body = body;
      init.body = streamOfBody(body);
      init.duplex = 'half';
    } else if (isParsedObject(req.body)) {
      // A JSON parser (e.g. express.json()) ran first: rebuild the JSON body it consumed.
      init.body = JSON.stringify(req.body);
      headers.delete('content-length');
    } else if (req.headers['content-length'] !== '0') {
      throw new BodyConsumedError(init.method!, url.pathname);
    }
  }
  return { request: new Request(url, init), info };
}

/** Answers a BodyConsumedError: one log line for the integrator, a protocol error for the browser. */
function answerConsumed(handler: KycHandler, error: BodyConsumedError, res: ServerResponse): void {
  const log = (handler as KycHandler & { logError?: (line: string) => void }).logError;
  (log ?? ((line: string) => console.error(line)))(error.message);
  res
    .writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end('{"code":"internal_error","message":"The server is misconfigured.","retryable":false}');
}

/**
 * How long a connection closed after a refused upload stays open for reading once the
 * answer is out. Closing a socket with unread bytes makes the kernel send a reset, which
 * can reach a client still writing its upload before it has read the answer: it then sees
 * ECONNRESET or EPIPE instead of the typed 413 (seen under load in security.test.ts). Web
 * servers' "lingering close": shut our side, let the client read, then close.
 */
const LINGER_MS = 2000;

/** Delays the close Node makes after an answer with `connection: close` (see LINGER_MS). */
function lingerOnClose(socket: Socket): void {
  const closing = socket as Socket & { destroySoon?: () => void };
  closing.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

/** Writes a web Response to a Node response. */
export async function writeWebResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  // An upload we refused part-way is not drained: closing the connection stops it, once the
  // client has had time to read the answer.
  if (!req.complete) {
    headers.connection = 'close';
    lingerOnClose(req.socket);
  }
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  const second = first.done ? first : await reader.read();
  if (second.done) {
    // A body of one chunk (every answer of the endpoint) goes out whole, with its length.
    if (!first.done) headers['content-length'] = String(first.value.byteLength);
    res.writeHead(response.status, headers);
    res.end(first.done ? undefined : first.value);
    return;
  }
  res.writeHead(response.status, headers);
  res.write(first.value);
  for (let next: ReadableStreamReadResult<Uint8Array> = second; !next.done; next = await reader.read()) {
    if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

function underBase(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(basePath + '/');
}

/**
 * A Node `http.createServer` listener (or Connect-style middleware: requests
 * outside the base path go to `next`, or get a 404 when there is none).
 */
export function toNodeListener(
  handler: KycHandler,
): (req: IncomingMessage, res: ServerResponse, next?: NextFn) => void {
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!underBase(path, handler.basePath)) {
      if (next) return next();
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"code":"not_found","message":"No such route.","retryable":false}');
      return;
    }
    void (async () => {
      try {
        let call: { request: Request; info: ConnectionInfo };
        try {
          call = forHandler(req, res, req.socket.remoteAddress);
        } catch (e) {
          if (e instanceof BodyConsumedError) return answerConsumed(handler, e, res);
          throw e;
        }
        const response = await handler(call.request, call.info);
        await writeWebResponse(response, req, res);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', connection: 'close' });
        res.end();
      }
    })();
  };
}

/** Express (4/5) middleware: `app.use(toExpressMiddleware(handler))`, before body parsers (README, "Body parsers"). */
export function toExpressMiddleware(
  handler: KycHandler,
): (req: NodeRequest & { ip?: string | undefined }, res: ServerResponse, next: NextFn) => void {
  return (req, res, next) => {
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0]!;
    if (!underBase(path, handler.basePath)) return next();
    let call: { request: Request; info: ConnectionInfo };
    try {
      call = forHandler(req, res, req.ip ?? req.socket.remoteAddress);
    } catch (e) {
      if (e instanceof BodyConsumedError) return answerConsumed(handler, e, res);
      return next(e);
    }
    handler(call.request, call.info)
      .then((response) => writeWebResponse(response, req, res))
      .catch(next);
  };
}
