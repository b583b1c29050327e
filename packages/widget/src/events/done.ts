import type { KycStatus } from '@argos-kyc/core';

/** How the applicant's verification ended, as the host hears it when control is handed back. */
export type KycOutcome = KycStatus | 'later' | 'exited';

/**
 * The applicant pressed the end screen's primary action: the host takes over (close the
 * dialog, go to the next page). `outcome` is the result shown (`later`: still pending when
 * polling stopped; `exited`: the applicant left). Cancel it (`preventDefault()`) to keep the
 * element from following its `return-url`.
 */
export class KycDoneEvent extends Event {
  static readonly type = 'kyc-done';
  readonly detail: { outcome: KycOutcome; submissionId: string | null };

  constructor(detail: { outcome: KycOutcome; submissionId: string | null }) {
    super(KycDoneEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}
