// The back-office CLI against the sandbox: list/export every page, show, download,
// delete with confirmation; the key only from the environment, never printed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { ArgosClient } from '../src/index.ts';
import { main, openNewFile, type CliIo } from '../src/cli.ts';
import { jpeg } from './helpers.ts';

const API_KEY = 'cli-test-key-91c4e0';
let sandbox: Sandbox;
let client: ArgosClient;
let env: Record<string, string>;
const everything: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: API_KEY, log: false });
  client = new ArgosClient({ apiKey: API_KEY, baseUrl: `${sandbox.url}/v2` });
  env = { ARGOS_API_KEY: API_KEY, ARGOS_BASE_URL: `${sandbox.url}/v2` };
});
afterAll(async () => {
  await sandbox.close();
  for (const text of everything) expect(text).not.toContain(API_KEY);
});
beforeEach(() => sandbox.control.reset());

function capture(answer = '') {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, Buffer>();
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    prompt: async (q) => {
      err.push(q);
      return answer;
    },
    openFile: (path) => {
      const chunks: Buffer[] = [];
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(Buffer.from(chunk));
          files.set(path, Buffer.concat(chunks));
          cb();
        },
      });
    },
  };
  return {
    io,
    files,
    out: () => out.join(''),
    err: () => err.join(''),
    run: async (...argv: string[]) => {
      const code = await main(argv, env, io);
      everything.push(out.join(''), err.join(''));
      return code;
    },
  };
}

async function submit(userid: string, name?: string): Promise<string> {
  const { submissionId } = await client.step1({
    issuingCountry: 'USA',
    email: `${userid}@example.test`,
    idType: 'passport',
    idImage: jpeg(),
    userid,
  });
  if (name) await client.step2({ submissionId, faceImage: jpeg(), name, date_of_birth: '1970-01-01' });
  return submissionId;
}

describe('argos-kyc list', () => {
  it('exports every page as JSON', async () => {
    const ids = [await submit('u1'), await submit('u2'), await submit('u3')];
    const c = capture();
    expect(await c.run('list', '--page-size', '1')).toBe(0);
    const rows = JSON.parse(c.out()) as { submission_id: string }[];
    expect(rows.map((r) => r.submission_id)).toEqual(ids.reverse());
  });

  it('exports CSV to a file, filtered, with formula cells neutralised', async () => {
    await submit('plain', 'Ann Plain');
    await submit('evil', '=HYPERLINK("http://evil.example")');
    const c = capture();
    expect(await c.run('list', '--format', 'csv', '--status', 'pending', '--out', 'export.csv')).toBe(0);
    const csv = c.files.get('export.csv')!.toString();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'submission_id,created_at,userid,email,kyc_result,comment_code,name,date_of_birth,nationality,id_type,issuing_country,aml_status',
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(c.err()).toMatch(/wrote 2 submissions/);
  });
});

describe('argos-kyc show / aml / image', () => {
  it('shows one submission, and fails for an unknown id', async () => {
    const id = await submit('show');
    const c = capture();
    expect(await c.run('show', id)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ submission_id: id, userid: 'show' });
    expect(await capture().run('show', 'nope')).toBe(1);
  });

  it('downloads an AML report and an image', async () => {
    const id = await submit('aml', 'Mallory Redflag');
    const resourceId = (await client.getSubmission(id))!.aml!.matches![0]!.resource_id;
    const c = capture();
    expect(await c.run('aml', resourceId, '--out', 'report.pdf')).toBe(0);
    expect(c.files.get('report.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await c.run('image', id, 'idImage')).toBe(0);
    expect(c.files.get(`${id}-idImage.jpg`)!.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await c.run('image', id, 'passportScan')).toBe(2);
  });
});

describe('argos-kyc and files on disk', () => {
  it('never overwrites an existing --out file, and says so instead of "unexpected error" or a stack trace', async () => {
    const id = await submit('files');
    const dir = mkdtempSync(join(tmpdir(), 'argos-kyc-cli-'));
    try {
      const existing = join(dir, 'kept.txt');
      writeFileSync(existing, 'mine');
      for (const argv of [
        ['list', '--out', existing],
        ['list', '--format', 'csv', '--out', existing],
        ['image', id, 'idImage', '--out', existing],
      ]) {
        const c = capture();
        const code = await main(argv, env, { ...c.io, openFile: openNewFile });
        everything.push(c.out(), c.err());
        expect(code, argv.join(' ')).toBe(1);
        expect(c.err()).toBe(
          `argos-kyc: ${existing} already exists; files are never overwritten: remove it or choose another --out\n`,
        );
      }
      expect(readFileSync(existing, 'utf8')).toBe('mine');
      // A new file is written.
      const fresh = join(dir, 'id.jpg');
      const c = capture();
      expect(
        await main(['image', id, 'idImage', '--out', fresh], env, { ...c.io, openFile: openNewFile }),
      ).toBe(0);
      expect(readFileSync(fresh).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents the default file names in --help', async () => {
    const c = capture();
    expect(await c.run('--help')).toBe(0);
    expect(c.out()).toContain('FILE defaults to <submissionId>-<type>.jpg (or .png)');
    expect(c.out()).toContain('FILE defaults to aml-<resourceId>.pdf');
  });
});

describe('argos-kyc delete', () => {
  it('asks first, and deletes only when the id is typed back', async () => {
    const id = await submit('del');
    const no = capture('yes');
    expect(await no.run('delete', id)).toBe(1);
    expect(no.err()).toMatch(/Type the submission id/);
    expect(await client.getSubmission(id)).not.toBeNull();
    const yes = capture(id);
    expect(await yes.run('delete', id)).toBe(0);
    expect(await client.getSubmission(id)).toBeNull();
  });

  it('skips the question with --yes', async () => {
    const id = await submit('del2');
    const c = capture('never asked');
    expect(await c.run('delete', id, '--yes')).toBe(0);
    expect(c.err()).toBe('');
    expect(await client.getSubmission(id)).toBeNull();
  });
});

describe('the key', () => {
  it('is required from the environment, and a vendor refusal does not print it', async () => {
    const c = capture();
    expect(await main(['list'], {}, c.io)).toBe(2);
    expect(c.err()).toMatch(/ARGOS_API_KEY/);
    const wrong = capture();
    expect(await main(['show', 'x'], { ...env, ARGOS_API_KEY: `${API_KEY}-bad` }, wrong.io)).toBe(1);
    expect(wrong.err()).toMatch(/403/);
    expect(wrong.err()).not.toContain(API_KEY);
  });

  it('runs as a real process through tsx', async () => {
    const id = await submit('proc');
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>(
      (resolve) => {
        execFile(
          'pnpm',
          ['exec', 'tsx', cli, 'show', id],
          { env: { ...process.env, ...env } },
          (error, stdout, stderr) => {
            resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 });
          },
        );
      },
    );
    everything.push(stdout, stderr);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ submission_id: id });
  });
});
