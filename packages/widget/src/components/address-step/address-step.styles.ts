import { css } from 'lit';

export const addressStyles = css`
  .lookup {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  .found {
    border-inline-start: 4px solid var(--argos-kyc-color-primary);
    background: var(--argos-kyc-color-surface);
    padding: 0.75rem 1rem;
    margin: 1rem 0;
  }
  .found {
    display: flex;
    align-items: flex-start;
    gap: var(--argos-kyc-space-2);
    border-radius: var(--argos-kyc-radius);
  }
  .found-text {
    flex: 1;
  }
  /* The address found (in the lookup's language) and its plus code keep their own direction. */
  .found strong,
  .found .code {
    unicode-bidi: plaintext;
  }
  .found p {
    margin: 0;
  }
  .found .edit {
    width: auto;
    flex: none;
    margin: -0.5rem -0.75rem 0 0;
  }
  .code {
    font-family: ui-monospace, monospace;
  }
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .file {
    display: inline-flex;
    align-items: center;
  }
  .file:focus-within {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 2px;
  }
  /*
   * A form's footer stays at the end of the form: a sticky footer over a long form hides part
   * of the fields at its edge, leaving targets under 24 px (WCAG 2.5.8), which axe refuses.
   */
  .actions {
    position: static;
  }
`;
