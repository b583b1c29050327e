// @argos-kyc/widget: the element classes, events and helpers, without registering
// anything. Import '@argos-kyc/widget/define' (or src/define.ts) to register the tags.
export { ArgosKyc } from './components/argos-kyc/argos-kyc.ts';
export { KycConsentStep } from './components/consent-step/consent-step.ts';
export { KycDocumentStep } from './components/document-step/document-step.ts';
export { KycCountrySelect } from './components/country-select/country-select.ts';
export { KycCaptureStep } from './components/capture-step/capture-step.ts';
export { KycUploadStep } from './components/upload-step/upload-step.ts';
export { KycReviewStep } from './components/review-step/review-step.ts';
export { KycErrorStep } from './components/error-step/error-step.ts';
export { KycEndStep } from './components/end-step/end-step.ts';
export { KycAddressStep } from './components/address-step/address-step.ts';
export { KycSelfieStep, checkFace, type SelfieIssue } from './components/selfie-step/selfie-step.ts';
export { KycResultStep } from './components/result-step/result-step.ts';
export { KycHandoffStep } from './components/handoff-step/handoff-step.ts';
export { StepElement } from './components/step-element.ts';
export { FlowController } from './controllers/flow-controller.ts';
export {
  KycAttemptEvent,
  KycCompleteEvent,
  KycConsentEvent,
  KycDoneEvent,
  KycErrorEvent,
  KycExitEvent,
  KycStepChangeEvent,
  KycWarningEvent,
  type KycOutcome,
} from './events/index.ts';
export { createI18n, type SupportedLocale } from './i18n/i18n.ts';
export { resolveLocale, SUPPORTED_LOCALES } from './i18n/locales.ts';
export { fallbackChain, localeDirection } from './i18n/locale-data.ts';
export { countryOptions, countryName } from './components/country-select/country-names.ts';
