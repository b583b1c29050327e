// What both face detector workers do (issue 13): worker.ts (face-api's own bundle, tfjs on
// WebGL through OffscreenCanvas where the worker has it, else its CPU backend) and
// worker-wasm.ts (face-api on tfjs-core and its WASM backend only). Each is a same-origin
// module file, never a blob: URL, so a strict CSP allows it with `script-src 'self'`. The
// detector runs off the main thread: one detection is a 40 ms to 2 s task here, which on the
// page would freeze the selfie screen. Which worker runs where: detector.ts.
import type * as FaceApi from '@vladmandic/face-api';
import manifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import { pixelReader } from '../image/pixels.ts';
import { measureQuality } from '../image/quality.ts';
import type { FaceBox } from './gate.ts';
import { BUNDLED_MODEL } from './model.ts';
import {
  FACE_INPUT_SIZE,
  type FaceModelSource,
  type FaceWasmFiles,
  type FromFaceWorker,
  type ToFaceWorker,
} from './protocol.ts';

/** The parts of face-api a worker runs (either build of it: the same API). */
export type FaceApiKit = Pick<typeof FaceApi, 'env' | 'nets' | 'tf' | 'TinyFaceDetectorOptions'>;

/**
 * Chooses and starts the worker's tfjs backend; answers its name, or why none runs. The
 * WASM worker is given the `.wasm` files the page names (`wasm`) first.
 */
export type PickBackend = (wasm: FaceWasmFiles | undefined) => Promise<string | { reason: string }>;

// The package's types declare only part of the tfjs it bundles; these are in it at run time.
interface Tensor {
  dispose(): void;
}
export interface Engine {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  browser: { fromPixels(pixels: ImageData): Tensor };
  io: { decodeWeights(buffer: ArrayBuffer, specs: unknown): Record<string, Tensor> };
}

const scope = self as unknown as {
  postMessage(message: FromFaceWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToFaceWorker>) => void): void;
};

/**
 * A file's bytes (the weights, a .wasm): fetched, or decoded when a bundler inlined them,
 * and checked against the pin when there is one (the widget's builds pin both: a bundler
 * that renames or inlines the file keeps its content, so the pin holds); else why not.
 */
export async function fetchPinned(model: FaceModelSource): Promise<ArrayBuffer | string> {
  if (model.url.startsWith('data:')) {
    // Inlined by a bundler: no request at all (a `connect-src 'self'` CSP would refuse fetching data:).
    const bytes = Uint8Array.from(atob(model.url.slice(model.url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    return model.integrity && !(await matchesPin(bytes, model.integrity)) ? 'refused' : bytes.buffer;
  }
  let response: Response;
  try {
    response = await fetch(model.url, model.integrity ? { integrity: model.integrity } : {});
  } catch {
    return 'refused';
  }
  return response.ok ? response.arrayBuffer() : 'missing';
}

/** Whether `bytes` hash to `integrity` (`sha384-<base64>`, what fetch's `integrity` checks). */
async function matchesPin(bytes: Uint8Array<ArrayBuffer>, integrity: string): Promise<boolean> {
  const [algorithm, expected] = integrity.split('-', 2);
  if (algorithm !== 'sha384' || !expected || !crypto.subtle) return false;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return btoa(String.fromCharCode(...digest)) === expected;
}

/** Answers the page's messages (protocol.ts) with `api`'s tiny face detector on the backend `pickBackend` starts. */
export function runFaceWorker(api: FaceApiKit, pickBackend: PickBackend): void {
  const { env, nets, TinyFaceDetectorOptions } = api;
  const engine = api.tf as unknown as Engine;
  // face-api looks for a window and a document; a worker has neither, and needs none of them
  // here (it is given tensors, and the weights below), so it is told the worker's own kit.
  class Missing {
    constructor() {
      throw new Error('not available in the face worker');
    }
  }
  env.setEnv({
    Canvas: OffscreenCanvas as unknown as typeof HTMLCanvasElement,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D as unknown as typeof CanvasRenderingContext2D,
    Image: Missing as unknown as typeof HTMLImageElement,
    ImageData,
    Video: Missing as unknown as typeof HTMLVideoElement,
    createCanvasElement: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement,
    createImageElement: () => new Missing() as HTMLImageElement,
    createVideoElement: () => new Missing() as HTMLVideoElement,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    readFile: () => Promise.reject(new Error('no file system in the face worker')),
  });

  let loading: Promise<FromFaceWorker> | undefined;

  const pixelsOf = pixelReader();

  async function load(
    given: FaceModelSource | undefined,
    wasm: FaceWasmFiles | undefined,
  ): Promise<FromFaceWorker> {
    const started = performance.now();
    const model = given ?? BUNDLED_MODEL;
    if (!model) return { type: 'unavailable', reason: 'no_weights' };
    const backend = await pickBackend(wasm);
    if (typeof backend !== 'string') return { type: 'unavailable', reason: backend.reason };
    const bytes = await fetchPinned(model);
    if (typeof bytes === 'string') return { type: 'unavailable', reason: `weights_${bytes}` };
    const weights = engine.io.decodeWeights(bytes, manifest[0]!.weights);
    nets.tinyFaceDetector.loadFromWeightMap(weights as never);
    // One detection on a blank frame compiles the shaders (seconds on a software GL): done
    // now, in the background, the selfie screen's first frame is answered at full speed.
    await warmUp(FACE_INPUT_SIZE);
    return { type: 'loaded', backend, ms: performance.now() - started };
  }

  /** One detection on a blank frame of `size`: the backend prepares that input size's programs. */
  async function warmUp(size: number): Promise<void> {
    const blank = new OffscreenCanvas(size, size).getContext('2d')!;
    await detect(blank.getImageData(0, 0, size, size), size);
  }

  async function detect(pixels: ImageData, inputSize = FACE_INPUT_SIZE): Promise<FaceBox[]> {
    const input = engine.browser.fromPixels(pixels);
    try {
      const found = await nets.tinyFaceDetector.locateFaces(
        input as never,
        new TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.3 }),
      );
      return found.map(({ box, score }) => ({
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        score,
      }));
    } finally {
      input.dispose();
    }
  }

  scope.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'load') {
      loading ??= load(message.model, message.wasm).catch((error: unknown): FromFaceWorker => ({
        type: 'unavailable',
        reason: error instanceof Error ? error.message.slice(0, 120) : 'load_failed',
      }));
      void loading.then((answer) => scope.postMessage(answer));
      return;
    }
    if (message.type === 'warm') {
      // An upload is coming: its larger input's programs are prepared while the applicant picks
      // the file (seconds on a software GL), not while the picture waits for its check.
      void loading
        ?.then((answer) => (answer.type === 'loaded' ? warmUp(message.inputSize) : undefined))
        .catch(() => undefined);
      return;
    }
    const { id, frame, inputSize } = message;
    const started = performance.now();
    void (async () => {
      try {
        const pixels = pixelsOf(frame);
        const faces = await detect(pixels, inputSize);
        const { brightness, sharpness } = measureQuality(pixels.data, pixels.width, pixels.height);
        scope.postMessage({
          type: 'faces',
          id,
          faces,
          width: pixels.width,
          height: pixels.height,
          brightness,
          sharpness,
          ms: performance.now() - started,
        });
      } catch (error) {
        scope.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : 'failed' });
      } finally {
        frame.close();
      }
    })();
  });
}
