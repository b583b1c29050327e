import { ImageError, prepareImage, RETRY_BUDGET, type PreparedImage } from '@argos-kyc/core';
import { html, nothing, type PropertyValues } from 'lit';
import { CameraController } from '../../controllers/camera.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { captureStyles } from '../capture-step/capture-step.styles.ts';
import { StepElement } from '../step-element.ts';
import { selfieStyles } from './selfie-step.styles.ts';

type Phase = 'capturing' | 'processing' | 'preview';

/** What the selfie check can say before an attempt is spent (quality issues, plus the face checks). */
export type SelfieIssue = 'too_dark' | 'too_bright' | 'blurry' | 'glare' | 'low_resolution' | 'no_face' | 'multiple_faces' | 'face_too_small';

interface DetectedFace {
  boundingBox: { width: number; height: number };
}
interface FaceDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedFace[]>;
}
type FaceDetectorConstructor = new (options?: { fastMode?: boolean; maxDetectedFaces?: number }) => FaceDetectorLike;

/** A face narrower than this share of the picture is too far away for the vendor's face match. */
const MIN_FACE_WIDTH = 0.18;

/**
 * Faces in the picture, where the browser has a face detector (the Shape Detection API's
 * `FaceDetector`: Chrome on macOS, Android and ChromeOS; not on Linux or Windows Chromium).
 * Returns null where there is none: the vendor's own check then decides.
 */
export async function checkFace(image: ImageBitmap): Promise<SelfieIssue | null | undefined> {
  const Detector = (globalThis as { FaceDetector?: FaceDetectorConstructor }).FaceDetector;
  if (!Detector) return undefined;
  try {
    const faces = await new Detector({ fastMode: true, maxDetectedFaces: 3 }).detect(image);
    if (faces.length === 0) return 'no_face';
    if (faces.length > 1) return 'multiple_faces';
    return faces[0]!.boundingBox.width / image.width < MIN_FACE_WIDTH ? 'face_too_small' : null;
  } catch {
    // The API exists but has no backend on this platform ("not supported"): no opinion.
    return undefined;
  }
}

/**
 * @summary The selfie: the front camera (mirrored on screen only) with an oval guide, a
 * preview, the quality and face checks before an attempt is spent, retake; a file
 * upload where there is no camera. Says how many of the three attempts are left.
 * @csspart heading - The step's heading.
 * @csspart viewfinder - The camera preview with its oval guide.
 * @csspart preview - The captured selfie.
 * @csspart upload - The file upload choice.
 * @csspart actions - The row of buttons.
 */
export class KycSelfieStep extends StepElement {
  static override styles = [sharedStyles, captureStyles, selfieStyles];
  static override properties = {
    ...StepElement.properties,
    preferUpload: { type: Boolean, attribute: false },
    mode: { state: true },
    phase: { state: true },
    prepared: { state: true },
    issues: { state: true },
    problem: { state: true },
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;
  declare mode: 'camera' | 'upload';
  declare phase: Phase;
  declare prepared: PreparedImage | null;
  declare issues: SelfieIssue[];
  /** Key of the message for the last image or camera failure, or ''. */
  declare problem: string;

  private readonly camera = new CameraController(this, { facingMode: 'user' });
  private previewBitmap: ImageBitmap | null = null;

  constructor() {
    super();
    this.preferUpload = false;
    this.mode = 'camera';
    this.phase = 'capturing';
    this.prepared = null;
    this.issues = [];
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.preferUpload) this.mode = 'upload';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.previewBitmap?.close();
    this.previewBitmap = null;
  }

  private get cameraFailed(): boolean {
    const state = this.camera.state;
    return state === 'denied' || state === 'unavailable' || state === 'error';
  }

  private get effectiveMode(): 'camera' | 'upload' {
    return this.mode === 'upload' || this.cameraFailed ? 'upload' : 'camera';
  }

  protected override updated(changed: PropertyValues): void {
    if (this.effectiveMode === 'camera' && this.phase === 'capturing' && this.camera.state === 'idle') {
      const video = this.renderRoot.querySelector('video');
      if (video) void this.camera.attach(video);
    }
    if (changed.has('phase') && this.phase === 'preview') {
      const canvas = this.renderRoot.querySelector('canvas');
      const bitmap = this.previewBitmap;
      if (canvas && bitmap) {
        const scale = Math.min(1, 720 / bitmap.width);
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      }
    }
  }

  private async process(input: Blob | ImageBitmap) {
    this.phase = 'processing';
    this.problem = '';
    try {
      const prepared = await prepareImage(input, { kind: 'selfie' });
      this.previewBitmap?.close();
      this.previewBitmap = await createImageBitmap(prepared.blob);
      const face = await checkFace(this.previewBitmap);
      this.issues = [...prepared.quality.issues, ...(face ? [face] : [])];
      this.prepared = prepared;
      this.phase = 'preview';
    } catch (error) {
      this.problem = error instanceof ImageError ? `capture.imageError.${error.code}` : 'capture.imageError.corrupt_image';
      this.phase = 'capturing';
    }
  }

  private async takePhoto() {
    let frame: ImageBitmap;
    try {
      frame = await this.camera.capture();
    } catch {
      this.problem = 'capture.imageError.camera';
      return;
    }
    this.camera.stop();
    await this.process(frame);
  }

  private onFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.process(file);
  }

  private retake() {
    this.prepared = null;
    this.issues = [];
    this.phase = 'capturing';
    this.problem = '';
  }

  private usePhoto() {
    if (this.prepared) this.send({ type: 'SELFIE_SUBMITTED', image: this.prepared.blob });
  }

  private switchMode(mode: 'camera' | 'upload') {
    if (mode === 'upload') this.camera.stop();
    this.mode = mode;
    this.problem = '';
  }

  protected override render() {
    const t = this.t;
    const { notice, selfieAttempts } = this.state.context;
    const left = RETRY_BUDGET.selfieAttempts - selfieAttempts;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('selfie.title')}</h2>
      ${selfieAttempts > 0 ? html`<p class="attempts">${t('selfie.attemptsLeft', { count: left })}</p>` : nothing}
      ${notice ? html`<p class="notice" role="alert">${t(`capture.notice.${notice.code}`, { defaultValue: t('capture.notice.invalid_field') })}</p>` : nothing}
      ${this.problem ? html`<p class="notice" role="alert">${t(this.problem)}</p>` : nothing}
      ${this.phase === 'preview'
        ? this.renderPreview()
        : this.phase === 'processing'
          ? html`<p role="status">${t('capture.processing')}</p>`
          : this.renderCapture()}
    `;
  }

  private renderCapture() {
    const t = this.t;
    const back = html`<button type="button" class="button" @click=${() => this.send({ type: 'BACK' })}>${t('common.back')}</button>`;
    if (this.effectiveMode === 'upload') {
      return html`
        ${this.cameraFailed ? html`<p class="notice">${t('selfie.cameraProblem')}</p>` : nothing}
        <p>${t('selfie.uploadHint')}</p>
        <div class="actions" part="actions">
          <label class="button primary file" part="upload">
            ${t('capture.uploadLabel')}
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png" capture="user" @change=${this.onFile} />
          </label>
          ${!this.preferUpload && !this.cameraFailed
            ? html`<button type="button" class="button" @click=${() => this.switchMode('camera')}>${t('capture.useCamera')}</button>`
            : nothing}
          ${back}
        </div>
      `;
    }
    const live = this.camera.state === 'live';
    return html`
      <p>${t('selfie.hint')}</p>
      <div class="viewfinder" part="viewfinder">
        <video aria-label=${t('capture.video')} playsinline muted></video>
        <div class="guide oval" aria-hidden="true"></div>
        ${live ? nothing : html`<p class="starting" role="status">${t('capture.starting')}</p>`}
      </div>
      <div class="actions" part="actions">
        <button type="button" class="button primary" ?disabled=${!live} @click=${this.takePhoto}>${t('selfie.take')}</button>
        <button type="button" class="button" @click=${() => this.switchMode('upload')}>${t('capture.useUpload')}</button>
        ${back}
      </div>
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues = this.issues;
    return html`
      <canvas part="preview" class="preview" role="img" aria-label=${t('selfie.preview')}></canvas>
      ${issues.length
        ? html`<p class="notice quality" role="alert">${t('selfie.qualityTitle', { issues: issues.map((i) => t(`selfie.quality.${i}`)).join(', ') })}</p>`
        : nothing}
      <div class="actions" part="actions">
        ${issues.length
          ? html`<button type="button" class="button primary" @click=${this.retake}>${t('capture.retake')}</button>
              <button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`
          : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('selfie.use')}</button>
              <button type="button" class="button" @click=${this.retake}>${t('capture.retake')}</button>`}
      </div>
    `;
  }
}
