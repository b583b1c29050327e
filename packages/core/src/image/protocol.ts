// Messages between the page and the image worker.
import type { ImageErrorCode, SniffedFormat } from './errors.ts';
import type { PipelineSource } from './pipeline.ts';
import type { ImageKind, PreparedImage } from './types.ts';

export type ToWorker =
  | { type: 'prepare'; id: number; source: PipelineSource; kind: ImageKind; budget: number }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: PreparedImage }
  | { type: 'failed'; id: number; code: ImageErrorCode; message: string; format?: SniffedFormat };
