// The WASM face worker as the script-tag build makes it (build.ts swaps
// core/src/face/wasm-files.ts for this): the binaries are files beside the script, whose
// URLs and pins the page sends.
import type { FaceWasmFiles } from '@argos-kyc/core/face';

export const BUNDLED_WASM: FaceWasmFiles | undefined = undefined;
