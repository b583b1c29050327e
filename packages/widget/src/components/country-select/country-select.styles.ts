import { css } from 'lit';

export const countrySelectStyles = css`
  .optional {
    font-weight: 400;
    color: var(--argos-kyc-color-muted);
  }
  .combo {
    position: relative;
  }
  /* The chevron says "a list opens here", as a native select's would. */
  input {
    padding-inline-end: 2.25rem;
    background: linear-gradient(45deg, transparent 50%, currentColor 50%) calc(100% - 1.15rem) 55% / 0.35rem
        0.35rem no-repeat,
      linear-gradient(135deg, currentColor 50%, transparent 50%) calc(100% - 0.8rem) 55% / 0.35rem 0.35rem
        no-repeat,
      var(--argos-kyc-field-background, var(--argos-kyc-color-background));
  }
  /* Right to left, the chevron sits at the end of the line: the left. */
  input:dir(rtl) {
    background-position:
      0.8rem 55%,
      1.15rem 55%,
      0 0;
  }
  [role='listbox'] {
    position: absolute;
    /* Above the sticky footer of the step. */
    z-index: 2;
    inset: calc(100% + 4px) 0 auto;
    max-height: 15rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem 0;
    list-style: none;
    border: 1px solid var(--argos-kyc-color-border);
    border-radius: var(--argos-kyc-radius);
    background: var(--argos-kyc-color-background);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  [role='option'] {
    display: flex;
    align-items: center;
    min-height: 44px;
    padding: 0.25rem 0.75rem;
    cursor: pointer;
  }
  [role='option']:hover,
  [aria-selected='true'] {
    background: var(--argos-kyc-color-surface);
  }
  /* The option the arrows point at: a bar as well as a colour, for forced colours. */
  [aria-selected='true'] {
    box-shadow: inset 4px 0 0 var(--argos-kyc-color-primary);
  }
  .chosen {
    font-weight: 600;
  }
`;
