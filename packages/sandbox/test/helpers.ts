// Shared helpers of the sandbox's contract tests: real HTTP against a real sandbox.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSpecimenId } from '../src/index.ts';
import type { Sandbox } from '../src/index.ts';

/** The face fixture used for selfies (a real face, public domain). */
export const FACE_PNG = readFileSync(
  fileURLToPath(new URL('../../../e2e/fixtures/face-astronaut.png', import.meta.url)),
);

/** A plain specimen ID card (no scenario band), rendered once. */
export const ID_PNG = renderSpecimenId({ width: 500, height: 316 });

/** Calls the sandbox's API with the right key unless `key` says otherwise. */
export function call(
  sandbox: Sandbox,
  path: string,
  init: RequestInit & { key?: string | null } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? sandbox.apiKey : init.key;
  if (key !== null) headers.set('x-api-key', key);
  return fetch(`${sandbox.url}${path}`, { ...init, headers });
}

/** A multipart form from fields and files. */
export function form(
  fields: Record<string, string | undefined>,
  files: Record<string, Buffer | undefined> = {},
): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.set(k, v);
  for (const [k, v] of Object.entries(files))
    if (v !== undefined) fd.set(k, new Blob([new Uint8Array(v)]), `${k}.bin`);
  return fd;
}

/** The default valid step-1 fields. */
export const STEP1 = {
  issuingCountry: 'USA',
  email: 'applicant@example.test',
  idType: 'passport',
  userid: 'user-1',
};

/** Runs step 1 and returns its JSON. */
export async function step1(
  sandbox: Sandbox,
  fields: Record<string, string | undefined> = {},
  image: Buffer = ID_PNG,
): Promise<{ submissionId: string; reviewOCRData?: Record<string, string>; file_upload: boolean }> {
  const res = await call(sandbox, '/v2/submission/step1', {
    method: 'POST',
    body: form({ ...STEP1, ...fields }, { idImage: image }),
  });
  if (res.status !== 200) throw new Error(`step1 answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as {
    submissionId: string;
    reviewOCRData?: Record<string, string>;
    file_upload: boolean;
  };
}

/** Runs step 2 and returns the raw response. */
export function step2(
  sandbox: Sandbox,
  submissionId: string,
  fields: Record<string, string | undefined> = {},
  face: Buffer | null = FACE_PNG,
  extraFiles: Record<string, Buffer> = {},
): Promise<Response> {
  return call(sandbox, '/v2/submission/step2', {
    method: 'POST',
    body: form(
      { submissionId, name: 'Alex Specimen', date_of_birth: '1990-01-01', ...fields },
      { faceImage: face ?? undefined, ...extraFiles },
    ),
  });
}

/** GET /v2/submission?submission_id= and returns the one record. */
export async function getSubmission(
  sandbox: Sandbox,
  submissionId: string,
): Promise<
  Record<string, unknown> & {
    kyc: { result: string; attempts?: unknown[]; comment?: string[]; commentCode?: string[] };
  }
> {
  const res = await call(sandbox, `/v2/submission?submission_id=${submissionId}`);
  const body = (await res.json()) as { Items: Array<Record<string, unknown> & { kyc: { result: string } }> };
  if (body.Items.length !== 1) throw new Error(`expected one submission, got ${body.Items.length}`);
  return body.Items[0] as never;
}
