// Subscribes a host element to a flow while the host is on the page, and re-renders
// it on every state change. The host may hand it another flow at any time.
import type { Flow, FlowState } from '@argos-kyc/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FlowController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly onChange: ((state: FlowState, previous: FlowState) => void) | undefined;
  private current: Flow | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(host: ReactiveControllerHost, onChange?: (state: FlowState, previous: FlowState) => void) {
    this.host = host;
    this.onChange = onChange;
    host.addController(this);
  }

  /** The flow followed, or null. */
  get flow(): Flow | null {
    return this.current;
  }

  /** Follows `flow` (or nothing) from now on. */
  set flow(flow: Flow | null) {
    if (flow === this.current) return;
    this.release();
    this.current = flow;
    if (this.connected) this.follow();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
  }

  private follow(): void {
    if (!this.current || this.unsubscribe) return;
    this.unsubscribe = this.current.subscribe((state, previous) => {
      this.host.requestUpdate();
      this.onChange?.(state, previous);
    });
  }

  private release(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
