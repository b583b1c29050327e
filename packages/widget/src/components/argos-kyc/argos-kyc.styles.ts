import { css } from 'lit';

export const argosKycStyles = css`
  :host {
    --argos-kyc-color-primary: #1a56db;
    --argos-kyc-color-on-primary: #ffffff;
    --argos-kyc-color-text: #1b1f24;
    --argos-kyc-color-muted: #4a5360;
    --argos-kyc-color-background: #ffffff;
    --argos-kyc-color-surface: #f1f4f8;
    --argos-kyc-color-border: #6b7480;
    --argos-kyc-color-danger: #b42318;
    --argos-kyc-color-focus: #1a56db;
    --argos-kyc-color-guide: #ffffff;
    --argos-kyc-radius: 8px;
    --argos-kyc-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif;
    --argos-kyc-heading-size: 1.375rem;
    --argos-kyc-max-width: 32rem;

    display: block;
    color: var(--argos-kyc-color-text);
    background: var(--argos-kyc-color-background);
    font-family: var(--argos-kyc-font-family);
    font-size: 1rem;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --argos-kyc-color-primary: #8ab4f8;
      --argos-kyc-color-on-primary: #0b1220;
      --argos-kyc-color-text: #e8eaed;
      --argos-kyc-color-muted: #b4bcc6;
      --argos-kyc-color-background: #15181c;
      --argos-kyc-color-surface: #222830;
      --argos-kyc-color-border: #8a94a3;
      --argos-kyc-color-danger: #ff8a80;
      --argos-kyc-color-focus: #8ab4f8;
      color-scheme: dark;
    }
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    position: relative;
    max-width: var(--argos-kyc-max-width);
    margin: 0 auto;
    padding: 1.25rem;
  }
  /* Korean breaks between words, not inside them (inherited by every step's shadow tree). */
  .base[lang='ko'] {
    word-break: keep-all;
    overflow-wrap: break-word;
  }
  .loading {
    color: var(--argos-kyc-color-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
