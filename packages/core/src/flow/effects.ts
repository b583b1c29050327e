// What each step does outside the machine, as data: the work the driver runs while the
// flow is in a step, and what the step lets go of when the flow lands in it. The idea of
// XState's `invoke` and `entry`/`exit` (docs/architecture.md, "The flow's effects"),
// without the library: create-flow.ts reads this table and never compares "previous
// step" with "next step" itself.
import type { FlowEvent, FlowState, Step } from './types.ts';

/** Long-running work the driver owns: started when the flow enters it, stopped (aborted) when it leaves. */
export type Activity = 'documentUpload' | 'selfieUpload' | 'addressLookup' | 'statusPolling';

/** An image the driver holds in memory between a capture and its upload (never in the state). */
export type HeldImage = 'document' | 'selfie' | 'address';

export interface StepEffects {
  /** The activity that runs while the flow is in this step (see `instanceOf` for the ones that run in part of it). */
  invoke?: Activity;
  /** Images dropped whenever the flow lands in this step. */
  release?: readonly HeldImage[];
  /** Run once when the flow leaves this step because of `RETRY`. */
  onRetry?: 'reopenSessionIfItFailed';
}

const ALL_IMAGES: readonly HeldImage[] = ['document', 'selfie', 'address'];

/** The table. A step without an entry does nothing but wait for the applicant. */
export const STEP_EFFECTS: Readonly<Record<Step, StepEffects>> = {
  consent: { release: ALL_IMAGES },
  document: { release: ['document'] },
  documentCapture: {},
  uploadingDocument: { invoke: 'documentUpload' },
  review: {},
  address: { invoke: 'addressLookup' },
  selfieCapture: {},
  submittingSelfie: { invoke: 'selfieUpload' },
  retrySelfie: {},
  result: { invoke: 'statusPolling', release: ALL_IMAGES },
  error: { onRetry: 'reopenSessionIfItFailed' },
  exited: { release: ALL_IMAGES },
};

/**
 * Which run of an activity a state asks for, or null for none. Most activities run for
 * the whole step; an address look-up runs while one is asked for (a new one replaces
 * it), polling while the result is pending.
 */
function instanceOf(activity: Activity, state: FlowState): unknown {
  switch (activity) {
    case 'addressLookup': {
      const lookup = state.context.addressLookup;
      return lookup?.status === 'looking' ? lookup : null;
    }
    case 'statusPolling':
      return state.context.result?.status === 'pending' ? 'pending' : null;
    default:
      return activity;
  }
}

/** The activity a state runs, and which run of it (equal runs are one run), or null. */
export function runningIn(state: FlowState): { activity: Activity; instance: unknown } | null {
  const activity = STEP_EFFECTS[state.step].invoke;
  if (!activity) return null;
  const instance = instanceOf(activity, state);
  return instance === null ? null : { activity, instance };
}

/** What the driver does on one change of state, read off the table. */
export interface Effects {
  /** The run to stop before anyone hears of the new state. */
  stop: Activity | null;
  /** The run to start once subscribers and storage have the new state. */
  start: Activity | null;
  release: readonly HeldImage[];
  reopenSession: boolean;
}

/** The effects of going from `previous` to `next` on `event` (`next !== previous`). */
export function effectsOf(previous: FlowState, next: FlowState, event: FlowEvent): Effects {
  const before = runningIn(previous);
  const after = runningIn(next);
  const same = before?.activity === after?.activity && before?.instance === after?.instance;
  return {
    stop: before && !same ? before.activity : null,
    start: after && !same ? after.activity : null,
    release: STEP_EFFECTS[next.step].release ?? [],
    reopenSession:
      (event.type === 'RETRY' &&
        STEP_EFFECTS[previous.step].onRetry === 'reopenSessionIfItFailed' &&
        previous.error?.retry === 'session') ||
      // The phone made the submission: a token of this device bound to it reads its status.
      (event.type === 'HANDOFF_FINISHED' && next.step === 'result'),
  };
}
