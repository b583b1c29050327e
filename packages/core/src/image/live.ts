// Live analysis of camera frames for guided document capture (see README.md, "Live
// guidance"). Frames are scaled to about 480 px by the browser, then analysed in the
// image worker; where there is no worker, on the main thread in slices (the analysis
// module is then imported on first use, so it never weighs on a page that does not guide).
import { ImageError } from './errors.ts';
import type { AnalyzeOptions, FrameAnalysis, FrameAnalyzer } from './frame.ts';
import { ANALYSIS_LONG_SIDE } from './limits.ts';
import { analyzeInWorker, startWorker, yieldToEventLoop } from './runner.ts';

/** What a live frame can come from. */
export type LiveFrameSource = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;

/** One camera's live analysis: call `analyze` for each frame you want judged (5-15 a second). */
export interface LiveAnalyzer {
  /** Analyses the source's current frame, taken at `time` (ms, e.g. `performance.now()`). */
  analyze(source: LiveFrameSource, time: number, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  /** Forgets the motion history (after a retake or a camera switch). */
  reset(): void;
}

let nextSession = 1;

function sizeOf(source: LiveFrameSource): [number, number] {
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement)
    return [source.videoWidth, source.videoHeight];
  return [source.width, source.height];
}

/** A live analyzer; it uses the image worker when the page has one (`imageWorkerStatus()`). */
export function createLiveAnalyzer(): LiveAnalyzer {
  let session = nextSession++;
  let fallback: Promise<FrameAnalyzer> | undefined;
  let canvas: HTMLCanvasElement | OffscreenCanvas | undefined;
  return {
    async analyze(source, time, options = {}) {
      const [w, h] = sizeOf(source);
      if (!w || !h) throw new ImageError('corrupt_image', 'The video has no frame to analyse yet.');
      const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(w, h));
      const width = Math.max(1, Math.round(w * scale));
      const height = Math.max(1, Math.round(h * scale));
      // The browser scales off the main thread; the analysis gets a small frame either way.
      const frame = await createImageBitmap(source, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'low',
      });
      const worker = await startWorker();
      if (worker) return analyzeInWorker(worker, { type: 'analyze', frame, time, session, options });
      try {
        fallback ??= import('./frame.ts').then((m) => m.createFrameAnalyzer());
        const analyzer = await fallback;
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
        return await analyzer.analyzeSliced(data, width, height, time, yieldToEventLoop, options);
      } finally {
        frame.close();
      }
    },
    reset() {
      session = nextSession++;
      void fallback?.then((analyzer) => analyzer.reset());
    },
  };
}
