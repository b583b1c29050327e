import { html } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';

/**
 * @summary The exited screen: the applicant left; start again.
 * @csspart heading - The step's heading.
 */
export class KycEndStep extends StepElement {
  static override styles = sharedStyles;

  protected override render() {
    const t = this.t;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('exited.title')}</h2>
      <p>${t('exited.body')}</p>
      <div class="actions">
        <button type="button" class="button primary" @click=${() => void this.flow.reset()}>
          ${t('exited.restart')}
        </button>
      </div>
    `;
  }
}
