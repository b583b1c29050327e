// The one table of which element renders each step, and where a later step's element
// comes from. An entry with `load` is lazy: the script-tag build makes that import a
// chunk of its own (dist/lazy/, loaded from beside the script and checked against the
// hash the script carries, see build/script/chunk-loader.ts); a bundler makes it a chunk
// of the host's app or keeps it inside when '@argos-kyc/widget/define' already imported
// it. To make a new step lazy: give it a `load` here, and leave it out of the script
// build's eager list (build/script/entry.ts). Entries are in flow order: the shell
// prefetches the next ones' chunks while the applicant reads the current screen.
import type { ResumeStore, Step } from '@argos-kyc/core';
import { literal, type StaticValue } from 'lit/static-html.js';

export interface StepView {
  /** The tag, as a static value for lit/static-html. */
  tag: StaticValue;
  /** Its name, for the registry. */
  name: string;
  /** The element's class from its (lazy) module; absent: part of the first screens. */
  load?: () => Promise<CustomElementConstructor>;
}

const view = (tag: StaticValue, name: string, load?: StepView['load']): StepView =>
  load ? { tag, name, load } : { tag, name };

const capture = view(literal`argos-kyc-capture-step`, 'argos-kyc-capture-step', () =>
  import('../capture-step/capture-step.ts').then((m) => m.KycCaptureStep),
);
const upload = view(literal`argos-kyc-upload-step`, 'argos-kyc-upload-step', () =>
  import('../upload-step/upload-step.ts').then((m) => m.KycUploadStep),
);
const result = view(literal`argos-kyc-result-step`, 'argos-kyc-result-step', () =>
  import('../result-step/result-step.ts').then((m) => m.KycResultStep),
);

/** The element of each step, in flow order; `END_VIEW` renders any other (`exited`). */
export const STEP_VIEWS: Partial<Record<Step, StepView>> = {
  consent: view(literal`argos-kyc-consent-step`, 'argos-kyc-consent-step'),
  document: view(literal`argos-kyc-document-step`, 'argos-kyc-document-step'),
  documentCapture: capture,
  uploadingDocument: upload,
  review: view(literal`argos-kyc-review-step`, 'argos-kyc-review-step', () =>
    import('../review-step/review-step.ts').then((m) => m.KycReviewStep),
  ),
  address: view(literal`argos-kyc-address-step`, 'argos-kyc-address-step', () =>
    import('../address-step/address-step.ts').then((m) => m.KycAddressStep),
  ),
  selfieCapture: view(literal`argos-kyc-selfie-step`, 'argos-kyc-selfie-step', () =>
    import('../selfie-step/selfie-step.ts').then((m) => m.KycSelfieStep),
  ),
  submittingSelfie: upload,
  retrySelfie: result,
  result,
  error: view(literal`argos-kyc-error-step`, 'argos-kyc-error-step'),
};

export const END_VIEW: StepView = view(literal`argos-kyc-end-step`, 'argos-kyc-end-step', () =>
  import('../end-step/end-step.ts').then((m) => m.KycEndStep),
);

/**
 * "Continue on your phone": the desktop's screen over the document's steps while
 * `context.handoff` is set, and the phone's redemption of its code (one chunk: the QR
 * encoder, the handoff client).
 */
export const HANDOFF_VIEW: StepView = view(literal`argos-kyc-handoff-step`, 'argos-kyc-handoff-step', () =>
  handoffChunk().then((m) => m.KycHandoffStep),
);

const handoffChunk = () => import('../handoff-step/handoff-step.ts');

/** The phone: redeems the link's code (or, after a reload, carries on), then starts the flow (see handoff-step.ts, `redeem`). */
export const redeemHandoff = (...args: Parameters<typeof import('../handoff-step/handoff-step.ts').redeem>) =>
  handoffChunk().then((m) => m.redeem(...args));

/** The phone's resume store, kept in its tab for a reload: the handoff chunk's, once the flow first asks. */
export function phoneStore(code: string): ResumeStore {
  const store = handoffChunk().then((m) => m.phoneStore(code));
  return {
    load: () => store.then((s) => s.load()),
    save: (record) => store.then((s) => s.save(record)),
    clear: () => store.then((s) => s.clear()),
  };
}

/** Starts loading the selfie's face detector (its own chunk and worker), once the applicant has agreed. */
export const prepareSelfie = (wasm: boolean): Promise<unknown> =>
  import('../selfie-step/face-check.ts').then((m) => m.prepareFaceCheck(wasm));

/** A step's element could not be loaded (offline, or its file is not the one the script pins). */
export class StepLoadError extends Error {
  override readonly name = 'StepLoadError';
  readonly code = 'chunk_load_failed';
  constructor(readonly element: string) {
    super(`The element ${element} could not be loaded.`);
  }
}

const loading = new Map<string, Promise<void>>();

/**
 * Defines the view's element once its module is there; a failed load is forgotten, so
 * that "Try again" (or the next prefetch) fetches it again.
 */
export function loadView(view: StepView, registry: CustomElementRegistry = customElements): Promise<void> {
  if (!view.load || registry.get(view.name)) return Promise.resolve();
  let pending = loading.get(view.name);
  if (!pending) {
    pending = view.load().then(
      (element) => {
        if (!registry.get(view.name)) registry.define(view.name, element);
      },
      () => {
        loading.delete(view.name);
        throw new StepLoadError(view.name);
      },
    );
    loading.set(view.name, pending);
  }
  return pending;
}

/** The lazy views after `step` in flow order (the next `count` not loaded yet). */
export function viewsAfter(
  step: Step,
  count: number,
  registry: CustomElementRegistry = customElements,
): StepView[] {
  const steps = Object.keys(STEP_VIEWS) as Step[];
  const after = [...steps.slice(steps.indexOf(step) + 1).map((s) => STEP_VIEWS[s]!), END_VIEW];
  const found: StepView[] = [];
  for (const v of after) {
    if (found.length >= count) break;
    if (v.load && !registry.get(v.name) && !found.includes(v)) found.push(v);
  }
  return found;
}
