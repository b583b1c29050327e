// Messages between the page and the image worker.
import type { ImageErrorCode, SniffedFormat } from './errors.ts';
import type { AnalyzeOptions, FrameAnalysis } from './frame.ts';
import type { GuidanceLimits } from './guidance.ts';
import type { PipelineSource } from './pipeline.ts';
import type { ImageKind, PreparedImage } from './types.ts';

export type ToWorker =
  | { type: 'prepare'; id: number; source: PipelineSource; kind: ImageKind; budget: number }
  | { type: 'cancel'; id: number }
  /**
   * A live camera frame to analyse; `session` keeps each camera's motion history apart.
   * `frame` is about 480 px already, or (a VideoFrame: the camera's own, not copied) is
   * scaled to `size` in the worker. `keep`: also answer the frame at full resolution when
   * `judgeFrame(analysis, keep)` says "ready" (only a VideoFrame still has it).
   */
  | {
      type: 'analyze';
      id: number;
      frame: ImageBitmap | VideoFrame;
      size?: readonly [number, number];
      keep?: GuidanceLimits;
      time: number;
      session: number;
      options: AnalyzeOptions;
    };

/** A live frame's answer: its analysis, and the frame at full resolution when it was asked to be kept. */
export interface LiveFrame {
  analysis: FrameAnalysis;
  frame?: ImageBitmap;
}

export type FromWorker =
  | { type: 'ready' }
  // One reply for both jobs, so the page's handler (in the eager bundle) needs no new branch.
  | { type: 'done'; id: number; result: PreparedImage | LiveFrame }
  | { type: 'failed'; id: number; code: ImageErrorCode; message: string; format?: SniffedFormat };
