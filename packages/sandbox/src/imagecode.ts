// Scenario codes printed on pictures: a band of large coloured cells across the full
// width of the bottom 12% of an image. It survives what a camera path does to a
// picture (scaling to 640x480 with a changed aspect, YUV 4:2:0, JPEG re-encoding,
// downscaling), where metadata would not.
//
// Band layout (10 equal cells, left to right), each cell one of 8 colours
// (index = r | g << 1 | b << 2 with each channel 0 or 255):
//   start [white, black, red, cyan] | data [id >> 3, id & 7] | check [c >> 3, c & 7] | stop [blue, yellow]
// where c = (id * 19 + 23) mod 64. A mirrored band (selfie previews) also decodes.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ScenarioCode } from './types.ts';

/** A decoded picture, RGBA, 8 bits a channel. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The numbers scenario codes carry in the band (stable: integrators may print them). */
export const SCENARIO_CODE_IDS: Readonly<Record<ScenarioCode, number>> = {
  'ocr-default': 1,
  'ocr-fail': 2,
  'ocr-korean-id': 3,
  'ocr-korean-license': 4,
  'selfie-pass': 10,
  'selfie-no-face': 11,
  'selfie-two-faces': 12,
  'selfie-low-similarity': 13,
  'selfie-low-liveness': 14,
  'selfie-kor-id-fail': 15,
  'selfie-approve': 16,
};

/** Every scenario code. */
export const SCENARIO_CODES = Object.keys(SCENARIO_CODE_IDS) as ScenarioCode[];

/** Fraction of the image height the band takes. */
export const BAND_FRACTION = 0.12;

const START = [7, 0, 1, 6];
const STOP = [4, 3];
const CELLS = 10;

/** The MIME type of a JPEG or PNG, judged by its first bytes; undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

/** Decodes a JPEG or PNG to RGBA. Throws for anything else or a damaged file. */
export function decodeRaster(bytes: Uint8Array): Raster {
  const type = sniffImageType(bytes);
  if (type === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes));
    return {
      width: png.width,
      height: png.height,
      data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
    };
  }
  if (type === 'image/jpeg') {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: 40,
      maxMemoryUsageInMB: 512,
    });
    return { width: img.width, height: img.height, data: img.data };
  }
  throw new Error('Not a JPEG or PNG image');
}

/** Encodes RGBA as PNG. */
export function encodePng(img: Raster): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length).copy(png.data);
  return PNG.sync.write(png);
}

/** Encodes RGBA as JPEG (quality 1..100). */
export function encodeJpeg(img: Raster, quality = 80): Buffer {
  return jpeg.encode(
    {
      width: img.width,
      height: img.height,
      data: Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length),
    },
    quality,
  ).data;
}

/** Resizes (stretching, like a canvas drawImage into another aspect). */
export function resizeRaster(
  img: Raster,
  width: number,
  height: number,
  filter: 'nearest' | 'bilinear' = 'bilinear',
): Raster {
  const out = new Uint8Array(width * height * 4);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (filter === 'nearest') {
        const nx = Math.min(img.width - 1, Math.floor((x + 0.5) * sx));
        const ny = Math.min(img.height - 1, Math.floor((y + 0.5) * sy));
        const i = (ny * img.width + nx) * 4;
        for (let c = 0; c < 4; c++) out[o + c] = img.data[i + c]!;
        continue;
      }
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < 4; c++) {
        const a = img.data[(y0 * img.width + x0) * 4 + c]!;
        const b = img.data[(y0 * img.width + x1) * 4 + c]!;
        const d = img.data[(y1 * img.width + x0) * 4 + c]!;
        const e = img.data[(y1 * img.width + x1) * 4 + c]!;
        out[o + c] = Math.round((a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy);
      }
    }
  }
  return { width, height, data: out };
}

function checksum(id: number): number {
  return (id * 19 + 23) % 64;
}

/** The colour indices of a code's band, left to right. */
export function bandCells(code: ScenarioCode): number[] {
  const id = SCENARIO_CODE_IDS[code];
  if (id === undefined) throw new Error(`Unknown scenario code: ${String(code)}`);
  const c = checksum(id);
  return [...START, id >> 3, id & 7, c >> 3, c & 7, ...STOP];
}

function paletteRgb(index: number): [number, number, number] {
  return [index & 1 ? 255 : 0, index & 2 ? 255 : 0, index & 4 ? 255 : 0];
}

function fillRect(
  img: Raster,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  rgb: readonly [number, number, number],
): void {
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const o = (y * img.width + x) * 4;
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
      img.data[o + 3] = 255;
    }
  }
}

/** Paints the band over rows [top, height) of the raster. */
export function paintBand(img: Raster, code: ScenarioCode, top: number): void {
  const cells = bandCells(code);
  for (let i = 0; i < CELLS; i++) {
    const x0 = Math.round((i * img.width) / CELLS);
    const x1 = Math.round(((i + 1) * img.width) / CELLS);
    fillRect(img, x0, top, x1, img.height, paletteRgb(cells[i]!));
  }
}

/** Returns a PNG of `png` (PNG or JPEG bytes) with the code's band added below it (12% of the result). */
export function markImage(png: Buffer, code: ScenarioCode): Buffer {
  const src = decodeRaster(png);
  const height = Math.round(src.height / (1 - BAND_FRACTION));
  const out: Raster = { width: src.width, height, data: new Uint8Array(src.width * height * 4) };
  out.data.set(src.data.subarray(0, src.width * src.height * 4));
  paintBand(out, code, src.height);
  return encodePng(out);
}

function sampleCell(img: Raster, cell: number, y: number): number | undefined {
  const cellW = img.width / CELLS;
  const cx = (cell + 0.5) * cellW;
  const half = Math.max(1, Math.floor(cellW * 0.2));
  const dy = Math.max(1, Math.floor(img.height * 0.005));
  const sum = [0, 0, 0];
  let n = 0;
  for (let yy = Math.max(0, y - dy); yy <= Math.min(img.height - 1, y + dy); yy++) {
    for (
      let xx = Math.max(0, Math.floor(cx - half));
      xx <= Math.min(img.width - 1, Math.ceil(cx + half));
      xx++
    ) {
      const o = (yy * img.width + xx) * 4;
      sum[0]! += img.data[o]!;
      sum[1]! += img.data[o + 1]!;
      sum[2]! += img.data[o + 2]!;
      n++;
    }
  }
  let index = 0;
  for (let c = 0; c < 3; c++) {
    const v = sum[c]! / n;
    // A channel must be clearly on or off; anything in between is not a band cell.
    if (v > 88 && v < 168) return undefined;
    if (v >= 168) index |= 1 << c;
  }
  return index;
}

function codeFor(id: number, check: number): ScenarioCode | undefined {
  if (checksum(id) !== check) return undefined;
  return SCENARIO_CODES.find((c) => SCENARIO_CODE_IDS[c] === id);
}

/** Finds a scenario code in a decoded picture, or undefined. */
export function findCodeInRaster(img: Raster): ScenarioCode | undefined {
  const votes = new Map<ScenarioCode, number>();
  for (let k = 0; k < 9; k++) {
    const y = Math.min(img.height - 1, Math.floor(img.height * (1 - BAND_FRACTION + 0.01 + k * 0.0125)));
    const cells: number[] = [];
    for (let i = 0; i < CELLS; i++) {
      const v = sampleCell(img, i, y);
      if (v === undefined) break;
      cells.push(v);
    }
    if (cells.length !== CELLS) continue;
    const code = decodeCells(cells) ?? decodeCells([...cells].reverse());
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  let best: ScenarioCode | undefined;
  let bestVotes = 1; // at least two rows must agree
  for (const [code, n] of votes) if (n > bestVotes) [best, bestVotes] = [code, n];
  return best;
}

function decodeCells(cells: number[]): ScenarioCode | undefined {
  if (START.some((v, i) => cells[i] !== v)) return undefined;
  if (STOP.some((v, i) => cells[8 + i] !== v)) return undefined;
  const id = (cells[4]! << 3) | cells[5]!;
  return codeFor(id, (cells[6]! << 3) | cells[7]!);
}

/** Finds a scenario code in JPEG/PNG bytes; undefined when there is none or the image does not decode. */
export function readScenarioCode(bytes: Uint8Array): ScenarioCode | undefined {
  try {
    return findCodeInRaster(decodeRaster(bytes));
  } catch {
    return undefined;
  }
}
