// Camera scenes for the selfie's face gate (selfie-gate.spec.ts), composed from the
// public-domain face in e2e/fixtures: an empty wall, two faces side by side, one face far
// too small, one well framed in the oval. Pure pixels: nothing in them is a scenario code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeRaster, encodePng, resizeRaster, type Raster } from '@argos-kyc/sandbox';

export const FACE = decodeRaster(
  readFileSync(fileURLToPath(new URL('../fixtures/face-astronaut.png', import.meta.url))),
);

export type Scene = 'empty' | 'two' | 'small' | 'framed';

/**
 * A 640x480 camera frame: a plain wall with the 512x512 portrait drawn at `size` px with
 * its top-left at x,y (clipped at the frame's edges). The portrait's face sits at about
 * (0.43, 0.26) of it and is about 0.27 of its width.
 */
export function sceneFrame(scene: Scene): Buffer {
  const frame: Raster = { width: 640, height: 480, data: new Uint8Array(640 * 480 * 4) };
  for (let i = 0; i < frame.data.length; i += 4) frame.data.set([127, 138, 150, 255], i);
  const draw = (size: number, x0: number, y0: number) => {
    const p = resizeRaster(FACE, size, size, 'bilinear');
    for (let y = 0; y < size; y++) {
      const fy = y + y0;
      if (fy < 0 || fy >= 480) continue;
      for (let x = 0; x < size; x++) {
        const fx = x + x0;
        if (fx < 0 || fx >= 640) continue;
        frame.data.set(p.data.subarray((y * size + x) * 4, (y * size + x) * 4 + 4), (fy * 640 + fx) * 4);
      }
    }
  };
  // The oval's centre is at (320, 182) of the frame (38% of its height, see selfie-step.styles.ts).
  if (scene === 'two') {
    draw(310, 5, 60);
    draw(310, 325, 60);
  } else if (scene === 'small') {
    draw(380, 157, 83);
  } else if (scene === 'framed') {
    draw(600, 62, 28);
  }
  return encodePng(frame);
}
