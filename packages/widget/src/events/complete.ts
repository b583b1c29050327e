import type { KycStatus } from '@argos-kyc/core';

/**
 * The flow reached a result: `pending` (under review), `approved` or `rejected`. A
 * pending result that polling later sees decided is announced again with the decision.
 */
export class KycCompleteEvent extends Event {
  static readonly type = 'kyc-complete';
  readonly detail: { submissionId: string; status: KycStatus };

  constructor(detail: { submissionId: string; status: KycStatus }) {
    super(KycCompleteEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
