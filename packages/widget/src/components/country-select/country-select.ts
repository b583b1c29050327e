import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { Translate } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { countryOptions, matchesQuery, rank, sameName, type CountryOption } from './country-names.ts';
import { countrySelectStyles } from './country-select.styles.ts';

let nextId = 0;

/**
 * @summary One searchable country field, the WAI-ARIA 1.2 combobox pattern with a listbox
 * popup, list autocomplete: type to filter the localized country names (Intl.DisplayNames),
 * arrows, Home/End and Enter to choose, Escape to close. The value is an ISO alpha-3 code.
 * @event change - The chosen country changed (read `value`).
 * @csspart field - The label, box, list and messages together.
 * @csspart label - The label.
 * @csspart input - The combobox's text box.
 * @csspart listbox - The popup list of countries.
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
    text: { state: true },
    open: { state: true },
    active: { state: true },
  };

  /** Visible label of the field. */
  declare label: string;
  /** The chosen ISO alpha-3 code, or '' for none. */
  declare value: string;
  declare locale: string;
  /** Allowed codes; empty = every country. */
  declare countries: string[];
  /** Offer "Not specified" as a real choice (an optional field). */
  declare allowNone: boolean;
  /** Error message shown under the field, or ''. */
  declare error: string;
  declare hint: string;
  /** Mark the label "(optional)". */
  declare optional: boolean;
  declare t: Translate;
  /** What the applicant typed since the last choice; null: the box shows the chosen name. */
  declare text: string | null;
  /** The listbox is shown. */
  declare open: boolean;
  /** Index of the option the arrows point at (aria-activedescendant), -1 for none. */
  declare active: number;

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
    this.text = null;
    this.open = false;
    this.active = -1;
  }

  /** Focuses the text box (e.g. when it holds an error). */
  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  /** The options on offer: all, or those matching the typed text, best first. */
  private options(): CountryOption[] {
    const all = countryOptions(this.locale, this.countries);
    const text = this.text;
    if (text) return all.filter((c) => matchesQuery(c, text)).sort((a, b) => rank(a, text) - rank(b, text));
    return this.allowNone ? [{ code: '', name: this.t('country.none') }, ...all] : all;
  }

  private choose(code: string) {
    this.text = null;
    this.open = false;
    this.active = -1;
    if (code === this.value) return;
    this.value = code;
    this.dispatchEvent(new Event('change'));
  }

  private onInput(e: Event) {
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    this.active = this.text ? 0 : -1;
  }

  private onKey(e: KeyboardEvent) {
    const list = this.options();
    const last = list.length - 1;
    const current = list.findIndex((c) => c.code === this.value);
    let i = this.active;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const down = e.key === 'ArrowDown';
        if (!this.open) {
          this.open = true;
          if (e.altKey) return e.preventDefault();
          i = current >= 0 ? current : down ? 0 : last;
        } else if (e.altKey) {
          this.open = down;
        } else {
          i = i < 0 ? (down ? 0 : last) : Math.max(0, Math.min(last, i + (down ? 1 : -1)));
        }
        break;
      }
      case 'Home':
      case 'End':
        // With no option pointed at, Home and End move the caret in the text, as in any text box.
        if (!this.open || i < 0) return;
        i = e.key === 'Home' ? 0 : last;
        break;
      case 'Enter':
        // Closed: Enter submits the form, as in any text box.
        if (!this.open) return;
        if (list[i]) this.choose(list[i]!.code);
        else this.open = false;
        return e.preventDefault();
      case 'Escape':
        if (this.open) {
          this.open = false;
          this.text = null;
          i = -1;
        } else {
          this.text = '';
        }
        break;
      default:
        return;
    }
    e.preventDefault();
    this.active = i;
  }

  /** Leaving the box: a name typed in full (or the one match left) is chosen, anything else is undone. */
  private onBlur() {
    const text = this.text;
    this.open = false;
    if (text === null) return;
    const list = this.options();
    const hit = list.length === 1 ? list[0] : list.find((c) => sameName(c.name, text));
    this.choose(hit ? hit.code : !text.trim() && this.allowNone ? '' : this.value);
  }

  protected override updated(): void {
    if (this.open && this.active >= 0)
      this.renderRoot.querySelector(`#${this.uid}-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  protected override render() {
    const t = this.t;
    const id = this.uid;
    const list = this.options();
    const expanded = this.open && list.length > 0;
    const chosen = this.value ? countryOptions(this.locale).find((c) => c.code === this.value)?.name : '';
    const describedBy = [this.hint ? `${id}-hint` : '', this.error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`
      <div class="field" part="field">
        <label id="${id}-label" part="label" for="${id}-input"
          >${this.label}${this.optional ? html` <span class="optional">(${t('common.optional')})</span>` : nothing}</label
        >
        ${this.hint ? html`<span id="${id}-hint" class="hint">${this.hint}</span>` : nothing}
        <div class="combo">
          <input
            id="${id}-input"
            part="input"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            placeholder=${this.allowNone ? t('country.none') : t('country.choose')}
            aria-autocomplete="list"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls="${id}-list"
            aria-activedescendant=${expanded && this.active >= 0 ? `${id}-${this.active}` : nothing}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            .value=${this.text ?? chosen ?? ''}
            @input=${this.onInput}
            @keydown=${this.onKey}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
            @blur=${this.onBlur}
            @click=${() => (this.open = !this.open)}
          />
          <ul
            id="${id}-list"
            part="listbox"
            role="listbox"
            aria-labelledby="${id}-label"
            ?hidden=${!expanded}
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${(e: Event) => {
              const option = (e.target as Element).closest('li');
              if (option) this.choose(list[Number(option.dataset.index)]!.code);
            }}
          >
            ${
              expanded
                ? list.map(
                    (c, i) =>
                      html`<li
                        id="${id}-${i}"
                        role="option"
                        data-index=${i}
                        aria-selected=${i === this.active ? 'true' : 'false'}
                        class=${c.code === this.value ? 'chosen' : ''}
                      >${c.name}</li>`,
                  )
                : nothing
            }
          </ul>
        </div>
        <span class="visually-hidden" aria-live="polite"
          >${this.text ? t('country.matches', { count: list.length }) : ''}</span
        >
        ${this.error ? html`<p id="${id}-error" class="error-text">${this.error}</p>` : nothing}
      </div>
    `;
  }
}
