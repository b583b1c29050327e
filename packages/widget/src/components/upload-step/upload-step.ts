import { uploadPercent, uploadSent } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { uploadStyles } from './upload-step.styles.ts';

/**
 * @summary The step-1 upload (a progress bar and a cancel button) and the step-2 upload
 * (no cancel: once the selfie has left, the attempt may be spent anyway). Progress is also
 * announced through <argos-kyc>'s polite live region.
 * @csspart heading - The step's heading.
 * @csspart progress - The <progress> element.
 */
export class KycUploadStep extends StepElement {
  static override styles = [sharedStyles, uploadStyles];

  protected override render() {
    const t = this.t;
    const percent = uploadPercent(this.state);
    const sent = uploadSent(this.state);
    const selfie = this.state.step === 'submittingSelfie';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${selfie ? t('upload.selfieTitle') : t('upload.title')}</h2>
      <label for="progress" class="label">${sent ? (selfie ? t('upload.checking') : t('upload.reading')) : t('upload.progress', { percent })}</label>
      <progress id="progress" part="progress" max="100" .value=${percent}>${percent}%</progress>
      ${
        selfie
          ? nothing
          : html`<div class="actions" part="actions">
            <button type="button" class="button" @click=${() => this.send({ type: 'UPLOAD_CANCELLED' })}>${t('upload.cancel')}</button>
          </div>`
      }
    `;
  }
}
