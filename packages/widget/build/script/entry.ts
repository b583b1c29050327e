// The script-tag build (dist/argos-kyc.js): registers <argos-kyc> and the elements of
// its first screens, with Lit, i18next and the English strings inside. The later
// steps' elements are chunks in lazy/ (src/components/argos-kyc/step-views.ts), other
// languages are in locales/, the image worker is beside the script: each is found
// through document.currentScript and checked against the hash this script carries
// (chunk-loader.ts). build.ts turns this module into a classic script.
import { setImageWorkerUrl } from '@argos-kyc/core';
import { ArgosKyc } from '../../src/components/argos-kyc/argos-kyc.ts';
import { KycConsentStep } from '../../src/components/consent-step/consent-step.ts';
import { KycCountrySelect } from '../../src/components/country-select/country-select.ts';
import { KycDocumentStep } from '../../src/components/document-step/document-step.ts';
import { KycErrorStep } from '../../src/components/error-step/error-step.ts';
import { importPinned, pinnedWorkerUrl } from './chunk-loader.ts';
import { scriptBase } from './script-base.ts';

const WORKER = 'argos-kyc-image-worker.js';
const base = scriptBase();
// Until its file is checked the image work runs on the main thread. A module worker must
// come from the page's own origin: from a CDN it stays there (same result, a little less
// smooth on slow phones).
setImageWorkerUrl(null);
let workerChecked = false;

/** The lazy chunks' imports (build.ts routes them here); the first also checks the worker's file. */
export function __argosKycImport(file: string): Promise<unknown> {
  if (!workerChecked && base && base.origin === location.origin) {
    workerChecked = true;
    void pinnedWorkerUrl(WORKER).then((url) => url && setImageWorkerUrl(url));
  }
  return importPinned(file);
}

/** The elements of the first screens; the later steps' are defined when their chunk arrives. */
const EAGER: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['argos-kyc', ArgosKyc],
  ['argos-kyc-consent-step', KycConsentStep],
  ['argos-kyc-document-step', KycDocumentStep],
  ['argos-kyc-country-select', KycCountrySelect],
  ['argos-kyc-error-step', KycErrorStep],
];

/** Defines every element of the first screens not defined yet (in `registry`, default the global one). */
export function defineArgosKyc(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of EAGER) if (!registry.get(tag)) registry.define(tag, element);
}

defineArgosKyc();

// On window.ArgosKyc: the element and event classes and the helpers of the first screens.
export { ArgosKyc, KycConsentStep, KycCountrySelect, KycDocumentStep, KycErrorStep };
export { StepElement } from '../../src/components/step-element.ts';
export { FlowController } from '../../src/controllers/flow-controller.ts';
export {
  KycAttemptEvent,
  KycCompleteEvent,
  KycErrorEvent,
  KycExitEvent,
  KycStepChangeEvent,
} from '../../src/events/index.ts';
export { createI18n } from '../../src/i18n/i18n.ts';
export { countryOptions, countryName } from '../../src/components/country-select/country-names.ts';
