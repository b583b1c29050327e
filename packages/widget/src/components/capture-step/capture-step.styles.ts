import { css } from 'lit';

export const captureStyles = css`
  /* The viewfinder takes the camera's own aspect, so the guide frame marks what will be captured. */
  .viewfinder {
    position: relative;
    overflow: hidden;
    border-radius: var(--argos-kyc-radius);
    background: #000;
  }
  video {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: auto 4 / 3;
  }
  /* The guide frame: the ID-1 card ratio (85.6 x 54 mm), centred; fits 4:3 and 16:9 feeds. */
  .guide {
    position: absolute;
    inset: 50% auto auto 50%;
    width: 76%;
    aspect-ratio: 85.6 / 54;
    transform: translate(-50%, -50%);
    border: 3px solid var(--argos-kyc-color-guide);
    border-radius: 12px;
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.35);
  }
  .starting {
    position: absolute;
    inset: auto 0 0 0;
    margin: 0;
    padding: 0.5rem;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
    text-align: center;
  }
  .preview {
    display: block;
    width: 100%;
    height: auto;
    border-radius: var(--argos-kyc-radius);
    background: var(--argos-kyc-color-surface);
  }
  .file {
    display: inline-flex;
    align-items: center;
    position: relative;
  }
  .file:focus-within {
    outline: 3px solid var(--argos-kyc-color-focus);
    outline-offset: 2px;
  }
  /* The drawing beside the hint; under it on the narrowest screens. */
  .explain {
    display: flex;
    align-items: center;
    gap: var(--argos-kyc-space-4);
    margin-bottom: var(--argos-kyc-space-4);
  }
  .explain p {
    margin: 0;
  }
  .illustration {
    flex: none;
    width: 96px;
    height: auto;
  }
  .quality {
    margin-top: 1rem;
  }
`;

/** The document screen's own: the live guidance over the viewfinder (the selfie shares the rest). */
export const documentStyles = css`
  /*
   * The viewfinder fills the widget's width; its aspect is the camera's, held between 3:4
   * (a phone's portrait feed) and 4:3 (set from the feed, live-guidance.ts). The video
   * covers it, and the guide is placed in what shows, so the analysis measures the
   * document against the guide the applicant sees.
   */
  .document {
    aspect-ratio: 4 / 3;
    max-width: calc(38vh * 4 / 3);
    margin-inline: auto;
  }
  .document video,
  .overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .document video {
    object-fit: cover;
  }
  /* Outside the document-shaped guide is dimmed; its corners take the state's colour. */
  .dim {
    fill: rgb(0 0 0 / 0.55);
  }
  .corners {
    fill: none;
    stroke: var(--argos-kyc-color-guide);
    stroke-width: 9;
    stroke-linecap: round;
    stroke-linejoin: round;
    transition: stroke 0.2s;
  }
  [data-tone='warn'] .corners {
    stroke: #fbbf24;
  }
  [data-tone='ok'] .corners {
    stroke: #4ade80;
  }
  /*
   * The live message under the video (over it, it would hide the guide on a small phone).
   * Room for two lines, kept while the camera starts: the buttons under it never move as
   * the message changes.
   */
  .guidance {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: calc(2 * 1.35em + 1rem);
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--argos-kyc-radius);
    background: var(--argos-kyc-color-surface);
    font-weight: 600;
    line-height: 1.35;
  }
  .guidance svg {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .guidance[data-tone='ok'] svg {
    stroke: var(--argos-kyc-color-success);
  }
  .guide-hint {
    margin: var(--argos-kyc-space-4) 0 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .corners {
      transition: none;
    }
  }
  .auto-taken {
    margin: 0.5rem 0 0;
  }
`;
