// Thin adapters from Node's http server and Express-style apps to the one
// web-standard handler. They convert, they do not decide.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KycHandler } from './endpoint.ts';

type NextFn = (err?: unknown) => void;

/**
 * The request body as a web stream that pulls from Node only when read (at most
 * 16 chunks ahead), and on cancel stops reading without destroying the socket, so
 * that the answer (e.g. 413) can still be written.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let stopped = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (stopped) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (!stopped) controller.close();
        });
        req.once('error', (e) => {
          if (!stopped) controller.error(e);
        });
        // A client that goes away mid-upload must not leave the upstream call waiting.
        req.once('close', () => {
          if (!stopped && !req.complete) {
            stopped = true;
            controller.error(new Error('the client closed the connection'));
          }
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        stopped = true;
        req.pause();
      },
    },
    // Some read-ahead keeps the socket flowing without holding a body (<= 1 MiB).
    { highWaterMark: 16 },
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

/**
 * A web Request for a Node request (`originalUrl` when an Express router stripped a mount
 * path). Throws BodyConsumedError when another parser read a body that cannot be rebuilt.
 */
export function toWebRequest(req: NodeRequest): Request {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
  if (init.method !== 'GET' && init.method !== 'HEAD') {
    // Without this check a read body would never end (the stream has no more 'end' to emit):
    // the call would hang until the client gave up.
    const consumed = req.readableEnded || req._body === true;
    if (!consumed) {
      init.body = bodyStream(req);
      init.duplex = 'half';
    } else if (isParsedObject(req.body)) {
      // A JSON parser (e.g. express.json()) ran first: rebuild the JSON body it consumed.
      init.body = JSON.stringify(req.body);
      headers.delete('content-length');
    } else if (req.headers['content-length'] !== '0') {
      throw new BodyConsumedError(init.method!, url.pathname);
    }
  }
  return new Request(url, init);
}

/** Answers a BodyConsumedError: one log line for the integrator, a protocol error for the browser. */
function answerConsumed(handler: KycHandler, error: BodyConsumedError, res: ServerResponse): void {
  const log = (handler as KycHandler & { logError?: (line: string) => void }).logError;
  (log ?? ((line: string) => console.error(line)))(error.message);
  res
    .writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end('{"code":"internal_error","message":"The server is misconfigured.","retryable":false}');
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
  // An upload we refused part-way is not drained: closing the connection stops it.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
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
        let request: Request;
        try {
          request = toWebRequest(req);
        } catch (e) {
          if (e instanceof BodyConsumedError) return answerConsumed(handler, e, res);
          throw e;
        }
        const response = await handler(request, { clientAddress: req.socket.remoteAddress });
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
    let request: Request;
    try {
      request = toWebRequest(req);
    } catch (e) {
      if (e instanceof BodyConsumedError) return answerConsumed(handler, e, res);
      return next(e);
    }
    handler(request, { clientAddress: req.ip ?? req.socket.remoteAddress })
      .then((response) => writeWebResponse(response, req, res))
      .catch(next);
  };
}
