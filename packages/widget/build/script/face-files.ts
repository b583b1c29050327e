// The script-tag build's answer to "where are the face workers and their files"
// (replaces packages/core/src/face/files.ts, see build.ts): beside the script, each
// worker checked against the hash this script pins before it starts, the weights and the
// WASM binaries fetched by the worker with the pinned hash as `integrity`. A module worker
// must come from the page's own origin: a script served from a CDN gets no face worker
// (the selfie keeps its older checks, and the host hears `face_check_unavailable`).
import { besideScript, pinnedIntegrity, pinnedWorkerUrl } from './chunk-loader.ts';
import { scriptBase } from './script-base.ts';

type Source = { url: string; integrity?: string };

const WORKER = 'argos-kyc-face-worker.js';
const WASM_WORKER = 'argos-kyc-face-wasm-worker.js';
export const FACE_MODEL_FILE = 'face-model/tiny_face_detector_model.bin';
/** The WASM backend's binary (SIMD only: core/src/face/wasm-files.ts says why). */
export const FACE_WASM_FILES = ['tfjs-backend-wasm-simd.wasm'];

function pinned(file: string): Source {
  const integrity = pinnedIntegrity(file);
  return { url: besideScript(file).href, ...(integrity ? { integrity } : {}) };
}

export async function faceFiles(): Promise<{
  worker: () => Promise<URL | null>;
  model: Source | undefined;
  wasmWorker: URL | null;
  wasm: Record<string, Source>;
}> {
  const base = scriptBase();
  if (!base || base.origin !== location.origin)
    return { worker: () => Promise.resolve(null), model: undefined, wasmWorker: null, wasm: {} };
  return {
    // Fetched and checked only when it is the one to start: on the WASM path it never is.
    worker: () => pinnedWorkerUrl(WORKER),
    model: pinned(FACE_MODEL_FILE),
    wasmWorker: await pinnedWorkerUrl(WASM_WORKER),
    wasm: Object.fromEntries(FACE_WASM_FILES.map((f) => [f, pinned(`face-model/${f}`)])),
  };
}
