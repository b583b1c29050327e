import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { Translate } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { countryOptions, matchesQuery, sameName } from './country-names.ts';
import { countrySelectStyles } from './country-select.styles.ts';

let nextId = 0;

/**
 * @summary A searchable country picker: a search box that shortens a native select of
 * localized country names (Intl.DisplayNames); the value is an ISO alpha-3 code.
 * @event change - The chosen country changed (read `value`).
 * @csspart search - The search input.
 * @csspart select - The select.
 */
export class KycCountrySelect extends LitElement {
  static override styles = [sharedStyles, countrySelectStyles];
  static override properties: PropertyDeclarations = {
    label: {},
    value: {},
    locale: {},
    countries: { attribute: false },
    allowNone: { type: Boolean, attribute: 'allow-none' },
    error: {},
    hint: {},
    optional: { type: Boolean },
    t: { attribute: false },
    query: { state: true },
  };

  /** Visible label of the select. */
  declare label: string;
  /** The chosen ISO alpha-3 code, or '' for none. */
  declare value: string;
  declare locale: string;
  /** Allowed codes; empty = every country. */
  declare countries: string[];
  /** Offer "Not specified" as a real choice (an optional field). */
  declare allowNone: boolean;
  /** Error message shown under the select, or ''. */
  declare error: string;
  declare hint: string;
  /** Mark the label "(optional)". */
  declare optional: boolean;
  declare t: Translate;
  declare query: string;

  private readonly uid = `country-${++nextId}`;

  constructor() {
    super();
    this.label = '';
    this.value = '';
    this.locale = 'en';
    this.countries = [];
    this.allowNone = false;
    this.error = '';
    this.hint = '';
    this.optional = false;
    this.query = '';
  }

  /** Focuses the select (e.g. when it holds an error). */
  override focus(): void {
    this.renderRoot.querySelector('select')?.focus();
  }

  private onSearch(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
    const visible = this.visibleOptions().filter((c) => matchesQuery(c, this.query));
    // One match, or a name typed in full ("미국" also matches "미국령 버진아일랜드"): choose it.
    const hit = visible.length === 1 ? visible[0] : visible.find((c) => sameName(c.name, this.query));
    if (hit && hit.code !== this.value) this.choose(hit.code);
  }

  private choose(code: string) {
    this.value = code;
    this.dispatchEvent(new Event('change'));
  }

  private visibleOptions() {
    return countryOptions(this.locale, this.countries).filter(
      (c) => c.code === this.value || matchesQuery(c, this.query),
    );
  }

  protected override render() {
    const t = this.t;
    const options = this.visibleOptions();
    const many = countryOptions(this.locale, this.countries).length > 8;
    const describedBy = [this.hint ? `${this.uid}-hint` : '', this.error ? `${this.uid}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`
      ${
        many
          ? html`<div class="search">
            <label for="${this.uid}-search">${t('country.search')}</label>
            <input
              id="${this.uid}-search"
              part="search"
              type="search"
              autocomplete="off"
              aria-controls="${this.uid}-select"
              aria-describedby="${this.uid}-count"
              .value=${this.query}
              @input=${this.onSearch}
            />
            <span id="${this.uid}-count" class="hint" aria-live="polite">${this.query ? t('country.matches', { count: options.length }) : t('country.searchHint')}</span>
          </div>`
          : nothing
      }
      <div class="field">
        <label for="${this.uid}-select"
          >${this.label}${this.optional ? html` <span class="optional">(${t('common.optional')})</span>` : nothing}</label
        >
        ${this.hint ? html`<span id="${this.uid}-hint" class="hint">${this.hint}</span>` : nothing}
        <select
          id="${this.uid}-select"
          part="select"
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!this.value}>${this.allowNone ? t('country.none') : t('country.choose')}</option>
          ${options.map((c) => html`<option value=${c.code} ?selected=${c.code === this.value}>${c.name}</option>`)}
        </select>
        ${this.error ? html`<p id="${this.uid}-error" class="error-text">${this.error}</p>` : nothing}
      </div>
    `;
  }
}
