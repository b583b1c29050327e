// The candidate under measurement, in its own module so that Vite puts it (and the
// tfjs it bundles) in a chunk of its own, as the widget would load it lazily.
import { nets, TinyFaceDetectorOptions, detectAllFaces, tf } from '@vladmandic/face-api';

// The package's types declare only part of the tfjs it bundles; these three are in it at run time.
const engine = tf as unknown as {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** Picks `backend` (false if it cannot run here) and loads the tiny detector's weights from `modelUrl`. */
export async function prepare(backend: string, modelUrl: string): Promise<boolean> {
  const ok = await engine.setBackend(backend).catch(() => false);
  if (!ok) return false;
  await engine.ready();
  if (!nets.tinyFaceDetector.isLoaded) await nets.tinyFaceDetector.loadFromUri(modelUrl);
  return true;
}

/** Faces in `input`, with the detector's input size (a multiple of 32). */
export async function detect(input: HTMLCanvasElement, inputSize: number): Promise<Box[]> {
  const found = await detectAllFaces(input, new TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 }));
  return found.map(({ box, score }) => ({ x: box.x, y: box.y, width: box.width, height: box.height, score }));
}

export function backendName(): string {
  return engine.getBackend();
}
