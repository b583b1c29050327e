// Our own drawings for the selfie screen: a good selfie (one face, centred in the oval, in
// good light) and one to avoid (glasses and a hat, off-centre). Colours are the theme's tokens.
import { html, svg, type TemplateResult } from 'lit';
import type { Translate } from '../../i18n/i18n.ts';

function face(good: boolean): TemplateResult {
  const x = good ? 40 : 48;
  return svg`
    <rect x="2" y="2" width="76" height="92" rx="10" fill="var(--argos-kyc-color-surface)" />
    <ellipse cx="40" cy="46" rx="24" ry="32" fill="none" stroke="var(--argos-kyc-color-border)" stroke-width="2" stroke-dasharray="4 4" />
    <circle cx=${x} cy="42" r="14" fill="var(--argos-kyc-color-muted)" />
    <path d="M${x - 22} 80c4-14 40-14 44 0" fill="var(--argos-kyc-color-muted)" />
    ${
      good
        ? svg``
        : svg`<g fill="none" stroke="var(--argos-kyc-color-text)" stroke-width="2.5"><circle cx=${x - 6} cy="42" r="5" /><circle cx=${x + 6} cy="42" r="5" /><path d="M${x - 1} 42h2" /></g>
          <path d="M${x - 16} 31h32l-5-10h-22z" fill="var(--argos-kyc-color-text)" />`
    }`;
}

/** A good selfie and one to avoid, each with its caption (the captions are the text; the drawings decorate). */
export function selfieExamples(t: Translate): TemplateResult {
  return html`<div class="examples">
    <figure>
      <svg viewBox="0 0 80 96" width="80" height="96" aria-hidden="true">${face(true)}</svg>
      <figcaption class="good">${t('selfie.example.good')}</figcaption>
    </figure>
    <figure>
      <svg viewBox="0 0 80 96" width="80" height="96" aria-hidden="true">${face(false)}</svg>
      <figcaption class="bad">${t('selfie.example.bad')}</figcaption>
    </figure>
  </div>`;
}
