// Where the face worker and its weights come from when the page has not said
// (setFaceDetectorFiles): from the bundler, which emits both beside the code. The
// script-tag build swaps this module for build/script/face-files.ts (build/build.ts),
// which finds them beside the script and checks them against its pins.
import type { FaceModelSource } from './protocol.ts';

export interface FaceFiles {
  /** `undefined`: the worker file the bundler emitted; `null`: no worker at all. */
  worker: string | URL | null | undefined;
  model: FaceModelSource | undefined;
}

export function faceFiles(): Promise<FaceFiles> {
  return Promise.resolve({ worker: undefined, model: undefined });
}
