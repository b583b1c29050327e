// "Continue on your phone" (docs/protocol.md, "Handoff"): the desktop's session asks
// for a one-time code, the phone redeems it for a session of its own on the same
// applicant and submission, and the desktop follows the phone's progress.
import type { KycStatus, SessionAnswer } from './messages.ts';

/** A code lives at most this long, seconds. */
export const HANDOFF_CODE_TTL_SECONDS = 600;
/** The desktop asks for a new code this often while one is shown; the old one then stops working. */
export const HANDOFF_ROTATE_SECONDS = 120;
/** A handoff is forgotten this long after its last use (a code, a poll, a phone's step), seconds. */
export const HANDOFF_IDLE_SECONDS = 3600;
/** A code or a handoff id as it crosses the wire: base64url of 16 random bytes (128 bits) or more. */
export const HANDOFF_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** Where the phone carries on from: the step the desktop had reached. */
export const HANDOFF_STEPS = ['document', 'review', 'address', 'selfie'] as const;
export type HandoffStep = (typeof HANDOFF_STEPS)[number];

/** What the phone has done, as the endpoint saw it: the document's step 1, the selfie's step 2. */
export type HandoffDone = 'document' | 'selfie';

/** `POST {base}/handoff` body: a new handoff, or (with `handoffId`) a new code for one. */
export interface HandoffRequest {
  step: HandoffStep;
  handoffId?: string;
}

/** `POST {base}/handoff` answer. */
export interface HandoffAnswer {
  /** Names the handoff to `/handoff/progress`, `/handoff/cancel` and the next rotation. */
  handoffId: string;
  /** The one-time code for the phone's link; at least 128 random bits. */
  code: string;
  /** When the code stops working (ISO timestamp). */
  expiresAt: string;
  /** When to ask for the next code (ISO timestamp). */
  rotateAt: string;
}

/** `POST {base}/handoff/redeem` body. */
export interface HandoffRedeemRequest {
  code: string;
}

/** `POST {base}/handoff/redeem` answer: the phone's own session, and where to carry on. */
export interface HandoffRedeemAnswer extends SessionAnswer {
  handoffId: string;
  step: HandoffStep;
}

/** `GET {base}/handoff/progress?handoffId=...` answer. */
export interface HandoffProgressAnswer {
  /** `waiting`: no phone yet; `opened`: a phone redeemed a code; `cancelled`: the desktop took the flow back. */
  state: 'waiting' | 'opened' | 'cancelled';
  done: HandoffDone[];
  /** The submission, once the phone's step 1 made one (or the desktop's had). */
  submissionId: string | null;
  /** The phone's last step 2 answer, or null before it. */
  kycStatus: KycStatus | null;
}

/** True for a string that is one of HANDOFF_STEPS. */
export function isHandoffStep(step: unknown): step is HandoffStep {
  return typeof step === 'string' && (HANDOFF_STEPS as readonly string[]).includes(step);
}
