// The benchmark page: makes a 12-megapixel phone-like JPEG, then times prepareImage on
// it (worker path, then the main-thread fallback) while probing the main thread for blocks.
import {
  createLiveAnalyzer,
  imageWorkerStatus,
  prepareImage,
  type PreparedImage,
} from '../src/image/index.ts';
import { prepareImageOnMainThread } from '../src/image/runner.ts';
import { drawCard, drawPhoto, encode } from '../test/image-fixtures.ts';

export interface PathResult {
  runsMs: number[];
  bytes: number;
  width: number;
  height: number;
  /** Longest 'longtask' entry inside the timed runs (0 when none over 50 ms). */
  longestLongTaskMs: number;
  /** Longest lateness of a 10 ms timer chain inside the timed runs. */
  longestTimerGapMs: number;
}

export interface BenchResult {
  inputBytes: number;
  inputWidth: number;
  inputHeight: number;
  workerStatus: string;
  worker: PathResult;
  mainThread: PathResult;
  selfieBytes: number;
  /** Live frame analysis in the worker: a 720x480 canvas scaled to 480 px, analysed, answered. */
  live: { runsMs: number[]; longestLongTaskMs: number; longestTimerGapMs: number; documentFound: boolean };
}

declare global {
  interface Window {
    benchResult?: BenchResult;
    benchError?: string;
  }
}

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
});

/** A 10 ms timer chain; how late each tick fires is how long the main thread was busy. */
function startGapProbe(): () => number {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
    if (running) setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
  return () => {
    running = false;
    return longest;
  };
}

async function timePath(
  run: () => Promise<PreparedImage>,
  warmups: number,
  runs: number,
): Promise<PathResult> {
  for (let i = 0; i < warmups; i++) await run();
  await new Promise((r) => setTimeout(r, 100));
  const runsMs: number[] = [];
  let last: PreparedImage | undefined;
  const start = performance.now();
  const stopProbe = startGapProbe();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await run();
    runsMs.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  const longestTimerGapMs = stopProbe();
  const end = performance.now();
  await new Promise((r) => setTimeout(r, 50)); // let the observer deliver
  const inWindow = longTasks.filter((t) => t.startTime >= start && t.startTime <= end);
  return {
    runsMs,
    bytes: last!.bytes,
    width: last!.width,
    height: last!.height,
    longestLongTaskMs: Math.max(0, ...inWindow.map((t) => t.duration)),
    longestTimerGapMs,
  };
}

/** Times the live analysis of a camera-sized frame, one frame at a time as the capture screen would. */
async function timeLive(frames: number): Promise<BenchResult['live']> {
  const canvas = drawCard(720);
  const analyzer = createLiveAnalyzer();
  for (let i = 0; i < 3; i++) await analyzer.analyze(canvas, performance.now());
  const runsMs: number[] = [];
  let documentFound = true;
  const start = performance.now();
  const stopProbe = startGapProbe();
  for (let i = 0; i < frames; i++) {
    const t0 = performance.now();
    const analysis = await analyzer.analyze(canvas, t0);
    runsMs.push(performance.now() - t0);
    documentFound &&= analysis.document !== undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
  const longestTimerGapMs = stopProbe();
  const end = performance.now();
  await new Promise((r) => setTimeout(r, 50));
  const inWindow = longTasks.filter((t) => t.startTime >= start && t.startTime <= end);
  return {
    runsMs,
    longestLongTaskMs: Math.max(0, ...inWindow.map((t) => t.duration)),
    longestTimerGapMs,
    documentFound,
  };
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const runs = Number(params.get('runs') ?? 15);
  const mainRuns = Number(params.get('mainRuns') ?? Math.max(5, Math.ceil(runs / 2)));
  const photo = drawPhoto(4000, 3000, 7, 14);
  const jpeg = await encode(photo, 'image/jpeg', 0.92);
  const selfieJpeg = await encode(drawPhoto(4000, 3000, 99, 14), 'image/jpeg', 0.92);
  photo.width = photo.height = 0; // free the 48 MB canvas before timing
  const worker = await timePath(() => prepareImage(jpeg, { kind: 'document' }), 2, runs);
  const workerStatus = imageWorkerStatus();
  const mainThread = await timePath(() => prepareImageOnMainThread(jpeg, { kind: 'document' }), 1, mainRuns);
  const selfie = await prepareImage(selfieJpeg, { kind: 'selfie' });
  const live = await timeLive(Math.max(5, runs * 2));
  window.benchResult = {
    inputBytes: jpeg.size,
    inputWidth: 4000,
    inputHeight: 3000,
    workerStatus,
    worker,
    mainThread,
    selfieBytes: selfie.bytes,
    live,
  };
  document.getElementById('status')!.textContent = 'done';
}

main().catch((error: unknown) => {
  window.benchError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
});
