// What the end screens share (the result's outcomes and the exit): the outcome's icon and
// the look of an end screen. A module of the end screens only, so that a split build can
// load it with them, after the first screens.
import { css, html, svg, type TemplateResult } from 'lit';
import type { KycOutcome } from '../../events/done.ts';

// Our own drawings: a circle and a mark, in currentColor so each outcome takes its token.
const MARKS: Record<KycOutcome, TemplateResult> = {
  approved: svg`<path d="M20 33l8 8 16-17" />`,
  rejected: svg`<path d="M22 22l20 20M42 22L22 42" />`,
  pending: svg`<path d="M32 18v14l9 6" />`,
  later: svg`<path d="M32 18v14l9 6" />`,
  exited: svg`<path d="M28 22h-8v20h8M34 24l8 8-8 8M42 32H26" />`,
};

/** The outcome's icon; its meaning is said by the heading next to it, so it is hidden from screen readers. */
export function outcomeIcon(outcome: KycOutcome): TemplateResult {
  return html`<div class="icon ${outcome}" part="icon" aria-hidden="true">
    <svg viewBox="0 0 64 64" width="80" height="80">
      <circle cx="32" cy="32" r="30" class="disc" />
      <g fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">${MARKS[outcome]}</g>
    </svg>
  </div>`;
}

export const outcomeStyles = css`
  :host {
    text-align: center;
  }
  .icon {
    display: flex;
    justify-content: center;
    margin: var(--argos-kyc-space-6) 0 var(--argos-kyc-space-4);
    color: var(--argos-kyc-color-primary);
  }
  .icon .disc {
    fill: currentColor;
    opacity: 0.14;
  }
  .approved {
    color: var(--argos-kyc-color-success);
  }
  .rejected {
    color: var(--argos-kyc-color-danger);
  }
  .exited {
    color: var(--argos-kyc-color-muted);
  }
  .notice {
    text-align: start;
  }
  /* Under review: a ring that turns while the decision is awaited (still under reduced motion). */
  .activity {
    display: inline-flex;
    align-items: center;
    gap: var(--argos-kyc-space-2);
    margin: 0 0 var(--argos-kyc-space-4);
    color: var(--argos-kyc-color-muted);
  }
  .spinner {
    width: 1.25rem;
    height: 1.25rem;
    border: 3px solid var(--argos-kyc-color-surface);
    border-top-color: var(--argos-kyc-color-primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
