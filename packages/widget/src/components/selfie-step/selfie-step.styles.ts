import { css } from 'lit';

export const selfieStyles = css`
  /* A mirror for the applicant's eyes only: the captured frame (and upload) is not mirrored. */
  video {
    transform: scaleX(-1);
  }
  /* The oval guide: a face at arm's length fills about half the frame's width. */
  .guide.oval {
    width: 46%;
    aspect-ratio: 3 / 4;
    border-radius: 50%;
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
