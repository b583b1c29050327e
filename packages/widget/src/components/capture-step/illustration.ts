// Our own drawing for the document screen: an ID card lying flat inside the camera's frame
// corners. Colours are the theme's tokens, so it follows light, dark and the integrator's brand.
import { html } from 'lit';

/** Decorative: the hint beside it says the same in words. */
export const documentIllustration = html`<svg class="illustration" viewBox="0 0 120 80" width="120" height="80" aria-hidden="true">
  <rect x="4" y="4" width="112" height="72" rx="10" fill="var(--argos-kyc-color-surface)" />
  <g fill="none" stroke="var(--argos-kyc-color-primary)" stroke-width="3" stroke-linecap="round">
    <path d="M14 24v-8h10M96 16h10v8M106 56v8H96M24 64H14v-8" />
  </g>
  <rect x="24" y="22" width="72" height="36" rx="5" fill="var(--argos-kyc-color-background)" stroke="var(--argos-kyc-color-border)" stroke-width="1.5" />
  <circle cx="40" cy="37" r="6" fill="var(--argos-kyc-color-muted)" />
  <path d="M31 50c2-5 16-5 18 0" fill="var(--argos-kyc-color-muted)" />
  <g stroke="var(--argos-kyc-color-border)" stroke-width="3" stroke-linecap="round">
    <path d="M56 32h30M56 40h24M56 48h28" />
  </g>
</svg>`;
