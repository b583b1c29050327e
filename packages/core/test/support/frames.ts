// Synthetic camera frames for the live analysis, drawn in Node: the sandbox's specimen
// card (real print: photo, lettering, white border) warped into any quadrilateral on a
// textured desk, then optionally blurred, darkened, washed out or given a glare spot.
// The sandbox renderer is imported by path: a test-only use (as test/image-glare.test.ts).
import { decodeRaster, renderSpecimenId, resizeRaster, type Raster } from '../../../sandbox/src/index.ts';

export type Quad = [number, number][];

export interface FrameSpec {
  width?: number;
  height?: number;
  /** Card corners in pixels (top-left, top-right, bottom-right, bottom-left); none: an empty desk. */
  card?: Quad;
  /** Box blur radius in pixels over the whole frame (a lens out of focus). */
  blur?: number;
  /** Multiplies every channel (0.15: a dark room; 2.5: washed out). */
  gain?: number;
  /** A specular highlight: centre in frame fractions and its area as a share of the frame. */
  glare?: { x: number; y: number; area: number };
  /** Sensor noise amplitude (luma steps); seeded, so frames repeat exactly. */
  noise?: number;
  seed?: number;
}

let specimen: Raster | undefined;
function card(): Raster {
  specimen ??= decodeRaster(renderSpecimenId({ width: 856, height: 540 }));
  return specimen;
}

function prng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** The ID-1 card centred with its width `share` of the frame's, turned by `degrees`, moved by (dx, dy) px. */
export function cardQuad(width: number, height: number, share: number, degrees = 0, dx = 0, dy = 0): Quad {
  const w = share * width;
  const h = w / (85.6 / 53.98);
  const a = (degrees * Math.PI) / 180;
  const cx = width / 2 + dx;
  const cy = height / 2 + dy;
  return [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ].map(([x, y]) => [
    cx + x! * Math.cos(a) - y! * Math.sin(a),
    cy + x! * Math.sin(a) + y! * Math.cos(a),
  ]) as Quad;
}

/** Homography taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `q` (Heckbert, 1989). */
function squareToQuad(q: Quad): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A,
    -(b * i - c * h),
    b * f - c * e,
    B,
    a * i - c * g,
    -(a * f - c * d),
    C,
    -(a * h - b * g),
    a * e - b * d,
  ].map((v) => v / det);
}

/** One RGBA frame as the analysis sees it. */
export function drawFrame(spec: FrameSpec = {}): Raster {
  const width = spec.width ?? 480;
  const height = spec.height ?? 360;
  const data = new Uint8Array(width * height * 4);
  const random = prng(spec.seed ?? 7);
  // A wooden desk: a warm brown with a slow gradient and grain along x.
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const grain = 8 * Math.sin(y / 3.7 + Math.sin(x / 40) * 2);
      const shade = 70 + (30 * x) / width + grain;
      data[i] = shade + 25;
      data[i + 1] = shade + 5;
      data[i + 2] = shade - 10;
      data[i + 3] = 255;
    }
  if (spec.card) {
    const xs = spec.card.map((p) => p[0]);
    const ys = spec.card.map((p) => p[1]);
    const side = Math.max(
      Math.hypot(xs[1]! - xs[0]!, ys[1]! - ys[0]!),
      Math.hypot(xs[2]! - xs[3]!, ys[2]! - ys[3]!),
    );
    const texture = resizeRaster(
      card(),
      Math.max(2, Math.round(side)),
      Math.max(2, Math.round(side / 1.586)),
    );
    const inv = invert3(squareToQuad(spec.card));
    for (
      let y = Math.max(0, Math.floor(Math.min(...ys)));
      y < Math.min(height, Math.ceil(Math.max(...ys)));
      y++
    )
      for (
        let x = Math.max(0, Math.floor(Math.min(...xs)));
        x < Math.min(width, Math.ceil(Math.max(...xs)));
        x++
      ) {
        const w = inv[6]! * (x + 0.5) + inv[7]! * (y + 0.5) + inv[8]!;
        const u = (inv[0]! * (x + 0.5) + inv[1]! * (y + 0.5) + inv[2]!) / w;
        const v = (inv[3]! * (x + 0.5) + inv[4]! * (y + 0.5) + inv[5]!) / w;
        if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
        const t = (Math.floor(v * texture.height) * texture.width + Math.floor(u * texture.width)) * 4;
        const i = (y * width + x) * 4;
        // Room light on the card: a little below the print's paper white.
        for (let c = 0; c < 3; c++) data[i + c] = texture.data[t + c]! * 0.9;
      }
  }
  let out: Uint8Array = data;
  if (spec.blur) out = boxBlur(out, width, height, spec.blur);
  if (spec.glare) {
    const r = Math.sqrt((spec.glare.area * width * height) / Math.PI);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const d = Math.hypot(x - spec.glare.x * width, y - spec.glare.y * height) / r;
        const a = d <= 1 ? 1 : Math.max(0, 1 - (d - 1) / 0.6);
        if (!a) continue;
        const i = (y * width + x) * 4;
        for (let c = 0; c < 3; c++) out[i + c] = Math.round(out[i + c]! * (1 - a) + 255 * a);
      }
  }
  if (spec.gain !== undefined || spec.noise) {
    for (let i = 0; i < out.length; i += 4) {
      const n = spec.noise ? (random() - 0.5) * 2 * spec.noise : 0;
      for (let c = 0; c < 3; c++)
        out[i + c] = Math.max(0, Math.min(255, Math.round(out[i + c]! * (spec.gain ?? 1) + n)));
    }
  }
  return { width, height, data: out };
}

function boxBlur(src: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const pass = (input: Uint8Array, horizontal: boolean) => {
    const output = new Uint8Array(input.length);
    const n = 2 * radius + 1;
    for (let line = 0; line < (horizontal ? height : width); line++)
      for (let k = 0; k < (horizontal ? width : height); k++)
        for (let c = 0; c < 4; c++) {
          let sum = 0;
          for (let j = -radius; j <= radius; j++) {
            const at = Math.min((horizontal ? width : height) - 1, Math.max(0, k + j));
            const [x, y] = horizontal ? [at, line] : [line, at];
            sum += input[(y * width + x) * 4 + c]!;
          }
          const [x, y] = horizontal ? [k, line] : [line, k];
          output[(y * width + x) * 4 + c] = Math.round(sum / n);
        }
    return output;
  };
  return pass(pass(src, true), false);
}
