// The face detector's way down the backends (wasm -> webgl -> cpu -> unavailable), in a
// real Chromium. Each browser test file runs in a page of its own, so the detector here
// is loaded afresh (face-detector.browser.test.ts has the WASM worker's own run).
import { describe, expect, test } from 'vitest';
import { detectFaces, faceDetector, loadFaceDetector, FACE_DETECTOR_INPUT } from '../src/face/index.ts';
import { drawScene } from './face-scenes.ts';

describe('face detector fallback', () => {
  test(
    'the WASM worker unable to start (its binary missing): the WebGL/CPU worker runs, and says why WASM did not',
    { timeout: 120_000 },
    async () => {
      const { setFaceDetectorFiles } = await import('../src/face/index.ts');
      // The bundler's workers and weights; WASM binaries that are not there.
      const missing = { url: new URL('/no-such-file.wasm', location.href).href };
      setFaceDetectorFiles(new URL('../src/face/worker.ts', import.meta.url), undefined, {
        worker: new URL('../src/face/worker-wasm.ts', import.meta.url),
        files: { 'tfjs-backend-wasm-simd.wasm': missing },
      });
      const info = await loadFaceDetector();
      expect(info.status, info.reason).toBe('ready');
      expect(['webgl', 'cpu']).toContain(info.backend);
      expect(info.wasmReason).toBe('wasm_missing');
      expect(faceDetector()).toBe(info);
      // And it detects: the well-framed face, once.
      const canvas = await drawScene('framed');
      const frame = await createImageBitmap(canvas, {
        resizeWidth: FACE_DETECTOR_INPUT,
        resizeHeight: Math.round((canvas.height * FACE_DETECTOR_INPUT) / canvas.width),
      });
      const d = await detectFaces(frame);
      expect(d.faces.filter((f) => f.score >= 0.5)).toHaveLength(1);
    },
  );
});
