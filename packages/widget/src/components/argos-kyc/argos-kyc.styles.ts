import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';

export const argosKycStyles = [
  tokens,
  css`
  :host {
    display: block;
    color: var(--argos-kyc-color-text);
    background: var(--argos-kyc-color-background);
    font-family: var(--argos-kyc-font-family);
    font-size: var(--argos-kyc-font-size);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    position: relative;
    max-width: var(--argos-kyc-max-width);
    margin: 0 auto;
    padding: var(--argos-kyc-space-3) var(--argos-kyc-space-4) 0;
    background: var(--argos-kyc-color-background);
  }
  /* Desktop widths: a centred card on the page colour, not a stretched phone screen. */
  @media (min-width: 40rem) {
    :host {
      background: var(--argos-kyc-color-page);
      padding: var(--argos-kyc-space-6) var(--argos-kyc-space-4);
    }
    .base {
      padding: var(--argos-kyc-space-4) 2rem 0;
      border: 1px solid color-mix(in srgb, var(--argos-kyc-color-border) 40%, transparent);
      border-radius: var(--argos-kyc-radius-large);
      box-shadow: 0 8px 28px rgb(0 0 0 / 0.12);
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--argos-kyc-space-2);
    min-height: 44px;
  }
  .back {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 44px;
    height: 44px;
    margin-inline-start: -10px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--argos-kyc-color-text);
    cursor: pointer;
  }
  /* "Back" points to where the reading started: the right, in a right-to-left language. */
  .back:dir(rtl) svg {
    scale: -1 1;
  }
  .back:hover {
    background: var(--argos-kyc-color-surface);
  }
  .back:focus-visible {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 0;
  }
  .brand {
    flex: 1;
    min-width: 0;
    font-weight: 700;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .logo {
    display: block;
    max-height: 28px;
    max-width: 10rem;
  }
  .count {
    color: var(--argos-kyc-color-muted);
    font-size: var(--argos-kyc-font-size-small);
    white-space: nowrap;
  }
  .bar {
    display: flex;
    gap: var(--argos-kyc-space-1);
    margin: var(--argos-kyc-space-1) 0 var(--argos-kyc-space-4);
  }
  .bar span {
    flex: 1;
    height: 4px;
    border-radius: 2px;
    background: var(--argos-kyc-color-surface);
    box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--argos-kyc-color-border) 35%, transparent);
  }
  .bar .done {
    background: var(--argos-kyc-color-primary);
    box-shadow: none;
  }
  /* Korean breaks between words, not inside them (inherited by every step's shadow tree). */
  .base[lang='ko'] {
    word-break: keep-all;
    overflow-wrap: break-word;
  }
  .loading {
    color: var(--argos-kyc-color-muted);
  }
  /* "Continue on your phone" under the document's photo: a text button, as the footer's others. */
  .to-phone {
    display: block;
    min-height: 44px;
    margin: 0.5rem auto 0;
    padding: 0.5rem 1rem;
    border: 0;
    background: none;
    color: var(--argos-kyc-color-primary);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }
  .to-phone:focus-visible {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`,
];
