// What a UI shows, read off a FlowState: pure functions next to the machine, so that
// every UI (the widget, a headless integrator's own) renders the same figures and none
// re-derives them from the context.
import { RETRY_BUDGET } from './rules.ts';
import type { FlowState, KycStatus, Step } from './types.ts';

/** Selfie attempts the applicant still has (the vendor's limit minus the attempts it counted), never below 0. */
export function attemptsLeft(state: FlowState): number {
  return Math.max(0, RETRY_BUDGET.selfieAttempts - state.context.selfieAttempts);
}

/** The parts of the flow as an applicant counts them; `address` only when the integrator asks for one. */
export type Stage = 'consent' | 'document' | 'review' | 'address' | 'selfie' | 'result';

const STAGE_OF: Readonly<Record<Exclude<Step, 'error' | 'exited'>, Stage>> = {
  consent: 'consent',
  document: 'document',
  documentCapture: 'document',
  uploadingDocument: 'document',
  review: 'review',
  address: 'address',
  selfieCapture: 'selfie',
  submittingSelfie: 'selfie',
  retrySelfie: 'selfie',
  result: 'result',
};

export interface Progress {
  /** Where the applicant is (on the error or exit screen: where they were). */
  stage: Stage;
  /** 1-based position of `stage` in `stages`. */
  position: number;
  /** How many stages this configuration has (5, or 6 with the address). */
  total: number;
  /** This configuration's stages, in order. */
  stages: readonly Stage[];
}

/** Where the applicant is among the stages this flow's configuration has. */
export function progress(state: FlowState): Progress {
  const stages: Stage[] =
    state.context.rules.address === 'off'
      ? ['consent', 'document', 'review', 'selfie', 'result']
      : ['consent', 'document', 'review', 'address', 'selfie', 'result'];
  const step =
    state.step === 'error'
      ? (state.error?.resumeStep ?? 'consent')
      : state.step === 'exited'
        ? (state.exitedFrom ?? 'consent')
        : state.step;
  // An error or exit reached from another error or exit has no stage of its own: count it as the start.
  const stage = step === 'error' || step === 'exited' ? 'consent' : STAGE_OF[step];
  return { stage, position: stages.indexOf(stage) + 1, total: stages.length, stages };
}

/** Percent of the current upload sent, 0..100 (0 when nothing is uploading or the size is unknown). */
export function uploadPercent(state: FlowState): number {
  const upload = state.context.upload;
  if (!upload || upload.total <= 0) return 0;
  return Math.min(100, Math.round((upload.loaded / upload.total) * 100));
}

/** The whole upload has left the device: the endpoint (and the vendor) are working on it. */
export function uploadSent(state: FlowState): boolean {
  const upload = state.context.upload;
  return upload !== null && upload.total > 0 && upload.loaded >= upload.total;
}

/**
 * What the result screen says: the vendor's decision, or `later` once a pending result
 * stopped polling ("we'll let you know"). `pending` before there is a result.
 */
export function outcome(state: FlowState): KycStatus | 'later' {
  const result = state.context.result;
  if (!result) return 'pending';
  return result.status === 'pending' && result.pollExpired ? 'later' : result.status;
}
