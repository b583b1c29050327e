// Styles every step shares. Colours, radius and font come from the --argos-kyc-*
// custom properties that <argos-kyc> defaults on its :host (they inherit through
// the nested shadow roots).
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    color: var(--argos-kyc-color-text);
    /* A long unbroken word (a formatted address, a name) wraps instead of widening the host page. */
    overflow-wrap: anywhere;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2 {
    font-size: var(--argos-kyc-heading-size);
    line-height: 1.3;
    margin: 0 0 0.75rem;
  }
  h2:focus:not(:focus-visible) {
    outline: none;
  }
  p {
    line-height: 1.5;
    margin: 0 0 1rem;
  }
  .muted {
    color: var(--argos-kyc-color-muted);
  }
  /*
   * The footer: one full-width primary action in thumb reach, sticky at the bottom of the
   * viewport while the screen is taller than it; the other actions as text buttons under it.
   */
  .actions {
    position: sticky;
    bottom: 0;
    z-index: 1;
    display: flex;
    flex-direction: column;
    gap: var(--argos-kyc-space-1);
    margin: var(--argos-kyc-space-2) calc(-1 * var(--argos-kyc-space-4)) 0;
    /* 24 px above the primary button: a field scrolled under the footer keeps a 24 px target (WCAG 2.5.8). */
    padding: var(--argos-kyc-space-6) var(--argos-kyc-space-4) var(--argos-kyc-space-4);
    background: var(--argos-kyc-color-background);
    box-shadow: 0 -1px 0 color-mix(in srgb, var(--argos-kyc-color-border) 30%, transparent);
  }
  /*
   * A field focused by Tab or by an error scrolls clear of the sticky footer, never under it
   * (WCAG 2.4.11); the footer is at most about 10rem tall.
   */
  input,
  select {
    scroll-margin-bottom: 10rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 100%;
    min-height: 44px;
    padding: 0.625rem 1.25rem;
    border: 0;
    border-radius: var(--argos-kyc-radius);
    background: transparent;
    color: var(--argos-kyc-color-primary);
    font: inherit;
    font-weight: 600;
    text-align: center;
    cursor: pointer;
    transition: background-color 120ms ease;
  }
  .button:not(.primary):hover {
    background: var(--argos-kyc-color-surface);
  }
  .button.primary {
    min-height: 48px;
    background: var(--argos-kyc-color-primary);
    color: var(--argos-kyc-color-on-primary);
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  .choice:focus-within {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 2px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    margin-bottom: 1rem;
  }
  label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--argos-kyc-color-muted);
    font-size: 0.875rem;
  }
  .error-text {
    color: var(--argos-kyc-color-danger);
    font-size: 0.875rem;
    font-weight: 600;
    margin: 0;
  }
  input,
  select {
    min-height: 44px;
    width: 100%;
    padding: 0.5rem 0.75rem;
    /* A container may draw its fields as text until pointed at (the review card): these two. */
    border: 1px solid var(--argos-kyc-field-border, var(--argos-kyc-color-border));
    border-radius: var(--argos-kyc-radius);
    background: var(--argos-kyc-field-background, var(--argos-kyc-color-background));
    color: var(--argos-kyc-color-text);
    font: inherit;
  }
  /* A value runs in its own direction, as dir="auto" would: an email, a document number, a
     date or the handoff's link stays left to right in a right-to-left form, a name typed in
     Arabic right to left in an English one. */
  input {
    unicode-bidi: plaintext;
  }
  input:hover,
  select:hover {
    border-color: var(--argos-kyc-color-border);
  }
  /* WebKit draws a native select (grey, its own height) over our colours unless it is unstyled: draw the arrow ourselves. */
  select {
    appearance: none;
    padding-inline-end: 2.25rem;
    background-image:
      linear-gradient(45deg, transparent 50%, currentColor 50%),
      linear-gradient(135deg, currentColor 50%, transparent 50%);
    background-position:
      calc(100% - 1.15rem) 55%,
      calc(100% - 0.8rem) 55%;
    background-size: 0.35rem 0.35rem;
    background-repeat: no-repeat;
  }
  /* Right to left, the arrow sits at the end of the line: the left. */
  select:dir(rtl) {
    background-position:
      0.8rem 55%,
      1.15rem 55%;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border: 2px solid var(--argos-kyc-color-danger);
  }
  .notice {
    border-inline-start: 4px solid var(--argos-kyc-color-danger);
    background: var(--argos-kyc-color-surface);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
