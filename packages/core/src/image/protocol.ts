// Messages between the page and the image worker.
import type { ImageErrorCode, SniffedFormat } from './errors.ts';
import type { AnalyzeOptions, FrameAnalysis } from './frame.ts';
import type { PipelineSource } from './pipeline.ts';
import type { ImageKind, PreparedImage } from './types.ts';

export type ToWorker =
  | { type: 'prepare'; id: number; source: PipelineSource; kind: ImageKind; budget: number }
  | { type: 'cancel'; id: number }
  /** A live camera frame (about 480 px) to analyse; `session` keeps each camera's motion history apart. */
  | {
      type: 'analyze';
      id: number;
      frame: ImageBitmap;
      time: number;
      session: number;
      options: AnalyzeOptions;
    };

export type FromWorker =
  | { type: 'ready' }
  // One reply for both jobs, so the page's handler (in the eager bundle) needs no new branch.
  | { type: 'done'; id: number; result: PreparedImage | FrameAnalysis }
  | { type: 'failed'; id: number; code: ImageErrorCode; message: string; format?: SniffedFormat };
