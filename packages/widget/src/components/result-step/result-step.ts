import { attemptsLeft, outcome } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { en } from '../../i18n/en.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';
import { outcomeIcon, outcomeStyles } from '../end-step/outcome.ts';

/**
 * @summary The vendor's answers: a selfie attempt that did not pass (its reason in the
 * applicant's language, attempts left, take another), and the result (under review,
 * approved, rejected, or "we'll let you know" once polling stops), each with its icon, a
 * sentence, and Done, which hands control back to the host (`kyc-done` with the outcome).
 * Under review: an activity indicator, and that the page can be closed.
 * @csspart heading - The step's heading.
 * @csspart icon - The outcome's icon.
 * @csspart actions - The footer.
 */
export class KycResultStep extends StepElement {
  static override styles = [sharedStyles, outcomeStyles];

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
      ${outcomeIcon(key)}
      <h2 id="heading" part="heading" tabindex="-1">${t(`result.${key}.title`)}</h2>
      ${status === 'rejected' && result?.reason ? html`<p class="notice">${t(`reason.${result.reason}`)}</p>` : nothing}
      ${code ? html`<p class="notice">${t(`result.comment.${code}`)}</p>` : nothing}
      <p>${t(`result.${key}.body`)}</p>
      ${
        key === 'pending'
          ? html`<p class="activity" role="status"><span class="spinner" aria-hidden="true"></span>${t('result.pending.checking')}</p>
            <p class="muted">${t('result.pending.close')}</p>`
          : nothing
      }
      <div class="actions" part="actions">
        <button type="button" class="button primary" @click=${() => this.done(key)}>${t('end.done')}</button>
      </div>
    `;
  }
}
