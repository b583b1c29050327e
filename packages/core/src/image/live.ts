// Live analysis of camera frames for guided document capture (see README.md, "Live
// guidance"). Frames are scaled to about 480 px by the browser, then analysed in the
// image worker; where there is no worker, on the main thread in slices.
// The import of frame.ts is static on purpose: a dynamic import() anywhere in the core
// makes the one-file script-tag build wrap its modules for lazy init (+229 B gzip,
// measured). Bundles that never call createLiveAnalyzer drop this module and frame.ts;
// the capture screen loads it in its lazy chunk (README.md, "Live guidance").
import { ImageError } from './errors.ts';
import { createFrameAnalyzer, type AnalyzeOptions, type FrameAnalysis, type FrameAnalyzer } from './frame.ts';
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
  let fallback: FrameAnalyzer | undefined;
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
        return await analyzer.analyzeSliced(data, width, height, time, yieldToEventLoop, options);
      } finally {
        frame.close();
      }
    },
    reset() {
      session = nextSession++;
      fallback?.reset();
    },
  };
}
