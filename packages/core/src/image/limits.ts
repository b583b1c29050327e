// Sizes, budgets and quality thresholds of the image pipeline, in one place.
import { MAX_IMAGE_BYTES } from '@argos-kyc/protocol';
import type { ImageKind } from './types.ts';

/** Inputs larger than this are refused before decoding (a phone photo is 2-12 MB). */
export const MAX_INPUT_BYTES = 40 * 1024 * 1024;
/** Inputs with more pixels than this are refused before decoding (a 48 MP phone sensor fits). */
export const MAX_INPUT_PIXELS = 50_000_000;
/**
 * No prepared file is ever larger than this, whatever `maxBytes` says: the protocol's
 * per-image limit (`MAX_IMAGE_BYTES`, 3 MiB, docs/vendor-api.md #8), rounded down to
 * 3 MB for a margin.
 */
export const HARD_MAX_BYTES = Math.min(3_000_000, MAX_IMAGE_BYTES);

/** Long side of the prepared image: enough for the vendor's OCR and face match, never upscaled. */
export const TARGET_LONG_SIDE: Record<ImageKind, number> = { document: 2000, selfie: 1280, address: 2000 };
/** Default byte budget of the prepared JPEG. */
export const DEFAULT_MAX_BYTES: Record<ImageKind, number> = {
  document: 1_000_000,
  selfie: 300_000,
  address: 1_000_000,
};

/** First JPEG quality tried; lower steps follow only when the budget demands. */
export const START_QUALITY = 0.85;
/** Below this the text of a document smears; the pipeline shrinks the image instead. */
export const MIN_QUALITY = 0.5;

/** Long side at which live camera frames are analysed for guidance (frame.ts). */
export const ANALYSIS_LONG_SIDE = 480;
/** Long side of the grey thumbnail on which quality is measured. */
export const MEASURE_LONG_SIDE = 1024;
/** Luma (0..255) from which a pixel counts as near-saturated for the glare measure. */
export const GLARE_LUMA = 250;
/** A bright region counts as a highlight only if it fills at least this share of its bounding box (a blob, not a border or lettering). */
export const GLARE_MIN_FILL = 0.5;
/** ... and if its bounding box covers at most this share of the frame (not a white card or page filling the view). */
export const GLARE_MAX_BOX = 0.25;

/**
 * Thresholds that turn measures into issues. Calibrated in
 * test/image-quality.browser.test.ts on a synthetic ID card: sharp, blurred
 * (canvas `blur()`), darkened, washed out, with a glare spot, and tiny.
 */
export const THRESHOLDS = {
  /** Below this sharpness (0..1) the image is `blurry`. */
  minSharpness: 0.55,
  /** Below this mean luma (0..1) the image is `too_dark`. */
  minBrightness: 0.25,
  /** Above this mean luma (0..1) the image is `too_bright`. */
  maxBrightness: 0.85,
  /** Above this fraction of the frame in specular highlights (see `measureGlare`) the image has `glare`. */
  maxGlare: { document: 0.02, selfie: 0.05, address: 0.05 } as Record<ImageKind, number>,
  /** Below this long side (px) the image is `low_resolution`. */
  minLongSide: { document: 960, selfie: 480, address: 960 } as Record<ImageKind, number>,
};
