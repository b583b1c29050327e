// The live face gate (src/face/gate.ts) on detector outputs: boxes with scores in a
// 640x480 frame, an oval in its middle, light and sharpness as measureQuality gives them,
// and a clock the test moves. One frame's verdict for each state, then the gate over
// time: warm-up, the stabiliser, the ready window and the choice of the frame to send.
import { describe, expect, it } from 'vitest';
import {
  FACE_GATE,
  FaceGate,
  judgeFaceFrame,
  judgeStillFace,
  type FaceBox,
  type FaceFrame,
  type Rect,
} from '../src/face/index.ts';

/** The oval: 240x320 centred in a 640x480 frame (centre 320,240). */
const OVAL: Rect = { x: 200, y: 80, width: 240, height: 320 };
const GOOD_LIGHT = { brightness: 0.5, sharpness: 0.8 };

/** A face of `width` px (square box) centred at cx,cy. */
function face(width: number, cx = 320, cy = 240, score = 0.9): FaceBox {
  return { x: cx - width / 2, y: cy - width / 2, width, height: width, score };
}

function frame(faces: FaceBox[], measures: Partial<FaceFrame['measures']> = {}): FaceFrame {
  return { faces, width: 640, height: 480, measures: { ...GOOD_LIGHT, ...measures } };
}

const WELL_PLACED = face(200);

describe('judgeFaceFrame: one verdict per frame', () => {
  it('ready: one confident face filling the oval, centred, sharp, in good light', () => {
    expect(judgeFaceFrame(frame([WELL_PLACED]), OVAL)).toBe('ready');
  });

  it('no_face: nothing found, or only boxes below the score floor', () => {
    expect(judgeFaceFrame(frame([]), OVAL)).toBe('no_face');
    expect(judgeFaceFrame(frame([face(200, 320, 240, FACE_GATE.minScore - 0.01)]), OVAL)).toBe('no_face');
  });

  it('several_faces: two confident faces side by side; a weak second box does not count', () => {
    expect(judgeFaceFrame(frame([face(150, 200), face(150, 440)]), OVAL)).toBe('several_faces');
    // A box under 0.6 of the widest face's width is not a second person (a badge, a picture on the wall).
    expect(judgeFaceFrame(frame([face(200), face(110, 500, 100, 0.96)]), OVAL)).toBe('ready');
    expect(judgeFaceFrame(frame([face(200), face(125, 500, 100, 0.96)]), OVAL)).toBe('several_faces');
    expect(judgeFaceFrame(frame([WELL_PLACED, face(60, 560, 100, 0.3)]), OVAL)).toBe('ready');
  });

  it('come_closer / move_back: the face outside the size band the oval sets', () => {
    const minWidth = FACE_GATE.minFill * OVAL.width;
    const maxWidth = FACE_GATE.maxFill * OVAL.width;
    expect(judgeFaceFrame(frame([face(minWidth - 2)]), OVAL)).toBe('come_closer');
    expect(judgeFaceFrame(frame([face(minWidth + 2)]), OVAL)).toBe('ready');
    expect(judgeFaceFrame(frame([face(60)]), OVAL)).toBe('come_closer');
    expect(judgeFaceFrame(frame([face(maxWidth + 2)]), OVAL)).toBe('move_back');
    expect(judgeFaceFrame(frame([face(maxWidth - 2)]), OVAL)).toBe('ready');
  });

  it('centre_face: the right size but off the oval sideways or up/down', () => {
    const dx = FACE_GATE.maxOffset * OVAL.width;
    const dy = FACE_GATE.maxOffset * OVAL.height;
    expect(judgeFaceFrame(frame([face(200, 320 + dx + 2)]), OVAL)).toBe('centre_face');
    expect(judgeFaceFrame(frame([face(200, 320 - dx - 2)]), OVAL)).toBe('centre_face');
    expect(judgeFaceFrame(frame([face(200, 320, 240 + dy + 2)]), OVAL)).toBe('centre_face');
    expect(judgeFaceFrame(frame([face(200, 320 + dx - 2, 240 - dy + 2)]), OVAL)).toBe('ready');
  });

  it('too_dark / too_bright: the image pipeline thresholds, checked before faces (darkness hides them)', () => {
    expect(judgeFaceFrame(frame([WELL_PLACED], { brightness: FACE_GATE.minBrightness - 0.01 }), OVAL)).toBe(
      'too_dark',
    );
    expect(judgeFaceFrame(frame([], { brightness: 0.05 }), OVAL)).toBe('too_dark');
    expect(judgeFaceFrame(frame([WELL_PLACED], { brightness: FACE_GATE.maxBrightness + 0.01 }), OVAL)).toBe(
      'too_bright',
    );
  });

  it('blurred: a well-placed face below the sharpness floor', () => {
    expect(judgeFaceFrame(frame([WELL_PLACED], { sharpness: FACE_GATE.minSharpness - 0.01 }), OVAL)).toBe(
      'blurred',
    );
    expect(judgeFaceFrame(frame([WELL_PLACED], { sharpness: FACE_GATE.minSharpness }), OVAL)).toBe('ready');
  });

  it('hold_still: the face moved more than the allowed step since the previous frame', () => {
    const step = FACE_GATE.maxMove * OVAL.width;
    expect(judgeFaceFrame(frame([WELL_PLACED]), OVAL, face(200, 320 - step - 2))).toBe('hold_still');
    expect(judgeFaceFrame(frame([WELL_PLACED]), OVAL, face(200, 320 - step + 2))).toBe('ready');
  });
});

/** A gate on a clock the test moves, frames every `every` ms. */
function gateOnClock(every = 200) {
  let t = 1000;
  const gate = new FaceGate<string>({ oval: OVAL, now: () => t });
  return {
    gate,
    /** Advances the clock by one frame interval and pushes `f`. */
    push(f: FaceFrame, payload = `frame@${t + every}`) {
      t += every;
      return gate.push(f, payload);
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Pushes frames until the warm-up is over (its frame count and its time), returns the clock. */
function warmUp(clock: ReturnType<typeof gateOnClock>): void {
  for (let i = 0; i < FACE_GATE.warmUpFrames; i++) {
    expect(clock.push(frame([WELL_PLACED]))).toEqual({ guidance: undefined, verdict: undefined });
  }
}

describe('FaceGate: over time', () => {
  it('skips the warm-up frames after the camera starts, even a perfect one, and again after start()', () => {
    const clock = gateOnClock(300);
    warmUp(clock);
    expect(clock.push(frame([])).guidance).toBe('no_face');
    clock.gate.start();
    expect(clock.gate.guidance).toBeUndefined();
    warmUp(clock);
    expect(clock.push(frame([])).verdict).toBe('no_face');
  });

  it('the warm-up lasts its time too: fast frames inside warmUpMs are skipped past the frame count', () => {
    const clock = gateOnClock(50);
    for (let i = 0; i < FACE_GATE.warmUpFrames + 3; i++)
      expect(clock.push(frame([])).verdict).toBeUndefined();
    clock.advance(FACE_GATE.warmUpMs);
    expect(clock.push(frame([])).verdict).toBe('no_face');
  });

  it('a message stays at least minShowMs: a different verdict in between does not replace it', () => {
    const clock = gateOnClock(300);
    warmUp(clock);
    expect(clock.push(frame([])).guidance).toBe('no_face');
    const small = frame([face(60)]);
    const between = Math.floor(FACE_GATE.minShowMs / 300) - 1;
    for (let i = 0; i < between; i++) {
      const update = clock.push(i % 2 ? small : frame([face(150, 200), face(150, 440)]));
      expect(update.verdict).not.toBe('no_face');
      expect(update.guidance).toBe('no_face');
    }
    clock.advance(300);
    expect(clock.push(small)).toMatchObject({ guidance: 'come_closer', verdict: 'come_closer' });
  });

  it('opens after "ready" holds readyMs on several frames, and sends the sharpest of them', () => {
    const clock = gateOnClock(200);
    warmUp(clock);
    expect(clock.push(frame([face(60)])).guidance).toBe('come_closer');
    const first = clock.push(frame([WELL_PLACED], { sharpness: 0.7 }), 'a');
    expect(first).toEqual({ guidance: 'come_closer', verdict: 'ready' });
    expect(clock.push(frame([WELL_PLACED], { sharpness: 0.9 }), 'b').capture).toBeUndefined();
    expect(clock.push(frame([WELL_PLACED], { sharpness: 0.75 }), 'c').capture).toBeUndefined();
    const opened = clock.push(frame([WELL_PLACED], { sharpness: 0.8 }), 'd');
    expect(opened).toEqual({ guidance: 'ready', verdict: 'ready', capture: 'b' });
    // Once open, the gate sends nothing more until the camera starts again.
    expect(clock.push(frame([WELL_PLACED]), 'e').capture).toBeUndefined();
  });

  it('a single frame out of place restarts the ready window and drops the earlier candidates', () => {
    const clock = gateOnClock(200);
    warmUp(clock);
    clock.push(frame([WELL_PLACED], { sharpness: 0.95 }), 'sharp-but-before');
    clock.push(frame([WELL_PLACED]), 'x');
    expect(clock.push(frame([face(200, 500)])).verdict).toBe('centre_face');
    // Back in place: a jump from the last frame's face, so not still yet.
    expect(clock.push(frame([WELL_PLACED]), 'p').verdict).toBe('hold_still');
    const again = ['q', 'r', 's'].map((p) => clock.push(frame([WELL_PLACED]), p));
    expect(again.map((u) => [u.verdict, u.capture])).toEqual([
      ['ready', undefined],
      ['ready', undefined],
      ['ready', undefined],
    ]);
    // readyMs after 'q': equal sharpness, so the first of the window is sent, never 'sharp-but-before'.
    expect(clock.push(frame([WELL_PLACED]), 'u').capture).toBe('q');
  });

  it('keeps only the last bestOf ready frames as candidates', () => {
    let t = 0;
    const gate = new FaceGate<number>({ oval: OVAL, now: () => t, limits: { readyMs: 1000 } });
    const at = (ms: number, sharpness: number, payload: number) => {
      t = ms;
      return gate.push(frame([WELL_PLACED], { sharpness }), payload);
    };
    for (let i = 0; i < FACE_GATE.warmUpFrames; i++) at(600 + i, 0.8, -1);
    at(700, 0.99, 0); // sharpest, but it will have left the last bestOf by the time the gate opens
    for (let i = 1; i <= FACE_GATE.bestOf; i++)
      expect(at(700 + i * 100, 0.7 + i / 100, i).capture).toBeUndefined();
    expect(at(1800, 0.6, 99).capture).toBe(FACE_GATE.bestOf);
  });

  it('a face that moves between frames is told to hold still and never opens the gate', () => {
    const clock = gateOnClock(400);
    warmUp(clock);
    for (let i = 0; i < 10; i++) {
      const update = clock.push(frame([face(200, i % 2 ? 290 : 350)]));
      expect(update.capture).toBeUndefined();
      if (i > 0) expect(update.verdict).toBe('hold_still');
    }
    expect(clock.gate.guidance).toBe('hold_still');
  });
});

describe('judgeStillFace: an uploaded picture', () => {
  it('passes one large enough face in good light', () => {
    expect(judgeStillFace(frame([face(120, 100, 100)]))).toBe('ready');
  });
  it('says no face, several faces, or too far away', () => {
    expect(judgeStillFace(frame([]))).toBe('no_face');
    expect(judgeStillFace(frame([face(30, 100, 100, 0.4)]))).toBe('no_face');
    expect(judgeStillFace(frame([face(120, 150), face(120, 450)]))).toBe('several_faces');
    // A confident but small box beside the face (a badge on a jacket, measured: 0.53 of the face) is not a second face.
    expect(judgeStillFace(frame([face(120, 150), face(64, 450, 240, 0.96)]))).toBe('ready');
    expect(judgeStillFace(frame([face(120, 150), face(73, 450, 240, 0.96)]))).toBe('several_faces');
    // 0.12 of the 480 px side is 57.6 px.
    expect(judgeStillFace(frame([face(57)]))).toBe('come_closer');
    expect(judgeStillFace(frame([face(58)]))).toBe('ready');
  });
  it('judges the light first', () => {
    expect(judgeStillFace(frame([], { brightness: 0.01 }))).toBe('too_dark');
    expect(judgeStillFace(frame([face(120)], { brightness: 0.99 }))).toBe('too_bright');
  });
});
