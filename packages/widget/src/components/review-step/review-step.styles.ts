import { css } from 'lit';

export const reviewStyles = css`
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .summary {
    margin-top: 0.5rem;
  }
  /*
   * A form's footer stays at the end of the form: a sticky footer over a long form hides part
   * of the fields at its edge, leaving targets under 24 px (WCAG 2.5.8), which axe refuses.
   */
  .actions {
    position: static;
  }
`;
