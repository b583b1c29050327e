import { attemptsLeft, outcome } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { en } from '../../i18n/en.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';

/**
 * @summary The vendor's answers: a selfie attempt that did not pass (its reason in the
 * applicant's language, attempts left, take another), and the result (under review,
 * approved, rejected, or "we'll let you know" once polling stops).
 * @csspart heading - The step's heading.
 * @csspart actions - The row of buttons.
 */
export class KycResultStep extends StepElement {
  static override styles = sharedStyles;

  protected override render() {
    const t = this.t;
    const { lastReason, result } = this.state.context;
    if (this.state.step === 'retrySelfie') {
      return html`
        <h2 id="heading" part="heading" tabindex="-1">${t('retry.title')}</h2>
        <p class="notice">${t(`reason.${lastReason ?? 'unknown'}`)}</p>
        <p>${t('selfie.attemptsLeft', { count: attemptsLeft(this.state) })}</p>
        <div class="actions" part="actions">
          <button type="button" class="button primary" @click=${() => this.send({ type: 'RETRY' })}>${t('retry.again')}</button>
          <button type="button" class="button" @click=${() => this.send({ type: 'EXIT' })}>${t('common.exit')}</button>
        </div>
      `;
    }
    const status = result?.status ?? 'pending';
    const key = outcome(this.state);
    // A reviewer's rejection: the first comment code we can explain (unknown ones: the body alone).
    const code =
      status === 'rejected' && !result?.reason
        ? result?.commentCode?.find((c) => Object.hasOwn(en.result.comment, c))
        : undefined;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t(`result.${key}.title`)}</h2>
      ${status === 'rejected' && result?.reason ? html`<p class="notice">${t(`reason.${result.reason}`)}</p>` : nothing}
      ${code ? html`<p class="notice">${t(`result.comment.${code}`)}</p>` : nothing}
      <p>${t(`result.${key}.body`)}</p>
      ${key === 'pending' ? html`<p class="muted" role="status">${t('result.pending.checking')}</p>` : nothing}
    `;
  }
}
