// @argos-kyc/sandbox: a simulator of the Argos KYC API v2 for demos, tests and CI.
export { startSandbox, MAX_FILE_BYTES } from './sandbox.ts';
export type { Sandbox, SandboxControl, SandboxOptions, ReviewInput } from './sandbox.ts';
export { renderSpecimenId, toY4m } from './specimen.ts';
export type { SpecimenOptions, Y4mOptions } from './specimen.ts';
export {
  markImage,
  readScenarioCode,
  sniffImageType,
  decodeRaster,
  encodeJpeg,
  encodePng,
  resizeRaster,
  SCENARIO_CODES,
  SCENARIO_CODE_IDS,
  BAND_FRACTION,
} from './imagecode.ts';
export type { Raster } from './imagecode.ts';
export { SAMPLE_WATCHLIST } from './aml.ts';
export { PLACES, LOCALITIES } from './gazetteer.ts';
export { SPECIMEN_PERSON } from './ocr.ts';
export { REJECT_COMMENTS, MAX_ATTEMPTS } from './state.ts';
export type * from './types.ts';
