// What every step element shares: it renders one FlowState, sends events to the
// flow, translates with the t() its <argos-kyc> hands it, and can take the focus on
// its heading when it becomes the current step.
import type { Flow, FlowState } from '@argos-kyc/core';
import { LitElement, type PropertyDeclarations } from 'lit';
import type { Translate } from '../i18n/i18n.ts';
import type { KycOutcome } from '../events/done.ts';

/** What <argos-kyc>'s attributes tell the steps (the host's name, its privacy policy, a preset country). */
export interface StepSettings {
  /** `privacy-url`: the integrator's privacy policy, or ''. */
  privacyUrl: string;
  /** `country`: the issuing country to pre-select (alpha-3), or ''. */
  country: string;
  /** The handoff screen's: `handoff-url` (the phone page, with `{code}`), the endpoint and its credentials. */
  handoffUrl?: string;
  endpoint?: string;
  credentials?: RequestCredentials;
  /** `auto-capture` is not `off`: the document screen takes the photo when the document is ready. */
  autoCapture: boolean;
  /** `selfie-upload="allow"`: the selfie may be uploaded beside the camera (else only without a camera). */
  selfieUpload?: boolean;
  /** `face-wasm` is not `off`: the face detector may run on WebAssembly (the page's CSP allows `'wasm-unsafe-eval'`). */
  faceWasm?: boolean;
}

/** Asked of <argos-kyc> by an end screen's primary action: hand control back to the host. */
export const DONE_REQUEST = 'argos-kyc-done-request';

export abstract class StepElement extends LitElement {
  static override properties: PropertyDeclarations = {
    flow: { attribute: false },
    state: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    settings: { attribute: false },
  };

  /** The flow to send events to. */
  declare flow: Flow;
  /** The state to render. */
  declare state: FlowState;
  /** The translation function of the owning <argos-kyc> (a new one per language). */
  declare t: Translate;
  /** The current language, for Intl. */
  declare locale: string;
  /** The integrator's settings the steps use. */
  declare settings: StepSettings;

  constructor() {
    super();
    this.settings = { privacyUrl: '', country: '', autoCapture: true };
  }

  /** Moves the focus to this step's heading (on a step change, so screen readers announce it). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Asks <argos-kyc> to hand control back to the host with this outcome (kyc-done, return-url). */
  protected done(outcome: KycOutcome): void {
    // Not composed: <argos-kyc> hears it inside its own shadow root and dispatches the public event.
    this.dispatchEvent(new CustomEvent(DONE_REQUEST, { bubbles: true, detail: outcome }));
  }

  protected send(event: Parameters<Flow['send']>[0]): void {
    this.flow.send(event);
  }
}
