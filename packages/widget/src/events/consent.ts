/**
 * The applicant gave consent: to the verification (`processing`) and, separately and
 * explicitly, to the processing of biometric data (`biometric`: the face in the selfie matched
 * with the ID photo). For the host's records; the vendor is never told.
 */
export class KycConsentEvent extends Event {
  static readonly type = 'kyc-consent';
  readonly detail: { processing: true; biometric: boolean };

  constructor(detail: { processing: true; biometric: boolean }) {
    super(KycConsentEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
