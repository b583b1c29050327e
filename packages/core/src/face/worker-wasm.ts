// The face detector's worker on WebAssembly (issue 13): face-api's tiny detector on
// tfjs-core and its WASM backend with SIMD, about ten times faster
// than WebGL on a software renderer and than the CPU backend here (docs/architecture.md,
// "The face gate and the detector"). face-api's `esm-nobundle` build is bundled with
// tfjs-wasm.ts in place of the tfjs it names (../../face-alias.ts), so this worker, one
// .wasm and the weights fit the 500 KB budget. detector.ts starts it only where the page
// allows WebAssembly (`'wasm-unsafe-eval'`; the `face-wasm="off"` attribute says it does
// not), and starts worker.ts (WebGL, then CPU) when this one cannot run.
import * as api from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { FaceWasmFiles } from './protocol.ts';
import { BUNDLED_WASM } from './wasm-files.ts';
import { fetchPinned, runFaceWorker, type Engine } from './worker-run.ts';

const tf = api.tf as unknown as Engine & {
  env(): {
    getAsync(flag: string): Promise<boolean>;
    set(flag: string, value: boolean): void;
    platform: { fetch(path: string, init?: RequestInit): Promise<Response> };
  };
  setWasmPaths(paths: Record<string, string>, usePlatformFetch?: boolean): void;
};

const SIMD = 'tfjs-backend-wasm-simd.wasm';

runFaceWorker(api, async (given) => {
  const files: FaceWasmFiles | undefined = given ?? BUNDLED_WASM;
  // Threads would need the host page cross-origin isolated (SharedArrayBuffer); the widget asks no such thing.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Without SIMD the WASM backend is not much faster than WebGL here: the other worker runs (wasm-files.ts).
  if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) return { reason: 'no_simd' };
  const source = files?.[SIMD];
  if (!source) return { reason: 'no_wasm' };
  const bytes = await fetchPinned(source);
  if (typeof bytes === 'string') return { reason: `wasm_${bytes}` };
  // Compiled once here so that a refusal is an answer: tfjs would leave its start pending.
  try {
    await WebAssembly.compile(bytes);
  } catch {
    return { reason: 'wasm_refused' };
  }
  // tfjs fetches the binary through its platform's fetch (`setWasmPaths(..., true)`): it is
  // handed the bytes checked above, without a second request.
  const platform = tf.env().platform;
  const fetchOther = platform.fetch.bind(platform);
  platform.fetch = (path, init) =>
    path === source.url ? Promise.resolve(new Response(bytes)) : fetchOther(path, init);
  // tfjs asks for an entry per binary it knows; with threads off and SIMD checked it takes the first.
  tf.setWasmPaths(
    {
      [SIMD]: source.url,
      'tfjs-backend-wasm.wasm': source.url,
      'tfjs-backend-wasm-threaded-simd.wasm': source.url,
    },
    true,
  );
  const ok = await tf.setBackend('wasm').catch(() => false);
  if (!ok) return { reason: 'no_backend' };
  await tf.ready();
  return tf.getBackend();
});
