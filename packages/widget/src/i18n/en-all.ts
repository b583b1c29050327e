// All of the English, the first screens' (en.ts) and what the lazy chunks carry, in one
// object of the shape every language follows (`Strings`): for tests that read the strings
// a screen shows and for the pseudo-locales (pseudo.ts, a lazy chunk of its own). The
// first screens never import it: the script tag would then carry every screen's English.
import { addressEn } from '../components/address-step/strings.ts';
import { captureGuideEn } from '../components/capture-step/guide-strings.ts';
import { handoffEn } from '../components/handoff-step/strings.ts';
import { reviewEn } from '../components/review-step/strings.ts';
import { selfieEn } from '../components/selfie-step/strings.ts';
import { en, type Strings } from './en.ts';

export const englishAll = {
  ...en,
  capture: { ...en.capture, guide: captureGuideEn },
  handoff: { ...en.handoff, ...handoffEn },
  review: { ...en.review, ...reviewEn },
  address: addressEn,
  selfie: { ...en.selfie, ...selfieEn },
} satisfies Strings;
