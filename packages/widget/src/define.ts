// Registers the widget's elements. Importing this module is the only side effect of
// the package; defining twice (two bundles on one page) never throws.
import { ArgosKyc } from './components/argos-kyc/argos-kyc.ts';
import { KycCaptureStep } from './components/capture-step/capture-step.ts';
import { KycConsentStep } from './components/consent-step/consent-step.ts';
import { KycCountrySelect } from './components/country-select/country-select.ts';
import { KycDocumentStep } from './components/document-step/document-step.ts';
import { KycEndStep } from './components/end-step/end-step.ts';
import { KycErrorStep } from './components/error-step/error-step.ts';
import { KycReviewStep } from './components/review-step/review-step.ts';
import { KycUploadStep } from './components/upload-step/upload-step.ts';
import { KycAddressStep } from './components/address-step/address-step.ts';
import { KycSelfieStep } from './components/selfie-step/selfie-step.ts';
import { KycResultStep } from './components/result-step/result-step.ts';
import { KycHandoffStep } from './components/handoff-step/handoff-step.ts';

/** Every tag and its class. */
export const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['argos-kyc', ArgosKyc],
  ['argos-kyc-consent-step', KycConsentStep],
  ['argos-kyc-document-step', KycDocumentStep],
  ['argos-kyc-country-select', KycCountrySelect],
  ['argos-kyc-capture-step', KycCaptureStep],
  ['argos-kyc-upload-step', KycUploadStep],
  ['argos-kyc-review-step', KycReviewStep],
  ['argos-kyc-error-step', KycErrorStep],
  ['argos-kyc-end-step', KycEndStep],
  ['argos-kyc-address-step', KycAddressStep],
  ['argos-kyc-selfie-step', KycSelfieStep],
  ['argos-kyc-result-step', KycResultStep],
  ['argos-kyc-handoff-step', KycHandoffStep],
];

/** Defines every element not defined yet (in `registry`, default the global one). */
export function defineArgosKyc(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of ELEMENTS) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

defineArgosKyc();

declare global {
  interface HTMLElementTagNameMap {
    'argos-kyc': ArgosKyc;
  }
}
