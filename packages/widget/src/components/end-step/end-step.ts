import { html } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { outcomeIcon, outcomeStyles } from './outcome.ts';

/**
 * @summary The exited screen: the applicant left. Done hands control back to the host
 * (`kyc-done` with `exited`); they can also start again.
 * @csspart heading - The step's heading.
 * @csspart icon - The outcome's icon.
 * @csspart actions - The footer.
 */
export class KycEndStep extends StepElement {
  static override styles = [sharedStyles, outcomeStyles];

  protected override render() {
    const t = this.t;
    return html`
      ${outcomeIcon('exited')}
      <h2 id="heading" part="heading" tabindex="-1">${t('exited.title')}</h2>
      <p>${t('exited.body')}</p>
      <div class="actions" part="actions">
        <button type="button" class="button primary" @click=${() => this.done('exited')}>${t('end.done')}</button>
        <button type="button" class="button" @click=${() => void this.flow.reset()}>${t('exited.restart')}</button>
      </div>
    `;
  }
}
