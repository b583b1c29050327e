// Runs the pipeline in a module worker where the browser allows it, and on the main
// thread otherwise (no Worker/OffscreenCanvas, or a CSP that blocks the worker file),
// yielding between slices so that no task blocks the page for long.
import { ImageError, abortedError, throwIfAborted } from './errors.ts';
import { TARGET_LONG_SIDE } from './limits.ts';
import { resolveBudget, runPipeline, type PipelineSource } from './pipeline.ts';
import type { FromWorker, LiveFrame, ToWorker } from './protocol.ts';
import { assertPixelLimit } from './sniff.ts';
import type { PrepareImageOptions, PreparedImage } from './types.ts';

/** What `prepareImage` accepts: a file, or pixels from a camera frame or a canvas. */
export type ImageInput = Blob | ImageBitmap | HTMLCanvasElement | HTMLVideoElement;

/** Where jobs run: not decided yet, in the worker, or on the main thread. */
export type ImageWorkerStatus = 'unstarted' | 'starting' | 'ready' | 'unavailable';

/** A worker that has not said hello by then is treated as blocked. */
const READY_TIMEOUT_MS = 10_000;
/** Main-thread fallback: source pixels drawn per task (5-10 ms of work on a mid-range phone). */
const MAIN_THREAD_SLICE_PIXELS = 1_000_000;

interface PendingJob {
  resolve(result: PreparedImage | LiveFrame): void;
  reject(error: ImageError): void;
}

let status: ImageWorkerStatus = 'unstarted';
/** `undefined`: the worker file the bundler emitted; `null`: no worker at all. */
let workerUrl: string | URL | null | undefined;
let workerPromise: Promise<Worker | undefined> | undefined;
let nextId = 1;
const pending = new Map<number, PendingJob>();

/** Where image jobs run (for diagnostics and the benchmark). */
export function imageWorkerStatus(): ImageWorkerStatus {
  return status;
}

function workerSupported(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof OffscreenCanvas.prototype.convertToBlob === 'function'
  );
}

function failPending(message: string): void {
  for (const job of pending.values()) job.reject(new ImageError('encode_failed', message));
  pending.clear();
}

/**
 * Where to load the image worker from, for builds where the bundler cannot resolve it
 * (a one-file script-tag build has no `import.meta.url`): e.g.
 * `new URL('argos-kyc-image-worker.js', document.currentScript.src)`. `null` turns the
 * worker off (every job on the main thread). Call before the first `prepareImage`.
 */
export function setImageWorkerUrl(url: string | URL | null): void {
  workerUrl = url;
  const previous = workerPromise;
  workerPromise = undefined;
  status = 'unstarted';
  if (previous) {
    failPending('The image worker was replaced.');
    void previous.then((worker) => worker?.terminate());
  }
}

/** The shared image worker, started on first use; undefined when jobs must run on the main thread. */
export function startWorker(): Promise<Worker | undefined> {
  if (workerPromise) return workerPromise;
  const started: Promise<Worker | undefined> = new Promise((resolve) => {
    if (workerUrl === null || !workerSupported()) {
      status = 'unavailable';
      resolve(undefined);
      return;
    }
    status = 'starting';
    let worker: Worker;
    try {
      // A same-origin file (bundlers emit it next to the script): CSP `worker-src`
      // falls back to `script-src 'self'`, which a blob: worker would not pass.
      worker =
        workerUrl === undefined
          ? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'argos-kyc-image' })
          : new Worker(workerUrl, { type: 'module', name: 'argos-kyc-image' });
    } catch {
      status = 'unavailable';
      resolve(undefined);
      return;
    }
    const giveUp = () => {
      clearTimeout(timer);
      worker.terminate();
      status = 'unavailable';
      // Later jobs must not be posted to the dead worker: they run on the main thread.
      if (workerPromise === started) workerPromise = Promise.resolve(undefined);
      resolve(undefined);
      failPending('The image worker stopped.');
    };
    const timer = setTimeout(giveUp, READY_TIMEOUT_MS);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      giveUp();
    });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'ready') {
        clearTimeout(timer);
        status = 'ready';
        resolve(worker);
        return;
      }
      const job = pending.get(message.id);
      if (!job) return; // cancelled
      pending.delete(message.id);
      if (message.type === 'done') job.resolve(message.result);
      else job.reject(new ImageError(message.code, message.message, message.format));
    });
  });
  workerPromise = started;
  return started;
}

function runInWorker(
  worker: Worker,
  source: PipelineSource,
  transfer: boolean,
  kind: PrepareImageOptions['kind'],
  budget: number,
  signal: AbortSignal | undefined,
): Promise<PreparedImage> {
  const id = nextId++;
  return new Promise<PreparedImage>((resolve, reject) => {
    const onAbort = () => {
      pending.delete(id);
      worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      reject(abortedError());
    };
    const settle = () => signal?.removeEventListener('abort', onAbort);
    pending.set(id, {
      resolve: (result) => (settle(), resolve(result as PreparedImage)),
      reject: (error) => (settle(), reject(error)),
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    const message: ToWorker = { type: 'prepare', id, source, kind, budget };
    // A caller's ImageBitmap is cloned (they keep it); one we made is handed over.
    worker.postMessage(message, transfer && source instanceof ImageBitmap ? [source] : []);
  });
}

/**
 * Posts a live frame to the worker (handing it over) and resolves with its analysis
 * (live.ts; kept here, next to the job table, and out of any bundle that does not call it).
 */
export function analyzeInWorker(
  worker: Worker,
  message: Omit<Extract<ToWorker, { type: 'analyze' }>, 'id'>,
): Promise<LiveFrame> {
  const id = nextId++;
  return new Promise<LiveFrame>((resolve, reject) => {
    pending.set(id, { resolve: (result) => resolve(result as LiveFrame), reject });
    try {
      worker.postMessage({ ...message, id } satisfies ToWorker, [message.frame]);
    } catch (error) {
      // Never sent (a frame this browser cannot transfer): no answer will come for it.
      pending.delete(id);
      throw error;
    }
  });
}

/** Yields to the event loop; `scheduler.yield` keeps our place in line where it exists. */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function toSource(
  input: ImageInput,
  transfer?: boolean,
): Promise<{ source: PipelineSource; owned: boolean }> {
  if (input instanceof Blob) return { source: input, owned: false };
  if (typeof ImageBitmap !== 'undefined' && input instanceof ImageBitmap)
    return { source: input, owned: !!transfer };
  let width: number;
  let height: number;
  if (typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement) {
    if (input.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !input.videoWidth) {
      throw new ImageError('corrupt_image', 'The video has no frame to capture yet.');
    }
    width = input.videoWidth;
    height = input.videoHeight;
  } else if (typeof HTMLCanvasElement !== 'undefined' && input instanceof HTMLCanvasElement) {
    width = input.width;
    height = input.height;
  } else {
    throw new TypeError('prepareImage takes a Blob, an ImageBitmap, a canvas or a video element.');
  }
  if (!width || !height) throw new ImageError('corrupt_image', 'The image has no pixels.');
  assertPixelLimit(width, height);
  return { source: await createImageBitmap(input), owned: true };
}

function checkOptions(opts: PrepareImageOptions): number {
  if (!opts || !Object.hasOwn(TARGET_LONG_SIDE, opts.kind))
    throw new TypeError('prepareImage needs kind: document, selfie or address.');
  return resolveBudget(opts.kind, opts.maxBytes);
}

/**
 * Turns a photo (file, camera frame, canvas) into an upload-ready JPEG with a quality
 * report: type checked by its bytes, EXIF orientation applied, downscaled for `kind`,
 * under the byte budget, metadata (EXIF, GPS) dropped. Runs in a worker where it can.
 * Rejects with ImageError.
 */
export async function prepareImage(input: ImageInput, opts: PrepareImageOptions): Promise<PreparedImage> {
  const budget = checkOptions(opts);
  const { kind, signal } = opts;
  throwIfAborted(signal);
  const { source, owned } = await toSource(input, opts.transfer);
  let handedOver = false;
  try {
    throwIfAborted(signal);
    const worker = await startWorker();
    throwIfAborted(signal);
    if (worker) {
      handedOver = owned;
      return await runInWorker(worker, source, owned, kind, budget, signal);
    }
    return await runOnMainThread(source, kind, budget, signal);
  } finally {
    if (owned && !handedOver && source instanceof ImageBitmap) source.close();
  }
}

function runOnMainThread(
  source: PipelineSource,
  kind: PrepareImageOptions['kind'],
  budget: number,
  signal: AbortSignal | undefined,
): Promise<PreparedImage> {
  const job = runPipeline(source, kind, budget, {
    ...(signal ? { signal } : {}),
    yieldNow: yieldToEventLoop,
    maxSlicePixels: MAIN_THREAD_SLICE_PIXELS,
  });
  if (!signal) return job;
  // Settle at once on abort; the running slice notices the signal at its next check.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  job.catch(() => {});
  return Promise.race([job, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** `prepareImage` without the worker: the fallback path, exported for tests and the benchmark. */
export async function prepareImageOnMainThread(
  input: ImageInput,
  opts: PrepareImageOptions,
): Promise<PreparedImage> {
  const budget = checkOptions(opts);
  throwIfAborted(opts.signal);
  const { source, owned } = await toSource(input);
  try {
    return await runOnMainThread(source, opts.kind, budget, opts.signal);
  } finally {
    if (owned && source instanceof ImageBitmap) source.close();
  }
}
