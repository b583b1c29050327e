// Guidance for document capture: what to tell the applicant about each analysed frame,
// a stabiliser so that the message on screen does not flicker, and the auto-capture
// decision. Pure functions of (state, frame); the caller supplies every time stamp, so
// tests drive the clock.
import type { FrameAnalysis } from './frame.ts';
import { THRESHOLDS } from './limits.ts';

/** What the applicant is told, most urgent first (`judgeFrame` picks the first that applies). */
export type GuidanceState =
  | 'too_dark'
  | 'too_bright'
  | 'no_document'
  | 'partly_outside'
  | 'not_centred'
  | 'too_far'
  | 'too_close'
  | 'tilted'
  | 'hold_still'
  | 'glare'
  | 'blurred'
  | 'ready';

/**
 * Limits that turn a frame's measures into a guidance state. Sharpness and motion are
 * calibrated on synthetic 480 px frames of the specimen card in
 * test/image-frame.test.ts (it prints the measures it sees).
 */
export const GUIDANCE_LIMITS = {
  /** Mean luma (0..1) of the document, or of the frame when none is found. */
  minBrightness: THRESHOLDS.minBrightness,
  maxBrightness: THRESHOLDS.maxBrightness,
  /** The document's size next to the guide (`fill`): below is too far, above too close. */
  minFill: 0.75,
  maxFill: 1.12,
  /** Largest distance of the document's centre from the guide's, in guide widths/heights. */
  maxOffset: 0.12,
  /** Degrees off square (rotation or perspective) still accepted. */
  maxTilt: 8,
  /** Mean luma change over ~0.4 s (0..1) still read as holding still. */
  maxMotion: 0.012,
  /** Share of the document under highlights. */
  maxGlare: THRESHOLDS.maxGlare.document,
  /** Variance of the Laplacian at 480 px below which the document is blurred. */
  minSharpness: 350,
};

export type GuidanceLimits = typeof GUIDANCE_LIMITS;

/** The guidance state one frame calls for, before stabilising. */
export function judgeFrame(frame: FrameAnalysis, limits: GuidanceLimits = GUIDANCE_LIMITS): GuidanceState {
  if (frame.brightness < limits.minBrightness) return 'too_dark';
  if (frame.brightness > limits.maxBrightness) return 'too_bright';
  const doc = frame.document;
  if (!doc) return 'no_document';
  if (!doc.inside) return doc.fill > limits.maxFill ? 'too_close' : 'partly_outside';
  if (Math.abs(doc.offset.x) > limits.maxOffset || Math.abs(doc.offset.y) > limits.maxOffset)
    return 'not_centred';
  if (doc.fill < limits.minFill) return 'too_far';
  if (doc.fill > limits.maxFill) return 'too_close';
  // A card-like outline of the wrong aspect is mostly a card seen at a slant.
  if (doc.tilt > limits.maxTilt || doc.shape === 'unknown') return 'tilted';
  if (frame.motion === undefined || frame.motion > limits.maxMotion) return 'hold_still';
  if (frame.glare > limits.maxGlare) return 'glare';
  if (frame.sharpness < limits.minSharpness) return 'blurred';
  return 'ready';
}

/** Timings of the stabiliser and the auto-capture. */
export interface GuidanceOptions {
  /** A message stays on screen at least this long (ms). Default 1500. */
  minShowMs?: number;
  /** A new message must hold this long before it replaces the shown one (ms). Default 300. */
  confirmMs?: number;
  /** "ready" must hold this long before the shutter fires (ms). Default 250. */
  readyHoldMs?: number;
  /** The shutter takes the sharpest of this many last "ready" frames. Default 5. */
  bestOf?: number;
  /** Without a "ready" frame for this long, `hint` turns on (offer the manual shutter, upload). Default 10000. */
  hintAfterMs?: number;
  /** `false`: never fire the shutter (the integrator's `auto-capture="off"`). Default true. */
  autoCapture?: boolean;
  limits?: GuidanceLimits;
}

/** One analysed frame, as the guidance sees it. */
export interface GuidanceFrame {
  /** When the frame was taken (ms, any monotonic clock). */
  time: number;
  /** The caller's name for the frame, returned in `capture` (defaults to `time`). */
  id?: number;
  analysis: FrameAnalysis;
}

/** The guidance after a frame: render `shown`, announce when `changed`, shoot on `capture`. */
export interface Guidance {
  /** The message on screen. */
  readonly shown: GuidanceState;
  /** True on the frame where `shown` changed: say it once in the polite live region. */
  readonly changed: boolean;
  /** The state this frame alone called for. */
  readonly raw: GuidanceState;
  /** Set on the one frame where the shutter fires: the id of the sharpest recent "ready" frame. */
  readonly capture?: { id: number };
  /** True once the shutter has fired, until `resumeGuidance`. */
  readonly captured: boolean;
  /** No "ready" for `hintAfterMs`: offer the manual shutter and the upload path. Stays on until resumed. */
  readonly hint: boolean;
  readonly internal: {
    readonly options: Required<GuidanceOptions>;
    readonly shownSince: number;
    readonly candidate?: GuidanceState;
    readonly candidateSince: number;
    readonly readySince?: number;
    readonly lastReadyAt: number;
    readonly readyFrames: readonly { id: number; time: number; sharpness: number }[];
  };
}

const DEFAULTS: Required<GuidanceOptions> = {
  minShowMs: 1500,
  confirmMs: 300,
  readyHoldMs: 250,
  bestOf: 5,
  hintAfterMs: 10_000,
  autoCapture: true,
  limits: GUIDANCE_LIMITS,
};

/** Guidance at the moment the camera starts (`time`): "no document", nothing captured. */
export function startGuidance(time: number, options: GuidanceOptions = {}): Guidance {
  const all = { ...DEFAULTS, ...options };
  return {
    shown: 'no_document',
    changed: false,
    raw: 'no_document',
    captured: false,
    hint: false,
    // The first real message need not wait out a placeholder's minimum time.
    internal: {
      options: all,
      shownSince: time - all.minShowMs,
      candidateSince: time,
      lastReadyAt: time,
      readyFrames: [],
    },
  };
}

/** After a retake: guide again from `time`, the shutter armed, the hint off. */
export function resumeGuidance(previous: Guidance, time: number): Guidance {
  const next = startGuidance(time, previous.internal.options);
  return { ...next, shown: previous.shown, raw: previous.shown };
}

/** The guidance after one more frame. */
export function nextGuidance(previous: Guidance, frame: GuidanceFrame): Guidance {
  const { options, ...was } = previous.internal;
  const { time } = frame;
  const raw = judgeFrame(frame.analysis, options.limits);

  // Stabiliser: a new message must hold for confirmMs, and the shown one must have had its minShowMs.
  let shown = previous.shown;
  let shownSince = was.shownSince;
  let candidate: GuidanceState | undefined = raw === shown ? undefined : raw;
  const candidateSince = raw === was.candidate ? was.candidateSince : time;
  let changed = false;
  if (candidate && time - candidateSince >= options.confirmMs && time - shownSince >= options.minShowMs) {
    shown = candidate;
    shownSince = time;
    candidate = undefined;
    changed = true;
  }

  // Auto-capture: "ready" held for readyHoldMs; take the sharpest of the last few ready frames.
  const ready = raw === 'ready';
  const readySince = ready ? (was.readySince ?? time) : undefined;
  const id = frame.id ?? time;
  const readyFrames = ready
    ? [...was.readyFrames, { id, time, sharpness: frame.analysis.sharpness }].slice(-options.bestOf)
    : [];
  const lastReadyAt = ready ? time : was.lastReadyAt;
  let capture: { id: number } | undefined;
  let captured = previous.captured;
  if (
    options.autoCapture &&
    !captured &&
    readySince !== undefined &&
    time - readySince >= options.readyHoldMs
  ) {
    const sharpest = readyFrames.reduce((best, f) => (f.sharpness > best.sharpness ? f : best));
    capture = { id: sharpest.id };
    captured = true;
  }
  const hint = previous.hint || (!captured && time - lastReadyAt >= options.hintAfterMs);
  return {
    shown,
    changed,
    raw,
    ...(capture ? { capture } : {}),
    captured,
    hint,
    internal: {
      options,
      shownSince,
      ...(candidate ? { candidate } : {}),
      candidateSince,
      ...(readySince !== undefined ? { readySince } : {}),
      lastReadyAt,
      readyFrames,
    },
  };
}
