// The camera as a Lit reactive controller: asks for the stream, plays it inline and
// muted (iOS webviews refuse anything else), captures full-size frames, and always
// gives the camera back, including when its host element leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Where the camera stands: `idle` (not asked), `starting` (permission prompt or device
 * start), `live` (frames playing), `denied` (the applicant or a policy said no),
 * `unavailable` (no camera, or no camera API, e.g. an insecure page or an old webview),
 * `error` (the camera failed or went away). On the last three, offer a file upload.
 */
export type CameraState = 'idle' | 'starting' | 'live' | 'denied' | 'unavailable' | 'error';

/** Which camera to ask for: `environment` (rear) for documents, `user` (front) for selfies. */
export interface CameraOptions {
  facingMode: 'environment' | 'user';
}

/** Ideal capture sizes: documents need detail for OCR, selfies much less (the pipeline downsizes to 1280). */
const IDEAL_SIZE = {
  environment: { width: 1920, height: 1080 },
  user: { width: 1280, height: 720 },
} as const;

function stateForError(error: unknown): CameraState {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'unavailable';
  return 'error';
}

function stopTracks(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Camera stream for one element. `attach(video)` starts it, `capture()` takes the current
 * frame, `stop()` (and the host's disconnection) releases every track.
 */
export class CameraController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: CameraOptions;
  private currentState: CameraState = 'idle';
  private stream: MediaStream | undefined;
  private video: HTMLVideoElement | undefined;
  /** Bumped by every attach/stop, so that a late getUserMedia answer for an old request is released. */
  private generation = 0;

  /** Name of the last failure (`NotAllowedError`, ...) for logs and tests; never shown to the applicant. */
  errorName: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CameraOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Where the camera stands; the host re-renders on every change. */
  get state(): CameraState {
    return this.currentState;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /**
   * Asks for the camera and plays it in `video` (inline, muted). Resolves when the
   * attempt is over: read `state` (`live`, or `denied` / `unavailable` / `error`).
   */
  async attach(video: HTMLVideoElement): Promise<void> {
    this.stop();
    // A host that has left the page never opens the camera: `stop()` itself requests an
    // update, and that update may run on the removed element and ask again.
    if (!this.host.isConnected) return;
    const generation = ++this.generation;
    this.errorName = undefined;
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== 'function') {
      this.setState('unavailable');
      return;
    }
    this.setState('starting');
    const ideal = IDEAL_SIZE[this.options.facingMode];
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({
        audio: false,
        video: {
          facingMode: { ideal: this.options.facingMode },
          width: { ideal: ideal.width },
          height: { ideal: ideal.height },
        },
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.fail(error);
      return;
    }
    if (generation !== this.generation || !this.host.isConnected) {
      // Stopped (or the host left) while the permission prompt was up.
      stopTracks(stream);
      return;
    }
    this.stream = stream;
    this.video = video;
    for (const track of stream.getTracks()) {
      track.addEventListener('ended', () => {
        // Unplugged, revoked, or taken by another app; `stop()` itself does not fire this.
        if (generation === this.generation)
          this.fail(new DOMException('The camera stopped.', 'NotReadableError'));
      });
    }
    // Attributes as well as properties: iOS WKWebView checks `playsinline` before playing.
    video.setAttribute('playsinline', '');
    video.setAttribute('muted', '');
    video.playsInline = true;
    video.muted = true;
    video.autoplay = true;
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      if (generation !== this.generation) return;
      this.fail(error);
      return;
    }
    if (generation !== this.generation) return;
    this.setState('live');
  }

  /**
   * The current frame at the stream's full resolution, as the sensor delivers it: a CSS
   * mirror on the selfie preview does not apply to it. Throws `InvalidStateError` unless live.
   */
  async capture(): Promise<ImageBitmap> {
    const video = this.video;
    if (this.currentState !== 'live' || !video || !video.videoWidth) {
      throw new DOMException('The camera is not live.', 'InvalidStateError');
    }
    return createImageBitmap(video);
  }

  /** Stops every track and detaches the video; a pending `attach` is cancelled. */
  stop(): void {
    this.generation++;
    stopTracks(this.stream);
    if (this.video && this.video.srcObject === this.stream) this.video.srcObject = null;
    this.stream = undefined;
    this.video = undefined;
    if (this.currentState === 'starting' || this.currentState === 'live') this.setState('idle');
  }

  private fail(error: unknown): void {
    this.errorName = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
    const state = stateForError(error);
    stopTracks(this.stream);
    if (this.video && this.video.srcObject === this.stream) this.video.srcObject = null;
    this.stream = undefined;
    this.video = undefined;
    this.setState(state);
  }

  private setState(state: CameraState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.host.requestUpdate();
  }
}
