// The face detector benchmark page (driven by run.ts): loads the candidate lazily from
// this origin, then times detections on the fixture face drawn into a 640x480 frame,
// as a camera would give it, at several input sizes, on each backend that runs here.

export interface SizeResult {
  inputSize: number;
  runsMs: number[];
  faces: number;
  score: number;
}

export interface BackendResult {
  backend: string;
  available: boolean;
  /** Dynamic import of the detector chunk, backend ready, weights fetched and parsed. */
  coldLoadMs: number;
  /** The first detection (shader compiles, buffers) at the first input size. */
  firstDetectionMs: number;
  sizes: SizeResult[];
  longestLongTaskMs: number;
}

export interface FaceBenchResult {
  webgl: boolean;
  backends: BackendResult[];
}

declare global {
  interface Window {
    faceBenchResult?: FaceBenchResult;
    faceBenchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const runs = Number(params.get('runs') ?? 10);
const backends = (params.get('backends') ?? 'webgl,cpu').split(',');
const sizes = (params.get('sizes') ?? '320,416,640').split(',').map(Number);

async function frame(): Promise<HTMLCanvasElement> {
  const img = new Image();
  img.src = '/face-astronaut.png';
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, 640, 480);
  // The whole 512x512 portrait scaled to the frame's height, centred: a well-placed selfie.
  ctx.drawImage(img, 80, 0, 480, 480);
  return canvas;
}

async function main(): Promise<void> {
  const longTasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const webgl = !!document.createElement('canvas').getContext('webgl');
  const input = await frame();
  const results: BackendResult[] = [];
  for (const backend of backends) {
    longTasks.length = 0;
    const t0 = performance.now();
    const detector = await import('./detector.ts');
    const available = await detector.prepare(backend, '/model');
    const coldLoadMs = performance.now() - t0;
    if (!available) {
      results.push({ backend, available, coldLoadMs, firstDetectionMs: 0, sizes: [], longestLongTaskMs: 0 });
      continue;
    }
    const t1 = performance.now();
    await detector.detect(input, sizes[0]!);
    const firstDetectionMs = performance.now() - t1;
    const sizeResults: SizeResult[] = [];
    for (const inputSize of sizes) {
      const runsMs: number[] = [];
      let boxes: Awaited<ReturnType<typeof detector.detect>> = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        boxes = await detector.detect(input, inputSize);
        runsMs.push(performance.now() - t);
        // A task boundary between detections, as between camera frames: otherwise a
        // backend that settles in microtasks (cpu) makes the whole loop one long task.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      sizeResults.push({ inputSize, runsMs, faces: boxes.length, score: boxes[0]?.score ?? 0 });
    }
    await new Promise((r) => setTimeout(r, 50));
    results.push({
      backend: detector.backendName(),
      available,
      coldLoadMs,
      firstDetectionMs,
      sizes: sizeResults,
      longestLongTaskMs: Math.max(0, ...longTasks),
    });
  }
  window.faceBenchResult = { webgl, backends: results };
}

const run = params.get('mode') === 'selfie' ? import('./selfie.ts').then((m) => m.runSelfieBench()) : main();
run.catch((error: unknown) => {
  window.faceBenchError = String(error instanceof Error ? (error.stack ?? error.message) : error);
});
