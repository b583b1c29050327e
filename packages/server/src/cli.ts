#!/usr/bin/env tsx
// argos-kyc: the back office's command line over ArgosClient. The API key comes
// from the environment only (ARGOS_API_KEY; ARGOS_BASE_URL for the sandbox) and
// is never printed.
import { createWriteStream, openSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ArgosClient, ArgosError } from './client.ts';
import type { ImageType, KycResult, Submission } from './types.ts';

/** Where the CLI reads and writes; the real process by default, captured in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a question and answers the typed line. */
  prompt(question: string): Promise<string>;
  /** Opens a new file for writing; throws at once (EEXIST) when it exists. */
  openFile(path: string): Writable;
}

const HELP = `argos-kyc <command> [options]

  list    [--userid U] [--email E] [--status incomplete|pending|approved|rejected]
          [--format json|csv] [--out FILE] [--page-size N]   every page of submissions
  show    <submissionId>                                      one submission as JSON
  aml     <resourceId> [--out FILE]                           download an AML report (PDF);
                                          FILE defaults to aml-<resourceId>.pdf
  image   <submissionId> <idImage|selfieImage|addressImage> [--out FILE]
                                          FILE defaults to <submissionId>-<type>.jpg (or .png)
  delete  <submissionId> [--yes]                              delete for good (asks first)

Files are never overwritten: an existing FILE is an error.
Environment: ARGOS_API_KEY (required), ARGOS_BASE_URL (default https://rest-api.argoskyc.com/v2;
the sandbox: http://127.0.0.1:4010/v2).
`;

const CSV_COLUMNS = [
  'submission_id',
  'created_at',
  'userid',
  'email',
  'kyc_result',
  'comment_code',
  'name',
  'date_of_birth',
  'nationality',
  'id_type',
  'issuing_country',
  'aml_status',
] as const;

function csvCell(value: string | undefined): string {
  let v = value ?? '';
  // A spreadsheet would run a cell that starts like a formula (CSV injection).
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvRow(s: Submission): string {
  const row: Record<(typeof CSV_COLUMNS)[number], string | undefined> = {
    submission_id: s.submission_id,
    created_at: s.created_at,
    userid: s.userid,
    email: s.email,
    kyc_result: s.kyc.result,
    comment_code: s.kyc.commentCode?.join(' '),
    name: s.data.name,
    date_of_birth: s.data.date_of_birth,
    nationality: s.data.nationality,
    id_type: s.data.idType,
    issuing_country: s.data.idcard_issuingCountry,
    aml_status: s.aml?.currentstatus,
  };
  return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
}

async function writeTo(out: Writable, body: ReadableStream<Uint8Array>): Promise<void> {
  await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), out);
}

/** Runs one command; answers the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command ? 0 : 2;
  }
  const apiKey = env.ARGOS_API_KEY;
  if (!apiKey) {
    io.stderr('argos-kyc: set ARGOS_API_KEY in the environment (it is never taken from the command line).\n');
    return 2;
  }
  let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    args = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`argos-kyc: ${(e as Error).message}\n${HELP}`);
    return 2;
  }
  const { values: opts, positionals } = args;
  try {
    const client = new ArgosClient({
      apiKey,
      ...(env.ARGOS_BASE_URL ? { baseUrl: env.ARGOS_BASE_URL } : {}),
    });
    switch (command) {
      case 'list': {
        const format = opts.format ?? 'json';
        if (format !== 'json' && format !== 'csv') throw new UsageError('--format is json or csv');
        const statuses: KycResult[] = ['incomplete', 'pending', 'approved', 'rejected'];
        if (opts.status !== undefined && !statuses.includes(opts.status as KycResult))
          throw new UsageError(`--status is one of ${statuses.join(', ')}`);
        const pageSize = opts['page-size'] !== undefined ? Number(opts['page-size']) : undefined;
        const out = opts.out ? io.openFile(opts.out) : null;
        const write = (text: string) => (out ? out.write(text) : io.stdout(text));
        let n = 0;
        if (format === 'csv') write(`${CSV_COLUMNS.join(',')}\n`);
        else write('[');
        for await (const s of client.submissions({
          userid: opts.userid,
          email: opts.email,
          count: pageSize,
        })) {
          if (opts.status && s.kyc.result !== opts.status) continue;
          write(format === 'csv' ? `${csvRow(s)}\n` : `${n ? ',' : ''}\n  ${JSON.stringify(s)}`);
          n++;
        }
        if (format === 'json') write(n ? '\n]\n' : ']\n');
        if (out) {
          await new Promise<void>((resolve, reject) =>
            out.end((e?: Error | null) => (e ? reject(e) : resolve())),
          );
          io.stderr(`argos-kyc: wrote ${n} submissions to ${opts.out}\n`);
        }
        return 0;
      }
      case 'show': {
        const id = needs(positionals, 1, 'show <submissionId>')[0]!;
        const s = await client.getSubmission(id);
        if (!s) {
          io.stderr(`argos-kyc: no submission ${id}\n`);
          return 1;
        }
        io.stdout(`${JSON.stringify(s, null, 2)}\n`);
        return 0;
      }
      case 'aml': {
        const resourceId = needs(positionals, 1, 'aml <resourceId>')[0]!;
        const path = opts.out ?? `aml-${resourceId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
        const out = io.openFile(path);
        const { body } = await client.amlReportStream(resourceId).catch((e: unknown) => {
          out.destroy();
          throw e;
        });
        await writeTo(out, body);
        io.stderr(`argos-kyc: saved the AML report to ${path}\n`);
        return 0;
      }
      case 'image': {
        const [id, type] = needs(positionals, 2, 'image <submissionId> <type>') as [string, string];
        const types: ImageType[] = ['idImage', 'selfieImage', 'addressImage'];
        if (!types.includes(type as ImageType)) throw new UsageError(`type is one of ${types.join(', ')}`);
        const { contentType, body } = await client.imageStream(id, type as ImageType);
        const path =
          opts.out ??
          `${id.replace(/[^A-Za-z0-9_-]/g, '_')}-${type}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
        let out: Writable;
        try {
          out = io.openFile(path);
        } catch (e) {
          await body.cancel().catch(() => undefined);
          throw e;
        }
        await writeTo(out, body);
        io.stderr(`argos-kyc: saved the image to ${path}\n`);
        return 0;
      }
      case 'delete': {
        const id = needs(positionals, 1, 'delete <submissionId>')[0]!;
        if (!opts.yes) {
          const typed = (
            await io.prompt(
              `Delete submission ${id} and its images for good? Type the submission id to confirm: `,
            )
          ).trim();
          if (typed !== id) {
            io.stderr('argos-kyc: not confirmed; nothing deleted.\n');
            return 1;
          }
        }
        await client.deleteSubmission(id);
        io.stdout(`deleted ${id}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`argos-kyc: ${e.message}\n${HELP}`);
      return 2;
    }
    const fsError = e as NodeJS.ErrnoException;
    if (typeof fsError?.code === 'string' && typeof fsError.path === 'string') {
      io.stderr(
        fsError.code === 'EEXIST'
          ? `argos-kyc: ${fsError.path} already exists; files are never overwritten: remove it or choose another --out\n`
          : `argos-kyc: cannot write ${fsError.path} (${fsError.code})\n`,
      );
      return 1;
    }
    // ArgosError messages hold the operation and the vendor's message, never the key or a query.
    io.stderr(
      `argos-kyc: ${e instanceof ArgosError || e instanceof TypeError || e instanceof RangeError ? e.message : 'unexpected error'}\n`,
    );
    return 1;
  }
}

const OPTIONS = {
  userid: { type: 'string' },
  email: { type: 'string' },
  status: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'page-size': { type: 'string' },
  yes: { type: 'boolean' },
} as const;

class UsageError extends Error {}

/**
 * A new file to write; an existing one is never overwritten. Opened at once, so that an
 * existing file is an error before anything is fetched (a stream opened later would fail
 * asynchronously, after the command had started writing).
 */
export function openNewFile(path: string): Writable {
  return createWriteStream(path, { fd: openSync(path, 'wx') });
}

function needs(positionals: string[], n: number, usage: string): string[] {
  if (positionals.length !== n) throw new UsageError(`usage: argos-kyc ${usage}`);
  return positionals;
}

/**
 * Run as a program, not imported. Compared as real paths: an installed bin is a symlink
 * (node_modules/.bin/argos-kyc), and Node names the module by its real path.
 */
function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    async prompt(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    openFile: openNewFile,
  };
  main(process.argv.slice(2), process.env, io).then((code) => {
    process.exitCode = code;
  });
}
