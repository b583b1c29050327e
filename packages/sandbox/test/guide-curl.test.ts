// The vendor's own sample requests (as its API guide prints them, copied here; see
// docs/vendor-api.md), run with the real curl binary against the sandbox:
// only the host is swapped and the {placeholders} filled in. Where a sample leaves the
// form out ("--form ."), the form is built from that endpoint's input table; where a
// sample omits the x-api-key header, it is added as the vendor requires of every call
// (docs/vendor-api.md, "The API") (and the sample as printed is shown to get 403).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.ts';
import { FACE_PNG, ID_PNG } from './helpers.ts';

const run = promisify(execFile);
const VENDOR = 'https://rest-api.argoskyc.com';
let sandbox: Sandbox;
let dir: string;
const values: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: 'guide-key', log: false });
  dir = mkdtempSync(join(tmpdir(), 'sandbox-curl-'));
  writeFileSync(join(dir, 'id.png'), ID_PNG);
  writeFileSync(join(dir, 'face.png'), FACE_PNG);
  sandbox.control.scenario({ step2: ['approve'] });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Splits a shell command line as sh would for these samples (quotes and backslash-newlines). */
function argv(line: string): string[] {
  const args: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.replace(/\\\n/g, ' ').matchAll(re)) args.push(m[1] ?? m[2] ?? m[3]!);
  return args;
}

/** Runs a guide sample: host swapped, placeholders filled; answers status and body. */
async function curl(sample: string): Promise<{ status: number; body: string }> {
  const line = sample
    .replaceAll(VENDOR, sandbox.url)
    .replace(/"<(http[^>]+)>"/g, '"$1"') // the applicant sample wraps its URL in <...>
    .replaceAll('{yourAPIKey}', sandbox.apiKey)
    .replaceAll('YOUR_API_KEY', sandbox.apiKey)
    .replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? `{${name}}`);
  const [cmd, ...args] = argv(line);
  expect(cmd).toBe('curl');
  const { stdout } = await run('curl', ['-sS', '-w', '\n%{http_code}', ...args], {
    cwd: dir,
    encoding: 'latin1',
  });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe("the vendor's curl samples against the sandbox", () => {
  it('4. POST /submission/step1 (form from the input table)', async () => {
    const { status, body } = await curl(`curl -X POST "https://rest-api.argoskyc.com/v2/submission/step1" \\
-H "x-api-key: {yourAPIKey}" \\
--form issuingCountry=USA --form email=curl@example.test --form idType=passport --form idImage=@id.png --form userid=curl-user --form cf1=test`);
    expect(status).toBe(200);
    const json = JSON.parse(body) as { submissionId: string; file_upload: boolean };
    expect(json.file_upload).toBe(true);
    values.submission_id = json.submissionId;
  });

  it('5. POST /submission/step2 (form from the input table)', async () => {
    const { status, body } = await curl(`curl -X POST "https://rest-api.argoskyc.com/v2/submission/step2" \\
-H "x-api-key: {yourAPIKey}" \\
--form submissionId={submission_id} --form faceImage=@face.png --form "name=Smith, John" --form date_of_birth=1998-11-12 --form gender=male --form nationality=USA`);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({
      kycStatus: 'approved',
      verificationResult: 'success',
      retryCount: 0,
    });
  });

  it('3. GET /submission?submission_id=', async () => {
    const { status, body } =
      await curl(`curl -X GET "https://rest-api.argoskyc.com/v2/submission?submission_id={submission_id}"\\
-H "x-api-key: {yourAPIKey}"`);
    expect(status).toBe(200);
    const json = JSON.parse(body) as { Items: Array<{ applicant_id: string; submission_id: string }> };
    expect(json.Items[0]!.submission_id).toBe(values.submission_id);
    values.applicant_id = json.Items[0]!.applicant_id;
  });

  it('2. the authentication sample: any call with the x-api-key header', async () => {
    expect(
      (await curl('curl -H "x-api-key: {yourAPIKey}" "https://rest-api.argoskyc.com/v2/submission"')).status,
    ).toBe(200);
    expect((await curl('curl "https://rest-api.argoskyc.com/v2/submission"')).status).toBe(403);
  });

  it('3-1. GET /submission/applicant', async () => {
    const { status, body } =
      await curl(`curl -X GET "<https://rest-api.argoskyc.com/v2/submission/applicant?applicant_id={applicant_id}>"\\
-H "x-api-key: {yourAPIKey}"`);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      Items: [{ submission_id: values.submission_id, email: 'curl@example.test' }],
    });
  });

  it('5-1. POST /address_code (Sample Request 2, verbatim)', async () => {
    const { status, body } =
      await curl(`curl --location --request POST 'https://rest-api.argoskyc.com/v2/address_code' \\
--header 'x-api-key: YOUR_API_KEY' \\
--header 'Content-Type: application/x-www-form-urlencoded' \\
--data-urlencode 'language=en' \\
--data-urlencode 'address= 1600 Pennsylvania Avenue NW, Washington, DC 20500, USA'`);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      formatted_address: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
      compound_code: 'VXX7+39 Washington, DC, USA',
      global_code: '87C4VXX7+39',
    });
  });

  it('7. GET /report/aml (key added)', async () => {
    values.resourceId = 'sbx-aml-0001';
    const sample = 'curl -X GET "https://rest-api.argoskyc.com/v2/report/aml?resourceId={resourceId}"';
    expect((await curl(sample)).status).toBe(403);
    const { status, body } = await curl(`${sample} -H "x-api-key: {yourAPIKey}"`);
    expect(status).toBe(200);
    expect(body.startsWith('%PDF-')).toBe(true);
  });

  it('8. GET /image (key added)', async () => {
    values.type = 'idImage';
    const { status, body } = await curl(
      'curl -X GET "https://rest-api.argoskyc.com/v2/image?submission_id={submission_id}&type={type}" -H "x-api-key: {yourAPIKey}"',
    );
    expect(status).toBe(200);
    expect(body.startsWith('\x89PNG')).toBe(true);
  });

  it('6. DELETE /submission (key added)', async () => {
    const sample =
      'curl -X DELETE "https://rest-api.argoskyc.com/v2/submission?submission_id={submission_id}"';
    expect((await curl(sample)).status).toBe(403);
    const { status, body } = await curl(`${sample} -H "x-api-key: {yourAPIKey}"`);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      message: 'success',
      content: `Submission #${values.submission_id} deleted successfully.`,
    });
  });
});
