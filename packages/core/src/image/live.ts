// Live analysis of camera frames for guided document capture (see README.md, "Live
// guidance"). Frames are analysed at about 480 px in the image worker; where there is no
// worker, on the main thread in slices.
//
// What the page does per frame, and why (issue 12: no main-thread task over 50 ms): from a
// video it takes a VideoFrame, which wraps the camera's current frame without copying it,
// and hands it to the worker; the worker scales it, analyses it, and makes a full-resolution
// ImageBitmap of it only when the frame is "ready" (the shutter picks among those). Copying
// a 1280x720 video frame into an ImageBitmap on the main thread took 5-37 ms on a loaded
// 2-core machine, and two copies a frame (one full, one scaled) added up to 113 ms tasks.
// Without VideoFrame (or without the worker) the page scales the frame with one
// createImageBitmap and, for a "ready" frame only, copies the full frame in a later task.
//
// The import of frame.ts is static on purpose: a dynamic import() anywhere in the core
// makes the one-file script-tag build wrap its modules for lazy init (+229 B gzip,
// measured). Bundles that never call createLiveAnalyzer drop this module and frame.ts;
// the capture screen loads it in its lazy chunk (README.md, "Live guidance").
import { ImageError } from './errors.ts';
import { createFrameAnalyzer, type AnalyzeOptions, type FrameAnalysis, type FrameAnalyzer } from './frame.ts';
import { judgeFrame, type GuidanceLimits } from './guidance.ts';
import { ANALYSIS_LONG_SIDE } from './limits.ts';
import type { LiveFrame } from './protocol.ts';
import { analyzeInWorker, startWorker, yieldToEventLoop } from './runner.ts';

export type { LiveFrame } from './protocol.ts';

/** What a live frame can come from. */
export type LiveFrameSource = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;

/** `analyzeKeeping`'s options: the analysis's, and the limits under which a frame is "ready". */
export interface LiveAnalyzeOptions extends AnalyzeOptions {
  /** Hand back the frame at full resolution when `judgeFrame(analysis, keep)` is `ready`. */
  keep: GuidanceLimits;
}

/** One camera's live analysis: call `analyze` for each frame you want judged (5-15 a second). */
export interface LiveAnalyzer {
  /** Analyses the source's current frame, taken at `time` (ms, e.g. `performance.now()`). */
  analyze(source: LiveFrameSource, time: number, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  /**
   * As `analyze`, and when the frame is "ready" under `options.keep`, the same frame at
   * the source's full resolution (the caller owns it: close it), for the shutter to choose.
   */
  analyzeKeeping(source: LiveFrameSource, time: number, options: LiveAnalyzeOptions): Promise<LiveFrame>;
  /** Forgets the motion history (after a retake or a camera switch). */
  reset(): void;
}

let nextSession = 1;

function isVideo(source: LiveFrameSource): source is HTMLVideoElement {
  return typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement;
}

function sizeOf(source: LiveFrameSource): [number, number] {
  if (isVideo(source)) return [source.videoWidth, source.videoHeight];
  return [source.width, source.height];
}

/** The video's current frame as a VideoFrame (no copy), where the browser has them. */
function snapshot(source: LiveFrameSource): VideoFrame | undefined {
  if (!isVideo(source) || typeof VideoFrame !== 'function') return undefined;
  try {
    return new VideoFrame(source);
  } catch {
    return undefined; // no frame yet, or a browser that cannot wrap this video: copy instead
  }
}

/** A live analyzer; it uses the image worker when the page has one (`imageWorkerStatus()`). */
export function createLiveAnalyzer(): LiveAnalyzer {
  let session = nextSession++;
  let fallback: FrameAnalyzer | undefined;
  let canvas: HTMLCanvasElement | OffscreenCanvas | undefined;
  /** The worker failed a VideoFrame: copy frames in the page (one scaled copy each) from now on. */
  let copyInPage = false;

  async function onMainThread(frame: ImageBitmap, time: number, options: AnalyzeOptions) {
    const { width, height } = frame;
    const analyzer = (fallback ??= createFrameAnalyzer());
    canvas ??=
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(width, height)
        : document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as
      CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    ctx.drawImage(frame, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return analyzer.analyzeSliced(data, width, height, time, yieldToEventLoop, options);
  }

  async function analyzeKeeping(
    source: LiveFrameSource,
    time: number,
    options: AnalyzeOptions & { keep?: GuidanceLimits },
  ): Promise<LiveFrame> {
    const { keep, ...analyzeOptions } = options;
    const [w, h] = sizeOf(source);
    if (!w || !h) throw new ImageError('corrupt_image', 'The video has no frame to analyse yet.');
    const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(w, h));
    const width = Math.max(1, Math.round(w * scale));
    const height = Math.max(1, Math.round(h * scale));
    const worker = await startWorker();
    const video = snapshot(source);
    if (worker && video && !copyInPage) {
      // The worker scales, analyses, keeps a ready frame and closes the VideoFrame.
      try {
        return await analyzeInWorker(worker, {
          type: 'analyze',
          frame: video,
          size: [width, height],
          ...(keep ? { keep } : {}),
          time,
          session,
          options: analyzeOptions,
        });
      } catch (error) {
        // A worker that cannot read VideoFrames (createImageBitmap refuses them there), or
        // a browser that cannot transfer them: the next frames are copied by the page
        // instead. A frame that never left must be closed here, or it holds one of the
        // camera's buffers until it is collected (closing a transferred one does nothing).
        copyInPage = true;
        video.close();
        throw error;
      }
    }
    try {
      // One scaled copy for the analysis (the browser scales it off the main thread where
      // it can); the full frame only if this one is ready.
      const frame = await createImageBitmap(video ?? source, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'low',
      });
      let analysis: FrameAnalysis;
      if (worker) {
        ({ analysis } = await analyzeInWorker(worker, {
          type: 'analyze',
          frame,
          time,
          session,
          options: analyzeOptions,
        }));
      } else {
        try {
          analysis = await onMainThread(frame, time, analyzeOptions);
        } finally {
          frame.close();
        }
      }
      if (!keep || judgeFrame(analysis, keep) !== 'ready') return { analysis };
      // A task of its own, never in the same one as the scaled copy. From a video without
      // VideoFrame this is the frame showing now, one or two after the analysed one: a ready
      // frame is a still one, so they match.
      return { analysis, frame: await createImageBitmap(video ?? source) };
    } finally {
      video?.close();
    }
  }

  return {
    async analyze(source, time, options = {}) {
      return (await analyzeKeeping(source, time, options)).analysis;
    },
    analyzeKeeping,
    reset() {
      session = nextSession++;
      fallback?.reset();
    },
  };
}
