// All of the English, the first screens' (en.ts) and what the lazy chunks carry, in one
// object: for tests that read the strings a screen shows (the runtime never imports it:
// the script tag would then carry every screen's English).
import { addressEn } from '../components/address-step/strings.ts';
import { reviewEn } from '../components/review-step/strings.ts';
import { selfieEn } from '../components/selfie-step/strings.ts';
import { en } from './en.ts';

export const englishAll = {
  ...en,
  review: { ...en.review, ...reviewEn },
  address: addressEn,
  selfie: { ...en.selfie, ...selfieEn },
};
