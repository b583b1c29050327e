// The WASM backend's binary as the bundler serves it (Vite: a file of its own beside the
// code, from the page's origin; inlined where a library build inlines assets), for
// worker-wasm.ts. Only the SIMD one (every current browser: Chrome 91, Firefox 89, Safari
// 16.4): a browser without SIMD runs the WebGL/CPU worker, as before WASM, and the plain
// binary (117 KB gzip) is not shipped. The script-tag build swaps this module for one that
// has none (packages/widget/build/build.ts): there the page sends its URL and pin; the
// widget's ESM build for one that names the file beside the worker with its sha384.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./assets.d.ts" />
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { FaceWasmFiles } from './protocol.ts';

export const BUNDLED_WASM: FaceWasmFiles | undefined = { 'tfjs-backend-wasm-simd.wasm': { url: simd } };
