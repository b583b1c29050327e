// Messages between the page and the face detector worker (worker.ts).
import type { FaceBox } from './gate.ts';

/** Where the tiny detector's weights come from (the page decides: the script build pins them). */
/** The detector's input size (a multiple of 32): 320 found the fixture face at every size measured, 4x faster than 640. */
export const FACE_INPUT_SIZE = 320;
/**
 * The input for an uploaded picture (camera frames were judged live): faces a group photo
 * holds are small, and at 320 the tiny detector found one of two side-by-side faces (the
 * e2e scene "two", uploaded) where the live frames' flicker had shown both. One detection,
 * so the ~3.6x cost of 608 is paid once.
 */
export const FACE_STILL_INPUT_SIZE = 608;

export interface FaceModelSource {
  /** URL of the weights file (`tiny_face_detector_model.bin`), same origin as the page. */
  url: string;
  /** `sha384-...` the response must match (fetch's `integrity`), when the build pinned it. */
  integrity?: string;
}

/** The WASM backend's binaries by file name (`tfjs-backend-wasm-simd.wasm`, the one the widget ships), for worker-wasm.ts. */
export type FaceWasmFiles = Record<string, FaceModelSource>;

export type ToFaceWorker =
  /**
   * `model` unset: the weights the bundler emitted beside the worker (model.ts); `wasm`
   * unset: the binaries the bundler emitted (wasm-files.ts; only the WASM worker reads it).
   */
  | { type: 'load'; model?: FaceModelSource; wasm?: FaceWasmFiles }
  /** A frame at the detector's input size (`inputSize`, default FACE_INPUT_SIZE); the worker closes it. */
  | { type: 'detect'; id: number; frame: ImageBitmap; inputSize?: number }
  /** Prepares the backend for frames of `inputSize` (one blank detection), once loaded; no answer. */
  | { type: 'warm'; inputSize: number };

/** The faces in one frame, in that frame's pixels, with its light and sharpness. */
export interface FaceDetection {
  faces: FaceBox[];
  width: number;
  height: number;
  brightness: number;
  sharpness: number;
  /** Time the worker spent on the frame (detection and measures). */
  ms: number;
}

export type FromFaceWorker =
  /** The detector is ready: the tfjs backend it runs on (`wasm`, `webgl`, `cpu`) and how long loading took. */
  | { type: 'loaded'; backend: string; ms: number }
  /** It cannot run here (no backend, weights refused): the selfie keeps its older checks. */
  | { type: 'unavailable'; reason: string }
  | ({ type: 'faces'; id: number } & FaceDetection)
  | { type: 'failed'; id: number; message: string };
