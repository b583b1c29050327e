// The glare measure on real pixels in Node: the sandbox's specimen card (white border,
// white lettering: printed white, not glare) and the same card with a specular
// highlight painted on. The sandbox renderer is imported by path: a test-only use.
import { describe, expect, it } from 'vitest';
import { decodeRaster, renderSpecimenId, resizeRaster, type Raster } from '../../sandbox/src/index.ts';
import { THRESHOLDS } from '../src/image/limits.ts';
import { judgeQuality, measureGlare, measureQuality, toLuma } from '../src/image/quality.ts';

/** The card as the pipeline measures it: on a thumbnail 1024 px on its long side. */
function thumbnail(png: Uint8Array): Raster {
  const raster = decodeRaster(png);
  const scale = 1024 / Math.max(raster.width, raster.height);
  return resizeRaster(raster, Math.round(raster.width * scale), Math.round(raster.height * scale));
}

/** A specular highlight: a clipped white core with a soft halo, covering `fraction` of the frame. */
function withHighlight(raster: Raster, fraction: number, cx = 0.62, cy = 0.45): Raster {
  const data = raster.data.slice();
  const r = Math.sqrt((fraction * raster.width * raster.height) / Math.PI);
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      const d = Math.hypot(x - cx * raster.width, y - cy * raster.height) / r;
      const a = d <= 1 ? 1 : Math.max(0, 1 - (d - 1) / 0.6);
      if (!a) continue;
      const i = (y * raster.width + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! * (1 - a) + 255 * a);
    }
  }
  return { ...raster, data };
}

const glareOf = (r: Raster) => measureGlare(toLuma(r.data, r.width * r.height), r.width, r.height);
const issuesOf = (r: Raster) =>
  judgeQuality(measureQuality(r.data, r.width, r.height), r.width * 2, r.height * 2, 'document').issues;

describe('glare', () => {
  const card = thumbnail(renderSpecimenId({ width: 1000, height: 630 }));

  it('does not call a clean specimen card glary: its white border and lettering are printed white', () => {
    expect(glareOf(card)).toBeLessThan(THRESHOLDS.maxGlare.document / 2);
    expect(issuesOf(card)).toEqual([]);
  });

  it('finds a specular highlight over 4% of the card', () => {
    const glare = glareOf(withHighlight(card, 0.04));
    expect(glare).toBeGreaterThan(THRESHOLDS.maxGlare.document);
    expect(issuesOf(withHighlight(card, 0.04))).toEqual(['glare']);
  });

  it('tolerates a small reflection (0.5% of the frame)', () => {
    expect(issuesOf(withHighlight(card, 0.005))).toEqual([]);
  });

  it('leaves out a white page that fills the view, and counts a highlight on a dark desk', () => {
    const width = 400;
    const height = 300;
    const page: Raster = { width, height, data: new Uint8Array(width * height * 4).fill(255) };
    expect(glareOf(page)).toBe(0);
    const desk: Raster = { width, height, data: new Uint8Array(width * height * 4).fill(60) };
    expect(glareOf(withHighlight(desk, 0.03))).toBeGreaterThan(0.02);
  });
});
