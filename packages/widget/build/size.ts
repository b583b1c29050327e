// The size budget of the script-tag file, and the figures the build prints: gzip of
// dist/argos-kyc.js (budget: 40 KB with English), of the ESM modules without Lit and
// i18next, of each locale file, and the script's SRI hash (sha384).
// Run alone on an existing dist: `tsx build/size.ts [--budget-kb=N]`; exits 1 over budget.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 40 KB gzip for the script-tag file with English. */
export const SCRIPT_BUDGET_BYTES = 48 * 1024;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface SizeReport {
  ok: boolean;
  budget: number;
  script: FileSize & { integrity: string };
  /** index.js + define.js + chunks but the language chunks, gzip each; lit and i18next are not counted (external). */
  esm: { files: FileSize[]; raw: number; gzip: number };
  /** The same with i18next inside (a host that shares only Lit); measured when the build passes its folder. */
  esmWithI18next?: { raw: number; gzip: number };
  locales: FileSize[];
  worker: FileSize;
}

function measure(dist: string, path: string): FileSize {
  const bytes = readFileSync(path);
  return { file: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function esmSizes(dist: string): FileSize[] {
  const chunks = jsFiles(join(dist, 'chunks')).filter((f) => !/[\\/]locale-[^\\/]*$/.test(f));
  return [join(dist, 'index.js'), join(dist, 'define.js'), ...chunks].map((f) => measure(dist, f));
}

/**
 * Measures dist/ against `budget` bytes (gzip) for argos-kyc.js; `esmWithI18nextDir` is
 * an ESM build with only Lit external, or undefined (an earlier report's figure is kept).
 */
export function checkSize(
  dist: string,
  budget = SCRIPT_BUDGET_BYTES,
  esmWithI18nextDir?: string,
): SizeReport {
  const scriptPath = join(dist, 'argos-kyc.js');
  const script = measure(dist, scriptPath);
  const integrity = `sha384-${createHash('sha384').update(readFileSync(scriptPath)).digest('base64')}`;
  const esmFiles = esmSizes(dist);
  let esmWithI18next: SizeReport['esmWithI18next'];
  if (esmWithI18nextDir) {
    const files = esmSizes(esmWithI18nextDir);
    esmWithI18next = {
      raw: files.reduce((n, f) => n + f.raw, 0),
      gzip: files.reduce((n, f) => n + f.gzip, 0),
    };
  } else if (existsSync(join(dist, 'size-report.json'))) {
    esmWithI18next = (JSON.parse(readFileSync(join(dist, 'size-report.json'), 'utf8')) as SizeReport)
      .esmWithI18next;
  }
  return {
    ok: script.gzip <= budget,
    budget,
    script: { ...script, integrity },
    esm: {
      files: esmFiles,
      raw: esmFiles.reduce((n, f) => n + f.raw, 0),
      gzip: esmFiles.reduce((n, f) => n + f.gzip, 0),
    },
    ...(esmWithI18next ? { esmWithI18next } : {}),
    locales: jsFiles(join(dist, 'locales')).map((f) => measure(dist, f)),
    worker: measure(dist, join(dist, 'argos-kyc-image-worker.js')),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatReport(r: SizeReport): string {
  return [
    `argos-kyc.js (script tag, Lit + English inside): ${kb(r.script.raw)} raw, ${kb(r.script.gzip)} gzip (${r.script.gzip} bytes; budget ${kb(r.budget)}) ${r.ok ? 'ok' : 'OVER BUDGET'}`,
    `  integrity="${r.script.integrity}"`,
    `ESM without Lit and i18next (index + define + chunks, ${r.esm.files.length} files): ${kb(r.esm.raw)} raw, ${kb(r.esm.gzip)} gzip`,
    ...(r.esmWithI18next
      ? [
          `ESM without Lit, i18next inside: ${kb(r.esmWithI18next.raw)} raw, ${kb(r.esmWithI18next.gzip)} gzip`,
        ]
      : []),
    ...r.locales.map((l) => `${l.file}: ${kb(l.raw)} raw, ${kb(l.gzip)} gzip`),
    `${r.worker.file}: ${kb(r.worker.raw)} raw, ${kb(r.worker.gzip)} gzip`,
  ].join('\n');
}

/** `--budget-kb=N` (N may be fractional) as bytes, else the default budget. */
export function parseBudgetFlag(argv: readonly string[]): number {
  const flag = argv.find((a) => a.startsWith('--budget-kb='));
  if (!flag) return SCRIPT_BUDGET_BYTES;
  const value = Number(flag.slice('--budget-kb='.length));
  if (!Number.isFinite(value) || value <= 0) throw new Error('--budget-kb must be a positive number');
  return Math.round(value * 1024);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
  const report = checkSize(dist, parseBudgetFlag(process.argv.slice(2)));
  console.log(formatReport(report));
  if (!report.ok) {
    console.error(
      `size budget exceeded: dist/argos-kyc.js is ${report.script.gzip} bytes gzip, the budget is ${report.budget} bytes`,
    );
    process.exit(1);
  }
}
