import {
  ImageError,
  normalizeAddress,
  prepareImage,
  suggestAddressFields,
  validateAddress,
  type AddressFieldName,
  type AddressFields,
  type AddressProblem,
  type FlowState,
  type GeocodedAddress,
} from '@argos-kyc/core';
import { html, nothing, type PropertyValues } from 'lit';
import { StatusText } from '../../controllers/status-text.ts';
import { sharedStyles } from '../../styles/shared.ts';
import type { KycCountrySelect } from '../country-select/country-select.ts';
import { StepElement } from '../step-element.ts';
import { addressStyles } from './address-step.styles.ts';
import { addEnglish } from '../../i18n/i18n.ts';
import { addressEn } from './strings.ts';

addEnglish({ address: addressEn });

/** The fields the applicant may correct after the look-up, in form order. */
/** What "Use my location" looks up: "lat,lng". */
const COORDINATES = /^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/;

const EDITABLE = ['street', 'detail', 'city', 'state', 'zipcode', 'country'] as const;
const AUTOCOMPLETE: Record<(typeof EDITABLE)[number], string> = {
  street: 'address-line1',
  detail: 'address-line2',
  city: 'address-level2',
  state: 'address-level1',
  zipcode: 'postal-code',
  country: 'country',
};
const REQUIRED: ReadonlySet<AddressFieldName> = new Set(['street', 'city', 'country']);

/**
 * @summary The address: typed, or the device location; looked up through the endpoint
 * (the vendor's plus codes), shown for confirmation, correctable, with a detail line and
 * an optional proof-of-address picture. "No match" and failures explain what to do;
 * an optional address can be skipped.
 * @csspart heading - The step's heading.
 * @csspart form - The look-up and address forms.
 * @csspart actions - The row of buttons.
 */
export class KycAddressStep extends StepElement {
  static override properties = {
    ...StepElement.properties,
    query: { state: true },
    values: { state: true },
    shown: { state: true },
    problem: { state: true },
    proof: { state: true },
    editing: { state: true },
  };
  static override styles = [sharedStyles, addressStyles];

  declare query: string;
  declare values: AddressFields | null;
  declare shown: Partial<Record<AddressFieldName, AddressProblem>>;
  /** Key of a local problem (location refused, proof picture unreadable), or ''. */
  declare problem: string;
  declare proof: Blob | null;
  /** The applicant opened the long form of a found address ("Edit"). */
  declare editing: boolean;
  private lastResult: GeocodedAddress | null = null;
  /** A look-up just found an address: the next update moves the focus to it. */
  private focusFound = false;
  private readonly status = new StatusText(this);
  /** The detail line typed before a new look-up, kept for its answer. */
  private keptDetail = '';

  constructor() {
    super();
    this.query = '';
    this.values = null;
    this.shown = {};
    this.problem = '';
    this.proof = null;
    this.editing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const { address, addressLookup } = this.state.context;
    if (address) {
      this.values = { ...address };
      this.query = address.input;
      this.lastResult = addressLookup?.result ?? null;
    } else if (addressLookup) this.query = addressLookup.input;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const lookup = this.state.context.addressLookup;
    if (
      changed.has('state') &&
      lookup?.status === 'found' &&
      lookup.result &&
      lookup.result !== this.lastResult
    ) {
      this.lastResult = lookup.result;
      this.values = { ...suggestAddressFields(lookup.input, lookup.result), detail: this.keptDetail };
      this.shown = {};
      this.editing = false;
      // Found from the device's location: the box shows where that is, never raw coordinates.
      if (COORDINATES.test(lookup.input)) this.query = lookup.result.formattedAddress;
      // Found by a look-up made here (not restored): the focus goes to what was found.
      this.focusFound =
        (changed.get('state') as FlowState | undefined)?.context.addressLookup?.status === 'looking';
    }
  }

  protected override updated(): void {
    if (!this.focusFound) return;
    this.focusFound = false;
    this.renderRoot.querySelector<HTMLElement>('.found')?.focus();
  }

  private get looking(): boolean {
    return this.state.context.addressLookup?.status === 'looking';
  }

  private lookUp(e?: Event) {
    e?.preventDefault();
    // Busy buttons stay focusable (aria-disabled), so a second press lands here: ignore it.
    if (this.looking) return;
    this.problem = '';
    const input = this.query.trim();
    if (!input) {
      this.shown = { input: 'required' };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#input')?.focus());
      return;
    }
    this.shown = {};
    // A new look-up replaces what the last one found.
    this.keptDetail = this.values?.detail ?? this.keptDetail;
    this.values = null;
    // The locale's primary language ("pt" for "pt-BR"), all the endpoint forwards; a
    // locale switch asks no new look-up, the next one speaks the new language (docs/protocol.md).
    this.flow.send({ type: 'ADDRESS_LOOKUP', input, language: this.locale.split('-')[0]! });
  }

  /** Nothing found: the applicant types the address fields; it is sent without the vendor's codes. */
  private enterByHand() {
    const input = this.query.trim();
    this.values = {
      input,
      formattedAddress: '',
      compoundCode: '',
      globalCode: '',
      street: input,
      city: '',
      state: '',
      country: '',
      zipcode: '',
      detail: this.keptDetail,
    };
    this.shown = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#street')?.focus());
  }

  private locate() {
    if (this.looking) return;
    this.problem = '';
    const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
    if (!geo) {
      this.problem = 'address.locationUnavailable';
      return;
    }
    this.problem = 'address.locating';
    geo.getCurrentPosition(
      (position) => {
        this.problem = '';
        // Four decimals (about 11 m) find a street address; finer would keep and send more than it needs.
        this.query = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        this.lookUp();
      },
      () => {
        this.problem = 'address.locationDenied';
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  private async onProof(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.problem = '';
    try {
      this.proof = (await prepareImage(file, { kind: 'address' })).blob;
    } catch (error) {
      this.problem =
        error instanceof ImageError ? `capture.imageError.${error.code}` : 'capture.imageError.corrupt_image';
    }
  }

  /** The remove button leaves with the picture: the focus goes back to the picture's input. */
  private removeProof() {
    this.proof = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#proof')?.focus());
  }

  private set(name: AddressFieldName, value: string) {
    if (!this.values) return;
    this.values = { ...this.values, [name]: value };
    if (this.shown[name])
      this.shown = { ...this.shown, [name]: validateAddress(normalizeAddress(this.values))[name] };
  }

  private confirm(e: Event) {
    e.preventDefault();
    if (!this.values) return;
    const address = normalizeAddress(this.values);
    const problems = validateAddress(address, this.state.context.rules.address);
    this.shown = problems;
    const first = EDITABLE.find((n) => problems[n]);
    if (first) {
      // A field to fix may be in the long form: open it.
      this.editing = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return;
    }
    this.send({ type: 'ADDRESS_CONFIRMED', address, ...(this.proof ? { image: this.proof } : {}) });
  }

  protected override render() {
    const t = this.t;
    const { addressLookup: lookup, rules, notice } = this.state.context;
    const looking = this.looking;
    const busy = looking ? 'true' : 'false';
    const inputError = this.shown.input === 'required' ? t('fieldError.required') : '';
    const failure =
      lookup?.status === 'failed'
        ? t(`address.error.${lookup.error?.code}`, { defaultValue: t('address.error.default') })
        : '';
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('address.title')}</h2>
      <p class="muted">${t('address.intro')}</p>
      ${notice ? html`<p class="notice" role="alert">${t('address.rejected')}</p>` : nothing}
      <form part="form" novalidate @submit=${this.lookUp}>
        <div class="field">
          <label for="input">${t('address.input')}</label>
          <span id="input-hint" class="hint">${t('address.inputHint')}</span>
          <input
            id="input"
            type="text"
            autocomplete="street-address"
            maxlength="200"
            aria-describedby=${inputError ? 'input-hint input-error' : 'input-hint'}
            aria-invalid=${inputError ? 'true' : 'false'}
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
          ${inputError ? html`<p id="input-error" class="error-text">${inputError}</p>` : nothing}
        </div>
        <div class="lookup">
          <button type="submit" class=${this.values ? 'button' : 'button primary'} aria-disabled=${busy}>${t('address.find')}</button>
          <button type="button" class="button" aria-disabled=${busy} @click=${this.locate}>${t('address.useLocation')}</button>
        </div>
      </form>
      ${looking ? html`<p role="status">${this.status.text('looking', t('address.looking'))}</p>` : nothing}
      ${
        failure
          ? html`<p class="notice" role="alert">${failure}</p>
            ${
              this.values
                ? nothing
                : html`<button type="button" class="button" @click=${this.enterByHand}>${t('address.manual')}</button>`
            }`
          : nothing
      }
      ${this.problem ? html`<p class=${this.problem === 'address.locating' ? 'muted' : 'notice'} role="status">${this.status.text('problem', t(this.problem))}</p>` : nothing}
      ${
        this.values && !looking
          ? this.renderConfirm()
          : rules.address === 'optional'
            ? html`<div class="actions" part="actions">${this.skipButton()}</div>`
            : nothing
      }
    `;
  }

  private renderConfirm() {
    const t = this.t;
    const values = this.values!;
    // A match is a card with "Edit"; the long form only when editing (or typed by hand).
    const long = !values.globalCode || this.editing;
    return html`
      ${
        values.globalCode
          ? html`<div class="found" role="group" tabindex="-1" aria-labelledby="found found-address">
            <div class="found-text">
              <p id="found">${t('address.found')}</p>
              <p id="found-address"><strong>${values.formattedAddress}</strong></p>
              <p class="code">${t('address.plusCode')}: ${values.compoundCode || values.globalCode}</p>
            </div>
            ${
              this.editing
                ? nothing
                : html`<button type="button" class="button edit" aria-describedby="found-address" @click=${this.edit}>${t('address.edit')}</button>`
            }
          </div>`
          : html`<p class="muted">${t('address.manualNote')}</p>`
      }
      <form part="form" novalidate @submit=${this.confirm}>
        ${long ? html`<p class="muted">${t('address.correct')}</p>` : nothing}
        ${EDITABLE.filter((name) => long || name === 'detail').map((name) => this.renderField(name, values))}
        <div class="field">
          <span class="label" id="proof-label"><strong>${t('address.proof')}</strong> <span class="optional">(${t('common.optional')})</span></span>
          <span class="hint" id="proof-hint">${this.proof ? t('address.proofAdded') : t('address.proofHint')}</span>
          <div class="lookup">
            <label class="button file">
              ${this.proof ? t('address.proofReplace') : t('address.proofChoose')}
              <input id="proof" class="visually-hidden" type="file" accept="image/jpeg,image/png" aria-describedby="proof-hint" @change=${this.onProof} />
            </label>
            ${this.proof ? html`<button type="button" class="button" @click=${this.removeProof}>${t('address.proofRemove')}</button>` : nothing}
          </div>
        </div>
        <div class="actions" part="actions">
          <button type="submit" class="button primary">${t('address.confirm')}</button>
          ${this.skipButton()}
        </div>
      </form>
    `;
  }

  /** "Skip this step", where the address is optional. */
  private skipButton() {
    return this.state.context.rules.address === 'optional'
      ? html`<button type="button" class="button" @click=${() => this.send({ type: 'ADDRESS_SKIPPED' })}>${this.t('address.skip')}</button>`
      : nothing;
  }

  /** Opens the long form, the focus on its first field. */
  private edit() {
    this.editing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#street')?.focus());
  }

  private renderField(name: (typeof EDITABLE)[number], values: AddressFields) {
    const t = this.t;
    const label = t(`address.fields.${name}`);
    const problem = this.shown[name];
    const error = problem
      ? t(
          `fieldError.${problem === 'invalid_country' ? 'invalid_country' : problem === 'too_long' ? 'too_long' : 'required'}`,
        )
      : '';
    if (name === 'country') {
      return html`<argos-kyc-country-select
        id="country"
        .t=${t}
        .locale=${this.locale}
        .value=${values.country}
        .label=${label}
        .error=${error}
        @change=${(e: Event) => this.set('country', (e.target as KycCountrySelect).value)}
      ></argos-kyc-country-select>`;
    }
    const required = REQUIRED.has(name);
    return html`<div class="field">
      <label for=${name}>${label}${required ? nothing : html` <span class="optional">(${t('common.optional')})</span>`}</label>
      <input
        id=${name}
        type="text"
        autocomplete=${AUTOCOMPLETE[name]}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        .value=${values[name]}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
      />
      ${error ? html`<p id="${name}-error" class="error-text">${error}</p>` : nothing}
    </div>`;
  }
}
