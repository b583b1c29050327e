/** Something failed. `code` is the protocol's or the client's (`network_error`, ...); no message, no PII. */
export class KycErrorEvent extends Event {
  static readonly type = 'kyc-error';
  readonly detail: { code: string; retryable: boolean };

  constructor(detail: { code: string; retryable: boolean }) {
    super(KycErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
