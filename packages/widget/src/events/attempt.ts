import type { IncompleteReason } from '@argos-kyc/core';

/** A selfie attempt did not pass (step 2 `incomplete`, or the last one `rejected`): its number, the attempts left and the vendor's reason code. */
export class KycAttemptEvent extends Event {
  static readonly type = 'kyc-attempt';
  readonly detail: { attempt: number; attemptsLeft: number; reason: IncompleteReason };

  constructor(detail: { attempt: number; attemptsLeft: number; reason: IncompleteReason }) {
    super(KycAttemptEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
