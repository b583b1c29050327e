// Messages between the page and the face detector worker (worker.ts).
import type { FaceBox } from './gate.ts';

/** Where the tiny detector's weights come from (the page decides: the script build pins them). */
/** The detector's input size (a multiple of 32): 320 found the fixture face at every size measured, 4x faster than 640. */
export const FACE_INPUT_SIZE = 320;

export interface FaceModelSource {
  /** URL of the weights file (`tiny_face_detector_model.bin`), same origin as the page. */
  url: string;
  /** `sha384-...` the response must match (fetch's `integrity`), when the build pinned it. */
  integrity?: string;
}

export type ToFaceWorker =
  /** `model` unset: the weights the bundler emitted beside the worker (model.ts). */
  | { type: 'load'; model?: FaceModelSource }
  /** A frame at the detector's input size; the worker closes it. */
  | { type: 'detect'; id: number; frame: ImageBitmap };

export type FromFaceWorker =
  /** The detector is ready: the tfjs backend it runs on and how long loading took. */
  | { type: 'loaded'; backend: string; ms: number }
  /** It cannot run here (no backend, weights refused): the selfie keeps its older checks. */
  | { type: 'unavailable'; reason: string }
  | {
      type: 'faces';
      id: number;
      faces: FaceBox[];
      width: number;
      height: number;
      brightness: number;
      sharpness: number;
      ms: number;
    }
  | { type: 'failed'; id: number; message: string };
