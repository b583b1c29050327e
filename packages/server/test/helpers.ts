// Test stack: a real sandbox and the endpoint on a real Node http server, both on
// 127.0.0.1 with port 0. Everything they print is captured for the secret scans.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import {
  ArgosClient,
  createKycHandler,
  toNodeListener,
  type Applicant,
  type AuditEvent,
  type KycEndpointOptions,
  type KycHandler,
} from '../src/index.ts';

export const API_KEY = 'sandbox-key-7f3a9c1e5b';
export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** Applicants the test integrator knows, signed in by the `session=<userid>` cookie. */
export const APPLICANTS: Record<string, Applicant> = {
  alice: { userid: 'alice', email: 'alice@example.test', cf1: 'plan-gold' },
  bob: { userid: 'bob' },
  carol: { userid: 'carol', email: 'carol@example.test' },
};

export function cookieApplicant(request: Request): Applicant | null {
  const m = /(?:^|;\s*)session=([a-z]+)/.exec(request.headers.get('cookie') ?? '');
  return m ? (APPLICANTS[m[1]!] ?? null) : null;
}

export interface Stack {
  sandbox: Sandbox;
  client: ArgosClient;
  handler: KycHandler;
  /** The endpoint's base URL, e.g. http://127.0.0.1:1234/kyc */
  base: string;
  origin: string;
  audits: AuditEvent[];
  /** Every line printed by the sandbox and the endpoint. */
  logs: string[];
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startStack(
  overrides: Partial<KycEndpointOptions> = {},
  clientOptions: { timeoutMs?: number; nodeUploads?: boolean; fetch?: typeof fetch } = {},
): Promise<Stack> {
  const logs: string[] = [];
  const audits: AuditEvent[] = [];
  const sandbox = await startSandbox({ port: 0, apiKey: API_KEY, log: (line) => logs.push(line) });
  const client = new ArgosClient({
    apiKey: API_KEY,
    baseUrl: `${sandbox.url}/v2`,
    backoffMs: 5,
    ...clientOptions,
  });
  const handler = createKycHandler({
    client,
    secrets: [{ kid: 'k1', secret: SECRET }],
    resolveApplicant: cookieApplicant,
    allowedOrigins: ['https://shop.example'],
    onAudit: (e) => {
      audits.push(e);
      logs.push(JSON.stringify(e));
    },
    logError: (line) => logs.push(line),
    rateLimits: { perApplicant: false, perIp: false, step1PerApplicant: false },
    ...overrides,
  });
  const server = createServer(toNodeListener(handler));
  const origin = await listen(server);
  return {
    sandbox,
    client,
    handler,
    base: `${origin}/kyc`,
    origin,
    audits,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}

/** Bytes that are a JPEG by their magic number, `size` long. */
export function jpeg(size = 2048): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b[size - 2] = 0xff;
  b[size - 1] = 0xd9;
  return b;
}

/** Bytes that are a PNG by their magic number, `size` long. */
export function png(size = 2048): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
}

export function file(bytes: Uint8Array<ArrayBuffer>, name: string, type = 'image/jpeg'): File {
  return new File([bytes], name, { type });
}

export async function session(
  stack: Stack,
  user = 'alice',
  init: RequestInit = {},
): Promise<{ token: string; body: Record<string, unknown> }> {
  const res = await fetch(`${stack.base}/session`, {
    method: 'POST',
    ...init,
    headers: { cookie: `session=${user}`, ...(init.headers as Record<string, string>) },
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`session: ${res.status} ${JSON.stringify(body)}`);
  return { token: body.token as string, body };
}

export function step1Form(
  fields: Record<string, string> = {},
  image: Blob = file(jpeg(), 'id.jpg'),
): FormData {
  const form = new FormData();
  const all = { idType: 'passport', issuingCountry: 'USA', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  form.append('idImage', image);
  return form;
}

export function step2Form(
  fields: Record<string, string> = {},
  image: Blob = file(jpeg(), 'selfie.jpg'),
): FormData {
  const form = new FormData();
  const all = { name: 'Alex Specimen', date_of_birth: '1990-01-01', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  form.append('faceImage', image);
  return form;
}

export async function post(
  stack: Stack,
  route: string,
  token: string | null,
  body?: BodyInit,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${stack.base}/${route}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

/** A session plus a successful step 1: the bound token and submission id. */
export async function throughStep1(
  stack: Stack,
  user = 'alice',
  fields: Record<string, string> = {},
): Promise<{ token: string; submissionId: string }> {
  const { token } = await session(stack, user);
  const r = await post(stack, 'step1', token, step1Form(fields));
  if (r.status !== 200) throw new Error(`step1: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token as string, submissionId: r.body.submissionId as string };
}

/** A multipart body built by hand, in exactly the order given. */
export function rawMultipart(
  parts: (
    { name: string; value: string } | { name: string; filename: string; type?: string; bytes: Uint8Array }
  )[],
  boundary = 'test-boundary-42',
): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.from(p.bytes));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const joined = Buffer.concat(chunks);
  return {
    body: new Uint8Array(
      joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer,
    ),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** How many submissions the sandbox holds (through the vendor API itself). */
export async function submissionCount(stack: Stack): Promise<number> {
  let n = 0;
  for await (const _ of stack.client.submissions()) n++;
  return n;
}
