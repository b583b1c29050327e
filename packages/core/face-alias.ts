// The module paths every bundler that builds the face detector's WASM worker
// (packages/core/src/face/worker-wasm.ts) points elsewhere: face-api's `esm-nobundle`
// build imports tfjs by these dist paths, and the worker carries only tfjs-core and the
// WASM backend (packages/core/src/face/tfjs-wasm.ts). Used by the Vitest browser project,
// the demo's Vite server, the widget's build and the face benchmark. Beside the core's
// sources, not in them (it is build configuration for Node) nor in the published files. Only the nobundle
// file imports these paths, so the other worker (face-api's full bundle) is untouched.
import { fileURLToPath } from 'node:url';

const face = (file: string): string => fileURLToPath(new URL(`./src/face/${file}`, import.meta.url));

export const faceWasmAlias: { find: RegExp; replacement: string }[] = [
  { find: /^@tensorflow\/tfjs\/dist\/index\.js$/, replacement: face('tfjs-wasm.ts') },
  { find: /^@tensorflow\/tfjs-backend-wasm\/dist\/index\.js$/, replacement: face('tfjs-wasm.ts') },
  { find: /^@tensorflow\/tfjs-backend-webgl\/dist\/index\.js$/, replacement: face('no-backend.ts') },
];
