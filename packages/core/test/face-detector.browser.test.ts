// The face detector in its worker, in a real Chromium: the tiny detector and its weights
// served from this origin, run on the pixels of scenes made from the fixture face. This
// page allows WebAssembly, so the WASM worker runs them (the WebGL/CPU worker and the way
// from one to the other: face-detector-fallback.browser.test.ts).
import { describe, expect, test } from 'vitest';
import {
  detectFaces,
  faceDetector,
  loadFaceDetector,
  FACE_DETECTOR_INPUT,
  FACE_STILL_INPUT,
} from '../src/face/index.ts';
import { drawScene, type Scene } from './face-scenes.ts';

async function detect(scene: Scene, size = FACE_DETECTOR_INPUT) {
  const canvas = await drawScene(scene);
  const scale = size / canvas.width;
  const frame = await createImageBitmap(canvas, {
    resizeWidth: size,
    resizeHeight: Math.round(canvas.height * scale),
  });
  return detectFaces(frame, size === FACE_DETECTOR_INPUT ? undefined : size);
}

describe('face detector worker', () => {
  test(
    'loads in the WASM worker, with the binary the bundler emitted beside it',
    { timeout: 120_000 },
    async () => {
      const info = await loadFaceDetector();
      expect(info.status, info.reason).toBe('ready');
      expect(info.backend).toBe('wasm');
      expect(info.wasmReason).toBeUndefined();
      expect(faceDetector()).toBe(info);
    },
  );

  test('finds no face on an empty wall', { timeout: 60_000 }, async () => {
    const d = await detect('empty');
    expect(d.faces.filter((f) => f.score >= 0.5)).toEqual([]);
    expect([d.width, d.height]).toEqual([320, 240]);
  });

  test('finds both faces side by side', { timeout: 60_000 }, async () => {
    const d = await detect('two');
    const faces = d.faces.filter((f) => f.score >= 0.5);
    expect(faces).toHaveLength(2);
    const [a, b] = faces.sort((p, q) => p.x - q.x);
    expect(a!.x + a!.width).toBeLessThan(170);
    expect(b!.x).toBeGreaterThan(150);
  });

  test(
    'a still picture runs at its larger input: both faces, in that frame’s pixels',
    { timeout: 60_000 },
    async () => {
      const d = await detect('two', FACE_STILL_INPUT);
      expect([d.width, d.height]).toEqual([608, 456]);
      const faces = d.faces.filter((f) => f.score >= 0.5).sort((p, q) => p.x - q.x);
      expect(faces).toHaveLength(2);
      // The same faces as at 320, at 608/320 the scale: the worker ran the detector at 608.
      expect(faces[0]!.x + faces[0]!.width).toBeLessThan(170 * (608 / 320));
      expect(faces[1]!.x).toBeGreaterThan(150 * (608 / 320));
      expect(faces[0]!.width).toBeGreaterThan(50);
    },
  );

  test(
    'finds the small face, smaller than the well-framed one, and the face in the stretched portrait',
    { timeout: 60_000 },
    async () => {
      const small = (await detect('small')).faces.filter((f) => f.score >= 0.5);
      const framed = (await detect('framed')).faces.filter((f) => f.score >= 0.5);
      const stretched = (await detect('stretched')).faces.filter((f) => f.score >= 0.5);
      expect(small).toHaveLength(1);
      expect(framed).toHaveLength(1);
      expect(stretched).toHaveLength(1);
      // 380 px and 600 px portraits: the faces scale with them (boxes in the 320x240 frame).
      expect(small[0]!.width / framed[0]!.width).toBeGreaterThan(0.5);
      expect(small[0]!.width / framed[0]!.width).toBeLessThan(0.8);
      // The framed face is centred near x 160 (the oval's centre, 320 in the full frame).
      expect(Math.abs(framed[0]!.x + framed[0]!.width / 2 - 160)).toBeLessThan(20);
    },
  );
});
