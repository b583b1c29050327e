// The image worker: runs the pipeline on OffscreenCanvas, off the main thread.
// Loaded as a same-origin module file (not a blob: URL) so that a strict CSP allows it.
import { ImageError } from './errors.ts';
import { runPipeline } from './pipeline.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const jobs = new Map<number, AbortController>();
const noYield = () => Promise.resolve();

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    jobs.get(message.id)?.abort();
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
