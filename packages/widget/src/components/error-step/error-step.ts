import { html, nothing } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import { StepElement } from '../step-element.ts';

/**
 * @summary A recoverable (or final) error: what happened, and try again / start over / exit.
 * @csspart heading - The step's heading.
 */
export class KycErrorStep extends StepElement {
  static override styles = sharedStyles;

  protected override render() {
    const t = this.t;
    const error = this.state.error;
    const code = error?.code ?? 'default';
    const message = t(`error.code.${code}`, { defaultValue: t('error.code.default') });
    const outOfTries =
      error !== null &&
      error.retry === null &&
      error.resumeStep === 'documentCapture' &&
      this.state.context.failedUploads > 0;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('error.title')}</h2>
      <p>${message}</p>
      ${outOfTries ? html`<p>${t('error.noMoreTries')}</p>` : nothing}
      <div class="actions" part="actions">
        ${
          error?.retry
            ? html`<button type="button" class="button primary" @click=${() => this.send({ type: 'RETRY' })}>${t('error.tryAgain')}</button>`
            : html`<button type="button" class="button primary" @click=${() => void this.flow.reset()}>
              ${t('error.startOver')}
            </button>`
        }
        <button type="button" class="button" @click=${() => this.send({ type: 'EXIT' })}>${t('common.exit')}</button>
      </div>
    `;
  }
}
