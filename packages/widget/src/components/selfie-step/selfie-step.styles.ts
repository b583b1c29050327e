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
  .attempts {
    font-weight: 600;
  }
`;
