// The pipeline itself: decode -> downscale -> measure -> encode under budget. The same
// code runs in the worker (one go) and on the main thread (yielding between slices).
import { ImageError, throwIfAborted } from './errors.ts';
import {
  DEFAULT_MAX_BYTES,
  HARD_MAX_BYTES,
  MAX_INPUT_BYTES,
  MEASURE_LONG_SIDE,
  MIN_QUALITY,
  START_QUALITY,
  TARGET_LONG_SIDE,
} from './limits.ts';
import { judgeQuality, measureQualitySliced } from './quality.ts';
import { assertPixelLimit, readImageHeader } from './sniff.ts';
import type { ImageKind, PreparedImage } from './types.ts';

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** How the pipeline is run: `yieldNow` is a no-op in the worker and a task break on the main thread. */
export interface PipelineEnv {
  signal?: AbortSignal;
  /** Gives the event loop a turn; on the main thread this keeps every task short. */
  yieldNow(): Promise<void>;
  /** Draw the downscale in bands of at most this many source pixels (main thread), or all at once. */
  maxSlicePixels?: number;
}

/** What the worker and the main thread are handed: a file, or pixels already decoded. */
export type PipelineSource = Blob | ImageBitmap;

/** The budget actually used: the caller's or the kind's default, never over the hard cap. */
export function resolveBudget(kind: ImageKind, maxBytes: number | undefined): number {
  const wanted = maxBytes ?? DEFAULT_MAX_BYTES[kind];
  if (!Number.isFinite(wanted) || wanted <= 0) throw new RangeError('maxBytes must be a positive number');
  return Math.min(Math.floor(wanted), HARD_MAX_BYTES);
}

function createCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context2d(canvas: AnyCanvas, willReadFrequently = false): Context2D {
  const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently }) as Context2D | null;
  if (!ctx) throw new ImageError('encode_failed', 'No 2D canvas is available in this browser.');
  return ctx;
}

async function encodeJpeg(canvas: AnyCanvas, quality: number): Promise<Blob> {
  let blob: Blob | null;
  try {
    blob =
      'convertToBlob' in canvas
        ? await canvas.convertToBlob({ type: 'image/jpeg', quality })
        : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  } catch {
    blob = null;
  }
  if (!blob || blob.type !== 'image/jpeg')
    throw new ImageError('encode_failed', 'The browser could not encode a JPEG.');
  return blob;
}

/** Decodes a file after checking its bytes; EXIF orientation applied. */
export async function decodeBlob(blob: Blob, signal?: AbortSignal): Promise<ImageBitmap> {
  if (blob.size > MAX_INPUT_BYTES) {
    throw new ImageError(
      'input_too_large',
      `The file is ${(blob.size / 1048576).toFixed(1)} MB; at most ${MAX_INPUT_BYTES / 1048576} MB are accepted.`,
    );
  }
  const bytes = new Uint8Array(await blob.arrayBuffer());
  throwIfAborted(signal);
  readImageHeader(bytes);
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageError('corrupt_image', 'The image could not be decoded.');
  }
}

/** Size after downscaling so that the long side is at most `longSide` (never upscaled). */
export function fitLongSide(
  width: number,
  height: number,
  longSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function drawScaled(
  source: ImageBitmap,
  width: number,
  height: number,
  env: PipelineEnv,
): Promise<AnyCanvas> {
  const canvas = createCanvas(width, height);
  const ctx = context2d(canvas);
  // White under transparent PNG pixels: JPEG has no alpha and would show them black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const sourcePixels = source.width * source.height;
  const slices = env.maxSlicePixels ? Math.ceil(sourcePixels / env.maxSlicePixels) : 1;
  if (slices <= 1) {
    ctx.drawImage(source, 0, 0, width, height);
    return canvas;
  }
  const band = Math.max(1, Math.ceil(height / slices));
  const scaleY = source.height / height;
  for (let y = 0; y < height; y += band) {
    const rows = Math.min(band, height - y);
    ctx.drawImage(source, 0, y * scaleY, source.width, rows * scaleY, 0, y, width, rows);
    // Chromium records draws and rasterises them at the next read; reading one pixel
    // makes each band rasterise in its own task instead of all at once later.
    ctx.getImageData(0, y, 1, 1);
    await env.yieldNow();
    throwIfAborted(env.signal);
  }
  return canvas;
}

/** Grey-scale measures need few pixels: a thumbnail read back from the prepared canvas. */
function readThumbnail(canvas: AnyCanvas): { data: Uint8ClampedArray; width: number; height: number } {
  const { width, height } = fitLongSide(canvas.width, canvas.height, MEASURE_LONG_SIDE);
  const thumb = createCanvas(width, height);
  const ctx = context2d(thumb, true);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(canvas, 0, 0, width, height);
  return { data: ctx.getImageData(0, 0, width, height).data, width, height };
}

/** Next quality to try after `size` bytes at `quality` missed `budget`; bigger misses step further. */
function nextQuality(quality: number, size: number, budget: number): number {
  const ratio = size / budget;
  const step = ratio > 2 ? 0.25 : ratio > 1.4 ? 0.15 : 0.08;
  return Math.round((quality - step) * 100) / 100;
}

const MAX_ENCODES = 10;

/**
 * Turns a decoded, oriented image into the upload-ready JPEG: downscaled for `kind`,
 * quality measured, then encoded at falling quality (and, if that is not enough,
 * falling size) until it fits `budget`.
 */
export async function prepareBitmap(
  source: ImageBitmap,
  kind: ImageKind,
  budget: number,
  env: PipelineEnv,
): Promise<PreparedImage> {
  assertPixelLimit(source.width, source.height);
  if (!source.width || !source.height) throw new ImageError('corrupt_image', 'The image has no pixels.');
  let { width, height } = fitLongSide(source.width, source.height, TARGET_LONG_SIDE[kind]);
  let canvas = await drawScaled(source, width, height, env);
  throwIfAborted(env.signal);
  const thumb = readThumbnail(canvas);
  // The browser encodes on its own threads: start the first encode, then do the
  // quality maths while it runs.
  let q = START_QUALITY;
  const firstEncode = encodeJpeg(canvas, q);
  firstEncode.catch(() => {}); // awaited below; this only stops an early abort from reporting it unhandled
  await env.yieldNow();
  throwIfAborted(env.signal);
  const measures = await measureQualitySliced(thumb.data, thumb.width, thumb.height, env.yieldNow);
  const quality = judgeQuality(measures, width, height, kind);
  throwIfAborted(env.signal);

  for (let attempt = 0; attempt < MAX_ENCODES; attempt++) {
    const blob = await (attempt === 0 ? firstEncode : encodeJpeg(canvas, q));
    throwIfAborted(env.signal);
    if (blob.size <= budget) {
      return { blob, width, height, bytes: blob.size, quality: { ...quality, width, height } };
    }
    const next = nextQuality(q, blob.size, budget);
    if (next >= MIN_QUALITY) {
      q = next;
      continue;
    }
    // Quality alone cannot make it: shrink so the pixel count follows the byte ratio.
    const shrink = Math.min(0.9, Math.sqrt(budget / blob.size) * 0.95);
    ({ width, height } = fitLongSide(width, height, Math.floor(Math.max(width, height) * shrink)));
    canvas = await drawScaled(source, width, height, env);
    throwIfAborted(env.signal);
    q = 0.75;
  }
  throw new ImageError('encode_failed', `The image could not be made smaller than ${budget} bytes.`);
}

/** The whole job for one source, wherever it runs. */
export async function runPipeline(
  source: PipelineSource,
  kind: ImageKind,
  budget: number,
  env: PipelineEnv,
): Promise<PreparedImage> {
  throwIfAborted(env.signal);
  if (!(source instanceof Blob)) return prepareBitmap(source, kind, budget, env);
  const bitmap = await decodeBlob(source, env.signal);
  try {
    throwIfAborted(env.signal);
    await env.yieldNow();
    return await prepareBitmap(bitmap, kind, budget, env);
  } finally {
    bitmap.close();
  }
}
