// Builds @argos-kyc/widget into dist/ (`pnpm --filter @argos-kyc/widget build`):
//   index.js, define.js (+ chunks/)   side-effect-free ESM; lit and i18next external (shared with the host)
//   assets/                           the ESM's workers (image, face on WASM, face on WebGL/CPU) and the face
//                                     detector's weights and WASM binary, each named by the worker beside it
//                                     (`new URL('./file', import.meta.url)`, with its sha384: esm-face.ts)
//   types/                            .d.ts of src/
//   argos-kyc.js                      the script-tag file: a classic script, minified, Lit, English and the
//                                     first screens inside, self-registering (script-split.ts)
//   lazy/<step>-<hash>.js             the later steps, ES modules it loads from beside itself, pinned by hash
//   argos-kyc-image-worker.js         the image worker, beside the script
//   argos-kyc-face-wasm-worker.js     the face detector's worker on WASM (face-api, tfjs-core, its WASM backend)
//   argos-kyc-face-worker.js          the face detector's worker on WebGL/CPU (face-api and the tfjs it bundles)
//   face-model/                       the tiny face detector's weights and the WASM binaries the workers fetch
//   locales/<tag>.js                  every language but English (a file of src/i18n/locales/, and the
//                                     pseudo-locales en-XA, ar-XB), loaded on demand by the script
//                                     build against its hash in the locale manifest (a lazy chunk)
//   custom-elements.json              the manifest (@custom-elements-manifest/analyzer)
// The script, its chunks and the worker are ASCII-only, checked (ascii.ts); the locale files are UTF-8 modules.
// then checks the size budget (size.ts), prints the script's SRI hash, and writes the
// figures into docs/integration.md and the README (doc-figures.ts).
// Flags: --skip-types --skip-manifest (faster builds for tests), --budget-kb=N,
// --only=esm --out=DIR (the SSR test builds just the ESM into a folder of its own).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { createHash } from 'node:crypto';
import { makeAsciiOnly } from './ascii.ts';
import { esmFaceFiles, esmWorkerFileName, esmWorkerUrls } from './esm-face.ts';
import { minifiedTemplates } from './templates-min.ts';
import { writeDocFigures } from './doc-figures.ts';
import { writeLocaleTable } from './locale-table.ts';
import { pinFiles, splitScript } from './script-split.ts';
import { budgetErrors, checkSize, formatReport, parseBudgetFlag } from './size.ts';
import { faceWasmAlias } from '../../core/face-alias.ts';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const outFlag = argv.find((a) => a.startsWith('--out='));
/** dist/, or `--out=DIR` (tests build the ESM into a folder of their own). */
const dist = outFlag ? resolve(outFlag.slice('--out='.length)) : join(pkg, 'dist');
/** `--only=esm`: just the ESM modules (no script, types, manifest or size check). */
const onlyEsm = args.has('--only=esm');

/** Lit and i18next stay external in the ESM build: the host's bundler shares one copy. */
const external = (id: string) =>
  /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit-labs\/ssr-dom-shim|i18next)(\/|$)/.test(id);

function common(): InlineConfig {
  return {
    configFile: false,
    root: pkg,
    logLevel: 'warn',
    // Relative asset URLs: the worker file is found next to the module, wherever it is served.
    base: './',
    publicDir: false,
    // The face detector's WASM worker: face-api on tfjs-core and its WASM backend only (every build that holds it).
    resolve: { alias: faceWasmAlias },
    build: { emptyOutDir: false, reportCompressedSize: false, minify: true, target: 'es2022' },
  };
}

/** The languages but English: the directory is the registry (src/i18n/locale-loader.ts). */
const LOCALES_DIR = join(pkg, 'src/i18n/locales');
const localeTags = (): string[] =>
  readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();

async function buildEsm(outDir = dist, externals: (id: string) => boolean = external): Promise<void> {
  /** The entries, the languages but English and the pseudo-locales' generator: every other module is one chunk. */
  const tags = localeTags();
  const apart = new Set([
    join(pkg, 'src/index.ts'),
    join(pkg, 'src/define.ts'),
    join(pkg, 'src/i18n/pseudo.ts'),
    ...tags.map((l) => join(LOCALES_DIR, `${l}.ts`)),
  ]);
  await build({
    ...common(),
    // The workers (the image worker, the face workers: esm-face.ts) minified, with the face
    // detector's weights and WASM binary as files beside them, not inlined.
    worker: {
      format: 'es',
      plugins: () => [esmFaceFiles(pkg)],
      rolldownOptions: {
        // A worker has no `__filename`: the WASM glue's Node branch (`typeof __filename < 'u' && …`)
        // goes at build time, or webpack 5, which answers `typeof __filename` itself in a
        // module, keeps the branch and the worker throws (a ReferenceError) in the browser.
        transform: { define: { __filename: 'undefined' } },
        output: { entryFileNames: esmWorkerFileName, minify: true },
      },
    },
    build: {
      ...common().build,
      outDir,
      sourcemap: outDir === dist,
      lib: {
        entry: { index: join(pkg, 'src/index.ts'), define: join(pkg, 'src/define.ts') },
        formats: ['es'],
      },
      rolldownOptions: {
        external: externals,
        plugins: [esmWorkerUrls()],
        // step-views.ts imports the later steps lazily; define.ts imports them all anyway, so in
        // the ESM build they stay in the host's bundle (the script build makes them chunks).
        onwarn(warning, warn) {
          if (warning.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') warn(warning);
        },
        output: {
          entryFileNames: '[name].js',
          // Languages are chunks of their own (loaded on first use); named so the size report can tell them apart.
          chunkFileNames: (chunk) =>
            tags.includes(chunk.name) ? 'chunks/locale-[name]-[hash].js' : 'chunks/widget-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          // One chunk of the widget's code, as before step-views.ts imported the later steps
          // lazily (for a bundler they are inside anyway): only the languages stay apart.
          codeSplitting: {
            groups: [
              {
                name: 'widget',
                debugName: 'widget',
                test: (id: string) => !apart.has(id),
              },
            ],
          },
        },
      },
    },
  });
}

/**
 * Modules the entry reaches only through the core's index, which only a lazy chunk uses:
 * they go with that chunk. The live document analysis (issue 12) goes with the capture
 * step; the handoff client (issue 14, ~1.2 KB gzip the first screens never run) with the
 * handoff screen, and so does the phone tab's keeping of its link across reloads; the address guess (issue 16's Korean addresses put the script 70 B over
 * its budget) with the address screen.
 */
const LAZY_ONLY =
  /[\\/]core[\\/]src[\\/](image[\\/](live|frame|guidance)|client[\\/]handoff|store[\\/]phone-tab|flow[\\/]address-guess)\.ts$/;

/**
 * Every module the script's entry reaches by static imports belongs to the entry itself
 * (but LAZY_ONLY): the lazy chunks then import only from the entry, which script-split.ts
 * makes a classic script.
 */
function eagerGroup(
  id: string,
  ctx: { getModuleInfo(id: string): { importedIds: readonly string[]; isEntry: boolean } | null },
): string | null {
  return staticallyReached(ctx).has(id) && !LAZY_ONLY.test(id) ? 'argos-kyc' : null;
}
let reached: Set<string> | undefined;
function staticallyReached(ctx: Parameters<typeof eagerGroup>[1]): Set<string> {
  if (reached) return reached;
  const entry = join(pkg, 'build/script/entry.ts');
  reached = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    for (const dep of ctx.getModuleInfo(queue.pop()!)?.importedIds ?? []) {
      if (reached.has(dep)) continue;
      reached.add(dep);
      queue.push(dep);
    }
  }
  return reached;
}

async function buildScript(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'argos-kyc-script-'));
  await build({
    ...common(),
    plugins: [
      minifiedTemplates(),
      {
        name: 'argos-kyc-script-seams',
        enforce: 'pre',
        resolveId(source, importer) {
          // The one seam between the builds: languages come from files beside the script.
          if (
            source === './locale-loader.ts' &&
            importer?.replaceAll('\\', '/').endsWith('/src/i18n/i18n.ts')
          ) {
            return join(pkg, 'build/script/locale-loader.ts');
          }
          // The widget's subset of i18next, 15 KB gzip lighter (see i18next-lite.ts and its test).
          if (source === 'i18next') return join(pkg, 'build/script/i18next-lite.ts');
          // The face worker and its weights are files beside the script, checked against its pins.
          if (
            source === './files.ts' &&
            importer?.replaceAll('\\', '/').endsWith('/core/src/face/detector.ts')
          )
            return join(pkg, 'build/script/face-files.ts');
          return null;
        },
      },
    ],
    build: {
      ...common().build,
      outDir: out,
      emptyOutDir: true,
      sourcemap: false,
      lib: {
        entry: join(pkg, 'build/script/entry.ts'),
        // ES modules with the later steps as chunks; script-split.ts makes the entry a classic script.
        formats: ['es'],
        fileName: () => 'argos-kyc.js',
      },
      rolldownOptions: {
        output: {
          chunkFileNames: 'lazy/[name]-[hash].js',
          minify: true,
          codeSplitting: { groups: [{ name: eagerGroup, debugName: 'eager' }] },
        },
        // The core's default worker URL (import.meta.url) is unused here: entry.ts sets the file beside the script.
        onwarn(warning, warn) {
          if (warning.code !== 'EMPTY_IMPORT_META') warn(warning);
        },
      },
    },
  });
  splitScript(out, dist);
  rmSync(out, { recursive: true, force: true });
  // English only: a language's strings inside the script would mean the seam above broke.
  const script = readFileSync(join(dist, 'argos-kyc.js'), 'utf8');
  const { default: ko } = await import('../src/i18n/locales/ko.ts');
  if (script.includes(ko.consent.title))
    throw new Error('dist/argos-kyc.js contains the Korean strings: the locale-loader seam failed');
}

async function buildWorker(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'argos-kyc-worker-'));
  await build({
    ...common(),
    build: {
      ...common().build,
      outDir: out,
      emptyOutDir: true,
      lib: {
        entry: join(pkg, '../core/src/image/worker.ts'),
        formats: ['es'],
        fileName: () => 'argos-kyc-image-worker.js',
      },
    },
  });
  copyFileSync(join(out, 'argos-kyc-image-worker.js'), join(dist, 'argos-kyc-image-worker.js'));
  rmSync(out, { recursive: true, force: true });
}

/** The tiny face detector's weights, from @vladmandic/face-api's package (core/src/face/worker.ts reads them). */
const FACE_MODEL = 'face-model/tiny_face_detector_model.bin';

/** The WASM backend's SIMD binary, from @tensorflow/tfjs-backend-wasm's package (core/src/face/wasm-files.ts). */
const FACE_WASM = ['face-model/tfjs-backend-wasm-simd.wasm'];

/**
 * The face detector's two workers, beside the script: argos-kyc-face-wasm-worker.js
 * (face-api on tfjs-core and its WASM backend, packages/core/face-alias.ts) and
 * argos-kyc-face-worker.js (face-api's own bundle: WebGL, then CPU); the weights and the
 * WASM binaries in face-model/.
 */
async function buildFaceWorker(): Promise<void> {
  for (const [entry, file] of [
    ['worker-wasm.ts', 'argos-kyc-face-wasm-worker.js'],
    ['worker.ts', 'argos-kyc-face-worker.js'],
  ] as const) {
    const out = mkdtempSync(join(tmpdir(), 'argos-kyc-face-worker-'));
    await build({
      ...common(),
      plugins: [
        {
          name: 'argos-kyc-face-files-beside',
          enforce: 'pre',
          resolveId(source, importer) {
            // No weights or binaries inside the workers: the page sends the URLs of the files beside the script.
            const from = importer?.replaceAll('\\', '/') ?? '';
            if (source === './model.ts' && from.endsWith('/core/src/face/worker-run.ts'))
              return join(pkg, 'build/script/face-model-none.ts');
            if (source === './wasm-files.ts' && from.endsWith('/core/src/face/worker-wasm.ts'))
              return join(pkg, 'build/script/face-wasm-none.ts');
            return null;
          },
        },
      ],
      build: {
        ...common().build,
        outDir: out,
        emptyOutDir: true,
        chunkSizeWarningLimit: 2048,
        lib: {
          entry: join(pkg, '../core/src/face', entry),
          formats: ['es'],
          fileName: () => file,
        },
        // Library mode keeps whitespace unless asked: minified, the worker is 30 KB gzip smaller.
        rolldownOptions: { output: { minify: true } },
      },
    });
    copyFileSync(join(out, file), join(dist, file));
    rmSync(out, { recursive: true, force: true });
  }
  const require = createRequire(join(pkg, '../core/package.json'));
  const faceApi = dirname(require.resolve('@vladmandic/face-api/package.json'));
  mkdirSync(join(dist, dirname(FACE_MODEL)), { recursive: true });
  copyFileSync(join(faceApi, 'model', 'tiny_face_detector_model.bin'), join(dist, FACE_MODEL));
  const wasm = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  for (const f of FACE_WASM) copyFileSync(join(wasm, f.slice('face-model/'.length)), join(dist, f));
}

/**
 * dist/locales/<tag>.js: each language's strings as a module of one JSON object (a locale
 * file is data by its contract, docs/i18n.md); no bundler run, so 50 languages
 * take well under a second. Returns tag -> sha384, for the locale manifest.
 */
async function buildLocales(): Promise<Record<string, string>> {
  const { pseudoAccented, pseudoBidi } = await import('../src/i18n/pseudo.ts');
  const all: Record<string, unknown> = { 'en-XA': pseudoAccented(), 'ar-XB': pseudoBidi() };
  for (const tag of localeTags())
    all[tag] = (
      (await import(pathToFileURL(join(LOCALES_DIR, `${tag}.ts`)).href)) as { default: unknown }
    ).default;
  mkdirSync(join(dist, 'locales'), { recursive: true });
  const hashes: Record<string, string> = {};
  for (const [tag, strings] of Object.entries(all)) {
    if (!/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/.test(tag))
      throw new Error(`src/i18n/locales/${tag}.ts: a file is named by its BCP 47 tag (pt-BR.ts)`);
    const file = join(dist, 'locales', `${tag}.js`);
    // UTF-8, not ASCII-escaped like the script's other files (ascii.ts): a module script is
    // always decoded as UTF-8 whatever the page's encoding (HTML, "fetch a single module
    // script"), and escapes would make Thai or Burmese files a quarter larger.
    writeFileSync(file, `export default ${JSON.stringify(strings)};\n`);
    hashes[tag] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
  }
  return hashes;
}

/** Writes the locale files' hashes into the locale manifest's chunk (build/script/locale-manifest.ts). */
function pinLocales(hashes: Record<string, string>): void {
  const placeholder = /(["'`])__ARGOS_KYC_LOCALE_FILES__\1/;
  const manifest = readdirSync(join(dist, 'lazy')).find((f) =>
    placeholder.test(readFileSync(join(dist, 'lazy', f), 'utf8')),
  );
  if (!manifest)
    throw new Error('no lazy chunk has the place for the locale files hashes (locale-manifest.ts)');
  const path = join(dist, 'lazy', manifest);
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(placeholder, () => JSON.stringify(JSON.stringify(hashes))),
  );
}

function run(cmd: string, cmdArgs: string[]): void {
  // The package's and the workspace's tools, also when not started through `pnpm run`.
  const bins = [join(pkg, 'node_modules/.bin'), join(pkg, '../../node_modules/.bin')];
  const env = { ...process.env, PATH: [...bins, process.env.PATH ?? ''].join(delimiter) };
  const r = spawnSync(cmd, cmdArgs, { cwd: pkg, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status ?? r.signal})`);
}

function buildTypes(): void {
  run('tsc', ['-p', 'build/tsconfig.types.json']);
  // The sources import './x.ts'; published declarations name './x.js', which every resolution mode reads.
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
      }
    }
  };
  walk(join(dist, 'types'));
}

function buildManifest(): void {
  run('custom-elements-manifest', [
    'analyze',
    '--litelement',
    '--config',
    'custom-elements-manifest.config.mjs',
  ]);
}

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await buildEsm();
if (onlyEsm) {
  console.log(`ESM built into ${dist} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(0);
}
const localesStarted = Date.now();
const localeHashes = await buildLocales();
console.log(
  `${Object.keys(localeHashes).length} locale files in ${((Date.now() - localesStarted) / 1000).toFixed(2)} s`,
);
await buildScript();
pinLocales(localeHashes);
await buildWorker();
await buildFaceWorker();
// What can load as a classic script, or be read by a page of another encoding, is ASCII-only (ascii.ts).
// The script pins these; the locale files are pinned by the locale manifest (a lazy chunk), not by it.
const pinned = [
  'argos-kyc-image-worker.js',
  'argos-kyc-face-worker.js',
  'argos-kyc-face-wasm-worker.js',
  ...readdirSync(join(dist, 'lazy')).map((f) => `lazy/${f}`),
];
const localeFiles = readdirSync(join(dist, 'locales')).map((f) => `locales/${f}`);
makeAsciiOnly([join(dist, 'argos-kyc.js'), ...pinned.map((f) => join(dist, f))]);
// The script pins every file it runs (script-split.ts), hashed as served; then it is checked again.
// The face weights and WASM binaries too: the face workers fetch them with the pinned hash as `integrity`.
const pins = pinFiles(dist, [...pinned, FACE_MODEL, ...FACE_WASM]);
makeAsciiOnly([join(dist, 'argos-kyc.js')]);
if (!args.has('--skip-types')) buildTypes();
if (!args.has('--skip-manifest')) buildManifest();

// The ESM as a host gets it when it shares Lit but not i18next (for the size report only).
const withI18next = mkdtempSync(join(tmpdir(), 'argos-kyc-esm-'));
await buildEsm(withI18next, (id) => external(id) && !/^i18next(\/|$)/.test(id));
// Strict CSP (no 'unsafe-eval'): no shipped file may evaluate strings as code.
for (const file of [
  'argos-kyc.js',
  'argos-kyc-image-worker.js',
  'index.js',
  'define.js',
  ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`),
  ...readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`),
  ...pinned,
  ...localeFiles,
]) {
  if (!file.endsWith('.js')) continue;
  if (/\beval\s*\(|\bnew\s+Function\s*\(/.test(readFileSync(join(dist, file), 'utf8')))
    throw new Error(`dist/${file} evaluates strings as code: a strict CSP would block it`);
}
const report = checkSize(dist, parseBudgetFlag(process.argv.slice(2)), withI18next);
rmSync(withI18next, { recursive: true, force: true });
writeFileSync(join(dist, 'size-report.json'), `${JSON.stringify({ ...report, pinned: pins }, null, 2)}\n`);
console.log(formatReport(report));
// The docs' size figures are this report's (build/doc-figures.ts): commit them when they change.
for (const file of writeDocFigures(
  [join(pkg, '../../docs/integration.md'), join(pkg, '../../README.md')],
  report,
))
  console.log(`size figures updated in ${file}`);
// The table of languages in docs/i18n.md: the files there are, with their sizes (locale-table.ts).
if (writeLocaleTable(join(pkg, '../../docs/i18n.md'), LOCALES_DIR, report))
  console.log('the table of languages updated in docs/i18n.md');
console.log(`files: ${readdirSync(dist).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (!report.ok) {
  for (const line of budgetErrors(report)) console.error(line);
  process.exit(1);
}
