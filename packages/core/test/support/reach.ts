// Waits until a flow reaches a step (the createFlow and phone-tab tests share it).
import type { Flow } from '../../src/flow/create-flow.ts';
import type { FlowState, Step } from '../../src/flow/types.ts';

/** The flow's state once it is at `step`; rejects, naming where it stayed, after `timeoutMs`. */
export function reach(flow: Flow, step: Step, timeoutMs = 3000): Promise<FlowState> {
  if (flow.state.step === step) return Promise.resolve(flow.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`flow stayed at ${flow.state.step}, expected ${step}`)),
      timeoutMs,
    );
    const off = flow.subscribe((state) => {
      if (state.step !== step) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}
