import { html, nothing } from 'lit';
import { PhotoCaptureController } from '../../controllers/photo-capture.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { countryName } from '../country-select/country-names.ts';
import { StepElement } from '../step-element.ts';
import { documentIllustration } from './illustration.ts';
import { captureStyles } from './capture-step.styles.ts';

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
  };

  /** The integrator asked for upload only (`capture="upload"`). */
  declare preferUpload: boolean;

  private readonly photo = new PhotoCaptureController(this, { facingMode: 'environment', kind: 'document' });

  constructor() {
    super();
    this.preferUpload = false;
  }

  private usePhoto() {
    if (this.photo.prepared) this.send({ type: 'DOCUMENT_SUBMITTED', image: this.photo.prepared.blob });
  }

  protected override render() {
    const t = this.t;
    const { document, notice } = this.state.context;
    const subtitle = document
      ? t('capture.subtitle', {
          type: t(`document.type.${document.idType}`),
          country: countryName(this.locale, document.issuingCountry),
        })
      : '';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('capture.title')}</h2>
      <p class="muted">${subtitle}</p>
      ${notice ? html`<p class="notice" role="alert">${t(`capture.notice.${notice.code}`, { defaultValue: t('capture.notice.invalid_field') })}</p>` : nothing}
      ${this.photo.problem ? html`<p class="notice" role="alert">${t(this.photo.problem)}</p>` : nothing}
      ${this.photo.phase === 'preview' ? this.renderPreview() : this.photo.phase === 'processing' ? this.renderProcessing() : this.renderCapture()}
    `;
  }

  private renderProcessing() {
    return html`<p class="processing" role="status" tabindex="-1" data-focus>${this.photo.status.text('processing', this.t('capture.processing'))}</p>`;
  }

  private renderCapture() {
    const t = this.t;
    const photo = this.photo;
    if (photo.effectiveMode === 'upload') {
      return html`
        ${photo.cameraFailed ? html`<p class="notice">${t('capture.cameraProblem')}</p>` : nothing}
        <div class="explain">${documentIllustration}<p>${t('capture.uploadHint')}</p></div>
        <div class="actions">
          <label class="button primary file" part="upload">
            ${t('capture.uploadLabel')}
            <input class="visually-hidden" type="file" accept="image/jpeg,image/png" data-focus @change=${photo.onFile} />
          </label>
          ${
            !this.preferUpload && !photo.cameraFailed
              ? html`<button type="button" class="button" @click=${() => photo.switchMode('camera')}>${t('capture.useCamera')}</button>`
              : nothing
          }
        </div>
      `;
    }
    const live = photo.camera.state === 'live';
    return html`
      <div class="explain">${documentIllustration}<p>${t('capture.hint')}</p></div>
      <div class="viewfinder" part="viewfinder">
        <video aria-label=${t('capture.video')} playsinline muted></video>
        <div class="guide" aria-hidden="true"></div>
        ${live ? nothing : html`<p class="starting" role="status">${photo.status.text('starting', t('capture.starting'))}</p>`}
      </div>
      <div class="actions">
        <button type="button" class="button primary" aria-disabled=${live ? 'false' : 'true'} data-focus @click=${photo.takePhoto}>${t('capture.take')}</button>
        <button type="button" class="button" @click=${() => photo.switchMode('upload')}>${t('capture.useUpload')}</button>
      </div>
    `;
  }

  private renderPreview() {
    const t = this.t;
    const issues = this.photo.issues;
    return html`
      <canvas part="preview" class="preview" role="img" tabindex="-1" data-focus aria-label=${t('capture.preview')}></canvas>
      ${
        issues.length
          ? html`<p class="notice quality" role="alert">
            ${t('capture.qualityTitle', { issues: issues.map((i) => t(`capture.quality.${i}`)).join(', ') })}
          </p>`
          : html`<p class="visually-hidden" role="status">${this.photo.status.text('clean', t('capture.clean'))}</p>`
      }
      <div class="actions">
        ${
          issues.length
            ? html`<button type="button" class="button primary" @click=${this.photo.retake}>${t('capture.retake')}</button>
              <button type="button" class="button" @click=${this.usePhoto}>${t('capture.useAnyway')}</button>`
            : html`<button type="button" class="button primary" @click=${this.usePhoto}>${t('capture.usePhoto')}</button>
              <button type="button" class="button" @click=${this.photo.retake}>${t('capture.retake')}</button>`
        }
      </div>
    `;
  }
}
