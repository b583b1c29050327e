import { html } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { consentStyles } from './consent-step.styles.ts';

/**
 * @summary The first screen: what will happen, what is shared, and the applicant's consent.
 * @csspart heading - The step's heading.
 */
export class KycConsentStep extends StepElement {
  static override styles = [sharedStyles, consentStyles];

  protected override render() {
    const t = this.t;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('consent.title')}</h2>
      <p>${t('consent.intro')}</p>
      <p class="steps-title">${t('consent.stepsTitle')}</p>
      <ol>
        <li>${t('consent.step1')}</li>
        <li>${t('consent.step2')}</li>
        <li>${t('consent.step3')}</li>
      </ol>
      <p class="muted">${t('consent.privacy')}</p>
      <div class="actions" part="actions">
        <button type="button" class="button primary" @click=${() => this.send({ type: 'CONSENT_GIVEN' })}>${t('consent.agree')}</button>
        <button type="button" class="button" @click=${() => this.send({ type: 'EXIT' })}>${t('consent.decline')}</button>
      </div>
    `;
  }
}
