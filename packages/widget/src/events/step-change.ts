import type { Step } from '@argos-kyc/core';

/** The applicant reached a new step (`previousStep` is null for the first screen). */
export class KycStepChangeEvent extends Event {
  static readonly type = 'kyc-step-change';
  readonly detail: { step: Step; previousStep: Step | null };

  constructor(detail: { step: Step; previousStep: Step | null }) {
    super(KycStepChangeEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
