// The WASM face worker as the script-tag build makes it (build.ts swaps
// core/src/face/wasm-files.ts for this): the binaries are files beside the script, whose
// URLs and pins the page sends.
export const BUNDLED_WASM: Record<string, string> | undefined = undefined;
