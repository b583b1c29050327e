import { css } from 'lit';

export const countrySelectStyles = css`
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    margin-bottom: 0.75rem;
  }
`;
