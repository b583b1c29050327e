// The guidance machine: the stabiliser (a message stays at least 1.5 s, a new one must
// hold before it shows), the auto-capture decision (ready held for a short window, the
// sharpest recent frame taken) and the hint after 10 s without "ready". The clock is the
// frames' own time stamps.
import { describe, expect, it } from 'vitest';
import { createFrameAnalyzer, type DocumentOutline, type FrameAnalysis } from '../src/image/frame.ts';
import {
  GUIDANCE_LIMITS,
  nextGuidance,
  resumeGuidance,
  startGuidance,
  type Guidance,
  type GuidanceOptions,
  type GuidanceState,
} from '../src/image/guidance.ts';
import { cardQuad, drawFrame } from './support/frames.ts';

/** A frame whose measures call for `state` (built from the limits, not from pixels). */
function frameFor(state: GuidanceState, sharpness = 1000): FrameAnalysis {
  const document: DocumentOutline = {
    corners: [
      { x: 0.1, y: 0.2 },
      { x: 0.9, y: 0.2 },
      { x: 0.9, y: 0.8 },
      { x: 0.1, y: 0.8 },
    ],
    aspect: 1.586,
    shape: 'id-1',
    fill: 1,
    offset: { x: 0, y: 0 },
    inside: true,
    tilt: 0,
  };
  const base: FrameAnalysis = {
    width: 480,
    height: 360,
    document,
    sharpness,
    brightness: 0.6,
    glare: 0,
    motion: 0,
  };
  const L = GUIDANCE_LIMITS;
  switch (state) {
    case 'too_dark':
      return { ...base, brightness: L.minBrightness / 2 };
    case 'too_bright':
      return { ...base, brightness: (1 + L.maxBrightness) / 2 };
    case 'no_document': {
      const { document: _, ...rest } = base;
      return rest;
    }
    case 'partly_outside':
      return { ...base, document: { ...document, inside: false } };
    case 'not_centred':
      return { ...base, document: { ...document, offset: { x: 2 * L.maxOffset, y: 0 } } };
    case 'too_far':
      return { ...base, document: { ...document, fill: L.minFill / 2 } };
    case 'too_close':
      return { ...base, document: { ...document, fill: L.maxFill * 1.1 } };
    case 'tilted':
      return { ...base, document: { ...document, tilt: 2 * L.maxTilt } };
    case 'hold_still':
      return { ...base, motion: 2 * L.maxMotion };
    case 'glare':
      return { ...base, glare: 2 * L.maxGlare };
    case 'blurred':
      return { ...base, sharpness: L.minSharpness / 2 };
    case 'ready':
      return base;
  }
}

/** Feeds `state` every `every` ms from `from` to `to` (exclusive); returns every step. */
function run(
  g: Guidance,
  state: GuidanceState,
  from: number,
  to: number,
  every = 100,
  sharpness?: (t: number) => number,
) {
  const steps: Guidance[] = [];
  for (let time = from; time < to; time += every) {
    g = nextGuidance(g, { time, id: time, analysis: frameFor(state, sharpness?.(time)) });
    steps.push(g);
  }
  return { g, steps };
}

describe('guidance state of a frame', () => {
  it('has a frame for each state, each judged as that state', () => {
    const states: GuidanceState[] = [
      'too_dark',
      'too_bright',
      'no_document',
      'partly_outside',
      'not_centred',
      'too_far',
      'too_close',
      'tilted',
      'hold_still',
      'glare',
      'blurred',
      'ready',
    ];
    for (const state of states) {
      const g = nextGuidance(startGuidance(0), { time: 0, analysis: frameFor(state) });
      expect(g.raw, state).toBe(state);
    }
  });
});

describe('stabiliser', () => {
  it('shows a new message once it has held for 300 ms, and says so once', () => {
    const { steps } = run(startGuidance(0), 'too_far', 0, 600);
    expect(steps.map((s) => s.shown)).toEqual([
      'no_document',
      'no_document',
      'no_document',
      'too_far',
      'too_far',
      'too_far',
    ]);
    expect(steps.filter((s) => s.changed)).toHaveLength(1);
    expect(steps[3]!.changed).toBe(true);
  });

  it('keeps a message on screen at least 1.5 s, whatever the frames say meanwhile', () => {
    let { g } = run(startGuidance(0), 'too_far', 0, 400); // too_far shown at 300
    expect(g.shown).toBe('too_far');
    const after = run(g, 'blurred', 400, 1800);
    expect(after.steps.every((s) => s.shown === 'too_far')).toBe(true);
    g = run(after.g, 'blurred', 1800, 1900).g;
    expect(g.shown).toBe('blurred');
    expect(g.changed).toBe(true);
  });

  it('does not flicker: states that alternate every frame never replace the message', () => {
    let g = run(startGuidance(0), 'too_far', 0, 400).g;
    let changes = 0;
    for (let time = 400; time < 6000; time += 100) {
      g = nextGuidance(g, { time, analysis: frameFor(time % 200 ? 'glare' : 'blurred') });
      if (g.changed) changes++;
    }
    expect(changes).toBe(0);
    expect(g.shown).toBe('too_far');
  });
});

describe('auto-capture', () => {
  it('fires once "ready" has held 250 ms, taking the sharpest of the last frames', () => {
    let g = run(startGuidance(0), 'hold_still', 0, 1000).g;
    const sharpness = (t: number) => (t === 1100 ? 5000 : 1000);
    const ready = run(g, 'ready', 1000, 1400, 50, sharpness);
    const fired = ready.steps.filter((s) => s.capture);
    expect(fired).toHaveLength(1);
    // ready since 1000: the shutter at 1250, never before.
    const at = ready.steps.indexOf(fired[0]!);
    expect(1000 + at * 50).toBe(1250);
    expect(fired[0]!.capture).toEqual({ id: 1100 });
    g = ready.g;
    expect(g.captured).toBe(true);
    // No second shot while captured; a retake re-arms the shutter.
    expect(run(g, 'ready', 1400, 3000).steps.some((s) => s.capture)).toBe(false);
    g = resumeGuidance(g, 3000);
    expect(run(g, 'ready', 3000, 3400).steps.some((s) => s.capture)).toBe(true);
  });

  it('starts the window again when "ready" is broken by one frame', () => {
    let g = run(startGuidance(0), 'ready', 0, 200).g;
    g = nextGuidance(g, { time: 200, analysis: frameFor('blurred') });
    const { steps } = run(g, 'ready', 300, 700);
    const index = steps.findIndex((s) => s.capture);
    expect(300 + index * 100).toBe(600);
  });

  it('never fires when auto-capture is off', () => {
    const off: GuidanceOptions = { autoCapture: false };
    const { steps } = run(startGuidance(0, off), 'ready', 0, 5000);
    expect(steps.some((s) => s.capture || s.captured)).toBe(false);
    expect(steps.at(-1)!.shown).toBe('ready');
  });
});

describe('hint after 10 s without "ready"', () => {
  it('turns on at 10 s and stays on until a retake', () => {
    const { steps, g } = run(startGuidance(0), 'blurred', 0, 12_000);
    expect(steps.find((s) => s.hint) === steps[100]).toBe(true);
    expect(run(g, 'ready', 12_000, 12_100).g.hint).toBe(true);
    expect(resumeGuidance(g, 12_100).hint).toBe(false);
  });

  it('counts from the last "ready" frame', () => {
    let g = run(startGuidance(0), 'blurred', 0, 8000).g;
    g = nextGuidance(g, { time: 8000, analysis: frameFor('ready') });
    g = run(g, 'blurred', 8100, 17_000, 100).g;
    expect(g.hint).toBe(false);
    expect(run(g, 'blurred', 17_000, 18_100).g.hint).toBe(true);
  });
});

describe('analysis and guidance together', () => {
  it('a card that slides and then rests is captured within 700 ms of resting, from a still frame', () => {
    const analyzer = createFrameAnalyzer();
    let g = startGuidance(0);
    let shot: number | undefined;
    const restsAt = 1000;
    for (let time = 0; time <= 2000 && shot === undefined; time += 66) {
      const x = Math.min(time, restsAt) / 25 - 20;
      const frame = drawFrame({ card: cardQuad(480, 360, 0.8, 0, x, 0), noise: 3, seed: time + 1 });
      g = nextGuidance(g, { time, analysis: analyzer.analyze(frame.data, 480, 360, time) });
      if (time < restsAt) expect(g.raw).not.toBe('ready');
      if (g.capture) shot = time;
    }
    expect(shot).toBeDefined();
    expect(shot!).toBeGreaterThan(restsAt);
    expect(shot! - restsAt).toBeLessThanOrEqual(700);
    expect(g.capture!.id).toBeGreaterThanOrEqual(restsAt);
  });
});
