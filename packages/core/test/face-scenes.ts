// Camera-sized scenes made from the public-domain face (e2e/fixtures/face-astronaut.png,
// 512x512): none, two side by side, one small, one well framed, and the whole portrait
// stretched to 640x480 (the e2e suite's usual face feed). Drawn on a canvas here; the e2e
// suite composes its scenes in Node (e2e/tests/face-scenes.ts).
import faceUrl from '../../../e2e/fixtures/face-astronaut.png?url';

export type Scene = 'empty' | 'two' | 'small' | 'framed' | 'stretched';

let face: Promise<ImageBitmap> | undefined;

function facePicture(): Promise<ImageBitmap> {
  face ??= fetch(faceUrl)
    .then((r) => r.blob())
    .then((b) => createImageBitmap(b));
  return face;
}

/** A 640x480 frame of `scene` on a plain grey-blue wall. */
export async function drawScene(scene: Scene): Promise<HTMLCanvasElement> {
  const picture = await facePicture();
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#7f8a96';
  ctx.fillRect(0, 0, 640, 480);
  if (scene === 'two') {
    ctx.drawImage(picture, 5, 60, 310, 310);
    ctx.drawImage(picture, 325, 60, 310, 310);
  } else if (scene === 'small') {
    ctx.drawImage(picture, 157, 83, 380, 380);
  } else if (scene === 'stretched') {
    ctx.drawImage(picture, 0, 0, 640, 480);
  } else if (scene === 'framed') {
    ctx.drawImage(picture, 62, 28, 600, 600);
  }
  return canvas;
}
