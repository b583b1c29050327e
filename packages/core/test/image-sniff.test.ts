// The byte-level and arithmetic parts of the image pipeline, in Node: format
// sniffing, header checks, budgets, and the quality measures on synthetic pixels.
import { describe, expect, test } from 'vitest';
import { ImageError } from '../src/image/errors.ts';
import { fitLongSide, resolveBudget } from '../src/image/pipeline.ts';
import { judgeQuality, measureQuality } from '../src/image/quality.ts';
import { readImageHeader, sniffFormat } from '../src/image/sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** A minimal JPEG structure: SOI, SOF0 with a size, SOS, some scan bytes, EOI. */
function jpegSkeleton(width: number, height: number, withEoi = true): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00],
    [
      0xff,
      0xc0,
      0x00,
      0x0b,
      0x08,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      0x01,
      0x01,
      0x11,
      0x00,
    ],
    [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00],
    [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56],
    withEoi ? [0xff, 0xd9] : [],
  );
}

function errorOf(fn: () => unknown): ImageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
  throw new Error('expected an ImageError');
}

describe('sniffFormat', () => {
  test.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['png', bytes([0x89], 'PNG\r\n\x1a\n')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypmif1')],
    ['avif', bytes([0, 0, 0, 0x18], 'ftypavif')],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['gif', bytes('GIF87a')],
    ['bmp', bytes('BM', [0, 0])],
    ['tiff', bytes('II*', [0])],
    ['pdf', bytes('%PDF-1.7')],
    ['unknown', bytes('hello world')],
  ])('recognises %s', (format, data) => {
    expect(sniffFormat(data)).toBe(format);
  });
});

describe('readImageHeader', () => {
  test('reads a JPEG frame size', () => {
    expect(readImageHeader(jpegSkeleton(4000, 3000))).toEqual({ format: 'jpeg', width: 4000, height: 3000 });
  });

  test('refuses a JPEG with no end of image after its scan as truncated', () => {
    expect(errorOf(() => readImageHeader(jpegSkeleton(40, 30, false))).code).toBe('corrupt_image');
  });

  test('refuses more than 50 megapixels from the header alone', () => {
    expect(errorOf(() => readImageHeader(jpegSkeleton(10_000, 5_001))).code).toBe('input_too_large');
    expect(readImageHeader(jpegSkeleton(10_000, 5_000)).width).toBe(10_000);
  });

  test('names the unsupported format and asks for JPEG or PNG', () => {
    const error = errorOf(() => readImageHeader(bytes([0, 0, 0, 0x18], 'ftypheic')));
    expect(error.code).toBe('unsupported_format');
    expect(error.format).toBe('heic');
    expect(error.message).toContain('JPEG or PNG');
  });
});

describe('budgets and sizes', () => {
  test('defaults by kind', () => {
    expect(resolveBudget('document', undefined)).toBe(1_000_000);
    expect(resolveBudget('address', undefined)).toBe(1_000_000);
    expect(resolveBudget('selfie', undefined)).toBe(300_000);
  });

  test('no budget lifts the 3,000,000-byte hard cap', () => {
    expect(resolveBudget('document', 20_000_000)).toBe(3_000_000);
    expect(resolveBudget('selfie', 500_000)).toBe(500_000);
  });

  test('fits the long side, never upscaling', () => {
    expect(fitLongSide(4000, 3000, 2000)).toEqual({ width: 2000, height: 1500 });
    expect(fitLongSide(3000, 4000, 1280)).toEqual({ width: 960, height: 1280 });
    expect(fitLongSide(640, 480, 2000)).toEqual({ width: 640, height: 480 });
  });
});

describe('quality measures', () => {
  const size = 256;
  /** A grey RGBA image from a function of (x, y) -> 0..255. */
  function grey(f: (x: number, y: number) => number): Uint8Array {
    const data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const v = Math.max(0, Math.min(255, Math.round(f(x, y))));
        data.set([v, v, v, 255], (y * size + x) * 4);
      }
    }
    return data;
  }
  const bars = (x: number) => (Math.floor(x / 8) % 2 ? 200 : 40);
  const softBars = (x: number) => 120 + 80 * Math.sin((x / 16) * Math.PI);

  test('hard edges are sharp, smooth ramps are not', () => {
    const sharp = measureQuality(grey(bars), size, size).sharpness;
    const soft = measureQuality(grey(softBars), size, size).sharpness;
    expect(sharp).toBeGreaterThan(0.7);
    expect(soft).toBeLessThan(0.3);
  });

  test('a featureless image counts as blurry', () => {
    expect(
      measureQuality(
        grey(() => 128),
        size,
        size,
      ).sharpness,
    ).toBe(0);
  });

  test('sharpness does not change with exposure', () => {
    const bright = measureQuality(grey(bars), size, size).sharpness;
    const dark = measureQuality(
      grey((x) => bars(x) * 0.3),
      size,
      size,
    ).sharpness;
    expect(Math.abs(bright - dark)).toBeLessThan(0.05);
  });

  test('brightness is the mean luma and glare the share of near-white pixels', () => {
    const half = measureQuality(
      grey((x) => (x < size / 4 ? 255 : 0)),
      size,
      size,
    );
    expect(half.brightness).toBeCloseTo(0.25, 2);
    expect(half.glare).toBeCloseTo(0.25, 2);
  });

  test('judging names each issue', () => {
    const report = judgeQuality({ sharpness: 0.2, brightness: 0.1, glare: 0.3 }, 600, 400, 'document');
    expect(report.issues).toEqual(['too_dark', 'blurry', 'glare', 'low_resolution']);
    expect(
      judgeQuality({ sharpness: 0.9, brightness: 0.95, glare: 0 }, 2000, 1500, 'document').issues,
    ).toEqual(['too_bright']);
    expect(
      judgeQuality({ sharpness: 0.9, brightness: 0.5, glare: 0 }, 2000, 1500, 'document').issues,
    ).toEqual([]);
  });
});
