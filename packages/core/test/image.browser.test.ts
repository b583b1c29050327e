// The image pipeline in a real Chromium: formats judged by bytes, EXIF orientation,
// byte budgets, every error code, abort, each kind of input, and the main-thread fallback.
import { beforeAll, describe, expect, test } from 'vitest';
import { ImageError, imageWorkerStatus, prepareImage, type ImageErrorCode } from '../src/image/index.ts';
import { prepareImageOnMainThread } from '../src/image/runner.ts';
import {
  bytesOf,
  canvasOf,
  ctxOf,
  drawCard,
  drawPhoto,
  encode,
  halves,
  hasExif,
  pixelAt,
  prng,
  withExifOrientation,
  withJpegSize,
} from './image-fixtures.ts';

/** The ImageError a promise rejects with (fails the test if it resolves or throws something else). */
async function imageErrorOf(promise: Promise<unknown>): Promise<ImageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return error as ImageError;
  }
  throw new Error('expected an ImageError, but the image was prepared');
}

async function expectCode(promise: Promise<unknown>, code: ImageErrorCode): Promise<ImageError> {
  const error = await imageErrorOf(promise);
  expect(error.code).toBe(code);
  return error;
}

function isRed([r, g, b]: [number, number, number]): boolean {
  return r > 200 && g < 60 && b < 60;
}
function isBlue([r, g, b]: [number, number, number]): boolean {
  return r < 60 && g < 60 && b > 200;
}

let photoJpeg: Blob; // 4000x3000 photographic scene, quality 0.92
let selfieJpeg: Blob; // another 4000x3000 scene

beforeAll(async () => {
  photoJpeg = await encode(drawPhoto(4000, 3000, 7, 14), 'image/jpeg', 0.92);
  selfieJpeg = await encode(drawPhoto(4000, 3000, 99, 14), 'image/jpeg', 0.92);
}, 30_000);

describe('output', () => {
  test('is a baseline JPEG file, whatever came in', async () => {
    const png = await encode(drawCard(1200), 'image/png');
    const result = await prepareImage(png, { kind: 'document' });
    expect(result.blob.type).toBe('image/jpeg');
    expect([...(await bytesOf(result.blob)).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(result.bytes).toBe(result.blob.size);
    expect([result.width, result.height]).toEqual([1200, 800]);
    expect([result.quality.width, result.quality.height]).toEqual([1200, 800]);
  });

  test('runs in the module worker in Chromium', async () => {
    await prepareImage(await encode(drawCard(400), 'image/jpeg', 0.9), { kind: 'selfie' });
    expect(imageWorkerStatus()).toBe('ready');
  });

  test('paints transparent PNG pixels white, not black', async () => {
    const canvas = canvasOf(200, 100);
    const ctx = ctxOf(canvas);
    ctx.fillStyle = '#000';
    ctx.fillRect(100, 0, 100, 100); // left half stays transparent
    const result = await prepareImage(await encode(canvas, 'image/png'), { kind: 'selfie' });
    const [r, g, b] = await pixelAt(result.blob, 40, 50);
    expect(Math.min(r, g, b)).toBeGreaterThan(240);
  });
});

describe('formats are judged by their bytes', () => {
  test('a JPEG named and typed as PNG is read as the JPEG it is', async () => {
    const jpeg = await bytesOf(await encode(drawCard(600), 'image/jpeg', 0.9));
    const file = new File([jpeg], 'scan.png', { type: 'image/png' });
    const result = await prepareImage(file, { kind: 'document' });
    expect(result.width).toBe(600);
  });

  test('HEIC from an iPhone, even named .jpg, is unsupported with a clear message', async () => {
    const heic = new Uint8Array(64);
    heic.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic\0\0\0\0mif1heic')]);
    const error = await expectCode(
      prepareImage(new File([heic], 'IMG_0001.jpg', { type: 'image/jpeg' }), { kind: 'document' }),
      'unsupported_format',
    );
    expect(error.format).toBe('heic');
    expect(error.message).toMatch(/HEIC.*JPEG or PNG/);
  });

  test('WebP is unsupported', async () => {
    const webp = await encode(drawCard(300), 'image/webp', 0.8);
    const error = await expectCode(prepareImage(webp, { kind: 'document' }), 'unsupported_format');
    expect(error.format).toBe('webp');
  });

  test('GIF is unsupported', async () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    expect(
      (await expectCode(prepareImage(new Blob([gif]), { kind: 'selfie' }), 'unsupported_format')).format,
    ).toBe('gif');
  });

  test('anything else is unsupported', async () => {
    const text = new Blob(['name,date of birth\n'], { type: 'image/jpeg' });
    expect((await expectCode(prepareImage(text, { kind: 'selfie' }), 'unsupported_format')).format).toBe(
      'unknown',
    );
  });
});

describe('damaged files', () => {
  test('a truncated JPEG is corrupt_image', async () => {
    const jpeg = await bytesOf(await encode(drawCard(800), 'image/jpeg', 0.9));
    await expectCode(
      prepareImage(new Blob([jpeg.subarray(0, Math.floor(jpeg.length * 0.6))]), { kind: 'document' }),
      'corrupt_image',
    );
  });

  test('a JPEG with bytes after its end (as some phones write) is fine', async () => {
    const jpeg = await bytesOf(await encode(drawCard(800), 'image/jpeg', 0.9));
    const result = await prepareImage(new Blob([jpeg, new Uint8Array(5000).fill(7)]), { kind: 'document' });
    expect(result.width).toBe(800);
  });

  test('a truncated PNG is corrupt_image', async () => {
    const png = await bytesOf(await encode(drawCard(400), 'image/png'));
    await expectCode(
      prepareImage(new Blob([png.subarray(0, png.length - 2000)]), { kind: 'document' }),
      'corrupt_image',
    );
  });

  test('a JPEG signature followed by garbage is corrupt_image', async () => {
    const random = prng(3);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    await expectCode(prepareImage(new Blob([bytes]), { kind: 'document' }), 'corrupt_image');
  });

  test('an empty file is corrupt_image', async () => {
    await expectCode(prepareImage(new Blob([]), { kind: 'document' }), 'corrupt_image');
  });

  test('error messages never carry the file name', async () => {
    const file = new File([new Uint8Array(10)], 'jane-doe-passport.jpg', { type: 'image/jpeg' });
    const error = await imageErrorOf(prepareImage(file, { kind: 'document' }));
    expect(error.message).not.toMatch(/jane|doe|passport/i);
  });
});

describe('oversized inputs are refused before decoding', () => {
  test('a file over 40 MB', async () => {
    const big = new Uint8Array(41 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    await expectCode(prepareImage(new Blob([big]), { kind: 'document' }), 'input_too_large');
  });

  test('a JPEG whose header says 54 megapixels', async () => {
    const jpeg = await bytesOf(await encode(drawCard(300), 'image/jpeg', 0.9));
    await expectCode(
      prepareImage(new Blob([withJpegSize(jpeg, 9000, 6000)]), { kind: 'document' }),
      'input_too_large',
    );
  });

  test('a canvas over 50 megapixels', async () => {
    await expectCode(prepareImage(canvasOf(8000, 7000), { kind: 'document' }), 'input_too_large');
  });
});

describe('EXIF orientation is honoured', () => {
  // Stored: 300x200, left half red, right half blue.
  let stored: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    stored = await bytesOf(await encode(halves(300, 200), 'image/jpeg', 0.95));
  });

  test('orientation 6 (phone held upright): turned a quarter clockwise, red on top', async () => {
    const jpeg = withExifOrientation(stored, 6);
    expect(hasExif(jpeg)).toBe(true);
    const result = await prepareImage(new Blob([jpeg]), { kind: 'document' });
    expect([result.width, result.height]).toEqual([200, 300]);
    expect(isRed(await pixelAt(result.blob, 100, 40))).toBe(true);
    expect(isBlue(await pixelAt(result.blob, 100, 260))).toBe(true);
  });

  test('orientation 8: turned a quarter anticlockwise, blue on top', async () => {
    const result = await prepareImage(new Blob([withExifOrientation(stored, 8)]), { kind: 'document' });
    expect([result.width, result.height]).toEqual([200, 300]);
    expect(isBlue(await pixelAt(result.blob, 100, 40))).toBe(true);
  });

  test('orientation 3: upside down, blue on the left', async () => {
    const result = await prepareImage(new Blob([withExifOrientation(stored, 3)]), { kind: 'document' });
    expect([result.width, result.height]).toEqual([300, 200]);
    expect(isBlue(await pixelAt(result.blob, 40, 100))).toBe(true);
  });

  test('the prepared file carries no EXIF (no GPS, no camera data)', async () => {
    const result = await prepareImage(new Blob([withExifOrientation(stored, 6)]), { kind: 'document' });
    expect(hasExif(await bytesOf(result.blob))).toBe(false);
  });
});

describe('size and byte budgets', () => {
  test('the 12 MP test photo is a realistic phone file (3-6 MB)', () => {
    expect(photoJpeg.size).toBeGreaterThan(3_000_000);
    expect(photoJpeg.size).toBeLessThan(6_000_000);
  });

  test('a document: long side 2000 px, at most 1,000,000 bytes', async () => {
    const result = await prepareImage(photoJpeg, { kind: 'document' });
    expect([result.width, result.height]).toEqual([2000, 1500]);
    expect(result.bytes).toBeLessThanOrEqual(1_000_000);
  });

  test('an address proof is sized like a document', async () => {
    const result = await prepareImage(photoJpeg, { kind: 'address' });
    expect([result.width, result.height]).toEqual([2000, 1500]);
    expect(result.bytes).toBeLessThanOrEqual(1_000_000);
  });

  test('a selfie: long side 1280 px, at most 300,000 bytes', async () => {
    const result = await prepareImage(selfieJpeg, { kind: 'selfie' });
    expect([result.width, result.height]).toEqual([1280, 960]);
    expect(result.bytes).toBeLessThanOrEqual(300_000);
  });

  test('ID and selfie of the whole flow upload at most 1.2 MB together', async () => {
    const id = await prepareImage(photoJpeg, { kind: 'document' });
    const selfie = await prepareImage(selfieJpeg, { kind: 'selfie' });
    expect(id.bytes + selfie.bytes).toBeLessThanOrEqual(1_200_000);
  });

  test('a small image is never upscaled', async () => {
    const result = await prepareImage(drawCard(900), { kind: 'document' });
    expect([result.width, result.height]).toEqual([900, 600]);
  });

  test('a tight budget lowers quality, then size, and is met', async () => {
    const generous = await prepareImage(photoJpeg, { kind: 'document' });
    const tight = await prepareImage(photoJpeg, { kind: 'document', maxBytes: 60_000 });
    expect(tight.bytes).toBeLessThanOrEqual(60_000);
    expect(tight.width).toBeLessThan(generous.width);
    expect(tight.width / tight.height).toBeCloseTo(4 / 3, 1);
  });

  test('an unknown kind is a programming error', async () => {
    const kind = 'toString' as unknown as 'document';
    await expect(prepareImage(drawCard(300), { kind })).rejects.toThrow(TypeError);
  });

  test('a budget that is not a positive number is a programming error', async () => {
    await expect(prepareImage(drawCard(300), { kind: 'document', maxBytes: 0 })).rejects.toThrow(RangeError);
  });
});

describe('inputs', () => {
  test('an ImageBitmap: prepared, and the caller keeps theirs', async () => {
    const bitmap = await createImageBitmap(drawCard(1500));
    const result = await prepareImage(bitmap, { kind: 'selfie' });
    expect([result.width, result.height]).toEqual([1280, 853]);
    expect(bitmap.width).toBe(1500); // a closed or transferred bitmap reports 0
    bitmap.close();
  });

  test('an ImageBitmap given away (transfer): prepared the same, handed to the worker uncopied', async () => {
    const bitmap = await createImageBitmap(drawCard(1500));
    const result = await prepareImage(bitmap, { kind: 'selfie', transfer: true });
    expect([result.width, result.height]).toEqual([1280, 853]);
    expect(result.quality.issues).toEqual([]);
    expect(bitmap.width).toBe(0); // transferred to the worker, not cloned
  });

  test('a video element: its current frame at full size', async () => {
    const source = drawCard(640);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = source.captureStream(10);
    await video.play();
    const ctx = ctxOf(source);
    while (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) {
      ctx.fillRect(0, 0, 1, 1); // keep frames coming
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await prepareImage(video, { kind: 'selfie' });
    expect([result.width, result.height]).toEqual([video.videoWidth, video.videoHeight]);
    for (const track of (video.srcObject as MediaStream).getTracks()) track.stop();
  });

  test('a video element with no frame yet is corrupt_image', async () => {
    await expectCode(prepareImage(document.createElement('video'), { kind: 'selfie' }), 'corrupt_image');
  });
});

describe('abort', () => {
  test('an already aborted signal rejects at once', async () => {
    await expectCode(prepareImage(photoJpeg, { kind: 'document', signal: AbortSignal.abort() }), 'aborted');
  });

  test('aborting a running job rejects within a few milliseconds, and the next job works', async () => {
    const controller = new AbortController();
    const job = prepareImage(photoJpeg, { kind: 'document', signal: controller.signal });
    await new Promise((r) => setTimeout(r, 30));
    const abortedAt = performance.now();
    controller.abort();
    await expectCode(job, 'aborted');
    expect(performance.now() - abortedAt).toBeLessThan(100); // a finished job would take ~200 ms
    const next = await prepareImage(photoJpeg, { kind: 'selfie' });
    expect(next.width).toBe(1280);
  });
});

describe('main-thread fallback (no Worker/OffscreenCanvas, or a CSP that blocks the worker)', () => {
  test('gives the same sizes under the same budget', async () => {
    const result = await prepareImageOnMainThread(photoJpeg, { kind: 'document' });
    expect([result.width, result.height]).toEqual([2000, 1500]);
    expect(result.bytes).toBeLessThanOrEqual(1_000_000);
    expect(result.quality.issues).toEqual([]);
  });

  test('can be aborted while running', async () => {
    const controller = new AbortController();
    const job = prepareImageOnMainThread(photoJpeg, { kind: 'document', signal: controller.signal });
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    await expectCode(job, 'aborted');
  });

  test('refuses unsupported files the same way', async () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    await expectCode(prepareImageOnMainThread(new Blob([gif]), { kind: 'selfie' }), 'unsupported_format');
  });
});
