// Live frame analysis for document capture: pure functions over RGBA pixels of a small
// (about 480 px) camera frame, so they run the same in the image worker, on the main
// thread in slices, and in Node tests. The outline finder is a small detector written
// for this: Sobel edges, an orientation-aware Hough transform, then the largest
// quadrilateral of two near-parallel line pairs whose four sides are really edged.
// One file of ~600 lines on purpose: the passes share private types (edges, lines,
// regions) and run as one generator that the worker runs straight through and the
// main-thread fallback slices; split, each pass would export its internals for a single caller.
import { measureGlare, toLuma } from './quality.ts';

/** A point in frame fractions: x 0 (left) .. 1 (right), y 0 (top) .. 1 (bottom). */
export interface FramePoint {
  x: number;
  y: number;
}

/** The on-screen guide the document should fill, in frame fractions. */
export interface GuideRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The document's shape judged from its outline's aspect. */
export type DocumentShape = 'id-1' | 'passport' | 'unknown';

/** The document found in a frame. */
export interface DocumentOutline {
  /** Corners in frame fractions: top-left, top-right, bottom-right, bottom-left (may lie outside 0..1 when cut off). */
  corners: [FramePoint, FramePoint, FramePoint, FramePoint];
  /** Long side over short side, from the mean lengths of opposite sides. */
  aspect: number;
  /** ID-1 card (1.586) or passport data page (1.42), within ASPECT_TOLERANCE; else unknown. */
  shape: DocumentShape;
  /** The document's size next to the guide's: square root of their area ratio (1 = fills it). */
  fill: number;
  /** Distance of the document's centre from the guide's, in guide widths (x) and heights (y). */
  offset: FramePoint;
  /** Whether every corner lies inside the frame (with a small margin). */
  inside: boolean;
  /** Degrees off square: the larger of the in-plane rotation and the angle between opposite sides. */
  tilt: number;
}

/** What one frame shows. */
export interface FrameAnalysis {
  /** Analysed size in pixels. */
  width: number;
  height: number;
  /** The document, when an outline was found. */
  document?: DocumentOutline;
  /** Variance of the Laplacian of luma over the document (over the guide when none of a known shape is found): higher is sharper. */
  sharpness: number;
  /** Mean luma 0..1 over the same region. */
  brightness: number;
  /** Highlighted pixels of the frame over the region's area, 0..1 (see `measureGlare`). */
  glare: number;
  /** Mean luma change 0..1 against the frame about 400 ms earlier; undefined until there is one. */
  motion?: number;
}

export { ANALYSIS_LONG_SIDE } from './limits.ts';
/** ID-1 card, 85.60 x 53.98 mm (ISO/IEC 7810). */
export const ID1_ASPECT = 85.6 / 53.98;
/** Passport data page, 125 x 88 mm (ICAO 9303 TD3). */
export const PASSPORT_ASPECT = 125 / 88;
/** Relative aspect error still read as the shape. */
export const ASPECT_TOLERANCE = 0.08;

/** The default guide: centred, ID-1 shaped, 80% of the frame's width (or height-bound). */
export function defaultGuide(width: number, height: number): GuideRect {
  const w = Math.min(0.8 * width, 0.8 * height * ID1_ASPECT);
  const h = w / ID1_ASPECT;
  return { x: (width - w) / 2 / width, y: (height - h) / 2 / height, width: w / width, height: h / height };
}

/** Options of one analysis. */
export interface AnalyzeOptions {
  guide?: GuideRect;
}

/** Edge strength (|gx| + |gy| of Sobel on a smoothed frame) from which a pixel is an edge. */
const EDGE_MIN = 60;
/** Hough: one bin per degree, RHO_BIN px per distance bin; each edge votes within ±VOTE_SPREAD degrees of its gradient. */
const RHO_BIN = 2;
const VOTE_SPREAD = 2;
const MAX_LINES = 32;
/** Opposite sides of a card seen at a slant converge; up to this angle they still pair. */
const MAX_CONVERGENCE = 35;
/** A side must be edged over this share of its visible length. */
const MIN_SIDE_COVERAGE = 0.6;
/** A document side is at least this share of the frame's short side. */
const MIN_SIDE = 0.15;
/** Length (px) of a side's end that must be edged where it meets the frame's border. */
const BORDER_RUN = 12;
/** Corners may lie this far (frame fractions) outside the frame and still count as inside. */
const INSIDE_MARGIN = 0.01;

type Line = { theta: number; rho: number; votes: number };

/** The analysis in passes, yielding between them (the main-thread fallback awaits each yield). */
export function* analyzeFrameSteps(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  options: AnalyzeOptions = {},
): Generator<void, FrameAnalysis> {
  const pixels = width * height;
  const luma = toLuma(rgba, pixels);
  const guide = options.guide ?? defaultGuide(width, height);
  const edges = findEdges(luma, width, height);
  yield;
  const lines = houghLines(edges, width, height);
  yield;
  const document = findDocument(lines, edges, width, height, guide);
  yield;
  // Measure where the document is; without one, where it should be. An outline of no
  // document's shape may be a detail of the card or something else: the guide is the better bet.
  const known = document && document.shape !== 'unknown';
  const region = known
    ? regionOf(document.corners, width, height)
    : {
        x0: Math.round(guide.x * width),
        y0: Math.round(guide.y * height),
        x1: Math.round((guide.x + guide.width) * width),
        y1: Math.round((guide.y + guide.height) * height),
      };
  const sharpness = laplacianVariance(luma, width, region);
  let total = 0;
  let count = 0;
  for (let y = region.y0; y < region.y1; y++)
    for (let x = region.x0; x < region.x1; x++, count++) total += luma[y * width + x]!;
  yield;
  const frameGlare = measureGlare(luma, width, height);
  const docArea = known ? quadArea(document.corners) : guide.width * guide.height;
  return {
    width,
    height,
    ...(document ? { document } : {}),
    sharpness: round(sharpness, 1),
    brightness: round(count ? total / count / 255 : 0, 3),
    glare: round(Math.min(1, frameGlare / Math.max(docArea, 1e-6)), 4),
  };
}

/** Analyses one frame synchronously (worker, Node). */
export function analyzeFrame(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  options?: AnalyzeOptions,
): FrameAnalysis {
  const steps = analyzeFrameSteps(rgba, width, height, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Analyses one frame, giving the event loop a turn between passes (main-thread fallback). */
export async function analyzeFrameSliced(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  yieldNow: () => Promise<void>,
  options?: AnalyzeOptions,
): Promise<FrameAnalysis> {
  const steps = analyzeFrameSteps(rgba, width, height, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await yieldNow();
  }
}

interface Edges {
  /** Gradient direction in whole degrees 0..179 per pixel; 255 where there is no edge. */
  angle: Uint8Array;
  count: number;
}

function findEdges(luma: Uint8Array, width: number, height: number): Edges {
  // A [1 2 1] smoothing each way first, so that print dots and sensor noise do not read as edges.
  const tmp = new Uint16Array(width * height);
  const smooth = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = luma[row + Math.max(0, x - 1)]!;
      const r = luma[row + Math.min(width - 1, x + 1)]!;
      tmp[row + x] = l + 2 * luma[row + x]! + r;
    }
  }
  for (let y = 0; y < height; y++) {
    const up = Math.max(0, y - 1) * width;
    const down = Math.min(height - 1, y + 1) * width;
    const row = y * width;
    for (let x = 0; x < width; x++)
      smooth[row + x] = (tmp[up + x]! + 2 * tmp[row + x]! + tmp[down + x]!) >> 4;
  }
  const angle = new Uint8Array(width * height).fill(255);
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      const a = smooth[p - width - 1]!;
      const b = smooth[p - width]!;
      const c = smooth[p - width + 1]!;
      const d = smooth[p - 1]!;
      const f = smooth[p + 1]!;
      const g = smooth[p + width - 1]!;
      const h = smooth[p + width]!;
      const i = smooth[p + width + 1]!;
      const gx = c + 2 * f + i - a - 2 * d - g;
      const gy = g + 2 * h + i - a - 2 * b - c;
      if (Math.abs(gx) + Math.abs(gy) < EDGE_MIN) continue;
      let deg = Math.round((Math.atan2(gy, gx) * 180) / Math.PI);
      if (deg < 0) deg += 180;
      angle[p] = deg % 180;
      count++;
    }
  }
  return { angle, count };
}

const COS = new Float32Array(180);
const SIN = new Float32Array(180);
for (let t = 0; t < 180; t++) {
  COS[t] = Math.cos((t * Math.PI) / 180);
  SIN[t] = Math.sin((t * Math.PI) / 180);
}

/** Straight lines x·cosθ + y·sinθ = ρ (origin at the frame's centre), strongest first. */
function houghLines(edges: Edges, width: number, height: number): Line[] {
  const cx = width / 2;
  const cy = height / 2;
  const maxRho = Math.ceil(Math.hypot(cx, cy) / RHO_BIN) + 1;
  const rhoBins = 2 * maxRho + 1;
  const acc = new Uint16Array(180 * rhoBins);
  const { angle } = edges;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const deg = angle[y * width + x]!;
      if (deg === 255) continue;
      for (let k = -VOTE_SPREAD; k <= VOTE_SPREAD; k++) {
        const t = (deg + k + 180) % 180;
        const rho = (x - cx) * COS[t]! + (y - cy) * SIN[t]!;
        acc[t * rhoBins + Math.round(rho / RHO_BIN) + maxRho]!++;
      }
    }
  }
  const minVotes = MIN_SIDE * Math.min(width, height);
  const candidates: Line[] = [];
  for (let t = 0; t < 180; t++) {
    for (let r = 0; r < rhoBins; r++) {
      const votes = acc[t * rhoBins + r]!;
      if (votes >= minVotes) candidates.push({ theta: t, rho: (r - maxRho) * RHO_BIN, votes });
    }
  }
  candidates.sort((a, b) => b.votes - a.votes);
  const lines: Line[] = [];
  for (const c of candidates) {
    if (lines.length >= MAX_LINES) break;
    // Close lines stay apart: a card's edge and its printed border a few pixels inside are two.
    if (lines.some((l) => angleBetween(l.theta, c.theta) <= 4 && Math.abs(rhoAligned(l, c) - l.rho) <= 4))
      continue;
    lines.push(c);
  }
  // The frame's own borders stand in for a side that lies out of view (a card partly outside).
  const right = width - 1 - cx;
  const bottom = height - 1 - cy;
  lines.push(
    { theta: 0, rho: -cx, votes: 0 },
    { theta: 0, rho: right, votes: 0 },
    { theta: 90, rho: -cy, votes: 0 },
    { theta: 90, rho: bottom, votes: 0 },
  );
  return lines;
}

/** Acute angle between two line directions, degrees 0..90. */
function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
}

/** `b`'s ρ expressed in `a`'s orientation (θ and θ±180 describe one line with ρ negated). */
function rhoAligned(a: Line, b: Line): number {
  return Math.abs(a.theta - b.theta) > 90 ? -b.rho : b.rho;
}

function intersect(a: Line, b: Line, cx: number, cy: number): FramePoint | undefined {
  const det = COS[a.theta]! * SIN[b.theta]! - SIN[a.theta]! * COS[b.theta]!;
  if (Math.abs(det) < 1e-6) return undefined;
  const x = (a.rho * SIN[b.theta]! - b.rho * SIN[a.theta]!) / det;
  const y = (COS[a.theta]! * b.rho - COS[b.theta]! * a.rho) / det;
  return { x: x + cx, y: y + cy };
}

/** Share of a side's visible samples that lie on an edge running the side's way. */
function sideCoverage(p: FramePoint, q: FramePoint, edges: Edges, width: number, height: number): number {
  const length = Math.hypot(q.x - p.x, q.y - p.y);
  const samples = Math.max(8, Math.round(length / 2));
  let normal = Math.round((Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI) + 90;
  normal = ((normal % 180) + 180) % 180;
  let visible = 0;
  let hits = 0;
  for (let s = 0; s <= samples; s++) {
    const x = Math.round(p.x + ((q.x - p.x) * s) / samples);
    const y = Math.round(p.y + ((q.y - p.y) * s) / samples);
    if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) continue;
    visible++;
    search: for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const deg = edges.angle[(y + dy) * width + x + dx]!;
        if (deg !== 255 && angleBetween(deg, normal) <= 20) {
          hits++;
          break search;
        }
      }
    }
  }
  // A side mostly out of view says little; it needs a fair stretch on screen.
  return visible >= 0.3 * (samples + 1) ? hits / visible : 0;
}

function findDocument(
  lines: Line[],
  edges: Edges,
  width: number,
  height: number,
  guide: GuideRect,
): DocumentOutline | undefined {
  const cx = width / 2;
  const cy = height / 2;
  const minSide = MIN_SIDE * Math.min(width, height);
  const pairs: [Line, Line][] = [];
  for (let i = 0; i < lines.length; i++)
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (angleBetween(a.theta, b.theta) <= MAX_CONVERGENCE && Math.abs(rhoAligned(a, b) - a.rho) >= minSide)
        pairs.push([a, b]);
    }
  let best: { corners: FramePoint[]; area: number; cut: boolean } | undefined;
  const coverage = new Map<string, number>();
  const onBorder = (p: FramePoint, q: FramePoint) =>
    (p.x < 2 && q.x < 2) ||
    (p.y < 2 && q.y < 2) ||
    (p.x > width - 3 && q.x > width - 3) ||
    (p.y > height - 3 && q.y > height - 3);
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const [a, b] = pairs[i]!;
      const [c, d] = pairs[j]!;
      if (angleBetween(a.theta, c.theta) < 60) continue;
      const raw = [
        intersect(a, c, cx, cy),
        intersect(a, d, cx, cy),
        intersect(b, d, cx, cy),
        intersect(b, c, cx, cy),
      ];
      if (raw.some((p) => !p)) continue;
      const corners = orderCorners(raw as FramePoint[]);
      // A document cut off by more than a fifth of the frame is not worth guiding from.
      if (
        corners.some(
          (p) => p.x < -0.2 * width || p.x > 1.2 * width || p.y < -0.2 * height || p.y > 1.2 * height,
        )
      )
        continue;
      const area = quadArea(corners);
      if (best && area <= best.area) continue;
      const covered = (p: FramePoint, q: FramePoint, least = MIN_SIDE_COVERAGE) => {
        const key = `${Math.round(p.x)},${Math.round(p.y)},${Math.round(q.x)},${Math.round(q.y)}`;
        let share = coverage.get(key);
        if (share === undefined) coverage.set(key, (share = sideCoverage(p, q, edges, width, height)));
        return share >= least;
      };
      let ok = true;
      let cut = 0;
      for (let k = 0; k < 4 && ok; k++) {
        const p = corners[k]!;
        const q = corners[(k + 1) % 4]!;
        if (onBorder(p, q)) {
          // The sides next to one out of view must really run into the frame's border:
          // their last few pixels there must be edged too (else a card near the border
          // would "extend" to it).
          const before = corners[(k + 3) % 4]!;
          const after = corners[(k + 2) % 4]!;
          ok =
            covered(towards(p, before, BORDER_RUN), p, 0.9) && covered(q, towards(q, after, BORDER_RUN), 0.9);
          cut++;
          continue;
        }
        ok = covered(p, q);
      }
      // At most two sides may be out of view (a card off a corner of the frame); the frame itself is no card.
      if (ok && cut <= 2) best = { corners, area, cut: cut > 0 };
    }
  }
  if (!best) return undefined;
  return describe(best.corners, width, height, guide, best.cut);
}

/** Top-left, top-right, bottom-right, bottom-left. */
function orderCorners(points: FramePoint[]): FramePoint[] {
  const mx = points.reduce((s, p) => s + p.x, 0) / 4;
  const my = points.reduce((s, p) => s + p.y, 0) / 4;
  const sorted = [...points].sort((p, q) => Math.atan2(p.y - my, p.x - mx) - Math.atan2(q.y - my, q.x - mx));
  // Sorted clockwise on screen (y down) from the left; start at the one nearest the top-left.
  let start = 0;
  for (let k = 1; k < 4; k++)
    if (sorted[k]!.x + sorted[k]!.y < sorted[start]!.x + sorted[start]!.y) start = k;
  return [0, 1, 2, 3].map((k) => sorted[(start + k) % 4]!);
}

/** The point `distance` px from `p` towards `q`. */
function towards(p: FramePoint, q: FramePoint, distance: number): FramePoint {
  const t = distance / Math.max(1e-6, Math.hypot(q.x - p.x, q.y - p.y));
  return { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
}

function quadArea(c: readonly FramePoint[]): number {
  let twice = 0;
  for (let k = 0; k < 4; k++) twice += c[k]!.x * c[(k + 1) % 4]!.y - c[(k + 1) % 4]!.x * c[k]!.y;
  return Math.abs(twice) / 2;
}

function describe(
  c: FramePoint[],
  width: number,
  height: number,
  guide: GuideRect,
  cut: boolean,
): DocumentOutline {
  const len = (p: FramePoint, q: FramePoint) => Math.hypot(q.x - p.x, q.y - p.y);
  const dir = (p: FramePoint, q: FramePoint) => (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;
  const [tl, tr, br, bl] = c as [FramePoint, FramePoint, FramePoint, FramePoint];
  const horizontal = (len(tl, tr) + len(bl, br)) / 2;
  const vertical = (len(tl, bl) + len(tr, br)) / 2;
  const aspect = Math.max(horizontal, vertical) / Math.max(1e-6, Math.min(horizontal, vertical));
  const near = (target: number) => Math.abs(aspect / target - 1) <= ASPECT_TOLERANCE;
  const shape: DocumentShape = near(ID1_ASPECT) ? 'id-1' : near(PASSPORT_ASPECT) ? 'passport' : 'unknown';
  const opposite = Math.max(
    angleBetween(dir(tl, tr), dir(bl, br)) % 180,
    angleBetween(dir(tl, bl), dir(tr, br)) % 180,
  );
  const rotation = angleBetween((dir(tl, tr) + dir(bl, br)) / 2, 0);
  const guideArea = guide.width * width * guide.height * height;
  const mx = (tl.x + tr.x + br.x + bl.x) / 4;
  const my = (tl.y + tr.y + br.y + bl.y) / 4;
  const margin = INSIDE_MARGIN;
  const corners = c.map((p) => ({ x: round(p.x / width, 4), y: round(p.y / height, 4) }));
  return {
    corners: corners as DocumentOutline['corners'],
    aspect: round(aspect, 3),
    shape,
    fill: round(Math.sqrt(quadArea(c) / guideArea), 3),
    offset: {
      x: round((mx / width - (guide.x + guide.width / 2)) / guide.width, 3),
      y: round((my / height - (guide.y + guide.height / 2)) / guide.height, 3),
    },
    inside:
      !cut &&
      corners.every((p) => p.x >= -margin && p.x <= 1 + margin && p.y >= -margin && p.y <= 1 + margin),
    tilt: round(Math.max(opposite, rotation), 1),
  };
}

type Region = { x0: number; y0: number; x1: number; y1: number };

/** The document's box, pulled in by a tenth so the background at its border stays out. */
function regionOf(corners: readonly FramePoint[], width: number, height: number): Region {
  const xs = corners.map((p) => p.x * width);
  const ys = corners.map((p) => p.y * height);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const ix = (x1 - x0) / 10;
  const iy = (y1 - y0) / 10;
  return {
    x0: Math.max(0, Math.round(x0 + ix)),
    y0: Math.max(0, Math.round(y0 + iy)),
    x1: Math.min(width, Math.round(x1 - ix)),
    y1: Math.min(height, Math.round(y1 - iy)),
  };
}

/** Variance of the 4-neighbour Laplacian over a region: focus blur flattens it. */
export function laplacianVariance(luma: Uint8Array, width: number, region: Region): number {
  const height = luma.length / width;
  const x0 = Math.max(1, region.x0);
  const y0 = Math.max(1, region.y0);
  const x1 = Math.min(width - 1, region.x1);
  const y1 = Math.min(height - 1, region.y1);
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = y * width + x;
      const v = luma[p - 1]! + luma[p + 1]! + luma[p - width]! + luma[p + width]! - 4 * luma[p]!;
      sum += v;
      sq += v * v;
      n++;
    }
  }
  if (!n) return 0;
  const mean = sum / n;
  return sq / n - mean * mean;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Side of the grey thumbnail kept to measure motion. */
const MOTION_SIZE = 32;
/**
 * Motion compares with the oldest frame at most this long ago (the "about 500 ms",
 * shortened so that a card held still is "ready" soon: this plus the guidance's
 * readyHoldMs is the least delay from the first still frame to the shutter) ...
 */
const MOTION_WINDOW_MS = 400;
/** ... and needs one at least this old. */
const MOTION_MIN_AGE_MS = 200;

/**
 * Keeps small grey thumbnails of recent frames and says how much the picture changed
 * over the last ~400 ms (mean luma difference, 0..1). State lives here, not in the
 * analysis, so that `analyzeFrame` stays pure.
 */
export class MotionHistory {
  #frames: { time: number; thumb: Float32Array }[] = [];

  /** Adds a frame taken at `time` (ms, any clock) and returns its motion, if it can be told yet. */
  add(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, time: number): number | undefined {
    const thumb = new Float32Array(MOTION_SIZE * MOTION_SIZE);
    const counts = new Uint16Array(MOTION_SIZE * MOTION_SIZE);
    for (let y = 0; y < height; y++) {
      const ty = Math.floor((y * MOTION_SIZE) / height) * MOTION_SIZE;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const cell = ty + Math.floor((x * MOTION_SIZE) / width);
        thumb[cell]! += (54 * rgba[i]! + 183 * rgba[i + 1]! + 19 * rgba[i + 2]!) / 256;
        counts[cell]!++;
      }
    }
    for (let k = 0; k < thumb.length; k++) thumb[k]! /= Math.max(1, counts[k]!);
    this.#frames = this.#frames.filter((f) => f.time < time && time - f.time <= 2 * MOTION_WINDOW_MS);
    // The oldest frame in the window that is old enough; when frames come about as far
    // apart as the minimum age (a busy page), the one just before the window, else one
    // frame in three would have none (test/image-frame.test.ts, "~200 ms apart").
    const old = this.#frames.filter((f) => time - f.time >= MOTION_MIN_AGE_MS);
    const reference = old.find((f) => time - f.time <= MOTION_WINDOW_MS) ?? old.at(-1);
    this.#frames.push({ time, thumb });
    if (!reference) return undefined;
    let diff = 0;
    for (let k = 0; k < thumb.length; k++) diff += Math.abs(thumb[k]! - reference.thumb[k]!);
    return round(diff / thumb.length / 255, 4);
  }

  /** Forgets every frame (a new capture, a camera switch). */
  clear(): void {
    this.#frames = [];
  }
}

/** One camera's live analysis: `analyzeFrame` plus the motion history between frames. */
export interface FrameAnalyzer {
  /** Analyses a frame taken at `time` (ms), `motion` included once there is history. */
  analyze(
    rgba: Uint8ClampedArray | Uint8Array,
    width: number,
    height: number,
    time: number,
    options?: AnalyzeOptions,
  ): FrameAnalysis;
  /** The same in slices, yielding between passes (main-thread fallback). */
  analyzeSliced(
    rgba: Uint8ClampedArray | Uint8Array,
    width: number,
    height: number,
    time: number,
    yieldNow: () => Promise<void>,
    options?: AnalyzeOptions,
  ): Promise<FrameAnalysis>;
  /** Forgets the history (a retake, a camera switch). */
  reset(): void;
}

export function createFrameAnalyzer(): FrameAnalyzer {
  const history = new MotionHistory();
  const withMotion = (analysis: FrameAnalysis, motion: number | undefined) =>
    motion === undefined ? analysis : { ...analysis, motion };
  return {
    analyze(rgba, width, height, time, options) {
      return withMotion(analyzeFrame(rgba, width, height, options), history.add(rgba, width, height, time));
    },
    async analyzeSliced(rgba, width, height, time, yieldNow, options) {
      const analysis = await analyzeFrameSliced(rgba, width, height, yieldNow, options);
      return withMotion(analysis, history.add(rgba, width, height, time));
    },
    reset: () => history.clear(),
  };
}
