// Quality measures on a small thumbnail: pure functions over RGBA pixels, so they
// run the same in a worker, on the main thread and in Node.
import { GLARE_LUMA, GLARE_MAX_BOX, GLARE_MIN_FILL, THRESHOLDS } from './limits.ts';
import type { ImageKind, QualityIssue, QualityReport } from './types.ts';

/** The measures, before they are judged. */
export interface QualityMeasures {
  sharpness: number;
  brightness: number;
  glare: number;
}

/** Luma (BT.709 weights, 0..255) of each pixel. */
export function toLuma(rgba: Uint8ClampedArray | Uint8Array, pixels: number): Uint8Array {
  const luma = new Uint8Array(pixels);
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    luma[p] = (54 * rgba[i]! + 183 * rgba[i + 1]! + 19 * rgba[i + 2]! + 128) >> 8;
  }
  return luma;
}

const BLUR_TAPS = 9;
/** Mean luma step between neighbours below which an axis is flat. */
const MIN_VARIATION = 0.25;

/**
 * Blur amount 0 (crisp) .. 1 (smeared) along one axis, after the "blur effect" idea of
 * Crété-Roffet et al. (2007): re-blur the image and see how much of its
 * neighbour-to-neighbour variation survives. A crisp image loses much of it, an
 * already blurred one hardly any. It is a ratio, so exposure and contrast cancel out.
 */
function blurAlong(luma: Uint8Array, width: number, height: number, horizontal: boolean): number | undefined {
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = horizontal ? 1 : width;
  const lineStep = horizontal ? width : 1;
  const half = BLUR_TAPS >> 1;
  const blurred = new Float32Array(length);
  let variation = 0;
  let lost = 0;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    // Box filter with a running sum, edges clamped.
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += luma[base + Math.min(length - 1, Math.max(0, k)) * step]!;
    for (let x = 0; x < length; x++) {
      blurred[x] = sum / BLUR_TAPS;
      const out = Math.max(0, x - half);
      const inn = Math.min(length - 1, x + half + 1);
      sum += luma[base + inn * step]! - luma[base + out * step]!;
    }
    for (let x = 1; x < length; x++) {
      const d = Math.abs(luma[base + x * step]! - luma[base + (x - 1) * step]!);
      const db = Math.abs(blurred[x]! - blurred[x - 1]!);
      variation += d;
      lost += Math.max(0, d - db);
    }
  }
  // An axis with (almost) no change along it, e.g. vertical stripes read top to
  // bottom, says nothing about focus: leave it out.
  if (variation < MIN_VARIATION * lines * (length - 1)) return undefined;
  return 1 - lost / variation;
}

/**
 * Glare: the share of the frame covered by specular highlights. A highlight is a
 * connected region of near-saturated pixels that is compact (it fills at least
 * GLARE_MIN_FILL of its bounding box, as a blob does) and small next to the frame (its
 * box at most GLARE_MAX_BOX of it). Large flat white areas (a white card or page that
 * fills the view) and thin white shapes (a card's white border, white lettering) are
 * printed white, not glare, and are left out.
 */
export function measureGlare(luma: Uint8Array, width: number, height: number): number {
  const pixels = width * height;
  if (!pixels) return 0;
  const seen = new Uint8Array(pixels);
  const stack = new Int32Array(pixels);
  let glare = 0;
  for (let start = 0; start < pixels; start++) {
    if (seen[start] || luma[start]! < GLARE_LUMA) continue;
    // Flood fill (4-connected) of one bright region, tracking its size and box.
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let count = 0;
    let minX = width;
    let maxX = 0;
    let minY = height;
    let maxY = 0;
    while (top) {
      const p = stack[--top]!;
      count++;
      const x = p % width;
      const y = (p - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const visit = (q: number) => {
        if (seen[q] || luma[q]! < GLARE_LUMA) return;
        seen[q] = 1;
        stack[top++] = q;
      };
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
    }
    const box = (maxX - minX + 1) * (maxY - minY + 1);
    if (count >= GLARE_MIN_FILL * box && box <= GLARE_MAX_BOX * pixels) glare += count;
  }
  return glare / pixels;
}

/** Sharpness, brightness and glare of an RGBA image (ideally about 1000 px on its long side). */
export function measureQuality(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): QualityMeasures {
  const gen = measureGenerator(rgba, width, height);
  for (let step = gen.next(); ; step = gen.next()) if (step.done) return step.value;
}

/** The same, giving the event loop a turn between its three passes (main-thread fallback). */
export async function measureQualitySliced(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  yieldNow: () => Promise<void>,
): Promise<QualityMeasures> {
  const gen = measureGenerator(rgba, width, height);
  for (let step = gen.next(); ; step = gen.next()) {
    if (step.done) return step.value;
    await yieldNow();
  }
}

function* measureGenerator(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): Generator<void, QualityMeasures> {
  const pixels = width * height;
  const luma = toLuma(rgba, pixels);
  let total = 0;
  for (let p = 0; p < pixels; p++) total += luma[p]!;
  const glare = measureGlare(luma, width, height);
  yield;
  const horizontal = blurAlong(luma, width, height, true);
  yield;
  const vertical = blurAlong(luma, width, height, false);
  const axes = [horizontal, vertical].filter((b) => b !== undefined);
  // A featureless image (a wall, a lens cap) has nothing in focus: count it as fully blurred.
  const blur = axes.length ? Math.max(...axes) : 1;
  return {
    sharpness: round(1 - blur),
    brightness: round(pixels ? total / pixels / 255 : 0),
    glare: round(glare),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Turns measures into the issues the UI shows, with the thresholds of `kind`. */
export function judgeQuality(
  measures: QualityMeasures,
  width: number,
  height: number,
  kind: ImageKind,
): QualityReport {
  const issues: QualityIssue[] = [];
  if (measures.brightness < THRESHOLDS.minBrightness) issues.push('too_dark');
  if (measures.brightness > THRESHOLDS.maxBrightness) issues.push('too_bright');
  if (measures.sharpness < THRESHOLDS.minSharpness) issues.push('blurry');
  if (measures.glare > THRESHOLDS.maxGlare[kind]) issues.push('glare');
  if (Math.max(width, height) < THRESHOLDS.minLongSide[kind]) issues.push('low_resolution');
  return { ...measures, width, height, issues };
}
