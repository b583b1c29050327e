// The sandbox's shell: the Argos v2 API under /v2 (./server/v2.ts and its routes) and
// the sandbox-only admin API under /__sandbox (./server/admin.ts), on node:http,
// with the key check, fault injection (./server/faults.ts), one log line per request
// (never a query value or a body) and a close that drops every connection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BodyTooLargeError, MalformedBodyError } from './body.ts';
import { admin, createControl, type SandboxControl } from './server/admin.ts';
import { applyFault } from './server/faults.ts';
import { logPath, safeEqual, sendError } from './server/http.ts';
import { v2Routes } from './server/v2.ts';
import { HttpError, SandboxState } from './state.ts';

export { MAX_FILE_BYTES } from './server/form.ts';
export type { ReviewInput, SandboxControl } from './server/admin.ts';

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

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`; the API is at `${url}/v2`. */
  url: string;
  apiKey: string;
  control: SandboxControl;
  /** Stops listening and drops every open connection (held "timeout" calls included). */
  close(): Promise<void>;
}

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

  const control = createControl(state);
  const routes = v2Routes(state);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const key = req.headers['x-api-key'];
    const isApi = path.startsWith('/v2/') || path.startsWith('/__sandbox/');
    if (!isApi) throw new HttpError(404, 'Not Found');
    if (typeof key !== 'string' || !safeEqual(key, apiKey)) throw new HttpError(403, 'Forbidden');
    if (path.startsWith('/__sandbox/')) return admin(control, method, path, req, res);
    const route = routes[path];
    if (!route) throw new HttpError(404, 'Not Found');
    const handler = route[method];
    if (!handler) {
      res.setHeader('allow', Object.keys(route).join(', '));
      throw new HttpError(405, 'Method Not Allowed');
    }
    const fault = state.takeFault(method, path);
    if (fault && (await applyFault(fault, req, res, later))) return;
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
        // The rest of the body was read and dropped (body.ts), up to its cap: answer and close.
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
