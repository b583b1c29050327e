// Where the face workers, the weights and the WASM binaries come from when the page has not
// said (setFaceDetectorFiles): from the bundler, which emits them beside the code. The
// script-tag build swaps this module for build/script/face-files.ts (build/build.ts),
// which finds them beside the script and checks them against its pins.
import type { FaceModelSource, FaceWasmFiles } from './protocol.ts';

export interface FaceFiles {
  /**
   * The WebGL/CPU worker. `undefined`: the file the bundler emitted; `null`: no worker at
   * all; a function: asked only when this worker is the one to start (after WASM failed).
   */
  worker: string | URL | null | undefined | (() => Promise<string | URL | null>);
  model: FaceModelSource | undefined;
  /** The WASM worker: `undefined`, the bundler's; `null`, none (the WebGL/CPU worker only). */
  wasmWorker?: string | URL | null | undefined;
  /** Its binaries; `undefined`: the bundler's (wasm-files.ts). */
  wasm?: FaceWasmFiles | undefined;
}

export function faceFiles(): Promise<FaceFiles> {
  return Promise.resolve({ worker: undefined, model: undefined });
}
