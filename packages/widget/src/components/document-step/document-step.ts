import { alpha2, COUNTRY_CODES, documentTypesFor, isCountryCode, type DocumentType } from '@argos-kyc/core';
import { html, nothing } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import type { KycCountrySelect } from '../country-select/country-select.ts';
import { StepElement } from '../step-element.ts';
import { documentStyles } from './document-step.styles.ts';

/** The region of a language tag (`ko-KR` -> `KOR`; `maximize`: `ko` -> `KOR` too), or ''. */
function regionOf(tag: string, maximize: boolean): string {
  try {
    const parsed = new Intl.Locale(tag);
    const region = (maximize ? parsed.maximize() : parsed).region ?? '';
    return COUNTRY_CODES.find((code) => alpha2(code) === region) ?? '';
  } catch {
    return '';
  }
}

/**
 * The country to pre-select: the only one allowed, else the integrator's `country`, else the
 * region of the browser's language (or of the widget's), when the allowlist permits it.
 */
export function presetCountry(allowed: readonly string[], preset: string, locale: string): string {
  if (allowed.length === 1) return allowed[0]!;
  const candidates = [preset.toUpperCase(), regionOf(navigator.language, false), regionOf(locale, true)];
  return candidates.find((code) => isCountryCode(code) && (!allowed.length || allowed.includes(code))) ?? '';
}

/**
 * @summary The issuing country first (pre-selected), then the document types the integrator
 * allows for that country (and the email, when the session requires one).
 * @csspart heading - The step's heading.
 * @csspart types - The fieldset of document types.
 */
export class KycDocumentStep extends StepElement {
  static override styles = [sharedStyles, documentStyles];
  static override properties = {
    ...StepElement.properties,
    idType: { state: true },
    country: { state: true },
    email: { state: true },
    errors: { state: true },
  };

  declare idType: DocumentType | '';
  declare country: string;
  declare email: string;
  declare errors: { type?: boolean; country?: boolean };

  constructor() {
    super();
    this.idType = '';
    this.country = '';
    this.email = '';
    this.errors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const { rules, document, email } = this.state.context;
    this.idType = document?.idType ?? '';
    this.setCountry(
      document?.issuingCountry ?? presetCountry(rules.countries, this.settings.country, this.locale),
    );
    this.email = email ?? '';
  }

  /** The types this country offers; a type chosen before that it does not offer is unchosen, a sole one chosen. */
  private setCountry(country: string) {
    this.country = country;
    const types = documentTypesFor(this.state.context.rules, country);
    if (types.length === 1) this.idType = types[0]!;
    else if (!types.includes(this.idType as DocumentType)) this.idType = '';
  }

  private submit(e: Event) {
    e.preventDefault();
    this.errors = { type: !this.idType, country: !this.country };
    if (!this.idType) {
      this.renderRoot.querySelector<HTMLInputElement>('input[name="idType"]')?.focus();
      return;
    }
    if (!this.country) {
      this.renderRoot.querySelector<KycCountrySelect>('argos-kyc-country-select')?.focus();
      return;
    }
    this.send({
      type: 'DOCUMENT_CHOSEN',
      idType: this.idType,
      issuingCountry: this.country,
      email: this.email,
    });
    if (this.flow.state.step === 'document' && this.flow.state.context.fieldErrors.email) {
      // The error renders with the parent's next update; focus the field once it has.
      setTimeout(() => this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus(), 0);
    }
  }

  protected override render() {
    const t = this.t;
    const { rules, emailRequired, fieldErrors, notice } = this.state.context;
    const emailError = fieldErrors.email ? t(`fieldError.${fieldErrors.email}`) : '';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('document.title')}</h2>
      ${notice ? html`<p class="notice" role="alert">${t('document.notice')}</p>` : nothing}
      <form novalidate @submit=${this.submit}>
        <argos-kyc-country-select
          .t=${t}
          .locale=${this.locale}
          .countries=${rules.countries}
          .value=${this.country}
          .label=${t('document.country')}
          .error=${this.errors.country ? t('document.errors.country') : ''}
          @change=${(e: Event) => {
            this.setCountry((e.target as KycCountrySelect).value);
            this.errors = { ...this.errors, country: false };
          }}
        ></argos-kyc-country-select>
        <fieldset part="types" aria-describedby=${this.errors.type ? 'type-error' : nothing}>
          <legend>${t('document.typeLegend')}</legend>
          ${documentTypesFor(rules, this.country).map(
            (type) => html`<label class="choice">
              <input
                type="radio"
                name="idType"
                .value=${type}
                .checked=${this.idType === type}
                aria-invalid=${this.errors.type ? 'true' : 'false'}
                @change=${() => {
                  this.idType = type;
                  this.errors = { ...this.errors, type: false };
                }}
              />
              <span>${t(`document.type.${type}`)}</span>
            </label>`,
          )}
          ${this.errors.type ? html`<p id="type-error" class="error-text">${t('document.errors.type')}</p>` : nothing}
        </fieldset>
        ${
          emailRequired
            ? html`<div class="field">
              <label for="email">${t('document.email')}</label>
              <span id="email-hint" class="hint">${t('document.emailHint')}</span>
              <input
                id="email"
                type="email"
                autocomplete="email"
                inputmode="email"
                required
                aria-required="true"
                .value=${this.email}
                aria-invalid=${emailError ? 'true' : 'false'}
                aria-describedby=${emailError ? 'email-hint email-error' : 'email-hint'}
                @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
              />
              ${emailError ? html`<p id="email-error" class="error-text">${emailError}</p>` : nothing}
            </div>`
            : nothing
        }
        <div class="actions" part="actions">
          <button type="submit" class="button primary">${t('common.continue')}</button>
        </div>
      </form>
    `;
  }
}
