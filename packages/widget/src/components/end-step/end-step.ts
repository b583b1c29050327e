import { html } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';

/**
 * @summary The screens after part 1: the confirmed review (the selfie step comes in a
 * later version) and the exited screen.
 * @csspart heading - The step's heading.
 */
export class KycEndStep extends StepElement {
  static override styles = sharedStyles;

  protected override render() {
    const t = this.t;
    if (this.state.step === 'exited') {
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
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('next.title')}</h2>
      <p>${t('next.body')}</p>
      <div class="actions">
        <button type="button" class="button" @click=${() => this.send({ type: 'BACK' })}>${t('common.back')}</button>
      </div>
    `;
  }
}
