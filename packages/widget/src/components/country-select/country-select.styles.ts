import { css } from 'lit';

export const countrySelectStyles = css`
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    margin-bottom: 0.75rem;
  }
`;
