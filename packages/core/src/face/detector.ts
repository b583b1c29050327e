// The page's side of the face detector (issue 13): starts a worker, loads the tiny
// detector's weights in it (lazily: the widget calls `loadFaceDetector()` in the
// background once the applicant has agreed), and sends it frames at the detector's
// input size. The backends, in order: WASM (worker-wasm.ts, where the page allows
// WebAssembly), then WebGL, then CPU (worker.ts). Where no worker can start or the
// detector cannot run, `status` says `unavailable` and the selfie keeps its older checks
// (the widget emits an event).
import { faceFiles, type FaceFiles } from './files.ts';
import {
  FACE_INPUT_SIZE,
  FACE_STILL_INPUT_SIZE,
  type FaceDetection,
  type FaceModelSource,
  type FaceWasmFiles,
  type FromFaceWorker,
  type ToFaceWorker,
} from './protocol.ts';

export type { FaceDetection, FaceModelSource, FaceWasmFiles } from './protocol.ts';

/** Where the detector stands: not asked for yet, loading, ready, or unable to run here. */
export type FaceDetectorStatus = 'unstarted' | 'loading' | 'ready' | 'unavailable';

/** The input size the worker runs the detector at; frames are best sent at about this size. */
export const FACE_DETECTOR_INPUT = FACE_INPUT_SIZE;
/** The input size for an uploaded picture: `detectFaces(frame, FACE_STILL_INPUT)` (see `warmStillInput`). */
export const FACE_STILL_INPUT = FACE_STILL_INPUT_SIZE;

/** A load slower than this (weights over a bad line) gives up: the older checks stay. */
const LOAD_TIMEOUT_MS = 60_000;

/** What the loaded detector reports about itself (for events and the benchmark). */
export interface FaceDetectorInfo {
  status: FaceDetectorStatus;
  /** The tfjs backend (`wasm`, `webgl`, `cpu`) once ready. */
  backend?: string;
  /** Why it cannot run (`no_worker`, `no_backend`, `weights_missing`, ...). */
  reason?: string;
  /** Why the WASM worker did not run, when it was tried and another backend (or none) followed. */
  wasmReason?: string;
  /** Worker start, backend, weights and a first detection, in ms. */
  loadMs?: number;
}

/** Set by `setFaceDetectorFiles`; else files.ts says (the bundler's, or the script build's). */
let files: FaceFiles | undefined;
let info: FaceDetectorInfo = { status: 'unstarted' };
let loading: Promise<FaceDetectorInfo> | undefined;
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(d: FaceDetection): void; reject(e: Error): void }>();

/**
 * Where the workers and the files they fetch are, for builds where the bundler does not
 * place them (the script-tag build: beside the script, checked against its pins). `worker:
 * null` turns the detector off; `wasm.worker: null` (or no `wasm`) keeps to WebGL and CPU.
 * Call before `loadFaceDetector()`.
 */
export function setFaceDetectorFiles(
  worker: string | URL | null,
  model?: FaceModelSource,
  wasm?: { worker: string | URL | null; files?: FaceWasmFiles },
): void {
  files = { worker, model, wasmWorker: wasm?.worker ?? null, ...(wasm?.files ? { wasm: wasm.files } : {}) };
}

export interface FaceDetectorOptions {
  /**
   * Try the WASM worker first (default). `false` on a page whose Content-Security-Policy
   * does not allow WebAssembly (`'wasm-unsafe-eval'` in `script-src`): there a compile
   * would be refused, and reported as a violation, so it is not tried at all.
   */
  wasm?: boolean;
}

/** Where the detector stands now. */
export function faceDetector(): FaceDetectorInfo {
  return info;
}

function settle(next: FaceDetectorInfo): FaceDetectorInfo {
  info = next;
  return info;
}

function fail(reason: string): FaceDetectorInfo {
  worker?.terminate();
  worker = undefined;
  for (const job of pending.values()) job.reject(new Error('face detector stopped'));
  pending.clear();
  return settle({ status: 'unavailable', reason });
}

/**
 * Starts the worker and loads the detector once; later calls share the answer (the first
 * call's options count). Resolves when it is ready or known to be unavailable (never rejects).
 */
export function loadFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetectorInfo> {
  if (loading) return loading;
  loading = (files ? Promise.resolve(files) : faceFiles()).then(async (where) => {
    if (options.wasm === false || where.wasmWorker === null || typeof WebAssembly !== 'object')
      return start(where, false);
    const first = await start(where, true);
    if (first.status === 'ready') return first;
    const next = await start(where, false);
    return settle({ ...next, wasmReason: first.reason ?? 'unavailable' });
  });
  return loading;
}

async function start(files: FaceFiles, wasm: boolean): Promise<FaceDetectorInfo> {
  const file = wasm
    ? files.wasmWorker
    : typeof files.worker === 'function'
      ? await files.worker()
      : files.worker;
  return new Promise<FaceDetectorInfo>((resolve) => {
    if (file === null || typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
      resolve(settle({ status: 'unavailable', reason: 'no_worker' }));
      return;
    }
    settle({ status: 'loading' });
    const started = performance.now();
    const options: WorkerOptions = { type: 'module', name: 'argos-kyc-face' };
    try {
      // Same-origin files the bundler emits (no blob: URL): `script-src 'self'` covers them.
      // Each worker a name of its own: webpack makes a worker's chunk by its `name`, and two
      // workers of one name would be one chunk, both downloaded on either path.
      worker =
        file !== undefined
          ? new Worker(file, options)
          : wasm
            ? new Worker(new URL('./worker-wasm.ts', import.meta.url), {
                type: 'module',
                name: 'argos-kyc-face-wasm',
              })
            : new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'argos-kyc-face' });
    } catch {
      resolve(fail('no_worker'));
      return;
    }
    const timer = setTimeout(() => resolve(fail('timeout')), LOAD_TIMEOUT_MS);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(fail('worker_error'));
    });
    worker.addEventListener('message', (event: MessageEvent<FromFaceWorker>) => {
      const message = event.data;
      if (message.type === 'loaded') {
        clearTimeout(timer);
        resolve(settle({ status: 'ready', backend: message.backend, loadMs: performance.now() - started }));
      } else if (message.type === 'unavailable') {
        clearTimeout(timer);
        resolve(fail(message.reason));
      } else {
        const job = pending.get(message.id);
        if (!job) return;
        pending.delete(message.id);
        if (message.type === 'faces') {
          const { faces, width, height, brightness, sharpness, ms } = message;
          job.resolve({ faces, width, height, brightness, sharpness, ms });
        } else job.reject(new Error(message.message));
      }
    });
    worker.postMessage({
      type: 'load',
      ...(files.model ? { model: files.model } : {}),
      ...(wasm && files.wasm ? { wasm: files.wasm } : {}),
    } satisfies ToFaceWorker);
  });
}

/**
 * The faces in `frame` (ideally about FACE_DETECTOR_INPUT px on its long side). The
 * frame is handed to the worker (transferred: do not use it after). Rejects when the
 * detector is not ready.
 */
/** Prepares the detector for FACE_STILL_INPUT while an upload is being chosen; does nothing before it loads. */
export function warmStillInput(): void {
  if (worker && info.status !== 'unavailable')
    worker.postMessage({ type: 'warm', inputSize: FACE_STILL_INPUT } satisfies ToFaceWorker);
}

export function detectFaces(frame: ImageBitmap, inputSize?: number): Promise<FaceDetection> {
  const w = worker;
  if (!w || info.status !== 'ready') {
    frame.close();
    return Promise.reject(new Error('face detector not ready'));
  }
  const id = nextId++;
  return new Promise<FaceDetection>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ type: 'detect', id, frame, ...(inputSize ? { inputSize } : {}) } satisfies ToFaceWorker, [
      frame,
    ]);
  });
}
