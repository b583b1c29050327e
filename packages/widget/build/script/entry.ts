// The script-tag build (dist/argos-kyc.js): registers <argos-kyc> and its steps,
// with Lit, i18next and the English strings inside. Other languages and the image
// worker are files beside this script, found through document.currentScript.
import { setImageWorkerUrl } from '@argos-kyc/core';
import { defineArgosKyc } from '../../src/define.ts';
import { scriptBase } from './script-base.ts';

const base = scriptBase();
// A module worker must come from the page's own origin: from a CDN the image work runs
// on the main thread instead (same result, a little less smooth on slow phones).
setImageWorkerUrl(
  base && base.origin === location.origin ? new URL('argos-kyc-image-worker.js', base) : null,
);

defineArgosKyc();

export * from '../../src/index.ts';
export { defineArgosKyc };
