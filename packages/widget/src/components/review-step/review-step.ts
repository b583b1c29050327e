import {
  normalizeReview,
  REQUIRED_FIELDS,
  reviewFieldNames,
  validateReview,
  type FieldErrors,
  type ReviewFieldName,
  type ReviewFields,
} from '@argos-kyc/core';
import { html, nothing, type TemplateResult } from 'lit';
import { sharedStyles } from '../../styles/shared.ts';
import type { KycCountrySelect } from '../country-select/country-select.ts';
import { StepElement } from '../step-element.ts';
import { reviewStyles } from './review-step.styles.ts';
import { addEnglish } from '../../i18n/i18n.ts';
import { reviewEn } from './strings.ts';

addEnglish({ review: reviewEn });

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const INPUTS: Partial<Record<ReviewFieldName, { type: string; autocomplete?: string; inputmode?: string }>> =
  {
    name: { type: 'text', autocomplete: 'name' },
    birthDate: { type: 'date', autocomplete: 'bday' },
    issueDate: { type: 'date' },
    identityNumber: { type: 'text', inputmode: 'numeric', autocomplete: 'off' },
    licenseNumber: { type: 'text', autocomplete: 'off' },
    serialNumber: { type: 'text', autocomplete: 'off' },
  };

const HINTS: ReadonlySet<ReviewFieldName> = new Set([
  'name',
  'identityNumber',
  'licenseNumber',
  'serialNumber',
]);

/** How long typing pauses before the edits are kept as the draft. */
const DRAFT_DELAY_MS = 300;

/**
 * @summary The values read from the document as one compact card, each editable in place,
 * prefilled from the OCR: name, date of birth, gender, nationality, date of issue, and the
 * Korean-only fields where the core's rules offer them. Validation is the core's
 * `validateReview`, shown inline as fields are left; edits are kept as a draft (REVIEW_EDITED).
 * @csspart heading - The step's heading.
 * @csspart form - The form.
 * @csspart card - The card of values.
 */
export class KycReviewStep extends StepElement {
  static override styles = [sharedStyles, reviewStyles];
  static override properties = {
    ...StepElement.properties,
    values: { state: true },
    shown: { state: true },
  };

  declare values: ReviewFields;
  /** Errors on display: the fields left so far, or all after a submit. */
  declare shown: FieldErrors;
  private touched = new Set<ReviewFieldName>();
  /** The pending REVIEW_EDITED: the draft goes to the flow (and so to the resume point) once typing pauses. */
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.shown = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.values = {
      ...(this.state.context.fields ?? {
        name: '',
        birthDate: '',
        gender: '',
        nationality: '',
        issueDate: '',
      }),
    };
    this.shown = { ...this.state.context.fieldErrors };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.saveDraft();
  }

  /** The flow keeps the edits as a draft (and the resume store with it): a reload shows them. */
  private saveDraft() {
    if (this.draftTimer === undefined) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (this.flow.state.step === 'review') this.send({ type: 'REVIEW_EDITED', fields: this.values });
  }

  private get reviewContext() {
    return { document: this.state.context.document };
  }

  private set(name: ReviewFieldName, value: string) {
    this.values = { ...this.values, [name]: value };
    if (this.shown[name]) this.revalidate();
    // Once typing pauses, not on every key.
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.saveDraft(), DRAFT_DELAY_MS);
  }

  private revalidate() {
    const all = validateReview(normalizeReview(this.values, this.reviewContext), this.reviewContext, today());
    const shown: FieldErrors = {};
    for (const name of this.touched) if (all[name]) shown[name] = all[name];
    this.shown = shown;
  }

  private leave(name: ReviewFieldName) {
    this.touched.add(name);
    this.revalidate();
  }

  private submit(e: Event) {
    e.preventDefault();
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    this.send({ type: 'REVIEW_SUBMITTED', fields: this.values, today: today() });
    const after = this.flow.state;
    if (after.step !== 'review') return;
    for (const name of reviewFieldNames(this.reviewContext)) this.touched.add(name);
    this.shown = { ...after.context.fieldErrors };
    const first = reviewFieldNames(this.reviewContext).find((n) => this.shown[n]);
    if (first) void this.updateComplete.then(() => this.focusField(first));
  }

  private focusField(name: ReviewFieldName) {
    const el = this.renderRoot.querySelector<HTMLElement | KycCountrySelect>(`#${name}`);
    el?.focus();
  }

  protected override render() {
    const t = this.t;
    const { ocrFound } = this.state.context;
    const names = reviewFieldNames(this.reviewContext);
    const errorCount = Object.keys(this.shown).length;
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('review.title')}</h2>
      <p class=${ocrFound === false ? 'notice' : 'muted'}>${ocrFound === false ? t('review.noOcr') : t('review.intro')}</p>
      ${this.state.context.notice ? html`<p class="notice" role="alert">${t('review.rejected')}</p>` : nothing}
      <form part="form" novalidate @submit=${this.submit}>
        <div class="card" part="card">${names.map((name) => this.renderField(name))}</div>
        ${errorCount ? html`<p class="error-text summary">${t('review.summary', { count: errorCount })}</p>` : nothing}
        <div class="actions" part="actions">
          <button type="submit" class="button primary">${t('review.confirm')}</button>
        </div>
      </form>
    `;
  }

  private renderField(name: ReviewFieldName): TemplateResult {
    const t = this.t;
    const label = t(`review.fields.${name}`);
    const problem = this.shown[name];
    const error = problem ? t(`fieldError.${problem}`) : '';
    const required = REQUIRED_FIELDS.has(name);
    const value = (this.values[name] as string | undefined) ?? '';
    if (name === 'nationality') {
      return html`<argos-kyc-country-select
        id="nationality"
        allow-none
        optional
        .t=${t}
        .locale=${this.locale}
        .value=${value}
        .label=${label}
        .error=${error}
        @change=${(e: Event) => {
          this.set('nationality', (e.target as KycCountrySelect).value);
          this.leave('nationality');
        }}
      ></argos-kyc-country-select>`;
    }
    const describedBy = [HINTS.has(name) ? `${name}-hint` : '', error ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    const labelText = html`${label}${required ? nothing : html` <span class="optional">(${t('common.optional')})</span>`}`;
    if (name === 'gender') {
      return html`<div class="field">
        <label for="gender">${labelText}</label>
        <select id="gender" .value=${value} @change=${(e: Event) => this.set('gender', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${value === ''}>${t('review.gender.none')}</option>
          <option value="male" ?selected=${value === 'male'}>${t('review.gender.male')}</option>
          <option value="female" ?selected=${value === 'female'}>${t('review.gender.female')}</option>
        </select>
      </div>`;
    }
    const input = INPUTS[name] ?? { type: 'text' };
    return html`<div class="field">
      <label for=${name}>${labelText}</label>
      ${HINTS.has(name) ? html`<span id="${name}-hint" class="hint">${t(`review.hints.${name}`)}</span>` : nothing}
      <input
        id=${name}
        name=${name}
        type=${input.type}
        autocomplete=${input.autocomplete ?? nothing}
        inputmode=${input.inputmode ?? nothing}
        placeholder=" "
        ?required=${required}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${value}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
        @blur=${(e: FocusEvent) => {
          // Leaving for the submit button: the submit validates everything. Validating here too
          // would insert the error above the button between mousedown and mouseup, and the
          // click would miss the button that moved.
          if ((e.relatedTarget as HTMLButtonElement | null)?.type !== 'submit') this.leave(name);
        }}
      />
      ${error ? html`<p id="${name}-error" class="error-text">${error}</p>` : nothing}
    </div>`;
  }
}
