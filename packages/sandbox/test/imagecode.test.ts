// Image codes survive the camera path: a marked picture shown on a fake webcam
// (stretched to 640x480), captured, JPEG re-encoded and rescaled still decodes.
import { describe, expect, it } from 'vitest';
import {
  SCENARIO_CODES,
  decodeRaster,
  encodeJpeg,
  markImage,
  readScenarioCode,
  renderSpecimenId,
  resizeRaster,
  sniffImageType,
  toY4m,
  type Raster,
} from '../src/index.ts';
import { FACE_PNG } from './helpers.ts';

/** What a browser does between the fake camera and the upload, done in Node. */
function cameraPath(png: Buffer, filter: 'nearest' | 'bilinear'): Buffer[] {
  const shown = encodeJpeg(resizeRaster(decodeRaster(png), 640, 480, filter), 75);
  const upscaled = encodeJpeg(resizeRaster(decodeRaster(shown), 1600, 1200, filter), 75);
  const thumbnail = encodeJpeg(resizeRaster(decodeRaster(upscaled), 320, 240, 'bilinear'), 60);
  return [shown, upscaled, thumbnail];
}

/** Reads a y4m frame back to RGBA (BT.601 limited range), as the fake camera would show it. */
function y4mFrameToRaster(y4m: Buffer): Raster {
  const headerEnd = y4m.indexOf(0x0a);
  const header = y4m.subarray(0, headerEnd).toString('ascii');
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  const frame = y4m.subarray(headerEnd + 1 + 'FRAME\n'.length);
  const data = new Uint8Array(width * height * 4);
  const ySize = width * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = Math.floor(y / 2) * (width / 2) + Math.floor(x / 2);
      const Y = 1.164 * (frame[y * width + x]! - 16);
      const U = frame[ySize + c]! - 128;
      const V = frame[ySize + ySize / 4 + c]! - 128;
      const o = (y * width + x) * 4;
      data[o] = Math.max(0, Math.min(255, Y + 1.596 * V));
      data[o + 1] = Math.max(0, Math.min(255, Y - 0.392 * U - 0.813 * V));
      data[o + 2] = Math.max(0, Math.min(255, Y + 2.017 * U));
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

describe('image codes', () => {
  it('are absent from unmarked pictures', () => {
    expect(readScenarioCode(FACE_PNG)).toBeUndefined();
    expect(readScenarioCode(renderSpecimenId())).toBeUndefined();
    expect(readScenarioCode(Buffer.from('not an image'))).toBeUndefined();
  });

  it.each(SCENARIO_CODES)('%s survives markImage -> 640x480 (nearest) -> JPEG 75', (code) => {
    const marked = markImage(FACE_PNG, code);
    expect(readScenarioCode(marked)).toBe(code);
    expect(readScenarioCode(encodeJpeg(resizeRaster(decodeRaster(marked), 640, 480, 'nearest'), 75))).toBe(
      code,
    );
  });

  it.each(['selfie-low-similarity'] as const)(
    '%s survives 640x480 -> JPEG 75 -> 1600x1200 -> JPEG -> 320x240, nearest and bilinear',
    (code) => {
      const marked = markImage(FACE_PNG, code);
      for (const filter of ['nearest', 'bilinear'] as const) {
        for (const stage of cameraPath(marked, filter)) expect(readScenarioCode(stage)).toBe(code);
      }
    },
  );

  it('survives on a specimen ID card, and in a mirrored (selfie preview) picture', () => {
    const card = renderSpecimenId({ code: 'ocr-korean-license' });
    for (const stage of cameraPath(card, 'bilinear'))
      expect(readScenarioCode(stage)).toBe('ocr-korean-license');
    const img = decodeRaster(markImage(FACE_PNG, 'selfie-two-faces'));
    const mirrored: Raster = { ...img, data: new Uint8Array(img.data.length) };
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        mirrored.data.set(
          img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4),
          (y * img.width + (img.width - 1 - x)) * 4,
        );
      }
    }
    expect(readScenarioCode(encodeJpeg(mirrored, 80))).toBe('selfie-two-faces');
  });

  it('is not read from a damaged band (checksum and start pattern)', () => {
    const img = decodeRaster(markImage(FACE_PNG, 'selfie-pass'));
    // Repaint the 5th cell (first data cell) across the whole band with another colour.
    const top = Math.floor(img.height * 0.88) + 1;
    for (let y = top; y < img.height; y++) {
      for (let x = Math.ceil((4 * img.width) / 10); x < Math.floor((5 * img.width) / 10); x++) {
        const o = (y * img.width + x) * 4;
        img.data[o] = 255 - img.data[o]!;
      }
    }
    expect(readScenarioCode(encodeJpeg(img, 90))).toBeUndefined();
  });

  it('markImage keeps the picture and adds the band as the bottom 12%', () => {
    const src = decodeRaster(FACE_PNG);
    const out = decodeRaster(markImage(FACE_PNG, 'selfie-pass'));
    expect(out.width).toBe(src.width);
    expect(out.height).toBe(Math.round(src.height / 0.88));
    expect(Buffer.from(out.data.subarray(0, src.data.length)).equals(Buffer.from(src.data))).toBe(true);
  });
});

describe('renderSpecimenId', () => {
  it('renders a PNG of the requested size', () => {
    const png = renderSpecimenId({ width: 800, height: 504 });
    expect(sniffImageType(png)).toBe('image/png');
    const img = decodeRaster(png);
    expect([img.width, img.height]).toEqual([800, 504]);
  });
});

describe('toY4m', () => {
  it('writes a YUV 4:2:0 y4m at 640x480 whose frame still carries the code', () => {
    const y4m = toY4m(markImage(FACE_PNG, 'selfie-low-liveness'), { width: 640, height: 480, frames: 2 });
    const header = y4m.subarray(0, y4m.indexOf(0x0a)).toString('ascii');
    expect(header).toBe('YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg');
    const frameBytes = 640 * 480 * 1.5;
    expect(y4m.length).toBe(header.length + 1 + 2 * ('FRAME\n'.length + frameBytes));
    const seen = y4mFrameToRaster(y4m);
    expect(readScenarioCode(encodeJpeg(seen, 80))).toBe('selfie-low-liveness');
  });

  it('refuses odd sizes', () => {
    expect(() => toY4m(FACE_PNG, { width: 641, height: 480 })).toThrow();
  });
});

describe('sniffImageType', () => {
  it('judges by magic bytes only', () => {
    expect(sniffImageType(FACE_PNG)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeUndefined();
  });
});
