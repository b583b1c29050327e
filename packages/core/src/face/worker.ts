// The face detector's worker where WASM is not allowed or cannot run (issue 13):
// @vladmandic/face-api's own bundle and the tfjs it carries, on WebGL through
// OffscreenCanvas where the worker has it, else on the CPU backend. The WASM worker
// (worker-wasm.ts) is tried first; detector.ts chooses. What both do: worker-run.ts.
import * as api from '@vladmandic/face-api';
import { runFaceWorker, type Engine } from './worker-run.ts';

const engine = api.tf as unknown as Engine;

runFaceWorker(api, async () => {
  // WebGL in a worker needs OffscreenCanvas with a webgl context; tfjs checks that itself.
  const candidates = typeof OffscreenCanvas !== 'undefined' ? ['webgl', 'cpu'] : ['cpu'];
  for (const name of candidates) {
    const ok = await engine.setBackend(name).catch(() => false);
    if (!ok) continue;
    try {
      await engine.ready();
      return engine.getBackend();
    } catch {
      // a backend that registers but cannot start (no GL context): try the next
    }
  }
  return { reason: 'no_backend' };
});
