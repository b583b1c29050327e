// The English strings of the document screen's live guidance. They ride in the capture
// step's lazy chunk, not in en.ts: the script-tag file carries English for the first
// screens within a 40 KB budget (build/size.ts), and these are read only here. Other
// languages keep them in their locale file under `capture.guide` (the `Strings` type in
// en.ts makes each complete); English reaches i18next when the chunk loads (addEnglish).
import type { GuidanceState } from '@argos-kyc/core';

export const captureGuideEn = {
  too_dark: 'Too dark. Find more light.',
  too_bright: 'Too bright. Move out of direct light.',
  no_document: 'Place your document inside the frame.',
  partly_outside: 'Bring the whole document into the frame.',
  not_centred: 'Centre the document in the frame.',
  too_far: 'Move closer. The document should fill the frame.',
  too_close: 'Move back a little.',
  tilted: 'Hold the phone flat, straight above the document.',
  hold_still: 'Hold still…',
  glare: 'Glare on the document. Tilt it a little.',
  blurred: 'The picture is blurred. Hold steady.',
  ready: 'Hold it there. Taking the photo…',
  readyManual: 'Looks good. Take the photo.',
  hint: 'Having trouble? Take the photo with the button below, or upload a photo instead.',
  auto: 'The photo was taken automatically.',
} satisfies Record<GuidanceState | 'readyManual' | 'hint' | 'auto', string>;

export type CaptureGuideKey = keyof typeof captureGuideEn;
