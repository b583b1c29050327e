// The face detector in the widget's ESM build (what an integrator's bundler consumes):
// its two workers, the weights and the WASM binary as files of their own in dist/assets/,
// never data: URLs inside the workers (Vite's library mode inlines every `?url` asset:
// the WASM worker was then 528 KB gzip, over the detector's 500 KB budget, and a browser
// on the WebGL path downloaded the .wasm it never runs).
//
// The workers name the files beside them as `new URL('./file', import.meta.url)`, the
// pattern Vite, webpack 5 and Rollup recognise and copy into the integrator's bundle, and
// carry each file's sha384, which the worker checks as fetch's `integrity`: a bundler that
// renames the file (a hash in the name) or inlines it keeps its content, so the pin holds
// (core/src/face/worker-run.ts, fetchPinned). The script-tag build pins the same bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { Plugin } from 'vite';

/** The ESM build's face workers, by the core module they are built from. */
export const ESM_FACE_WORKERS = {
  wasm: { entry: '/core/src/face/worker-wasm.ts', name: 'face-wasm-worker' },
  webgl: { entry: '/core/src/face/worker.ts', name: 'face-worker' },
} as const;

interface FaceFile {
  /** The placeholder the swapped module holds until the chunk is rendered. */
  placeholder: string;
  /** dist/assets/<fileName>. */
  fileName: string;
  bytes: Buffer;
  integrity: string;
}

function faceFile(key: string, path: string): FaceFile {
  const bytes = readFileSync(path);
  const name = posix.basename(path);
  const dot = name.lastIndexOf('.');
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 8);
  return {
    placeholder: `__ARGOS_KYC_FACE_FILE_${key}__`,
    fileName: `assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}`,
    bytes,
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
  };
}

/** The files from the packages that ship them (the same bytes the script-tag build copies). */
function faceFiles(pkg: string): { model: FaceFile; wasm: FaceFile } {
  const require = createRequire(join(pkg, '../core/package.json'));
  const faceApi = dirname(require.resolve('@vladmandic/face-api/package.json'));
  const tfWasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  return {
    model: faceFile('model', join(faceApi, 'model/tiny_face_detector_model.bin')),
    wasm: faceFile('wasm', join(tfWasm, 'dist/tfjs-backend-wasm-simd.wasm')),
  };
}

const MODEL_ID = '\0argos-kyc-face-model';
const WASM_ID = '\0argos-kyc-face-wasm';

/**
 * For the worker builds of the ESM build (Vite's `worker.plugins`): swaps the core's
 * model.ts and wasm-files.ts for modules that name the files beside the worker with their
 * pins, and emits those files next to the worker.
 */
export function esmFaceFiles(pkg: string): Plugin {
  const files = faceFiles(pkg);
  const used = new Set<FaceFile>();
  return {
    name: 'argos-kyc-esm-face-files',
    enforce: 'pre',
    resolveId(source, importer) {
      const from = importer?.replaceAll('\\', '/') ?? '';
      if (source === './model.ts' && from.endsWith('/core/src/face/worker-run.ts')) return MODEL_ID;
      if (source === './wasm-files.ts' && from.endsWith('/core/src/face/worker-wasm.ts')) return WASM_ID;
      return null;
    },
    load(id) {
      const { model, wasm } = files;
      if (id === MODEL_ID)
        return `export const BUNDLED_MODEL = ${JSON.stringify({ url: model.placeholder, integrity: model.integrity })};`;
      if (id === WASM_ID)
        return `export const BUNDLED_WASM = ${JSON.stringify({
          'tfjs-backend-wasm-simd.wasm': { url: wasm.placeholder, integrity: wasm.integrity },
        })};`;
      return null;
    },
    renderChunk(code, chunk) {
      let out = code;
      for (const file of Object.values(files)) {
        const quoted = new RegExp(`(["'\`])${file.placeholder}\\1`, 'g');
        if (!quoted.test(out)) continue;
        used.add(file);
        const relative = posix.relative(posix.dirname(chunk.fileName), file.fileName);
        const url = `new URL(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)}, import.meta.url).href`;
        out = out.replace(quoted, () => url);
      }
      return out === code ? null : { code: out, map: null };
    },
    generateBundle() {
      for (const file of used) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.bytes });
    },
  };
}

/** The worker files' names: the face workers by their own names (size.ts finds them by these). */
export function esmWorkerFileName(chunk: { facadeModuleId: string | null }): string {
  const id = chunk.facadeModuleId?.replaceAll('\\', '/') ?? '';
  for (const { entry, name } of Object.values(ESM_FACE_WORKERS))
    if (id.endsWith(entry)) return `assets/${name}-[hash].js`;
  return 'assets/[name]-[hash].js';
}

/**
 * Vite's library mode writes each worker as
 * `new Worker(new URL(/* @vite-ignore *\/ new URL("../assets/w.js", import.meta.url).href, "" + import.meta.url), …)`,
 * a form made for no bundler to look into again: an integrator's bundler then copies the
 * worker as a plain file and never sees the weights and the .wasm it names. Written back as
 * `new Worker(new URL("../assets/w.js", import.meta.url), …)`, the worker is an entry of the
 * integrator's bundle (Vite, webpack 5, Rollup), and the files it names come with it. For
 * the ESM build's main chunks (`build.rolldownOptions.plugins`): every worker is rewritten,
 * or the build fails.
 */
export function esmWorkerUrls(): Plugin {
  const wrapped =
    /new URL\(\s*\/\* @vite-ignore \*\/\s*new URL\(("[^"\n]+\.js"), import\.meta\.url\)\.href,\s*"" \+ import\.meta\.url\s*\)/g;
  return {
    name: 'argos-kyc-esm-worker-urls',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes('new Worker(')) continue;
        // As many line breaks as the wrapped form had: the chunk's sourcemap, already written, stays true.
        chunk.code = chunk.code.replace(
          wrapped,
          (whole, url: string) =>
            `new URL(${url}, import.meta.url)${'\n'.repeat(whole.split('\n').length - 1)}`,
        );
        const workers = chunk.code.match(/new Worker\([^,]*/g) ?? [];
        const plain = /^new Worker\(new URL\("\.\.\/assets\/[\w-]+\.js"$/;
        for (const call of workers)
          // `new Worker(file, options)`: a URL the page gave (setFaceDetectorFiles), no file of the build.
          if (call.startsWith('new Worker(new URL') && !plain.test(call))
            throw new Error(
              `${chunk.fileName}: a worker not in the form bundlers read: ${call.slice(0, 120)}`,
            );
      }
    },
  };
}
