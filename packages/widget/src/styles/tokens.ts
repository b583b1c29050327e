// The design system's tokens: every colour, radius, spacing and type size the screens use
// is one of these custom properties, defaulted on <argos-kyc>'s :host and inherited by each
// step's shadow root. Light by default, dark by prefers-color-scheme, and `theme="light"` /
// `theme="dark"` on the element wins over the system setting (a host page with its own toggle).
// Contrast: every text colour on its background is at least 4.5:1, borders and focus 3:1 (WCAG 2.2 AA).
import { css, unsafeCSS } from 'lit';

const light = `
    --argos-kyc-color-primary: #1a56db;
    --argos-kyc-color-on-primary: #ffffff;
    --argos-kyc-color-text: #1b1f24;
    --argos-kyc-color-muted: #4a5360;
    --argos-kyc-color-background: #ffffff;
    --argos-kyc-color-surface: #f1f4f8;
    --argos-kyc-color-border: #6b7480;
    --argos-kyc-color-danger: #b42318;
    --argos-kyc-color-success: #067647;
    --argos-kyc-color-focus: #1a56db;
    --argos-kyc-color-page: #eef1f5;
    color-scheme: light;`;
const dark = `
    --argos-kyc-color-primary: #8ab4f8;
    --argos-kyc-color-on-primary: #0b1220;
    --argos-kyc-color-text: #e8eaed;
    --argos-kyc-color-muted: #b4bcc6;
    --argos-kyc-color-background: #15181c;
    --argos-kyc-color-surface: #222830;
    --argos-kyc-color-border: #8a94a3;
    --argos-kyc-color-danger: #ff8a80;
    --argos-kyc-color-success: #6ce9a6;
    --argos-kyc-color-focus: #8ab4f8;
    --argos-kyc-color-page: #0c0e11;
    color-scheme: dark;`;

export const tokens = css`
  :host {
    ${unsafeCSS(light)}
    --argos-kyc-color-guide: #ffffff;
    --argos-kyc-radius: 8px;
    --argos-kyc-radius-large: 16px;
    --argos-kyc-space-1: 0.25rem;
    --argos-kyc-space-2: 0.5rem;
    --argos-kyc-space-3: 0.75rem;
    --argos-kyc-space-4: 1rem;
    --argos-kyc-space-6: 1.5rem;
    --argos-kyc-font-family:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif;
    --argos-kyc-font-size-small: 0.875rem;
    --argos-kyc-font-size: 1rem;
    --argos-kyc-heading-size: 1.375rem;
    --argos-kyc-max-width: 32rem;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(dark)}
    }
  }
  :host([theme='dark']) {
    ${unsafeCSS(dark)}
  }
`;
