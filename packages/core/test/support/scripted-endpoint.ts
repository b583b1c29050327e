// A scripted stand-in for the customer endpoint, on real HTTP over loopback. It is
// NOT the server package: it exists to produce, on demand, what the real stack
// cannot be made to do at a precise moment (a 401 token_expired on the second call,
// a connection dropped before or after the body, a garbage answer, a slow answer).
// Answers follow docs/protocol.md. The real endpoint is exercised in client-endpoint.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

/** One scripted answer: JSON with a status, or a transport failure. */
export type Script =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { drop: 'before-body' | 'after-body' }
  | { delayMs: number; status: number; body?: unknown }
  | { raw: string; status: number; contentType: string };

export interface ScriptedEndpoint {
  url: string;
  seen: SeenRequest[];
  /** Queues answers for a route (`/session`, `/step1`, `/status`); unqueued calls get a default. */
  script(path: string, ...answers: Script[]): void;
  close(): Promise<void>;
}

let tokenCounter = 0;

/** Default answers: a fresh 15-minute token, a step-1 success, a status. */
function defaultAnswer(path: string): Script {
  if (path === '/session') {
    return {
      status: 200,
      body: {
        token: `token-${++tokenCounter}`,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
        emailRequired: false,
        submissionId: null,
        applicant: 'applicant-a',
      },
    };
  }
  if (path === '/step1') {
    return {
      status: 200,
      body: {
        submissionId: 'sub-1',
        ocr: null,
        token: `bound-${++tokenCounter}`,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
      },
    };
  }
  if (path === '/step2') return { status: 200, body: { kycStatus: 'pending', attempt: 1, attemptsLeft: 0 } };
  if (path === '/address') {
    return {
      status: 200,
      body: {
        formattedAddress: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
        compoundCode: 'VXX7+39 Washington, DC, USA',
        globalCode: '87C4VXX7+39',
      },
    };
  }
  if (path === '/status')
    return {
      status: 200,
      body: { submissionId: 'sub-1', kycStatus: 'pending', attempts: 0, commentCode: [] },
    };
  return { status: 404, body: { code: 'not_found', message: 'no route', retryable: false } };
}

export async function startScriptedEndpoint(): Promise<ScriptedEndpoint> {
  const queues = new Map<string, Script[]>();
  const bindings = new Map<string, string>();
  const seen: SeenRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').replace(/^\/kyc/, '').split('?')[0]!;
    const answer = queues.get(path)?.shift() ?? defaultAnswer(path);
    // Like the real endpoint: a token from step 1 is bound to its submission, and a
    // session opened with a bound token, or naming a submission in its body, keeps it (this
    // stand-in takes the name on trust; the real endpoint asks the vendor whose it is).
    const bind = (named: string | undefined) => {
      if (!('body' in answer) || answer.status !== 200 || !answer.body || typeof answer.body !== 'object')
        return;
      const body = answer.body as { token?: string; submissionId?: string | null };
      if (path === '/session') {
        const sid = named ?? bindings.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (sid && body.token) {
          body.submissionId = sid;
          bindings.set(body.token, sid);
        }
      }
      if (path === '/step1' && body.token && body.submissionId) bindings.set(body.token, body.submissionId);
    };
    if ('drop' in answer && answer.drop === 'before-body') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let named: string | undefined;
      if (path === '/session' && req.headers['content-type']?.includes('json'))
        named = (JSON.parse(raw.toString()) as { submissionId?: string }).submissionId;
      bind(named);
      seen.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
      });
      if ('drop' in answer) {
        req.socket.destroy();
        return;
      }
      const reply = () => {
        if ('raw' in answer) {
          res.writeHead(answer.status, { 'content-type': answer.contentType });
          res.end(answer.raw);
          return;
        }
        res.writeHead(answer.status, {
          'content-type': 'application/json',
          'x-argos-kyc-protocol': '1',
          ...('headers' in answer ? answer.headers : {}),
        });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if ('delayMs' in answer) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kyc`,
    seen,
    script(path, ...answers) {
      queues.set(path, [...(queues.get(path) ?? []), ...answers]);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A protocol error body. */
export function protocolError(status: number, code: string, extra: Record<string, unknown> = {}): Script {
  return {
    status,
    body: {
      code,
      message: `Developer message for ${code}`,
      retryable: [429, 502, 504].includes(status),
      ...extra,
    },
  };
}
