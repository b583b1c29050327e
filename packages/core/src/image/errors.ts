/** Why an image could not be prepared; stable, so the UI can pick its own translated text. */
export type ImageErrorCode =
  'unsupported_format' | 'corrupt_image' | 'input_too_large' | 'encode_failed' | 'aborted';

/** A file format recognised by its magic bytes (only `jpeg` and `png` are accepted). */
export type SniffedFormat =
  'jpeg' | 'png' | 'heic' | 'avif' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'pdf' | 'unknown';

/**
 * The one error `prepareImage` rejects with. `message` is English for developers and
 * never holds image bytes, file names or anything about the applicant.
 */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  /** What went wrong, for the UI to choose its text. */
  readonly code: ImageErrorCode;
  /** For `unsupported_format`: the format the bytes turned out to be. */
  readonly format?: SniffedFormat;

  constructor(code: ImageErrorCode, message: string, format?: SniffedFormat) {
    super(message);
    this.code = code;
    if (format) this.format = format;
  }
}

/** The error for a cancelled job, shaped like the one `fetch` gives for an aborted signal. */
export function abortedError(): ImageError {
  return new ImageError('aborted', 'Image preparation was aborted.');
}

/** Throws `aborted` when the signal has fired; called between the steps of a job. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}
