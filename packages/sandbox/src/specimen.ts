// Test pictures: a clearly fictional "SPECIMEN" ID card, and y4m files that make
// Chromium's fake camera show a picture (--use-file-for-fake-video-capture).
import { decodeRaster, paintBand, resizeRaster, encodePng, BAND_FRACTION, type Raster } from './imagecode.ts';
import type { ScenarioCode } from './types.ts';

type Rgb = readonly [number, number, number];

// 5x7 bitmap glyphs, just the letters of SPECIMEN.
const GLYPHS: Record<string, string[]> = {
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  C: ['01111', '10000', '10000', '10000', '10000', '10000', '01111'],
  I: ['11111', '00100', '00100', '00100', '00100', '00100', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
};

function blank(width: number, height: number, rgb: Rgb): Raster {
  const img: Raster = { width, height, data: new Uint8Array(width * height * 4) };
  rect(img, 0, 0, width, height, rgb);
  return img;
}

function rect(img: Raster, x0: number, y0: number, x1: number, y1: number, rgb: Rgb): void {
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(img.height, Math.round(y1)); y++) {
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(img.width, Math.round(x1)); x++) {
      const o = (y * img.width + x) * 4;
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
      img.data[o + 3] = 255;
    }
  }
}

function ellipse(
  img: Raster,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  rgb: Rgb,
  clipBottom = Infinity,
): void {
  for (let y = Math.floor(cy - ry); y <= Math.ceil(Math.min(cy + ry, clipBottom)); y++) {
    for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) rect(img, x, y, x + 1, y + 1, rgb);
    }
  }
}

function text(img: Raster, word: string, x: number, y: number, pixel: number, rgb: Rgb): void {
  [...word].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) return;
    glyph.forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit === '1')
          rect(
            img,
            x + (i * 6 + gx) * pixel,
            y + gy * pixel,
            x + (i * 6 + gx + 1) * pixel,
            y + (gy + 1) * pixel,
            rgb,
          );
      });
    });
  });
}

/** Options of renderSpecimenId. */
export interface SpecimenOptions {
  /** A scenario code to print as a band at the bottom 12% of the picture. */
  code?: ScenarioCode;
  /** Default 1000. */
  width?: number;
  /** Default 630 (the ID-1 card aspect, plus the band when there is one). */
  height?: number;
}

/** A PNG of a fictional "SPECIMEN" ID card (shapes, a photo box, the word SPECIMEN), optionally with a scenario band. */
export function renderSpecimenId(opts: SpecimenOptions = {}): Buffer {
  const width = opts.width ?? 1000;
  const height = opts.height ?? 630;
  const img = blank(width, height, [250, 250, 250]);
  const cardH = opts.code ? Math.round(height * (1 - BAND_FRACTION)) : height;
  const u = Math.min(width / 1000, cardH / 630);
  const m = 16 * u;
  rect(img, m, m, width - m, cardH - m, [214, 230, 245]);
  rect(img, m, m, width - m, m + 90 * u, [20, 60, 120]);
  const pixel = Math.max(1, Math.floor(8 * u));
  text(img, 'SPECIMEN', m + 24 * u, m + 45 * u - 3.5 * pixel, pixel, [255, 255, 255]);
  // Photo box with a plain head-and-shoulders silhouette.
  const px0 = m + 30 * u;
  const py0 = m + 120 * u;
  const pw = 260 * u;
  const ph = 330 * u;
  rect(img, px0, py0, px0 + pw, py0 + ph, [190, 200, 210]);
  ellipse(img, px0 + pw / 2, py0 + ph * 0.95, pw * 0.42, ph * 0.3, [70, 90, 120], py0 + ph - 1);
  ellipse(img, px0 + pw / 2, py0 + ph * 0.4, pw * 0.22, ph * 0.22, [205, 160, 130]);
  // Field lines.
  for (let i = 0; i < 6; i++) {
    const y = py0 + 10 * u + i * 52 * u;
    rect(img, px0 + pw + 40 * u, y, px0 + pw + 40 * u + 120 * u, y + 12 * u, [120, 135, 150]);
    rect(img, px0 + pw + 40 * u, y + 20 * u, width - m - 40 * u - (i % 3) * 90 * u, y + 38 * u, [40, 50, 60]);
  }
  // A machine-readable-zone look-alike.
  for (let row = 0; row < 2; row++) {
    for (let i = 0; i < 30; i++) {
      const x = m + 30 * u + i * 30 * u;
      const y = cardH - m - 80 * u + row * 34 * u;
      if (x + 20 * u < width - m) rect(img, x, y, x + 20 * u, y + 24 * u, [60, 60, 60]);
    }
  }
  text(
    img,
    'SPECIMEN',
    width - m - 48 * 3 * u - 30 * u,
    cardH - m - 150 * u,
    Math.max(1, Math.floor(3 * u)),
    [200, 30, 30],
  );
  if (opts.code) paintBand(img, opts.code, cardH);
  return encodePng(img);
}

/** Options of toY4m. */
export interface Y4mOptions {
  width: number;
  height: number;
  /** Frames to write (Chromium loops them). Default 1. */
  frames?: number;
  /** Frame rate. Default 30. */
  fps?: number;
}

/** A YUV 4:2:0 y4m video of a picture stretched to width x height, for Chromium's fake camera. */
export function toY4m(png: Buffer, opts: Y4mOptions = { width: 640, height: 480 }): Buffer {
  const { width, height } = opts;
  if (width % 2 || height % 2) throw new Error('toY4m: width and height must be even');
  const img = resizeRaster(decodeRaster(png), width, height, 'bilinear');
  const ySize = width * height;
  const cSize = ySize / 4;
  const frame = Buffer.alloc(ySize + 2 * cSize);
  // BT.601 limited range, which Chromium assumes for I420 frames.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const r = img.data[o]!;
      const g = img.data[o + 1]!;
      const b = img.data[o + 2]!;
      frame[y * width + x] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const o = ((2 * y + dy) * width + 2 * x + dx) * 4;
        r += img.data[o]!;
        g += img.data[o + 1]!;
        b += img.data[o + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const i = y * (width / 2) + x;
      frame[ySize + i] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      frame[ySize + cSize + i] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  const frames = opts.frames ?? 1;
  const header = Buffer.from(
    `YUV4MPEG2 W${width} H${height} F${opts.fps ?? 30}:1 Ip A1:1 C420jpeg\n`,
    'ascii',
  );
  const marker = Buffer.from('FRAME\n', 'ascii');
  const parts: Buffer[] = [header];
  for (let i = 0; i < frames; i++) parts.push(marker, frame);
  return Buffer.concat(parts);
}
