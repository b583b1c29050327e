// The page's side of the face detector (issue 13): starts worker.ts, loads the tiny
// detector's weights in it (lazily: the widget calls `loadFaceDetector()` in the
// background once the applicant has agreed), and sends it frames at the detector's
// input size. Where the worker cannot start or the detector cannot run, `status` says
// `unavailable` and the selfie keeps its older checks (the widget emits an event).
import { faceFiles, type FaceFiles } from './files.ts';
import {
  FACE_INPUT_SIZE,
  FACE_STILL_INPUT_SIZE,
  type FaceDetection,
  type FaceModelSource,
  type FromFaceWorker,
  type ToFaceWorker,
} from './protocol.ts';

export type { FaceDetection, FaceModelSource } from './protocol.ts';

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
  /** The tfjs backend (`webgl`, `cpu`) once ready. */
  backend?: string;
  /** Why it cannot run (`no_worker`, `no_backend`, `weights_missing`, ...). */
  reason?: string;
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
 * Where the worker and the weights are, for builds where the bundler does not place them
 * (the script-tag build: beside the script, checked against its pins). `worker: null`
 * turns the detector off. Call before `loadFaceDetector()`.
 */
export function setFaceDetectorFiles(worker: string | URL | null, model?: FaceModelSource): void {
  files = { worker, model };
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
 * Starts the worker and loads the detector once; later calls share the answer. Resolves
 * when it is ready or known to be unavailable (never rejects).
 */
export function loadFaceDetector(): Promise<FaceDetectorInfo> {
  if (loading) return loading;
  loading = (files ? Promise.resolve(files) : faceFiles()).then((where) => start(where));
  return loading;
}

function start(files: FaceFiles): Promise<FaceDetectorInfo> {
  return new Promise<FaceDetectorInfo>((resolve) => {
    if (files.worker === null || typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
      resolve(settle({ status: 'unavailable', reason: 'no_worker' }));
      return;
    }
    settle({ status: 'loading' });
    const started = performance.now();
    try {
      // A same-origin file the bundler emits (no blob: URL): `script-src 'self'` covers it.
      worker =
        files.worker === undefined
          ? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'argos-kyc-face' })
          : new Worker(files.worker, { type: 'module', name: 'argos-kyc-face' });
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
