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
