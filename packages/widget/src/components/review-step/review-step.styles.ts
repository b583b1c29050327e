import { css } from 'lit';

/*
 * The values read, as one compact card: a row per field, the label small above its value,
 * each value editable in place (a text box that looks like text until it is pointed at or
 * focused). The footer is the shared sticky one: fields scroll clear of it when focused.
 */
export const reviewStyles = css`
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .card {
    margin: 0 0 var(--argos-kyc-space-2);
    padding: 0 var(--argos-kyc-space-4);
    border: 1px solid color-mix(in srgb, var(--argos-kyc-color-border) 45%, transparent);
    border-radius: var(--argos-kyc-radius-large);
    background: var(--argos-kyc-color-surface);
  }
  .card .field,
  .card argos-kyc-country-select {
    margin: 0;
    padding: var(--argos-kyc-space-2) 0;
    gap: 0;
  }
  .card argos-kyc-country-select::part(field) {
    margin: 0;
    gap: 0;
  }
  .card > * + * {
    border-top: 1px solid color-mix(in srgb, var(--argos-kyc-color-border) 35%, transparent);
  }
  .card label,
  .card argos-kyc-country-select::part(label) {
    color: var(--argos-kyc-color-muted);
    font-size: var(--argos-kyc-font-size-small);
    font-weight: 600;
  }
  .card {
    --argos-kyc-field-border: transparent;
    --argos-kyc-field-background: transparent;
  }
  .card input,
  .card select,
  .card argos-kyc-country-select::part(input) {
    margin: 0 calc(-1 * var(--argos-kyc-space-2));
    width: calc(100% + 2 * var(--argos-kyc-space-2));
    padding-inline-start: var(--argos-kyc-space-2);
    font-weight: 600;
  }
  /* An empty value shows its box (the placeholder is one space, for :placeholder-shown), else it would be nothing to see. */
  .card input:placeholder-shown {
    border-color: var(--argos-kyc-color-border);
    background-color: var(--argos-kyc-color-background);
  }
  .card .hint,
  .card .error-text {
    padding-bottom: var(--argos-kyc-space-1);
  }
  .summary {
    margin-top: 0.5rem;
  }
`;
