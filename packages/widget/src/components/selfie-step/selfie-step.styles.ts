import { css } from 'lit';

export const selfieStyles = css`
  /* A mirror for the applicant's eyes only: the captured frame (and upload) is not mirrored. */
  video {
    transform: scaleX(-1);
  }
  /* Portrait, as a phone is held for a selfie: the camera's (landscape) picture covers it,
     cropped at its sides; the face gate maps the oval into the picture's pixels by the same rule. */
  .viewfinder.portrait {
    width: min(100%, 42vh);
    aspect-ratio: 3 / 4;
    margin-inline: auto;
  }
  .portrait video {
    width: 100%;
    height: 100%;
    aspect-ratio: auto;
    object-fit: cover;
  }
  /* The oval guide: a face at arm's length fills most of it (the gate's size band). A little
     above the middle, where a face sits when the phone is held at eye level, shoulders below. */
  .guide.oval {
    top: 38%;
    width: 64%;
    aspect-ratio: 3 / 4;
    border-radius: 50%;
    transition: border-color 0.2s;
  }
  .guide.oval.ok {
    border-color: var(--argos-kyc-color-success);
  }
  .guidance {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--argos-kyc-space-2);
    min-height: 1.75rem;
    margin: var(--argos-kyc-space-2) 0;
    font-weight: 600;
    text-align: center;
  }
  .guidance svg {
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .guidance svg.ok {
    color: var(--argos-kyc-color-success);
  }
  .preview {
    max-height: 60vh;
    object-fit: contain;
  }
  .examples {
    display: flex;
    justify-content: center;
    gap: var(--argos-kyc-space-6);
    margin: 0 0 var(--argos-kyc-space-4);
  }
  figure {
    margin: 0;
    text-align: center;
  }
  figure svg {
    display: block;
    margin: 0 auto var(--argos-kyc-space-1);
  }
  figcaption {
    font-size: var(--argos-kyc-font-size-small);
    font-weight: 600;
  }
  .good {
    color: var(--argos-kyc-color-success);
  }
  .bad {
    color: var(--argos-kyc-color-danger);
  }
  .attempts {
    font-weight: 600;
  }
`;
