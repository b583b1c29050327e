// The selfie screen's detector path as the widget runs it (issue 13), driven by run.ts
// on its own page (`?mode=selfie`, and `&wasm=off` for a page whose CSP refuses
// WebAssembly): the core's face worker (src/face/worker-wasm.ts, or worker.ts with
// `wasm=off` or where WASM cannot run; the weights emitted by Vite beside it), loaded cold; then, as the selfie screen does it,
// one 640x480 frame at a time scaled to the detector's input size, detected in the
// worker and judged by the gate with the widget's settings, a well-placed face in the
// oval, until the gate opens. Measures cold load (ms), ms per detection in the worker,
// the time from the first frame to the gate's verdict, and the longest main-thread
// task meanwhile (the widget's own rendering is not in it: this page has none).
import { detectFaces, FACE_DETECTOR_INPUT, FaceGate, loadFaceDetector } from '../../src/face/index.ts';

export interface SelfieBenchResult {
  backend: string;
  status: string;
  reason?: string;
  /** Why the WASM worker did not run, when it was tried and another followed. */
  wasmReason?: string;
  coldLoadMs: number;
  inputSize: number;
  detectionsMs: number[];
  verdictMs: number;
  frames: number;
  longestTaskMs: number;
}

declare global {
  interface Window {
    selfieBenchResult?: SelfieBenchResult;
  }
}

/** The well-framed scene of the e2e suite (e2e/tests/face-scenes.ts): the face at the oval's centre. */
async function scene(): Promise<HTMLCanvasElement> {
  const img = new Image();
  img.src = '/face-astronaut.png';
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#7f8a96';
  ctx.fillRect(0, 0, 640, 480);
  ctx.drawImage(img, 62, 28, 600, 600);
  return canvas;
}

export async function runSelfieBench(): Promise<void> {
  const tasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const input = await scene();
  const t0 = performance.now();
  const info = await loadFaceDetector({ wasm: new URLSearchParams(location.search).get('wasm') !== 'off' });
  const coldLoadMs = performance.now() - t0;
  if (info.status !== 'ready') {
    window.selfieBenchResult = {
      backend: '',
      status: info.status,
      ...(info.reason ? { reason: info.reason } : {}),
      coldLoadMs,
      inputSize: FACE_DETECTOR_INPUT,
      detectionsMs: [],
      verdictMs: 0,
      frames: 0,
      longestTaskMs: 0,
    };
    return;
  }
  tasks.length = 0;
  // The oval as the selfie screen draws it on a phone (64% of a 3:4 view, its centre at 38% of the height), in frame pixels.
  const oval = { x: 320 - 115, y: 182 - 153, width: 230, height: 307 };
  const gate = new FaceGate<number>({ oval, now: () => performance.now(), limits: { warmUpFrames: 1 } });
  const detectionsMs: number[] = [];
  const started = performance.now();
  let verdictMs = 0;
  let frames = 0;
  while (!verdictMs && frames < 40) {
    frames++;
    const full = await createImageBitmap(input);
    const small = await createImageBitmap(full, { resizeWidth: FACE_DETECTOR_INPUT, resizeHeight: 240 });
    const d = await detectFaces(small);
    detectionsMs.push(d.ms);
    const k = full.width / d.width;
    full.close();
    const update = gate.push(
      {
        faces: d.faces.map((f) => ({
          x: f.x * k,
          y: f.y * k,
          width: f.width * k,
          height: f.height * k,
          score: f.score,
        })),
        width: 640,
        height: 480,
        measures: { brightness: d.brightness, sharpness: d.sharpness },
      },
      frames,
    );
    if (update.capture !== undefined) verdictMs = performance.now() - started;
  }
  await new Promise((r) => setTimeout(r, 50));
  window.selfieBenchResult = {
    backend: info.backend ?? '',
    status: info.status,
    ...(info.wasmReason ? { wasmReason: info.wasmReason } : {}),
    coldLoadMs,
    inputSize: FACE_DETECTOR_INPUT,
    detectionsMs,
    verdictMs,
    frames,
    longestTaskMs: Math.max(0, ...tasks),
  };
}
