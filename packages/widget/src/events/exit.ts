import type { Step } from '@argos-kyc/core';

/** The applicant left the flow; `step` is where they were. */
export class KycExitEvent extends Event {
  static readonly type = 'kyc-exit';
  readonly detail: { step: Step };

  constructor(detail: { step: Step }) {
    super(KycExitEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
