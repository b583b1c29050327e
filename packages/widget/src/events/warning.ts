/**
 * Something the integrator may want to know that does not stop the applicant, with no
 * personal data: `virtual_camera` (the camera's label names a virtual camera such as OBS:
 * the selfie may not be live; the vendor's liveness check still decides) or
 * `face_check_unavailable` (the face detector cannot run in this browser, `reason` says
 * why: the selfie falls back to the older checks).
 */
export class KycWarningEvent extends Event {
  static readonly type = 'kyc-warning';
  readonly detail: { code: 'virtual_camera' | 'face_check_unavailable'; reason?: string };

  constructor(detail: KycWarningEvent['detail']) {
    super(KycWarningEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
