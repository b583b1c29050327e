// The tfjs the WASM face worker (worker-wasm.ts) carries: tfjs-core and its WASM backend,
// nothing else. face-api's `esm-nobundle` build imports `@tensorflow/tfjs` (core,
// converter, layers, data, cpu, webgl: about 300 KB gzip more) and the webgl and wasm
// backends by their dist paths; every bundler that builds the widget points those paths
// here and at no-backend.ts (packages/core/face-alias.ts), so the worker, its .wasm and the
// weights fit the 500 KB budget (docs/architecture.md, "The face gate and the detector").
// Exact versions: face-api 1.7.15 was built against tfjs 4.22.0, pinned in package.json.
// Chained ops (`tensor.as4D()`, which face-api calls) register as a side effect that
// `@tensorflow/tfjs` imports and tfjs-core's own index does not.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-backend-wasm';
