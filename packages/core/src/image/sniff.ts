// Recognises image files by their bytes (never by name or declared type) and reads
// just enough of a JPEG or PNG to refuse oversized or truncated files before decoding.
import { ImageError, type SniffedFormat } from './errors.ts';
import { MAX_INPUT_PIXELS } from './limits.ts';

/** What the header says about a file that can be decoded. */
export interface ImageHeader {
  format: 'jpeg' | 'png';
  /** Stored (not oriented) size, from the JPEG SOF or PNG IHDR. */
  width: number;
  height: number;
}

const FORMAT_NAMES: Record<Exclude<SniffedFormat, 'jpeg' | 'png'>, string> = {
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  pdf: 'PDF',
  unknown: 'This file',
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** The format named by the first bytes of a file. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    // ISO-BMFF still images from phone cameras: heic, heix, hevc, mif1, msf1, ...
    if (/^(hei|hev|mif|msf)/.test(brand)) return 'heic';
    return 'unknown';
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  const tiff = ascii(b, 0, 4);
  if (tiff === 'II*\0' || tiff === 'MM\0*') return 'tiff';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  return 'unknown';
}

function corrupt(what: string): ImageError {
  return new ImageError('corrupt_image', `The image is damaged or incomplete (${what}).`);
}

/** Walks the JPEG marker segments up to the first scan; checks the scan is closed by EOI. */
function readJpeg(b: Uint8Array): ImageHeader {
  let i = 2;
  let width = 0;
  let height = 0;
  for (;;) {
    if (i + 4 > b.length) throw corrupt('JPEG header ends early');
    if (b[i] !== 0xff) throw corrupt('JPEG marker expected');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9) throw corrupt('JPEG ends before its image data');
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (length < 2) throw corrupt('JPEG segment length');
    // SOF0..SOF15 hold the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) throw corrupt('JPEG frame header ends early');
      height = (b[i + 5]! << 8) | b[i + 6]!;
      width = (b[i + 7]! << 8) | b[i + 8]!;
    }
    if (marker === 0xda) {
      if (!width || !height) throw corrupt('JPEG has no frame size');
      const scanStart = i + 2 + length;
      // Inside entropy-coded data 0xFF is always followed by 0x00 or RSTn, so an
      // FF D9 after the first scan is the real end of the image. Searching from the
      // end lets phone trailers after EOI pass; a truncated file has none.
      for (let j = b.length - 2; j >= scanStart; j--) {
        if (b[j] === 0xff && b[j + 1] === 0xd9) return { format: 'jpeg', width, height };
      }
      throw corrupt('JPEG is truncated');
    }
    i += 2 + length;
  }
}

const IEND = [0x49, 0x45, 0x4e, 0x44];

function readPng(b: Uint8Array): ImageHeader {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') throw corrupt('PNG header');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (!width || !height) throw corrupt('PNG has no size');
  // The IEND chunk closes every complete PNG; allow a little trailing junk.
  for (let j = b.length - 4; j >= Math.max(33, b.length - 4096); j--) {
    if (b[j] === IEND[0] && b[j + 1] === IEND[1] && b[j + 2] === IEND[2] && b[j + 3] === IEND[3]) {
      return { format: 'png', width, height };
    }
  }
  throw corrupt('PNG is truncated');
}

/**
 * Checks a whole file: JPEG or PNG by its bytes, complete, within the pixel limit.
 * Throws ImageError `unsupported_format`, `corrupt_image` or `input_too_large`.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length === 0) throw corrupt('empty file');
  const format = sniffFormat(bytes);
  if (format !== 'jpeg' && format !== 'png') {
    throw new ImageError(
      'unsupported_format',
      `${FORMAT_NAMES[format]} ${format === 'unknown' ? 'is not an image we can read' : 'images are not supported'}: please use a JPEG or PNG photo.`,
      format,
    );
  }
  const header = format === 'jpeg' ? readJpeg(bytes) : readPng(bytes);
  assertPixelLimit(header.width, header.height);
  return header;
}

/** Throws `input_too_large` for images over the megapixel limit. */
export function assertPixelLimit(width: number, height: number): void {
  if (width * height > MAX_INPUT_PIXELS) {
    throw new ImageError(
      'input_too_large',
      `The image has ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${MAX_INPUT_PIXELS / 1e6} are accepted.`,
    );
  }
}
