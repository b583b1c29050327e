// Test images drawn in the browser: a specimen ID card (sharp, blurred, dark, glare,
// tiny), a photographic 12-megapixel scene, and byte-level helpers (EXIF, headers).
// Every picture is synthetic; no real person or document appears anywhere.

/** A small deterministic PRNG (xorshift32), so every run draws the same pixels. */
export function prng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function ctxOf(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  return ctx;
}

/** A specimen ID card on a dark desk, `width` wide (3:2 frame), as a phone would frame it. */
export function drawCard(width: number): HTMLCanvasElement {
  const height = Math.round((width * 2) / 3);
  const canvas = canvasOf(width, height);
  const ctx = ctxOf(canvas);
  const u = width / 100;
  const desk = ctx.createLinearGradient(0, 0, width, height);
  desk.addColorStop(0, '#4a4038');
  desk.addColorStop(1, '#2f2a26');
  ctx.fillStyle = desk;
  ctx.fillRect(0, 0, width, height);
  // Card: 85.6 x 54 mm, filling about 80% of the frame width.
  const cw = 80 * u;
  const ch = (cw * 54) / 85.6;
  const cx = 10 * u;
  const cy = (height - ch) / 2;
  const face = ctx.createLinearGradient(cx, cy, cx + cw, cy + ch);
  face.addColorStop(0, '#dfe8ee');
  face.addColorStop(1, '#c9d8e0');
  ctx.fillStyle = face;
  ctx.beginPath();
  ctx.roundRect(cx, cy, cw, ch, 3 * u);
  ctx.fill();
  // Guilloche: fine sine lines like a security print.
  ctx.strokeStyle = 'rgba(70, 110, 140, 0.35)';
  ctx.lineWidth = Math.max(1, 0.08 * u);
  for (let k = 0; k < 14; k++) {
    ctx.beginPath();
    for (let x = 0; x <= cw; x += u / 2) {
      const y = cy + ch * 0.15 + k * ch * 0.05 + Math.sin((x / cw) * 12 + k) * 1.5 * u;
      if (x === 0) ctx.moveTo(cx + x, y);
      else ctx.lineTo(cx + x, y);
    }
    ctx.stroke();
  }
  // Portrait box and a head silhouette.
  ctx.fillStyle = '#8d99a3';
  ctx.fillRect(cx + 4 * u, cy + ch * 0.25, cw * 0.27, ch * 0.6);
  ctx.fillStyle = '#c6a58b';
  ctx.beginPath();
  ctx.ellipse(cx + 4 * u + cw * 0.135, cy + ch * 0.45, cw * 0.07, ch * 0.13, 0, 0, Math.PI * 2);
  ctx.fill();
  // Text: title, fields and a machine-readable zone.
  ctx.fillStyle = '#1c2a36';
  ctx.font = `bold ${4 * u}px sans-serif`;
  ctx.fillText('SPECIMEN IDENTITY CARD', cx + 4 * u, cy + ch * 0.13);
  ctx.font = `${2.2 * u}px sans-serif`;
  const fields = [
    'SURNAME  SPECIMEN',
    'GIVEN NAMES  SAMPLE TEST',
    'NATIONALITY  UTO',
    'DOCUMENT NO  X0000000',
    'EXPIRY  01 01 2099',
  ];
  fields.forEach((line, i) => ctx.fillText(line, cx + cw * 0.36, cy + ch * (0.32 + i * 0.09)));
  ctx.font = `${2.4 * u}px monospace`;
  ctx.fillText('IDUTOX0000000<<<<<<<<<<<<<<<<', cx + 4 * u, cy + ch * 0.9);
  ctx.fillText('SPECIMEN<<SAMPLE<TEST<<<<<<<<', cx + 4 * u, cy + ch * 0.97);
  return canvas;
}

/** `source` redrawn through a CSS filter (e.g. `blur(4px)`, `brightness(0.3)`). */
export function filtered(source: HTMLCanvasElement, filter: string): HTMLCanvasElement {
  const canvas = canvasOf(source.width, source.height);
  const ctx = ctxOf(canvas);
  ctx.filter = filter;
  ctx.drawImage(source, 0, 0);
  return canvas;
}

/** `source` with a blown-out reflection (a white spot covering about `fraction` of the frame). */
export function withGlare(source: HTMLCanvasElement, fraction: number): HTMLCanvasElement {
  const canvas = filtered(source, 'none');
  const ctx = ctxOf(canvas);
  const r = Math.sqrt((fraction * canvas.width * canvas.height) / Math.PI);
  const x = canvas.width * 0.6;
  const y = canvas.height * 0.45;
  const spot = ctx.createRadialGradient(x, y, 0, x, y, r * 1.6);
  spot.addColorStop(0, '#fff');
  spot.addColorStop(0.62, '#fff');
  spot.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = spot;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return canvas;
}

/**
 * A photographic scene: light gradients, soft shapes, the card, and sensor-like
 * noise, so that JPEG sizes resemble a phone photo's (a 4000x3000 frame at quality
 * 0.92 is a few megabytes).
 */
export function drawPhoto(width: number, height: number, seed = 7, noise = 10): HTMLCanvasElement {
  const canvas = canvasOf(width, height);
  const ctx = ctxOf(canvas);
  const random = prng(seed);
  const sky = ctx.createLinearGradient(0, 0, width * 0.3, height);
  sky.addColorStop(0, '#8fa9c4');
  sky.addColorStop(0.55, '#c8b99a');
  sky.addColorStop(1, '#4b3d33');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 60; i++) {
    const x = random() * width;
    const y = random() * height;
    const r = (0.02 + random() * 0.12) * width;
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    const hue = Math.floor(random() * 360);
    g.addColorStop(0, `hsla(${hue}, 45%, ${30 + random() * 40}%, 0.8)`);
    g.addColorStop(1, `hsla(${hue}, 45%, 50%, 0)`);
    ctx.fillStyle = g;
    ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  for (let i = 0; i < 40; i++) {
    ctx.strokeStyle = `hsla(${Math.floor(random() * 360)}, 30%, ${20 + random() * 60}%, 0.7)`;
    ctx.lineWidth = 1 + random() * 6;
    ctx.beginPath();
    ctx.moveTo(random() * width, random() * height);
    ctx.bezierCurveTo(
      random() * width,
      random() * height,
      random() * width,
      random() * height,
      random() * width,
      random() * height,
    );
    ctx.stroke();
  }
  const card = drawCard(Math.round(width * 0.6));
  ctx.drawImage(card, width * 0.2, height * 0.3);
  if (noise > 0) {
    const image = ctx.getImageData(0, 0, width, height);
    const data = image.data;
    let s = (seed * 2654435761) | 0 || 1;
    for (let i = 0; i < data.length; i += 4) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      // Two small uniform draws from one word: roughly bell-shaped luma noise plus a little chroma.
      const n = (((s & 0xff) + ((s >>> 8) & 0xff)) / 255 - 1) * noise;
      const c = (((s >>> 16) & 0xff) / 255 - 0.5) * noise * 0.5;
      data[i] = data[i]! + n + c;
      data[i + 1] = data[i + 1]! + n;
      data[i + 2] = data[i + 2]! + n - c;
    }
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}

export async function encode(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  if (!blob) throw new Error(`could not encode ${type}`);
  if (blob.type !== type) throw new Error(`browser encoded ${blob.type} instead of ${type}`);
  return blob;
}

export async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** A JPEG with an EXIF APP1 segment holding only an Orientation tag (written by hand, big-endian TIFF). */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array<ArrayBuffer> {
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // "MM", 42, IFD0 at offset 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    orientation >> 8,
    orientation & 0xff,
    0x00,
    0x00, // Orientation, SHORT, 1
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  // After SOI and the JFIF APP0 segment, where cameras put it.
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, at), 0);
  out.set(app1, at);
  out.set(jpeg.subarray(at), at + app1.length);
  return out;
}

/** Whether a JPEG carries an EXIF segment anywhere in its header. */
export function hasExif(jpeg: Uint8Array): boolean {
  for (let i = 0; i + 10 < jpeg.length && i < 65_536; i++) {
    if (
      jpeg[i] === 0xff &&
      jpeg[i + 1] === 0xe1 &&
      String.fromCharCode(...jpeg.subarray(i + 4, i + 8)) === 'Exif'
    )
      return true;
  }
  return false;
}

/** A copy of a JPEG whose frame header claims another size (the pixels do not follow). */
export function withJpegSize(
  jpeg: Uint8Array<ArrayBuffer>,
  width: number,
  height: number,
): Uint8Array<ArrayBuffer> {
  const out = jpeg.slice();
  for (let i = 2; i + 9 < out.length;) {
    const marker = out[i + 1]!;
    const length = (out[i + 2]! << 8) | out[i + 3]!;
    if (marker === 0xc0 || marker === 0xc2) {
      out[i + 5] = height >> 8;
      out[i + 6] = height & 0xff;
      out[i + 7] = width >> 8;
      out[i + 8] = width & 0xff;
      return out;
    }
    i += 2 + length;
  }
  throw new Error('no SOF');
}

/** Reads a decoded image's pixel (r, g, b) at a point. */
export async function pixelAt(blob: Blob, x: number, y: number): Promise<[number, number, number]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = canvasOf(bitmap.width, bitmap.height);
  const ctx = ctxOf(canvas);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const d = ctx.getImageData(x, y, 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
}

/** Two colour halves, left red and right blue, for orientation checks. */
export function halves(width: number, height: number): HTMLCanvasElement {
  const canvas = canvasOf(width, height);
  const ctx = ctxOf(canvas);
  ctx.fillStyle = '#f00';
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = '#00f';
  ctx.fillRect(width / 2, 0, width / 2, height);
  return canvas;
}
