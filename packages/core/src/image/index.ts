// The image pipeline: camera frames and files in, upload-ready JPEGs with a quality report out.
export type { ImageKind, QualityIssue, QualityReport, PreparedImage, PrepareImageOptions } from './types.ts';
export { ImageError, type ImageErrorCode, type SniffedFormat } from './errors.ts';
export {
  prepareImage,
  imageWorkerStatus,
  setImageWorkerUrl,
  type ImageInput,
  type ImageWorkerStatus,
} from './runner.ts';
export { sniffFormat } from './sniff.ts';
export {
  DEFAULT_MAX_BYTES,
  HARD_MAX_BYTES,
  MAX_INPUT_BYTES,
  MAX_INPUT_PIXELS,
  TARGET_LONG_SIDE,
} from './limits.ts';
export {
  createLiveAnalyzer,
  type LiveAnalyzeOptions,
  type LiveAnalyzer,
  type LiveFrame,
  type LiveFrameSource,
} from './live.ts';
export {
  ANALYSIS_LONG_SIDE,
  ID1_ASPECT,
  PASSPORT_ASPECT,
  defaultGuide,
  type AnalyzeOptions,
  type DocumentOutline,
  type DocumentShape,
  type FrameAnalysis,
  type FramePoint,
  type GuideRect,
} from './frame.ts';
export {
  GUIDANCE_LIMITS,
  judgeFrame,
  nextGuidance,
  resumeGuidance,
  startGuidance,
  type Guidance,
  type GuidanceFrame,
  type GuidanceLimits,
  type GuidanceOptions,
  type GuidanceState,
} from './guidance.ts';
