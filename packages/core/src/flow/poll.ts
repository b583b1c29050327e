// Status polling for a pending result: GET {endpoint}/status with a doubling interval
// until a decision or the integrator's time limit. The driver starts it when the flow
// enters a pending result and stops it when the flow leaves one (effects.ts).
import type { EndpointClient, StatusResult } from '../client/client.ts';

export interface PollTiming {
  /** How long to poll in all. */
  timeoutMs: number;
  /** First wait between polls; doubles up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  now: () => number;
}

export interface PollHandlers {
  /** An answer (while the poll was not stopped). */
  status(status: StatusResult): void;
  /** The time limit passed without a decision (the poll has stopped itself). */
  expired(): void;
  /** Whether the flow still waits for a decision (asked before each further poll). */
  pending(): boolean;
}

/** Starts polling; returns the function that stops it (aborting a poll in flight). */
export function pollStatus(client: EndpointClient, timing: PollTiming, on: PollHandlers): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    controller.abort();
  };
  const deadline = timing.now() + timing.timeoutMs;
  let interval = timing.intervalMs;
  const schedule = () => {
    const left = deadline - timing.now();
    if (left <= 0) {
      stop();
      on.expired();
      return;
    }
    const wait = Math.min(interval, left);
    interval = Math.min(interval * 2, timing.maxIntervalMs);
    timer = setTimeout(async () => {
      timer = null;
      try {
        const status = await client.status(controller.signal);
        if (stopped) return;
        on.status(status);
      } catch {
        // A failed poll is not a decision: try again at the next interval.
      }
      if (!stopped && on.pending()) schedule();
    }, wait);
  };
  schedule();
  return stop;
}
