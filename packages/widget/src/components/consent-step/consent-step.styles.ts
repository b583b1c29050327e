import { css } from 'lit';

export const consentStyles = css`
  .steps-title {
    font-weight: 600;
    margin-bottom: var(--argos-kyc-space-2);
  }
  /* The steps as a numbered track: a circle per step, the text beside it. */
  .stages {
    counter-reset: stage;
    list-style: none;
    margin: 0 0 var(--argos-kyc-space-4);
    padding: 0;
  }
  .stages li {
    counter-increment: stage;
    display: flex;
    align-items: center;
    gap: var(--argos-kyc-space-3);
    padding: var(--argos-kyc-space-2) 0;
    line-height: 1.4;
  }
  .stages li::before {
    content: counter(stage);
    flex: none;
    display: grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    background: var(--argos-kyc-color-surface);
    color: var(--argos-kyc-color-primary);
    font-weight: 700;
    font-size: var(--argos-kyc-font-size-small);
  }
  .link {
    color: var(--argos-kyc-color-primary);
    font-weight: 600;
    text-underline-offset: 2px;
  }
  .link:focus-visible,
  .check input:focus-visible {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 2px;
  }
  .box {
    padding: var(--argos-kyc-space-3) var(--argos-kyc-space-4);
    border-radius: var(--argos-kyc-radius);
    background: var(--argos-kyc-color-surface);
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--argos-kyc-space-3);
    font-weight: 400;
    line-height: 1.45;
    cursor: pointer;
  }
  .check input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--argos-kyc-color-primary);
  }
  .box .error-text {
    margin-top: var(--argos-kyc-space-2);
  }
  /*
   * In the sticky footer, above "I agree": the footer's top padding is the box's, so that the
   * box (a target) is never partly under the footer, whatever the scroll (WCAG 2.5.8, 2.4.11).
   */
  .actions {
    padding-top: var(--argos-kyc-space-3);
  }
  .actions .box {
    margin-bottom: var(--argos-kyc-space-2);
    font-size: var(--argos-kyc-font-size-small);
  }
`;
