// The handoff's QR code (handoff-step/qr.ts): the encoder's modules drawn as one SVG
// path. What a phone camera needs: the three finder patterns in their corners, one
// square per dark module and nothing else, a code small enough for a link of our
// length to stay coarse on a screen, and a different picture for each code.
import { describe, expect, it } from 'vitest';
import { qrPath } from '../src/components/handoff-step/qr.ts';

const LINK = 'https://shop.example/kyc-phone?code=Qm9uam91ciBsZSBtb25kZSAh';

/** The dark squares of a path, as "x,y". */
function squares(path: string): Set<string> {
  const found = [...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`);
  expect(found.join('').length).toBeGreaterThan(0);
  // Nothing but unit squares in the path.
  expect(path.replace(/M\d+ \d+h1v1h-1z/g, '')).toBe('');
  return new Set(found);
}

/** A 7x7 finder pattern (dark ring, light ring, 3x3 dark centre) with its corner at x0,y0. */
function hasFinder(dark: Set<string>, x0: number, y0: number): boolean {
  for (let y = 0; y < 7; y++)
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      const shouldBeDark = ring !== 2;
      if (dark.has(`${x0 + x},${y0 + y}`) !== shouldBeDark) return false;
    }
  return true;
}

describe('the handoff QR code', () => {
  it('draws a readable code: three finder patterns, unit squares only, a small version', () => {
    const { size, path } = qrPath(LINK);
    const dark = squares(path);
    // Version 3 or 4 (29 or 33 modules) for a 60-character link at level M.
    expect(size).toBeGreaterThanOrEqual(29);
    expect(size).toBeLessThanOrEqual(33);
    expect(hasFinder(dark, 0, 0)).toBe(true);
    expect(hasFinder(dark, size - 7, 0)).toBe(true);
    expect(hasFinder(dark, 0, size - 7)).toBe(true);
    expect(hasFinder(dark, size - 7, size - 7)).toBe(false);
    for (const square of dark) {
      const [x, y] = square.split(',').map(Number);
      expect(x! < size && y! < size).toBe(true);
    }
  });

  it('gives each code its own picture, and the same code the same one', () => {
    expect(qrPath(LINK).path).toBe(qrPath(LINK).path);
    expect(qrPath(LINK.replace('Qm9u', 'Zm9v')).path).not.toBe(qrPath(LINK).path);
  });
});
