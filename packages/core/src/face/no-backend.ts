// Stands for `@tensorflow/tfjs-backend-webgl` in the WASM face worker (see tfjs-wasm.ts):
// that worker runs on WASM only; where WASM cannot run, the page starts worker.ts, which
// has WebGL and the CPU backend (detector.ts).
export {};
