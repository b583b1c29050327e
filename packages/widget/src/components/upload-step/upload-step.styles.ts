import { css } from 'lit';

export const uploadStyles = css`
  .label {
    display: block;
    margin-bottom: 0.5rem;
  }
  progress {
    display: block;
    width: 100%;
    height: 0.75rem;
    appearance: none;
    border: 0;
    border-radius: 999px;
    background: var(--argos-kyc-color-surface);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: var(--argos-kyc-color-surface);
  }
  progress::-webkit-progress-value {
    background: var(--argos-kyc-color-primary);
    transition: width 200ms ease;
  }
  progress::-moz-progress-bar {
    background: var(--argos-kyc-color-primary);
  }
`;
