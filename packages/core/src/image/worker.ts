// The image worker: runs the pipeline on OffscreenCanvas, off the main thread.
// Loaded as a same-origin module file (not a blob: URL) so that a strict CSP allows it.
import { ImageError } from './errors.ts';
import { createFrameAnalyzer, type FrameAnalyzer } from './frame.ts';
import { judgeFrame } from './guidance.ts';
import { pixelReader } from './pixels.ts';
import { runPipeline } from './pipeline.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const jobs = new Map<number, AbortController>();
const noYield = () => Promise.resolve();
/** One motion history per live camera session; a few at most (a retake starts a new one). */
const analyzers = new Map<number, FrameAnalyzer>();
/** Pixels of a live frame (about 480 px by now, see live.ts). */
const pixelsOf = pixelReader();

/**
 * One live frame: scaled here when it came as the camera's VideoFrame (the page then did no
 * pixel work at all), analysed, and turned into a full-resolution ImageBitmap only when it is
 * "ready" and so may become the photo (live.ts says why).
 */
async function analyzeLive(message: Extract<ToWorker, { type: 'analyze' }>): Promise<void> {
  let analyzer = analyzers.get(message.session);
  if (!analyzer) {
    if (analyzers.size >= 4) analyzers.delete(analyzers.keys().next().value!);
    analyzers.set(message.session, (analyzer = createFrameAnalyzer()));
  }
  const { frame, size, keep } = message;
  let small: ImageBitmap | undefined;
  try {
    small = size
      ? await createImageBitmap(frame, { resizeWidth: size[0], resizeHeight: size[1], resizeQuality: 'low' })
      : (frame as ImageBitmap);
    const { data, width, height } = pixelsOf(small);
    const analysis = analyzer.analyze(data, width, height, message.time, message.options);
    const full =
      keep && size && judgeFrame(analysis, keep) === 'ready' ? await createImageBitmap(frame) : undefined;
    scope.postMessage(
      { type: 'done', id: message.id, result: full ? { analysis, frame: full } : { analysis } },
      full ? [full] : [],
    );
  } catch {
    scope.postMessage({
      type: 'failed',
      id: message.id,
      code: 'corrupt_image',
      message: 'The frame could not be read.',
    });
  } finally {
    if (small !== frame) small?.close();
    frame.close();
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    jobs.get(message.id)?.abort();
    return;
  }
  if (message.type === 'analyze') {
    void analyzeLive(message);
    return;
  }
  const controller = new AbortController();
  jobs.set(message.id, controller);
  runPipeline(message.source, message.kind, message.budget, { signal: controller.signal, yieldNow: noYield })
    .then((result) => scope.postMessage({ type: 'done', id: message.id, result }))
    .catch((error: unknown) => {
      const known =
        error instanceof ImageError
          ? error
          : new ImageError('encode_failed', 'The image could not be prepared.');
      scope.postMessage({
        type: 'failed',
        id: message.id,
        code: known.code,
        message: known.message,
        ...(known.format ? { format: known.format } : {}),
      });
    })
    .finally(() => {
      jobs.delete(message.id);
      if (message.source instanceof ImageBitmap) message.source.close();
    });
});

scope.postMessage({ type: 'ready' });
