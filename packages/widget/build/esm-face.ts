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
