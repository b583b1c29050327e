import { css } from 'lit';

export const consentStyles = css`
  .steps-title {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  ol {
    margin: 0 0 1rem;
    padding-left: 1.5rem;
    line-height: 1.5;
  }
`;
