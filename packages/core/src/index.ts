// @argos-kyc/core: the headless onboarding flow. Usable without the widget.
export * from './flow/types.ts';
export { initialState, transition, isDocumentAllowed, documentTypesFor } from './flow/machine.ts';
export {
  RETRY_BUDGET,
  MAX_NAME_LENGTH,
  REQUIRED_FIELDS,
  reviewFieldNames,
  prefillReview,
  normalizeReview,
  validateReview,
  validateEmail,
  isValidDate,
  resumePoint,
  normalizeAddress,
  validateAddress,
  type AddressProblem,
  type ReviewContext,
} from './flow/rules.ts';
export { suggestAddressFields } from './flow/address-guess.ts';
export {
  attemptsLeft,
  outcome,
  progress,
  uploadPercent,
  uploadSent,
  type Progress,
  type Stage,
} from './flow/selectors.ts';
export { createFlow, type Flow, type FlowListener, type FlowOptions } from './flow/create-flow.ts';
export {
  EndpointClient,
  toEpoch,
  type CallOptions,
  type EndpointClientOptions,
  type SessionInfo,
  type StatusResult,
  type Step1Input,
  type Step1Result,
  type Step2Input,
  type Step2Result,
  type TokenContext,
  type TokenGrant,
} from './client/client.ts';
export { EndpointError, isTransportError, type EndpointErrorCode } from './client/errors.ts';
export {
  HandoffClient,
  handoffCodeOf,
  handoffLink,
  type HandoffClientOptions,
  type HandoffCode,
  type HandoffProgress,
  type HandoffSession,
} from './client/handoff.ts';
export {
  createResumeStore,
  createMemoryResumeStore,
  assertNoBinary,
  DEFAULT_RESUME_TTL_MS,
  type ResumeRecord,
  type ResumeStore,
  type ResumeStoreOptions,
} from './store/resume-store.ts';
export {
  phoneTab,
  startOnPhone,
  type PhoneTab,
  type PhoneTabOptions,
  type StartOnPhoneOptions,
  type TabStorage,
} from './store/phone-tab.ts';
export { COUNTRY_CODES, isCountryCode, alpha2 } from './countries.ts';
export * from './image/index.ts';
// The selfie's face check is its own entry, `@argos-kyc/core/face`: a bundle that never
// shows a selfie (or loads it lazily, as the widget's script build does) does not carry it.
