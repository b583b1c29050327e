// Calibration of the quality thresholds on real pixels: a specimen ID card photographed
// crisp, out of focus, in the dark, washed out, with a reflection, and from too far.
// The thresholds live in src/image/limits.ts; these images are what they were set on.
import { beforeAll, describe, expect, test } from 'vitest';
import { prepareImage, type QualityReport } from '../src/image/index.ts';
import { THRESHOLDS } from '../src/image/limits.ts';
import { drawCard, filtered, withGlare } from './image-fixtures.ts';

const reports: Record<string, QualityReport> = {};

async function report(name: string, canvas: HTMLCanvasElement, kind: 'document' | 'selfie' = 'document') {
  reports[name] = (await prepareImage(canvas, { kind })).quality;
  return reports[name];
}

let card: HTMLCanvasElement;
beforeAll(() => {
  card = drawCard(2400); // a 2400x1600 phone frame, card filling 80% of its width
});

describe('a good photo', () => {
  test('a crisp, well-lit card has no issues', async () => {
    const q = await report('sharp', card);
    expect(q.issues).toEqual([]);
    expect(q.sharpness).toBeGreaterThan(THRESHOLDS.minSharpness + 0.2);
  });

  test('a slight softness (1 px blur) is not called blurry', async () => {
    expect((await report('blur1', filtered(card, 'blur(1px)'))).issues).toEqual([]);
  });

  test('a small reflection (about 1% of the frame) is tolerated', async () => {
    expect((await report('glare1', withGlare(card, 0.01))).issues).toEqual([]);
  });
});

describe('photos to retake', () => {
  test('out of focus (4 px blur): blurry, and only that', async () => {
    const q = await report('blur4', filtered(card, 'blur(4px)'));
    expect(q.issues).toEqual(['blurry']);
    expect(q.sharpness).toBeLessThan(reports.sharp!.sharpness - 0.3);
  });

  test('in the dark: too_dark, and still sharp', async () => {
    const q = await report('dark', filtered(card, 'brightness(0.4)'));
    expect(q.issues).toEqual(['too_dark']);
    expect(q.sharpness).toBeCloseTo(reports.sharp!.sharpness, 1);
  });

  test('washed out: too_bright', async () => {
    const q = await report('washed', filtered(card, 'contrast(0.3) brightness(1.8)'));
    expect(q.issues).toContain('too_bright');
  });

  test('a reflection over a tenth of the card: glare', async () => {
    const q = await report('glare', withGlare(card, 0.04));
    expect(q.issues).toEqual(['glare']);
  });

  test('taken from too far (card 320 px wide): low_resolution', async () => {
    const q = await report('tiny', drawCard(320));
    expect(q.issues).toEqual(['low_resolution']);
  });

  test('a selfie from a 640x480 camera is enough; a 320x240 one is not', async () => {
    expect((await report('selfie640', drawCard(640), 'selfie')).issues).not.toContain('low_resolution');
    expect((await report('selfie320', drawCard(320), 'selfie')).issues).toContain('low_resolution');
  });
});

test('calibration table', () => {
  // Printed so that a threshold change can be judged against the whole set.
  const rows = Object.entries(reports).map(
    ([name, q]) =>
      `${name.padEnd(10)} sharp ${q.sharpness.toFixed(3)} bright ${q.brightness.toFixed(3)} glare ${q.glare.toFixed(3)} ${q.width}x${q.height} [${q.issues.join(' ')}]`,
  );
  console.log(rows.join('\n'));
  expect(Object.keys(reports).length).toBeGreaterThan(8);
});
