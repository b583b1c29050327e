// The live analyzer in a real browser: a canvas frame scaled to 480 px and analysed in the
// image worker, then the same frame on the main thread (worker turned off), which must
// give the same analysis. From a playing video (a canvas stream): what the page copies per
// frame, and the full-resolution frame handed back only when the frame is ready. Its own
// file: it changes the module-wide worker setting.
import { afterEach, describe, expect, test } from 'vitest';
import {
  GUIDANCE_LIMITS,
  createLiveAnalyzer,
  imageWorkerStatus,
  judgeFrame,
  setImageWorkerUrl,
} from '../src/image/index.ts';
import type { FrameAnalysis } from '../src/image/index.ts';
import { drawCard } from './image-fixtures.ts';

/** A playing video of the specimen card, `width` wide (3:2), from a canvas stream. */
async function cardVideo(width: number): Promise<{ video: HTMLVideoElement; stop(): void }> {
  const card = drawCard(width);
  const canvas = document.createElement('canvas');
  canvas.width = card.width;
  canvas.height = card.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(card, 0, 0);
  // The same picture redrawn, so that the stream keeps delivering frames.
  const timer = setInterval(() => ctx.drawImage(card, 0, 0), 50);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = canvas.captureStream(20);
  document.body.append(video);
  await video.play();
  while (!video.videoWidth) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    video,
    stop() {
      clearInterval(timer);
      for (const track of (video.srcObject as MediaStream).getTracks()) track.stop();
      video.remove();
    },
  };
}

/** Counts the page's createImageBitmap calls (each one a copy of pixels on the main thread). */
function countCopies(): { readonly calls: number; restore(): void } {
  const original = globalThis.createImageBitmap;
  const counter = { calls: 0, restore: () => void (globalThis.createImageBitmap = original) };
  globalThis.createImageBitmap = ((...args: Parameters<typeof createImageBitmap>) => {
    counter.calls++;
    return original(...args);
  }) as typeof createImageBitmap;
  return counter;
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup) f();
  cleanup = [];
});

/** A frame of the card judged under limits it cannot meet: never ready. */
const NEVER_READY = { ...GUIDANCE_LIMITS, minSharpness: Infinity };

describe('live analyzer', () => {
  let inWorker: FrameAnalysis;

  test('analyses a camera-sized frame in the worker: the card found, still after 300 ms, ready', async () => {
    const canvas = drawCard(720);
    const analyzer = createLiveAnalyzer();
    const first = await analyzer.analyze(canvas, 1000);
    expect(imageWorkerStatus()).toBe('ready');
    expect([first.width, first.height]).toEqual([480, 320]);
    expect(first.document?.shape).toBe('id-1');
    expect(first.document!.inside).toBe(true);
    expect(first.motion).toBeUndefined();
    inWorker = await analyzer.analyze(canvas, 1300);
    expect(inWorker.motion).toBeLessThan(0.005);
    expect(judgeFrame(inWorker)).toBe('ready');
  });

  test('from a video, the page copies no pixels: the worker scales the frame and copies it whole only when ready', async () => {
    const { video, stop } = await cardVideo(1200);
    cleanup.push(stop);
    const analyzer = createLiveAnalyzer();
    const copies = countCopies();
    cleanup.push(copies.restore);
    const first = await analyzer.analyzeKeeping(video, 1000, { keep: GUIDANCE_LIMITS });
    // No motion history yet: "hold still", so no full frame.
    expect(judgeFrame(first.analysis)).toBe('hold_still');
    expect(first.frame).toBeUndefined();
    const notKept = await analyzer.analyzeKeeping(video, 1300, { keep: NEVER_READY });
    expect(notKept.frame).toBeUndefined();
    const ready = await analyzer.analyzeKeeping(video, 1600, { keep: GUIDANCE_LIMITS });
    expect(imageWorkerStatus()).toBe('ready');
    expect(copies.calls).toBe(0);
    expect([ready.analysis.width, ready.analysis.height]).toEqual([480, 320]);
    expect(ready.analysis.document?.shape).toBe('id-1');
    expect(judgeFrame(ready.analysis)).toBe('ready');
    // The photo's candidate is the camera's frame at its own size, not the analysis's 480 px.
    expect([ready.frame?.width, ready.frame?.height]).toEqual([1200, 800]);
    ready.frame!.close();
  });

  test('a browser that cannot hand VideoFrames to the worker: that frame fails and is closed, the next ones are copied by the page', async () => {
    const { video, stop } = await cardVideo(1200);
    cleanup.push(stop);
    // Such a browser refuses the transfer itself (the page keeps the frame, and must close it).
    const frames: VideoFrame[] = [];
    const RealVideoFrame = globalThis.VideoFrame;
    globalThis.VideoFrame = class extends RealVideoFrame {
      constructor(image: CanvasImageSource, init?: VideoFrameInit) {
        super(image, init);
        frames.push(this);
      }
    } as typeof VideoFrame;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: unknown) {
      if ((message as { frame?: unknown }).frame instanceof RealVideoFrame)
        throw new DOMException('VideoFrame cannot be transferred here', 'DataCloneError');
      return post.call(this, message, { transfer: transfer as Transferable[] });
    } as Worker['postMessage'];
    cleanup.push(() => {
      globalThis.VideoFrame = RealVideoFrame;
      Worker.prototype.postMessage = post;
    });
    const analyzer = createLiveAnalyzer();
    const copies = countCopies();
    cleanup.push(copies.restore);
    await expect(analyzer.analyzeKeeping(video, 1000, { keep: GUIDANCE_LIMITS })).rejects.toThrow(
      'cannot be transferred',
    );
    expect(frames).toHaveLength(1);
    // Closed: a frame left open holds one of the camera's buffers until it is collected.
    expect(frames[0]!.format).toBeNull();
    // From now on the page scales each frame itself (one copy) and the worker analyses that.
    const first = await analyzer.analyzeKeeping(video, 1300, { keep: GUIDANCE_LIMITS });
    expect(copies.calls).toBe(1);
    expect(first.analysis.document?.shape).toBe('id-1');
    expect(first.frame).toBeUndefined();
    const ready = await analyzer.analyzeKeeping(video, 1600, { keep: GUIDANCE_LIMITS });
    expect(imageWorkerStatus()).toBe('ready');
    expect(judgeFrame(ready.analysis)).toBe('ready');
    // The scaled copy, then the whole frame because it is ready.
    expect(copies.calls).toBe(3);
    expect([ready.frame?.width, ready.frame?.height]).toEqual([1200, 800]);
    ready.frame!.close();
    expect(frames.every((frame) => frame.format === null)).toBe(true);
  });

  test('without the worker, the main thread gives the same analysis', async () => {
    setImageWorkerUrl(null);
    const analyzer = createLiveAnalyzer();
    const canvas = drawCard(720);
    await analyzer.analyze(canvas, 1000);
    const onMainThread = await analyzer.analyze(canvas, 1300);
    expect(imageWorkerStatus()).toBe('unavailable');
    expect(onMainThread).toEqual(inWorker);
  });

  test('without the worker, a video frame is copied once scaled, and once whole only when ready', async () => {
    const { video, stop } = await cardVideo(1200);
    cleanup.push(stop);
    const analyzer = createLiveAnalyzer();
    const copies = countCopies();
    cleanup.push(copies.restore);
    const first = await analyzer.analyzeKeeping(video, 1000, { keep: GUIDANCE_LIMITS });
    expect(first.frame).toBeUndefined();
    expect(copies.calls).toBe(1);
    const notKept = await analyzer.analyzeKeeping(video, 1300, { keep: NEVER_READY });
    expect(notKept.frame).toBeUndefined();
    expect(copies.calls).toBe(2);
    const ready = await analyzer.analyzeKeeping(video, 1600, { keep: GUIDANCE_LIMITS });
    expect(imageWorkerStatus()).toBe('unavailable');
    expect(judgeFrame(ready.analysis)).toBe('ready');
    expect(copies.calls).toBe(4);
    expect([ready.frame?.width, ready.frame?.height]).toEqual([1200, 800]);
    ready.frame!.close();
  });
});
