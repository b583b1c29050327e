import { ImageError, prepareImage, type PreparedImage, type QualityIssue } from '@argos-kyc/core';
import { html, nothing, type PropertyValues } from 'lit';
import { CameraController } from '../../controllers/camera.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { countryName } from '../country-select/country-names.ts';
import { StepElement } from '../step-element.ts';
import { captureStyles } from './capture-step.styles.ts';

/** Where the capture stands. */
type Phase = 'capturing' | 'processing' | 'preview';

/**
 * @summary The ID photo: the rear camera with a guide frame (or a file upload when there
 * is no camera, permission is denied or the integrator prefers upload), a preview, the
 * quality warnings of the image pipeline, retake.
 * @csspart heading - The step's heading.
 * @csspart viewfinder - The camera preview with its guide frame.
 * @csspart preview - The captured photo.
 */
export class KycCaptureStep extends StepElement {
  static override styles = [sharedStyles, captureStyles];
  static override properties = {
    ...StepElement.properties,
    preferUpload: { type: Boolean, attribute: false },
    mode: { state: true },
    phase: { state: true },
    prepared: { state: true },
    problem: { state: true },
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;
  declare mode: 'camera' | 'upload';
  declare phase: Phase;
  declare prepared: PreparedImage | null;
  /** Key of the message for the last image or camera failure, or ''. */
  declare problem: string;

  private readonly camera = new CameraController(this, { facingMode: 'environment' });
  private previewBitmap: ImageBitmap | null = null;

  constructor() {
    super();
    this.preferUpload = false;
    this.mode = 'camera';
    this.phase = 'capturing';
    this.prepared = null;
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

  /** No camera to offer: none, permission denied, or it failed. */
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
      if (video) void this.startCamera(video);
    }
    if (changed.has('phase') && this.phase === 'preview') this.drawPreview();
  }

  private async startCamera(video: HTMLVideoElement) {
    await this.camera.attach(video);
  }

  private drawPreview() {
    const canvas = this.renderRoot.querySelector('canvas');
    const bitmap = this.previewBitmap;
    if (!canvas || !bitmap) return;
    const scale = Math.min(1, 720 / bitmap.width);
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  }

  private async process(input: Blob | ImageBitmap) {
    this.phase = 'processing';
    this.problem = '';
    try {
      const prepared = await prepareImage(input, { kind: 'document' });
      this.previewBitmap?.close();
      this.previewBitmap = await createImageBitmap(prepared.blob);
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
    this.phase = 'capturing';
    this.problem = '';
  }

  private usePhoto() {
    if (this.prepared) this.send({ type: 'DOCUMENT_SUBMITTED', image: this.prepared.blob });
  }

  private switchMode(mode: 'camera' | 'upload') {
    if (mode === 'upload') this.camera.stop();
    this.mode = mode;
    this.problem = '';
  }

  protected override render() {
    const t = this.t;
    const { document, notice } = this.state.context;
    const subtitle = document
      ? t('capture.subtitle', { type: t(`document.type.${document.idType}`), country: countryName(this.locale, document.issuingCountry) })
      : '';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('capture.title')}</h2>
      <p class="muted">${subtitle}</p>
      ${notice ? html`<p class="notice" role="alert">${t(`capture.notice.${notice.code}`, { defaultValue: t('capture.notice.invalid_field') })}</p>` : nothing}
      ${this.problem ? html`<p class="notice" role="alert">${t(this.problem)}</p>` : nothing}
      ${this.phase === 'preview' ? this.renderPreview() : this.phase === 'processing' ? this.renderProcessing() : this.renderCapture()}
    `;
  }

  private renderProcessing() {
    return html`<p class="processing" role="status">${this.t('capture.processing')}</p>`;
  }

  private renderCapture() {
    const t = this.t;
    if (this.effectiveMode === 'upload') {
      return html`
        ${this.cameraFailed ? html`<p class="notice">${t('capture.cameraProblem')}</p>` : nothing}
        <p>${t('capture.uploadHint')}</p>
        <div class="actions">
          <label class="button primary file" part="upload">
            ${t('capture.uploadLabel')}
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png" @change=${this.onFile} />
          </label>
          ${!this.preferUpload && !this.cameraFailed
            ? html`<button type="button" class="button" @click=${() => this.switchMode('camera')}>${t('capture.useCamera')}</button>`
            : nothing}
          <button type="button" class="button" @click=${() => this.send({ type: 'BACK' })}>${t('common.back')}</button>
        </div>
      `;
    }
    const live = this.camera.state === 'live';
    return html`
      <p>${t('capture.hint')}</p>
      <div class="viewfinder" part="viewfinder">
        <video aria-label=${t('capture.video')} playsinline muted></video>
        <div class="guide" aria-hidden="true"></div>
        ${live ? nothing : html`<p class="starting" role="status">${t('capture.starting')}</p>`}
      </div>
      <div class="actions">
        <button type="button" class="button primary" ?disabled=${!live} @click=${this.takePhoto}>${t('capture.take')}</button>
        <button type="button" class="button" @click=${() => this.switchMode('upload')}>${t('capture.useUpload')}</button>
        <button type="button" class="button" @click=${() => this.send({ type: 'BACK' })}>${t('common.back')}</button>
      </div>
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues: QualityIssue[] = this.prepared?.quality.issues ?? [];
    return html`
      <canvas part="preview" class="preview" role="img" aria-label=${t('capture.preview')}></canvas>
      ${issues.length
        ? html`<p class="notice quality" role="alert">
            ${t('capture.qualityTitle', { issues: issues.map((i) => t(`capture.quality.${i}`)).join(', ') })}
          </p>`
        : nothing}
      <div class="actions">
        ${issues.length
          ? html`<button type="button" class="button primary" @click=${this.retake}>${t('capture.retake')}</button>
              <button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`
          : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('capture.usePhoto')}</button>
              <button type="button" class="button" @click=${this.retake}>${t('capture.retake')}</button>`}
      </div>
    `;
  }
}
