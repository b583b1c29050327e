// The live face gate before the selfie's shutter (issue 13): turns what a face detector
// found in each camera frame, with the frame's light and sharpness measures
// (image/quality.ts), into the guidance the applicant sees, and picks the frame to send.
// Pure and clocked from outside, so it runs the same in a worker, on the main thread
// and in Node tests; it knows no detector, only boxes with scores.
import { THRESHOLDS } from '../image/limits.ts';
import type { QualityMeasures } from '../image/quality.ts';

/** What the applicant is told, one at a time, in the order the gate checks them. */
export type FaceGuidance =
  | 'too_dark'
  | 'too_bright'
  | 'no_face'
  | 'several_faces'
  | 'come_closer'
  | 'move_back'
  | 'centre_face'
  | 'blurred'
  | 'hold_still'
  | 'ready';

/** A rectangle in frame pixels (the oval's bounding box, a face's box). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One face as a detector reports it: its box in frame pixels and its confidence 0..1. */
export interface FaceBox extends Rect {
  score: number;
}

/** What the gate needs to know about one frame. */
export interface FaceFrame {
  /** Every face the detector found, in frame pixels. */
  faces: readonly FaceBox[];
  width: number;
  height: number;
  /** The frame's measures from `measureQuality` (only brightness and sharpness are read). */
  measures: Pick<QualityMeasures, 'brightness' | 'sharpness'>;
}

/** Tuning of the gate; every figure has a default in FACE_GATE. */
export interface FaceGateLimits {
  /** A box scoring below this is not a face. */
  minScore: number;
  /**
   * A box narrower than this share of the widest face is not counted: the tiny detector
   * scores a round badge on a jacket 0.96 (measured on the e2e fixture face), while a
   * second person beside the applicant is about as large as the applicant.
   */
  minFaceShare: number;
  /** Frames ignored after the camera starts (exposure and focus still settling)... */
  warmUpFrames: number;
  /** ... and for at least this long. */
  warmUpMs: number;
  /** Face width / oval width below this: come closer. */
  minFill: number;
  /** Face width / oval width above this: move back. */
  maxFill: number;
  /** Largest distance between the face's centre and the oval's, as a share of the oval's width / height. */
  maxOffset: number;
  /** Largest move of the face's centre between two frames, as a share of the oval's width: more is not still. */
  maxMove: number;
  /** Brightness (0..1) band and sharpness (0..1) floor, as the image pipeline judges them. */
  minBrightness: number;
  maxBrightness: number;
  minSharpness: number;
  /** A message stays on screen at least this long before another replaces it (no flicker). */
  minShowMs: number;
  /** "Ready" must hold on consecutive frames for this long, and on at least `minReadyFrames` frames... */
  readyMs: number;
  minReadyFrames: number;
  /** ... then the best of the last this-many ready frames is sent. */
  bestOf: number;
}

/** The defaults. Light and sharpness are the image pipeline's own thresholds. */
export const FACE_GATE: Readonly<FaceGateLimits> = {
  minScore: 0.5,
  minFaceShare: 0.6,
  warmUpFrames: 3,
  warmUpMs: 500,
  minFill: 0.55,
  maxFill: 1.05,
  // The tiny detector's box is the inner face (brows to chin), which sits off the head's centre.
  maxOffset: 0.25,
  maxMove: 0.08,
  minBrightness: THRESHOLDS.minBrightness,
  maxBrightness: THRESHOLDS.maxBrightness,
  minSharpness: THRESHOLDS.minSharpness,
  minShowMs: 1500,
  readyMs: 600,
  minReadyFrames: 2,
  bestOf: 5,
};

/** The faces a frame holds once weak boxes are dropped. */
function facesOf(frame: FaceFrame, limits: Pick<FaceGateLimits, 'minScore' | 'minFaceShare'>): FaceBox[] {
  const faces = frame.faces.filter((f) => f.score >= limits.minScore);
  const widest = Math.max(0, ...faces.map((f) => f.width));
  return faces.filter((f) => f.width >= limits.minFaceShare * widest);
}

function centre(r: Rect): { x: number; y: number } {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/**
 * This frame's verdict alone: light first (a dark frame hides faces, so "no face" would
 * mislead), then the number of faces, the face's size, its place, sharpness, and
 * stillness against the previous frame's face.
 */
export function judgeFaceFrame(
  frame: FaceFrame,
  oval: Rect,
  previousFace?: Rect,
  limits: FaceGateLimits = FACE_GATE,
): FaceGuidance {
  const { brightness, sharpness } = frame.measures;
  if (brightness < limits.minBrightness) return 'too_dark';
  if (brightness > limits.maxBrightness) return 'too_bright';
  const faces = facesOf(frame, limits);
  if (!faces.length) return 'no_face';
  if (faces.length > 1) return 'several_faces';
  const face = faces[0]!;
  const fill = face.width / oval.width;
  if (fill < limits.minFill) return 'come_closer';
  if (fill > limits.maxFill) return 'move_back';
  const c = centre(face);
  const o = centre(oval);
  if (
    Math.abs(c.x - o.x) > limits.maxOffset * oval.width ||
    Math.abs(c.y - o.y) > limits.maxOffset * oval.height
  ) {
    return 'centre_face';
  }
  if (sharpness < limits.minSharpness) return 'blurred';
  if (previousFace) {
    const p = centre(previousFace);
    if (Math.hypot(c.x - p.x, c.y - p.y) > limits.maxMove * oval.width) return 'hold_still';
  }
  return 'ready';
}

/** What one frame changed. */
export interface FaceGateUpdate<T> {
  /** The message to show, stabilised; undefined while the camera warms up. */
  guidance: FaceGuidance | undefined;
  /** This frame's own verdict (undefined while warming up), for events and tests. */
  verdict: FaceGuidance | undefined;
  /** Set once, when the gate opens: the best of the last ready frames' payloads. */
  capture?: T;
}

export interface FaceGateOptions {
  /** The oval's bounding box in frame pixels. */
  oval: Rect;
  /** Milliseconds, monotonic (performance.now in the browser). */
  now: () => number;
  limits?: Partial<FaceGateLimits>;
}

interface ReadyFrame<T> {
  payload: T;
  sharpness: number;
  score: number;
}

/**
 * The gate for one camera session. Call `start()` when the camera starts (again), then
 * `push()` each analysed frame with its payload (the frame to send if it is chosen).
 */
export class FaceGate<T> {
  private readonly limits: FaceGateLimits;
  private readonly oval: Rect;
  private readonly now: () => number;
  private startedAt = 0;
  private frames = 0;
  private shown: FaceGuidance | undefined;
  private shownAt = 0;
  private previousFace: Rect | undefined;
  private readySince: number | undefined;
  private ready: ReadyFrame<T>[] = [];
  private done = false;

  constructor(options: FaceGateOptions) {
    this.limits = { ...FACE_GATE, ...options.limits };
    this.oval = options.oval;
    this.now = options.now;
    this.start();
  }

  /** Forgets everything: the camera (re)started, warm-up begins again. */
  start(): void {
    this.startedAt = this.now();
    this.frames = 0;
    this.shown = undefined;
    this.previousFace = undefined;
    this.readySince = undefined;
    this.ready = [];
    this.done = false;
  }

  /** The message on screen now. */
  get guidance(): FaceGuidance | undefined {
    return this.shown;
  }

  /** Judges one frame; after a capture, frames are ignored until `start()`. */
  push(frame: FaceFrame, payload: T): FaceGateUpdate<T> {
    const at = this.now();
    this.frames++;
    if (this.done) return { guidance: this.shown, verdict: undefined };
    if (this.frames <= this.limits.warmUpFrames || at - this.startedAt < this.limits.warmUpMs) {
      return { guidance: undefined, verdict: undefined };
    }
    const verdict = judgeFaceFrame(frame, this.oval, this.previousFace, this.limits);
    const faces = facesOf(frame, this.limits);
    this.previousFace = faces.length === 1 ? faces[0] : undefined;

    if (verdict === 'ready') {
      this.readySince ??= at;
      this.ready.push({ payload, sharpness: frame.measures.sharpness, score: faces[0]!.score });
      if (this.ready.length > this.limits.bestOf) this.ready.shift();
    } else {
      this.readySince = undefined;
      this.ready = [];
    }

    if (
      this.readySince !== undefined &&
      at - this.readySince >= this.limits.readyMs &&
      this.ready.length >= this.limits.minReadyFrames
    ) {
      // "Ready" is stable by its own window, so it replaces any message at once.
      this.show('ready', at);
      this.done = true;
      const best = this.ready.reduce((a, b) =>
        b.sharpness > a.sharpness || (b.sharpness === a.sharpness && b.score > a.score) ? b : a,
      );
      return { guidance: 'ready', verdict, capture: best.payload };
    }

    // Until the window is met, a "ready" frame says "hold still" to the applicant.
    const wanted: FaceGuidance = verdict === 'ready' ? 'hold_still' : verdict;
    if (this.shown === undefined || at - this.shownAt >= this.limits.minShowMs) this.show(wanted, at);
    return { guidance: this.shown, verdict };
  }

  private show(guidance: FaceGuidance, at: number): void {
    if (guidance === this.shown) return;
    this.shown = guidance;
    this.shownAt = at;
  }
}

/** An uploaded picture's face narrower than this share of its shorter side is too far away. */
export const STILL_MIN_FACE = 0.12;

/**
 * The same rules for one still picture (an uploaded selfie): light, exactly one face, and
 * a face large enough. There is no oval to be centred in and no next frame, so only the
 * checks that can fail a picture on its own apply; `ready` means it may be sent.
 */
export function judgeStillFace(
  frame: FaceFrame,
  limits: Pick<FaceGateLimits, 'minScore' | 'minFaceShare' | 'minBrightness' | 'maxBrightness'> = FACE_GATE,
  minFace = STILL_MIN_FACE,
): Extract<FaceGuidance, 'too_dark' | 'too_bright' | 'no_face' | 'several_faces' | 'come_closer' | 'ready'> {
  const { brightness } = frame.measures;
  if (brightness < limits.minBrightness) return 'too_dark';
  if (brightness > limits.maxBrightness) return 'too_bright';
  const faces = facesOf(frame, limits);
  if (!faces.length) return 'no_face';
  if (faces.length > 1) return 'several_faces';
  return faces[0]!.width < minFace * Math.min(frame.width, frame.height) ? 'come_closer' : 'ready';
}
