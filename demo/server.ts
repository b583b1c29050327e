// The demo stack in one process: the sandbox (the Argos API simulator) on a random
// loopback port, @argos-kyc/server's endpoint at /kyc, and Vite serving the demo
// pages and the widget source live. `tsx server.ts` starts it on $PORT or 5173, on
// $HOST or 127.0.0.1; with $HTTPS_CERT and $HTTPS_KEY (PEM files) it serves HTTPS, which
// a phone's camera needs on any address but localhost (README, "Try it on a phone").
//
// Sign-in is a demo cookie: opening any page sets `argos_demo_session` (HttpOnly,
// SameSite=Lax) for the fixed applicant `demo-user-1` (demo-user-1@example.test).
// Open a page with `?applicant=no-email` to sign in as `demo-user-2`, who has no
// email on file, so the widget asks for one (emailRequired).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer as createVite } from 'vite';
import { faceWasmAlias } from '../packages/core/face-alias.ts';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { ArgosClient, createKycHandler, toNodeListener, type Applicant } from '@argos-kyc/server';
import { serveEmbed } from './pages/embed-server.ts';

/** The applicants a demo session can be. */
export const DEMO_APPLICANTS = {
  default: { userid: 'demo-user-1', email: 'demo-user-1@example.test' },
  'no-email': { userid: 'demo-user-2' },
} as const satisfies Record<string, Applicant>;

const COOKIE = 'argos_demo_session';

/** A running demo. */
export interface Demo {
  /** Where to open it, e.g. http://127.0.0.1:5173 */
  url: string;
  /** The in-process sandbox (its `control` scripts outcomes for e2e). */
  sandbox: Sandbox;
  close(): Promise<void>;
}

function readCookie(req: IncomingMessage | Request, name: string): string | undefined {
  const header = req instanceof Request ? req.headers.get('cookie') : req.headers.cookie;
  const m = new RegExp(`(?:^|;\\s*)${name}=([A-Za-z0-9_-]+)`).exec(header ?? '');
  return m?.[1];
}

/**
 * Starts the demo; port 0 picks a free one. `tokenTtlSeconds` shortens the session tokens (e2e of a
 * refresh mid-flow); `vendorTimeoutMs` shortens the wait for a vendor that does not answer (e2e faults).
 */
export async function startDemo(
  options: {
    port?: number;
    host?: string;
    tokenTtlSeconds?: number;
    vendorTimeoutMs?: number;
    /** Shortens the handoff codes' life (e2e of an expired phone link). */
    handoffCodeTtlSeconds?: number;
    /** PEM certificate and key: serve HTTPS (the camera needs a secure context off localhost). */
    tls?: { cert: string | Buffer; key: string | Buffer };
  } = {},
): Promise<Demo> {
  const root = dirname(fileURLToPath(import.meta.url));
  const host = options.host ?? '127.0.0.1';
  // A fresh key and token secret per run: nothing of the demo is a real secret.
  const sandbox = await startSandbox({ port: 0, apiKey: randomBytes(16).toString('hex'), log: false });
  const sessions = new Map<string, Applicant>();

  const argos = new ArgosClient({ apiKey: sandbox.apiKey, baseUrl: `${sandbox.url}/v2` });
  const kyc = toNodeListener(
    createKycHandler({
      client: argos,
      ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
      ...(options.vendorTimeoutMs ? { vendorTimeoutMs: options.vendorTimeoutMs } : {}),
      ...(options.handoffCodeTtlSeconds ? { handoffCodeTtlSeconds: options.handoffCodeTtlSeconds } : {}),
      secrets: [{ kid: 'demo', secret: randomBytes(32) }],
      resolveApplicant: (request) => {
        const id = readCookie(request, COOKIE);
        return (id && sessions.get(id)) || null;
      },
      // e2e and people clicking around make many calls from one IP; keep limits but loose.
      // The demo applicant is shared by everyone (and every e2e run), so its step-1 budget is
      // loose too; a real deployment keeps the default (5 paid submissions an hour).
      rateLimits: {
        perApplicant: { limit: 600, windowMs: 60_000 },
        perIp: { limit: 2000, windowMs: 60_000 },
        step1PerApplicant: { limit: 1000, windowMs: 3_600_000 },
      },
      logError: (line) => console.error(line),
    }),
  );

  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key })
    : createServer();
  const vite = await createVite({
    root,
    appType: 'mpa',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: { server } },
    // The face detector's WASM worker: face-api on tfjs-core and its WASM backend only.
    resolve: { alias: faceWasmAlias },
    // Pre-bundle the widget's dependencies at start: discovering them on the first
    // page load makes Vite re-optimise and reload the page mid-flow.
    optimizeDeps: {
      include: [
        'lit',
        'i18next',
        'idb-keyval',
        '@argos-kyc/widget > uqr',
        '@argos-kyc/core > @vladmandic/face-api',
        // The WASM face worker's face-api (its tfjs paths aliased, packages/core/face-alias.ts).
        '@argos-kyc/core > @vladmandic/face-api/dist/face-api.esm-nobundle.js',
      ],
    },
  });

  function signIn(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const wanted = url.searchParams.get('applicant') === 'no-email' ? 'no-email' : 'default';
    const current = readCookie(req, COOKIE);
    if (current && sessions.has(current) && !url.searchParams.has('applicant')) return;
    const id = randomBytes(18).toString('base64url');
    // Bounded: a long-running demo forgets its oldest visitors first.
    if (sessions.size >= 10_000) sessions.delete(sessions.keys().next().value!);
    sessions.set(id, DEMO_APPLICANTS[wanted]);
    res.setHeader('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
  }

  /**
   * Demo only: the signed-in applicant's latest submission as the vendor stored it (through
   * ArgosClient, images omitted), so that the page can show what the vendor received.
   * An integrator's real backend would never hand this to the browser.
   */
  async function latestSubmission(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = readCookie(req, COOKIE);
    const applicant = id ? sessions.get(id) : undefined;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    if (!applicant) {
      res.statusCode = 401;
      res.end(JSON.stringify({ submission: null }));
      return;
    }
    try {
      const page = await argos.listSubmissions({ userid: applicant.userid, count: 1 });
      res.end(JSON.stringify({ submission: page.items[0] ?? null }));
    } catch {
      res.statusCode = 502;
      res.end(JSON.stringify({ submission: null }));
    }
  }

  /**
   * Demo only: the reviewer's decision on the signed-in applicant's latest submission, if it is
   * pending (the sandbox's review control, which a real vendor's back office stands in for).
   * JSON only: a cross-site form cannot send it without a CORS preflight, which this never answers.
   */
  async function review(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = readCookie(req, COOKIE);
    const applicant = id ? sessions.get(id) : undefined;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    const answer = (status: number, body: object) => {
      res.statusCode = status;
      res.end(JSON.stringify(body));
    };
    if (!applicant) return answer(401, { error: 'not signed in' });
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      return answer(415, { error: 'send JSON' });
    let decision: unknown;
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > 1024) return answer(413, { error: 'too large' });
        chunks.push(chunk);
      }
      decision = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { decision?: unknown }).decision;
    } catch {
      return answer(400, { error: 'send {"decision": "approve" | "reject"}' });
    }
    if (decision !== 'approve' && decision !== 'reject')
      return answer(400, { error: 'send {"decision": "approve" | "reject"}' });
    try {
      const latest = (await argos.listSubmissions({ userid: applicant.userid, count: 1 })).items[0];
      if (!latest || latest.kyc.result !== 'pending') return answer(409, { error: 'no pending submission' });
      sandbox.control.review(
        decision === 'approve'
          ? { submissionId: latest.submission_id, decision }
          : { submissionId: latest.submission_id, decision, commentCode: 'id_unreadable' },
      );
      answer(200, { decided: decision });
    } catch {
      answer(502, { error: 'the sandbox did not take the decision' });
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/kyc' || path.startsWith('/kyc/')) return kyc(req, res);
    if (path === '/demo-api/submission' && req.method === 'GET') return void latestSubmission(req, res);
    if (path === '/demo-api/review' && req.method === 'POST') return void review(req, res);
    if (req.method === 'GET' && (path === '/' || path.endsWith('.html') || !path.includes('.')))
      signIn(req, res);
    // Embedding pages: the built script-tag file under a strict CSP header (demo/pages/embed-server.ts).
    if (path.startsWith('/embed/')) return serveEmbed(req, res);
    vite.middlewares(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    sandbox,
    async close() {
      await vite.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 5173);
  const { HTTPS_CERT, HTTPS_KEY } = process.env;
  const tls =
    HTTPS_CERT && HTTPS_KEY ? { cert: readFileSync(HTTPS_CERT), key: readFileSync(HTTPS_KEY) } : undefined;
  startDemo({ port, host: process.env.HOST ?? '127.0.0.1', ...(tls ? { tls } : {}) }).then(
    (demo) => {
      console.log(`Argos KYC demo: open ${demo.url}/ (sandbox API at ${demo.sandbox.url}/v2)`);
      if (/^https?:\/\/(0\.0\.0\.0|\[::\])/.test(demo.url))
        console.log("  (listening on every interface: open it with this machine's address on your network)");
      const stop = () => void demo.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`demo: could not start (${e instanceof Error ? e.message : String(e)})`);
      process.exit(1);
    },
  );
}
