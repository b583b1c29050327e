// The document screen's viewfinder (capture-step/live-guidance.ts): the guide the applicant
// sees must be the guide the analysis measures against, whatever the camera's aspect.
import { describe, expect, it } from 'vitest';
import { BOX_WIDTH, viewfinderLayout } from '../src/components/capture-step/live-guidance.ts';
import { captureGuideEn } from '../src/components/capture-step/guide-strings.ts';
import ko from '../src/i18n/locales/ko.ts';

const ID1 = 85.6 / 53.98;

describe('viewfinderLayout', () => {
  it('holds a landscape 16:9 feed to a 4:3 box and puts the guide in the middle 3/4 of the frame', () => {
    const { aspect, box, guide } = viewfinderLayout(1280, 720);
    expect(aspect).toBeCloseTo(4 / 3);
    expect(box.width / box.height).toBeCloseTo(ID1);
    expect(box.width).toBeCloseTo(0.84 * BOX_WIDTH);
    // The box shows x in [0.125, 0.875] of the frame; the guide is 84% of that, centred.
    expect(guide.width).toBeCloseTo(0.84 * 0.75);
    expect(guide.x + guide.width / 2).toBeCloseTo(0.5);
    expect(guide.y + guide.height / 2).toBeCloseTo(0.5);
    // In frame pixels the guide keeps the card's aspect.
    expect((guide.width * 1280) / (guide.height * 720)).toBeCloseTo(ID1);
  });

  it("gives a phone's portrait feed a portrait box (3:4) and keeps the guide ID-1 shaped in frame pixels", () => {
    const { aspect, guide } = viewfinderLayout(720, 1280);
    expect(aspect).toBeCloseTo(3 / 4);
    expect((guide.width * 720) / (guide.height * 1280)).toBeCloseTo(ID1);
    expect(guide.x + guide.width / 2).toBeCloseTo(0.5);
    expect(guide.y).toBeGreaterThan(0);
  });

  it('shows a 4:3 feed whole, and assumes 4:3 before the first frame', () => {
    expect(viewfinderLayout(640, 480).guide.width).toBeCloseTo(0.84);
    expect(viewfinderLayout(0, 0).aspect).toBeCloseTo(4 / 3);
  });
});

describe('guidance strings', () => {
  it('Korean has every guidance string English has in the capture chunk', () => {
    expect(Object.keys(ko.capture.guide).sort()).toEqual(Object.keys(captureGuideEn).sort());
    for (const text of Object.values(ko.capture.guide)) expect(text).toMatch(/[가-힣]/);
  });
});
