// The script-tag build's answer to "where are the face worker and its weights"
// (replaces packages/core/src/face/files.ts, see build.ts): beside the script, the
// worker checked against the hash this script pins before it starts, the weights
// fetched by the worker with the pinned hash as `integrity`. A module worker must come
// from the page's own origin: a script served from a CDN gets no face worker (the
// selfie keeps its older checks, and the host hears `face_check_unavailable`).
import { besideScript, pinnedIntegrity, pinnedWorkerUrl } from './chunk-loader.ts';
import { scriptBase } from './script-base.ts';

const WORKER = 'argos-kyc-face-worker.js';
export const FACE_MODEL_FILE = 'face-model/tiny_face_detector_model.bin';

export async function faceFiles(): Promise<{
  worker: URL | null;
  model: { url: string; integrity?: string } | undefined;
}> {
  const base = scriptBase();
  if (!base || base.origin !== location.origin) return { worker: null, model: undefined };
  const integrity = pinnedIntegrity(FACE_MODEL_FILE);
  return {
    worker: await pinnedWorkerUrl(WORKER),
    model: { url: besideScript(FACE_MODEL_FILE).href, ...(integrity ? { integrity } : {}) },
  };
}
