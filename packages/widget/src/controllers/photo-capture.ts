// One photo taken by an applicant, as a Lit reactive controller: the camera or a file
// upload (by choice, or because there is no usable camera), the image pipeline, a
// preview drawn on the host's canvas, retake. The ID photo and the selfie steps share
// it; each keeps its own camera, checks, strings and template.
import {
  ImageError,
  prepareImage,
  type ImageKind,
  type PreparedImage,
  type QualityIssue,
} from '@argos-kyc/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraController, type CameraOptions } from './camera.ts';
import { StatusText } from './status-text.ts';

/** Where the capture stands. */
export type CapturePhase = 'capturing' | 'processing' | 'preview';

/** The element a PhotoCaptureController serves. */
export interface PhotoCaptureHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: ParentNode;
  /** The integrator asked for upload only (`capture="upload"`). */
  preferUpload: boolean;
}

export interface PhotoCaptureOptions<Extra extends string> {
  facingMode: CameraOptions['facingMode'];
  /** What the image pipeline prepares the picture for. */
  kind: ImageKind;
  /**
   * A further check of the prepared picture (the selfie's face check), told whether it came
   * from the camera or a file; its issue joins the quality issues.
   */
  check?: (preview: ImageBitmap, from: 'camera' | 'upload') => Promise<Extra | null | undefined>;
}

/**
 * The state and actions of a photo step. The host renders a `<video>` while capturing
 * with the camera and a `<canvas>` in preview; the controller starts the camera on the
 * first and draws the prepared picture on the second.
 *
 * Focus: each phase's template marks one element `data-focus` (the take button or the
 * file input, the "Preparing" status, the preview). After an action of the applicant
 * changes the phase or the mode, and whenever the focused element left the page (the
 * camera failed under the take button), the focus goes there: never to `<body>`.
 */
export class PhotoCaptureController<Extra extends string = never> implements ReactiveController {
  readonly camera: CameraController;
  private readonly host: PhotoCaptureHost;
  private readonly options: PhotoCaptureOptions<Extra>;
  /** The mode the applicant chose (`camera` unless the integrator prefers upload). */
  readonly mode: 'camera' | 'upload' = 'camera';
  readonly phase: CapturePhase = 'capturing';
  /** The prepared picture in preview, else null. */
  readonly prepared: PreparedImage | null = null;
  /** The quality (and further check's) issues of the picture in preview. */
  readonly issues: readonly (QualityIssue | Extra)[] = [];
  /** Key of the message for the last image or camera failure, or ''. */
  readonly problem: string = '';
  private previewBitmap: ImageBitmap | null = null;
  /** Set when the phase turns to `preview`: the next update draws the picture. */
  private drawPending = false;
  /** Set by the applicant's actions: the next update moves the focus to the new content. */
  private focusPending = false;
  /** The focus was inside the host when this update began. */
  private hadFocus = false;
  /** The host's status messages, inserted empty then filled. */
  readonly status: StatusText;

  constructor(host: PhotoCaptureHost, options: PhotoCaptureOptions<Extra>) {
    this.host = host;
    this.options = options;
    this.camera = new CameraController(host, { facingMode: options.facingMode });
    this.status = new StatusText(host);
    host.addController(this);
  }

  /** No camera to offer: none, permission denied, or it failed. */
  get cameraFailed(): boolean {
    const state = this.camera.state;
    return state === 'denied' || state === 'unavailable' || state === 'error';
  }

  get effectiveMode(): 'camera' | 'upload' {
    return this.mode === 'upload' || this.cameraFailed ? 'upload' : 'camera';
  }

  hostConnected(): void {
    if (this.host.preferUpload) this.set({ mode: 'upload' });
  }

  hostDisconnected(): void {
    this.previewBitmap?.close();
    this.previewBitmap = null;
  }

  hostUpdate(): void {
    this.hadFocus = !!(this.host.renderRoot as ShadowRoot).activeElement;
  }

  hostUpdated(): void {
    if (this.effectiveMode === 'camera' && this.phase === 'capturing' && this.camera.state === 'idle') {
      const video = this.host.renderRoot.querySelector('video');
      if (video) void this.camera.attach(video);
    }
    if (this.drawPending) {
      this.drawPending = false;
      this.drawPreview();
    }
    const root = this.host.renderRoot as ShadowRoot;
    if (this.focusPending || (this.hadFocus && !root.activeElement)) {
      this.focusPending = false;
      root.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  }

  /** Takes the camera's current frame, releases the camera and prepares the frame. */
  readonly takePhoto = async (): Promise<void> => {
    // The button stays focusable while the camera starts (aria-disabled): a click then does nothing.
    if (this.camera.state !== 'live') return;
    let frame: ImageBitmap;
    try {
      frame = await this.camera.capture();
    } catch {
      this.focusPending = true;
      this.set({ problem: 'capture.imageError.camera' });
      return;
    }
    this.camera.stop();
    await this.process(frame);
  };

  /**
   * Uses a frame chosen by the screen from the live camera (the document's auto-capture,
   * the selfie's face gate): releases the camera, prepares the frame, closes it.
   */
  async useFrame(frame: ImageBitmap): Promise<void> {
    this.camera.stop();
    try {
      await this.process(frame);
    } finally {
      frame.close();
    }
  }

  /** `change` listener of the file input. */
  readonly onFile = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.process(file);
  };

  readonly retake = (): void => {
    this.focusPending = true;
    this.set({ prepared: null, issues: [], phase: 'capturing', problem: '' });
  };

  switchMode(mode: 'camera' | 'upload'): void {
    if (mode === 'upload') this.camera.stop();
    this.focusPending = true;
    this.set({ mode, problem: '' });
  }

  private async process(input: Blob | ImageBitmap): Promise<void> {
    this.focusPending = true;
    this.set({ phase: 'processing', problem: '' });
    try {
      // A camera frame is ours to give: handed to the worker, not copied on the main thread.
      const prepared = await prepareImage(input, { kind: this.options.kind, transfer: true });
      this.previewBitmap?.close();
      this.previewBitmap = await createImageBitmap(prepared.blob);
      const extra = await this.options.check?.(
        this.previewBitmap,
        input instanceof Blob ? 'upload' : 'camera',
      );
      this.set({
        issues: [...prepared.quality.issues, ...(extra ? [extra] : [])],
        prepared,
        phase: 'preview',
      });
      this.drawPending = true;
      this.focusPending = true;
    } catch (error) {
      this.focusPending = true;
      this.set({
        problem:
          error instanceof ImageError
            ? `capture.imageError.${error.code}`
            : 'capture.imageError.corrupt_image',
        phase: 'capturing',
      });
    }
  }

  private drawPreview(): void {
    const canvas = this.host.renderRoot.querySelector('canvas');
    const bitmap = this.previewBitmap;
    if (!canvas || !bitmap) return;
    const scale = Math.min(1, 720 / bitmap.width);
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  }

  /** Changes the state; the host re-renders only when something changed, as with its own reactive properties. */
  private set(patch: Partial<Pick<this, 'mode' | 'phase' | 'prepared' | 'issues' | 'problem'>>): void {
    if (!Object.entries(patch).some(([key, value]) => this[key as keyof this] !== value)) return;
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
