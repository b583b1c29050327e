// The bodies that cross the wire between a client and the endpoint, route by route
// (docs/protocol.md, "Routes"). Both ends type what they send and read with these.
import type { IncompleteReason } from './reasons.ts';

/** A submission's state as step 2 and `/status` report it. */
export type KycStatus = 'incomplete' | 'pending' | 'approved' | 'rejected';

/** `POST {base}/session` answer. */
export interface SessionAnswer {
  token: string;
  /** ISO timestamp. */
  expiresAt: string;
  /** The integrator knows no email: the client must send one with step 1. */
  emailRequired: boolean;
  /** The submission the token is bound to, or null before step 1. */
  submissionId: string | null;
  /**
   * The applicant's opaque tag (a keyed HMAC of the userid, no PII): the same for every
   * session of one applicant. A client keeps it with a resume point and discards the point
   * when a later session names another applicant (a shared device).
   */
  applicant: string;
}

/** The document as the vendor's OCR read it; null where it read nothing. */
export interface OcrAnswer {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  gender: string | null;
  nationality: string | null;
  issueDate: string | null;
  expireDate: string | null;
  identityNumber: string | null;
  licenseNumber: string | null;
}

/** `POST {base}/step1` answer. */
export interface Step1Answer {
  submissionId: string;
  /** null when the vendor's OCR failed. */
  ocr: OcrAnswer | null;
  /** A token bound to the submission, to use from now on. */
  token: string;
  expiresAt: string;
}

/** `POST {base}/step2` answer. */
export interface Step2Answer {
  kycStatus: KycStatus;
  /** 1-based: the vendor's retryCount + 1. */
  attempt: number;
  /** MAX_STEP2_ATTEMPTS - attempt on `incomplete`, else 0. */
  attemptsLeft: number;
  /** On `incomplete`, and on `rejected` after the last attempt. */
  reason?: IncompleteReason;
  /** The vendor's English message with the reason, for developers. */
  message?: string;
  /** Only when the integrator opts in (`exposeScores`). */
  scores?: { faceSimilarity: number | null; liveness: number | null };
}

/** `POST {base}/address` body. */
export interface AddressRequest {
  /** An address, a plus code (global or compound) or "lat,lng"; 1..200 characters. */
  address: string;
  /** A language tag like `en` or `pt-BR`. */
  language?: string;
}

/** `POST {base}/address` answer. */
export interface AddressAnswer {
  formattedAddress: string;
  compoundCode: string;
  globalCode: string;
}

/** `GET {base}/status` answer. */
export interface StatusAnswer {
  submissionId: string;
  kycStatus: KycStatus;
  /** Step-2 attempts made so far. */
  attempts: number;
  /** The vendor's comment codes (e.g. `too_many_retry`); codes only. */
  commentCode: string[];
}

/** The routes under the endpoint's base path, with the method each takes. */
export const ROUTE_METHODS = {
  session: 'POST',
  step1: 'POST',
  step2: 'POST',
  address: 'POST',
  status: 'GET',
  // "Continue on your phone" (handoff.ts): the desktop's code, the phone's redemption,
  // the desktop's view of the phone's progress, and taking the flow back.
  handoff: 'POST',
  'handoff/redeem': 'POST',
  'handoff/progress': 'GET',
  'handoff/cancel': 'POST',
} as const;

/** A route of the endpoint. */
export type RouteName = keyof typeof ROUTE_METHODS;
