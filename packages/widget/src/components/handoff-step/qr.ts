// The phone's link as a QR code: uqr (a small, maintained encoder, pinned in
// package.json) gives the modules; we draw them as one SVG path. Only the handoff
// chunk imports this file, so the encoder never reaches the first screens.
import { encode } from 'uqr';

/** The dark modules of `text` as an SVG path on a `size` x `size` grid (no quiet zone). */
export function qrPath(text: string): { size: number; path: string } {
  // M: a phone camera still reads it under glare or with a smudge; the link is short.
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size, path };
}
