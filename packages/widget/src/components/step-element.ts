// What every step element shares: it renders one FlowState, sends events to the
// flow, translates with the t() its <argos-kyc> hands it, and can take the focus on
// its heading when it becomes the current step.
import type { Flow, FlowState } from '@argos-kyc/core';
import { LitElement, type PropertyDeclarations } from 'lit';
import type { Translate } from '../i18n/i18n.ts';

export abstract class StepElement extends LitElement {
  static override properties: PropertyDeclarations = {
    flow: { attribute: false },
    state: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
  };

  /** The flow to send events to. */
  declare flow: Flow;
  /** The state to render. */
  declare state: FlowState;
  /** The translation function of the owning <argos-kyc> (a new one per language). */
  declare t: Translate;
  /** The current language, for Intl. */
  declare locale: string;

  /** Moves the focus to this step's heading (on a step change, so screen readers announce it). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected send(event: Parameters<Flow['send']>[0]): void {
    this.flow.send(event);
  }
}
