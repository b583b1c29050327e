/** What the image shows; decides its target size, byte budget and quality thresholds. */
export type ImageKind = 'document' | 'selfie' | 'address';

/** A problem the UI can show as "retake?" before an attempt is spent. */
export type QualityIssue = 'too_dark' | 'too_bright' | 'blurry' | 'glare' | 'low_resolution';

/** Measures of the prepared image, and the issues they amount to. */
export interface QualityReport {
  /** 0 (smeared) .. 1 (crisp); below 0.55 reads as blurry. */
  sharpness: number;
  /** Mean luma, 0 (black) .. 1 (white). */
  brightness: number;
  /** Fraction of the frame in specular highlights (compact near-white blobs), 0..1. */
  glare: number;
  /** Width of the prepared image in pixels. */
  width: number;
  /** Height of the prepared image in pixels. */
  height: number;
  /** The problems found, empty when the image looks fine. */
  issues: QualityIssue[];
}

/** An upload-ready JPEG: oriented, downscaled, under its byte budget, without metadata. */
export interface PreparedImage {
  /** The JPEG file (type `image/jpeg`). */
  blob: Blob;
  width: number;
  height: number;
  /** `blob.size`, never over the budget. */
  bytes: number;
  quality: QualityReport;
}

/** Options of `prepareImage`. */
export interface PrepareImageOptions {
  kind: ImageKind;
  /** Byte budget; defaults by kind (document/address 1,000,000, selfie 300,000), capped at 3,000,000. */
  maxBytes?: number;
  /** Cancels the job; the promise then rejects with ImageError `aborted`. */
  signal?: AbortSignal;
  /**
   * The ImageBitmap is given away: handed to the worker without a copy (a copy of a
   * 1280x720 frame took the page 4-9 ms), then closed. Default: the caller keeps it.
   */
  transfer?: boolean;
}
