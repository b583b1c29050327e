import { progress } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { consentStyles } from './consent-step.styles.ts';

/** Only a web address is linked (an attribute is no place for `javascript:`). */
function webUrl(value: string): string | null {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * @summary The first screen: the steps of this configuration, what is shared, a link to the
 * integrator's privacy policy, and two consents: to the verification, and, on its own and
 * explicitly, to the processing of biometric data (the selfie matched with the ID photo).
 * @csspart heading - The step's heading.
 * @csspart actions - The footer with the consent button.
 */
export class KycConsentStep extends StepElement {
  static override styles = [sharedStyles, consentStyles];
  static override properties = {
    ...StepElement.properties,
    biometric: { state: true },
    missing: { state: true },
  };

  /** The biometric consent box is ticked. */
  declare biometric: boolean;
  /** "I agree" was pressed without it. */
  declare missing: boolean;

  constructor() {
    super();
    this.biometric = false;
    this.missing = false;
  }

  private agree() {
    if (!this.biometric) {
      this.missing = true;
      this.renderRoot.querySelector<HTMLInputElement>('#biometric')?.focus();
      return;
    }
    this.send({ type: 'CONSENT_GIVEN', biometric: true });
  }

  protected override render() {
    const t = this.t;
    // Exactly the steps this configuration has, as the header counts them.
    const stages = progress(this.state).stages.filter((s) => s !== 'consent' && s !== 'result');
    const privacy = this.settings.privacyUrl ? webUrl(this.settings.privacyUrl) : null;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('consent.title')}</h2>
      <p>${t('consent.intro')}</p>
      <p class="steps-title" id="steps-title">${t('consent.stepsTitle')}</p>
      <ol class="stages" aria-labelledby="steps-title">
        ${stages.map((stage) => html`<li>${t(`consent.stage.${stage}`)}</li>`)}
      </ol>
      <p class="muted">
        ${t('consent.privacy')}
        ${
          privacy
            ? html`<a class="link" href=${privacy} target="_blank" rel="noopener noreferrer">${t('consent.privacyLink')}</a>`
            : nothing
        }
      </p>
      <div class="actions" part="actions">
        <!-- The biometric consent sits with the action it allows: in thumb reach, never under the sticky footer. -->
        <div class="box">
          <label class="check">
            <input
              id="biometric"
              type="checkbox"
              .checked=${this.biometric}
              aria-invalid=${this.missing ? 'true' : 'false'}
              aria-describedby=${this.missing ? 'biometric-error' : nothing}
              @change=${(e: Event) => {
                this.biometric = (e.target as HTMLInputElement).checked;
                if (this.biometric) this.missing = false;
              }}
            />
            <span>${t('consent.biometric')}</span>
          </label>
          ${this.missing ? html`<p id="biometric-error" class="error-text">${t('consent.biometricMissing')}</p>` : nothing}
        </div>
        <button type="button" class="button primary" @click=${this.agree}>${t('consent.agree')}</button>
        <button type="button" class="button" @click=${() => this.send({ type: 'EXIT' })}>${t('consent.decline')}</button>
      </div>
    `;
  }
}
