import { css } from 'lit';

export const documentStyles = css`
  fieldset {
    border: 0;
    margin: 0 0 1rem;
    padding: 0;
  }
  legend {
    margin-bottom: 0.5rem;
    padding: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 48px;
    padding: 0 0.75rem;
    margin-bottom: 0.5rem;
    border: 1px solid var(--argos-kyc-color-border);
    border-radius: var(--argos-kyc-radius);
    font-weight: 400;
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border: 2px solid var(--argos-kyc-color-primary);
    background: var(--argos-kyc-color-surface);
  }
  .choice input {
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0;
    accent-color: var(--argos-kyc-color-primary);
  }
  .choice input:focus-visible {
    outline: none;
  }
`;
