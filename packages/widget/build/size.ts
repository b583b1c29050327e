// The size budgets of the script-tag build, and the figures the build prints: gzip of
// dist/argos-kyc.js (the eager part: budget 40 KB with English), of each lazy chunk in
// dist/lazy/ (a budget each, LAZY_BUDGETS), of the ESM modules without Lit and i18next,
// of each locale file, the face detector's download on each path (script tag and ESM), and
// the script's SRI hash (sha384).
// Run alone on an existing dist: `tsx build/size.ts [--budget-kb=N]`; exits 1 over budget.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 40 KB gzip for the script-tag file with English. */
export const SCRIPT_BUDGET_BYTES = 40 * 1024;

/**
 * Gzip budget of each lazy chunk, by its name (the file name before the hash: the step's
 * module). A chunk not named here (a new step, or code two steps share) has the default.
 * Each leaves room for the steps' new look (issue 11), not for a library.
 */
export const LAZY_BUDGETS: Readonly<Record<string, number>> = {
  // The live document analysis (issue 12): the guidance machine and the main-thread
  // fallback of the detector (the worker has its own copy), 8.1 KB gzip when it came.
  'capture-step': 9 * 1024,
  'upload-step': 3 * 1024,
  'review-step': 6 * 1024,
  'address-step': 8 * 1024,
  'selfie-step': 6 * 1024,
  'result-step': 4 * 1024,
  'end-step': 4 * 1024,
  // The handoff screen with its QR encoder (uqr) and the handoff client: issue 14's target.
  'handoff-step': 8 * 1024,
};
export const LAZY_DEFAULT_BUDGET = 6 * 1024;

/** Each language's file (dist/locales/<tag>.js), loaded only when chosen (issue 16's target). */
export const LOCALE_BUDGET = 6 * 1024;
/** The pseudo-locales (en-XA, ar-XB) are development aids, a third longer on purpose: no budget. */
const overLocaleBudget = (l: FileSize) => l.gzip > LOCALE_BUDGET && !/-X[AB]\.js$/.test(l.file);

/**
 * The selfie's face detector, loaded in the background after consent (issue 13): what one
 * browser downloads, on either path. WASM: its worker, the one .wasm it fetches (the SIMD
 * one, the larger of the two) and the weights. Where WASM is refused or cannot run: the
 * WebGL/CPU worker and the weights.
 */
export const FACE_DETECTOR_BUDGET = 500 * 1024;
const FACE_WEIGHTS = 'face-model/tiny_face_detector_model.bin';
const FACE_FILES = ['argos-kyc-face-worker.js', FACE_WEIGHTS];
const FACE_WASM_FILES = [
  'argos-kyc-face-wasm-worker.js',
  'face-model/tfjs-backend-wasm-simd.wasm',
  FACE_WEIGHTS,
];

/**
 * The same two paths in the ESM build (what an integrator's bundler copies: esm-face.ts):
 * each worker in dist/assets/ by its name, and the files it names beside itself
 * (`new URL('./file', import.meta.url)`), read from the worker as built, so that a file
 * the worker names is counted, and one it does not (inlined, or never fetched) is not.
 */
const ESM_FACE_WORKER = /^face-worker-[\w-]{8}\.js$/;
const ESM_FACE_WASM_WORKER = /^face-wasm-worker-[\w-]{8}\.js$/;

export interface LazyChunk extends FileSize {
  name: string;
  budget: number;
  ok: boolean;
}

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface SizeReport {
  ok: boolean;
  budget: number;
  script: FileSize & { integrity: string };
  /** dist/lazy/*.js, each with its budget. */
  lazy: LazyChunk[];
  /** What argos-kyc.js pins (path beside it -> sha384 and imports); written by the build. */
  pinned?: Record<string, { integrity: string; deps?: string[] }>;
  /** index.js + define.js + chunks but the language chunks, gzip each; lit and i18next are not counted (external). */
  esm: { files: FileSize[]; raw: number; gzip: number };
  /** The same with i18next inside (a host that shares only Lit); measured when the build passes its folder. */
  esmWithI18next?: { raw: number; gzip: number };
  locales: FileSize[];
  worker: FileSize;
  /** The WebGL/CPU face worker and the weights it fetches, gzip together against FACE_DETECTOR_BUDGET (absent from older builds). */
  face?: FaceSize;
  /** The WASM face worker, its SIMD binary and the weights, the same way. */
  faceWasm?: FaceSize;
  /** The ESM build's WebGL/CPU face worker and the files it names, the same way. */
  esmFace?: FaceSize;
  /** The ESM build's WASM face worker and the files it names (the .wasm, the weights). */
  esmFaceWasm?: FaceSize;
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
  const lazy = jsFiles(join(dist, 'lazy')).map((f): LazyChunk => {
    const size = measure(dist, f);
    const name = /^lazy[\\/](.+)-[\w-]{8}\.js$/.exec(size.file)?.[1] ?? size.file;
    const chunkBudget = LAZY_BUDGETS[name] ?? LAZY_DEFAULT_BUDGET;
    return { ...size, name, budget: chunkBudget, ok: size.gzip <= chunkBudget };
  });
  const locales = jsFiles(join(dist, 'locales')).map((f) => measure(dist, f));
  const face = faceSize(dist, FACE_FILES);
  const faceWasm = faceSize(dist, FACE_WASM_FILES);
  const esmFace = esmFaceSize(dist, ESM_FACE_WORKER);
  const esmFaceWasm = esmFaceSize(dist, ESM_FACE_WASM_WORKER);
  return {
    ok:
      script.gzip <= budget &&
      lazy.every((c) => c.ok) &&
      [face, faceWasm, esmFace, esmFaceWasm].every((f) => f?.ok ?? true) &&
      !locales.some(overLocaleBudget),
    budget,
    script: { ...script, integrity },
    lazy,
    esm: {
      files: esmFiles,
      raw: esmFiles.reduce((n, f) => n + f.raw, 0),
      gzip: esmFiles.reduce((n, f) => n + f.gzip, 0),
    },
    ...(esmWithI18next ? { esmWithI18next } : {}),
    locales,
    worker: measure(dist, join(dist, 'argos-kyc-image-worker.js')),
    ...(face ? { face } : {}),
    ...(faceWasm ? { faceWasm } : {}),
    ...(esmFace ? { esmFace } : {}),
    ...(esmFaceWasm ? { esmFaceWasm } : {}),
  };
}

interface FaceSize {
  files: FileSize[];
  gzip: number;
  budget: number;
  ok: boolean;
}

function faceSize(dist: string, files: readonly string[]): FaceSize | undefined {
  const sizes = files.filter((f) => existsSync(join(dist, f))).map((f) => measure(dist, join(dist, f)));
  const gzip = sizes.reduce((n, f) => n + f.gzip, 0);
  return sizes.length
    ? { files: sizes, gzip, budget: FACE_DETECTOR_BUDGET, ok: gzip <= FACE_DETECTOR_BUDGET }
    : undefined;
}

/** The files a worker of dist/assets/ names beside itself, as `new URL('./file', import.meta.url)`. */
export function namedBeside(code: string): string[] {
  const files = new Set<string>();
  for (const m of code.matchAll(/new URL\((["'`])\.\/([^"'`$]+)\1,\s*import\.meta\.url\)/g)) files.add(m[2]!);
  return [...files].sort();
}

/** The ESM build's face worker matching `name` in dist/assets/, with the files it names; undefined when absent. */
function esmFaceSize(dist: string, name: RegExp): FaceSize | undefined {
  const assets = join(dist, 'assets');
  if (!existsSync(assets)) return undefined;
  const workers = readdirSync(assets).filter((f) => name.test(f));
  if (workers.length === 0) return undefined;
  if (workers.length > 1) throw new Error(`dist/assets/ has ${workers.length} face workers named ${name}`);
  const worker = `assets/${workers[0]!}`;
  const beside = namedBeside(readFileSync(join(dist, worker), 'utf8')).map((f) => `assets/${f}`);
  for (const f of beside)
    if (!existsSync(join(dist, f)))
      throw new Error(`dist/${worker} names ${f}, which the build did not emit`);
  return faceSize(dist, [worker, ...beside]);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatReport(r: SizeReport): string {
  return [
    `argos-kyc.js (script tag, eager part: Lit, English, the first screens): ${kb(r.script.raw)} raw, ${kb(r.script.gzip)} gzip (${r.script.gzip} bytes; budget ${kb(r.budget)}) ${r.script.gzip <= r.budget ? 'ok' : 'OVER BUDGET'}`,
    `  integrity="${r.script.integrity}" (it pins every file below: the script carries their sha384)`,
    ...r.lazy.map(
      (c) =>
        `${c.file} (lazy): ${kb(c.raw)} raw, ${kb(c.gzip)} gzip (${c.gzip} bytes; budget ${kb(c.budget)}) ${c.ok ? 'ok' : 'OVER BUDGET'}`,
    ),
    `lazy chunks together: ${kb(r.lazy.reduce((n, c) => n + c.gzip, 0))} gzip`,
    `ESM without Lit and i18next (index + define + chunks, ${r.esm.files.length} files): ${kb(r.esm.raw)} raw, ${kb(r.esm.gzip)} gzip`,
    ...(r.esmWithI18next
      ? [
          `ESM without Lit, i18next inside: ${kb(r.esmWithI18next.raw)} raw, ${kb(r.esmWithI18next.gzip)} gzip`,
        ]
      : []),
    ...r.locales.map(
      (l) =>
        `${l.file}: ${kb(l.raw)} raw, ${kb(l.gzip)} gzip (${l.gzip} bytes; budget ${kb(LOCALE_BUDGET)}) ${overLocaleBudget(l) ? 'OVER BUDGET' : l.gzip > LOCALE_BUDGET ? 'pseudo-locale, no budget' : 'ok'}`,
    ),
    ...largestLocale(r),
    `${r.worker.file}: ${kb(r.worker.raw)} raw, ${kb(r.worker.gzip)} gzip`,
    ...(r.faceWasm
      ? [
          `face detector on WASM (loaded after consent): ${r.faceWasm.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(' + ')} = ${kb(r.faceWasm.gzip)} gzip (budget ${kb(r.faceWasm.budget)}) ${r.faceWasm.ok ? 'ok' : 'OVER BUDGET'}`,
        ]
      : []),
    ...(r.face
      ? [
          `face detector on WebGL/CPU (WASM refused or unable to run): ${r.face.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(' + ')} = ${kb(r.face.gzip)} gzip (budget ${kb(r.face.budget)}) ${r.face.ok ? 'ok' : 'OVER BUDGET'}`,
        ]
      : []),
    ...(r.esmFaceWasm
      ? [
          `ESM face detector on WASM: ${r.esmFaceWasm.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(' + ')} = ${kb(r.esmFaceWasm.gzip)} gzip (budget ${kb(r.esmFaceWasm.budget)}) ${r.esmFaceWasm.ok ? 'ok' : 'OVER BUDGET'}`,
        ]
      : []),
    ...(r.esmFace
      ? [
          `ESM face detector on WebGL/CPU: ${r.esmFace.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(' + ')} = ${kb(r.esmFace.gzip)} gzip (budget ${kb(r.esmFace.budget)}) ${r.esmFace.ok ? 'ok' : 'OVER BUDGET'}`,
        ]
      : []),
  ].join('\n');
}

/** The largest locale file, in a line of its own (none without locale files). */
function largestLocale(r: SizeReport): string[] {
  const real = r.locales.filter((l) => !/-X[AB]\.js$/.test(l.file));
  const largest = [...real].sort((a, b) => b.gzip - a.gzip)[0];
  return largest
    ? [
        `largest of ${real.length} locale files: ${largest.file}, ${largest.gzip} bytes gzip (budget ${LOCALE_BUDGET})`,
      ]
    : [];
}

/** One line per file over its budget (empty when all fit). */
export function budgetErrors(r: SizeReport): string[] {
  return [
    ...(r.script.gzip > r.budget
      ? [
          `size budget exceeded: dist/argos-kyc.js is ${r.script.gzip} bytes gzip, the budget is ${r.budget} bytes`,
        ]
      : []),
    ...r.lazy
      .filter((c) => !c.ok)
      .map(
        (c) =>
          `size budget exceeded: dist/${c.file} is ${c.gzip} bytes gzip, the budget of ${c.name} is ${c.budget} bytes (build/size.ts LAZY_BUDGETS)`,
      ),
    ...r.locales
      .filter(overLocaleBudget)
      .map(
        (l) =>
          `size budget exceeded: dist/${l.file} is ${l.gzip} bytes gzip, the budget of a locale file is ${LOCALE_BUDGET} bytes (build/size.ts LOCALE_BUDGET)`,
      ),
    ...(r.face && !r.face.ok
      ? [
          `size budget exceeded: the face detector on WebGL/CPU (worker + weights) is ${r.face.gzip} bytes gzip, the budget is ${r.face.budget} bytes (build/size.ts FACE_DETECTOR_BUDGET)`,
        ]
      : []),
    ...(r.faceWasm && !r.faceWasm.ok
      ? [
          `size budget exceeded: the face detector on WASM (worker + .wasm + weights) is ${r.faceWasm.gzip} bytes gzip, the budget is ${r.faceWasm.budget} bytes (build/size.ts FACE_DETECTOR_BUDGET)`,
        ]
      : []),
    ...(r.esmFaceWasm && !r.esmFaceWasm.ok
      ? [
          `size budget exceeded: the ESM build's face detector on WASM (${r.esmFaceWasm.files.map((f) => f.file).join(' + ')}) is ${r.esmFaceWasm.gzip} bytes gzip, the budget is ${r.esmFaceWasm.budget} bytes (build/size.ts FACE_DETECTOR_BUDGET)`,
        ]
      : []),
    ...(r.esmFace && !r.esmFace.ok
      ? [
          `size budget exceeded: the ESM build's face detector on WebGL/CPU (${r.esmFace.files.map((f) => f.file).join(' + ')}) is ${r.esmFace.gzip} bytes gzip, the budget is ${r.esmFace.budget} bytes (build/size.ts FACE_DETECTOR_BUDGET)`,
        ]
      : []),
  ];
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
    for (const line of budgetErrors(report)) console.error(line);
    process.exit(1);
  }
}
