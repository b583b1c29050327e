// The embedding pages under /embed/: plain HTML that loads the BUILT script-tag file
// (packages/widget/dist, `pnpm --filter @argos-kyc/widget build`) exactly as an
// integrator's site would, with a strict Content-Security-Policy header and no Vite
// in between. /embed/dist/* serves the widget's dist folder; /embed/* the files of
// demo/pages/embed/. See docs/integration.md.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The policy docs/integration.md tells integrators to copy: no inline script or style, no
 * eval; WebAssembly compiled from the widget's own files only (`'wasm-unsafe-eval'`, for
 * the face detector's WASM worker).
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'";
/** The same without WebAssembly: a page that refuses it (and says so with `face-wasm="off"`). */
export const STRICT_CSP_NO_WASM = STRICT_CSP.replace(" 'wasm-unsafe-eval'", '');

/**
 * A page asked with `?face-wasm=off`, and every file it loads (its Referer says so: a
 * worker runs under the policy of its own script's response), gets the policy without
 * WebAssembly, as on a site that refuses it everywhere.
 */
function policyFor(req: IncomingMessage): string {
  const off = (url: string | undefined) =>
    !!url && new URL(url, 'http://demo.invalid').searchParams.get('face-wasm') === 'off';
  return off(req.url) || off(req.headers.referer) ? STRICT_CSP_NO_WASM : STRICT_CSP;
}

const PAGES = fileURLToPath(new URL('./embed/', import.meta.url));
export const WIDGET_DIST = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

function inside(base: string, relative: string): string | null {
  const path = normalize(join(base, relative));
  return path.startsWith(base.endsWith(sep) ? base : base + sep) ? path : null;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-security-policy': policyFor(req),
  });
  res.end(text);
}

/** Answers GET/HEAD under /embed/; anything else is a 404 or 405. */
export function serveEmbed(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, 'method not allowed');
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://demo.invalid').pathname);
  const rest = pathname.slice('/embed/'.length);
  const file = rest.startsWith('dist/')
    ? inside(WIDGET_DIST, rest.slice('dist/'.length))
    : inside(PAGES, rest || 'index.html');
  let size = 0;
  try {
    if (!file) throw new Error('outside');
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    const hint = rest.startsWith('dist/')
      ? ' (build the widget first: pnpm --filter @argos-kyc/widget build)'
      : '';
    return send(req, res, 404, `not found${hint}`);
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file!)] ?? 'application/octet-stream',
    'content-length': size,
    'content-security-policy': policyFor(req),
    'cache-control': 'no-store',
    // The script-tag files may be loaded from another origin (a CDN does the same).
    'access-control-allow-origin': '*',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file!).pipe(res);
}
