import { css } from 'lit';

export const reviewStyles = css`
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .summary {
    margin-top: 0.5rem;
  }
`;
