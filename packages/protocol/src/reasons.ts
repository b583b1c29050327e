// Why a step-2 attempt came back `incomplete` (docs/vendor-api.md, decision on the
// causes of incomplete): the vendor says it in English prose; the protocol says it
// with one of a few stable codes, which the widget turns into advice.

/** The step-2 reason codes. */
export const INCOMPLETE_REASONS = [
  'no_face',
  'multiple_faces',
  'face_mismatch',
  'liveness',
  'id_verification',
  'unknown',
] as const;

/** Why an attempt was incomplete (and, after the last one, why the submission was rejected). */
export type IncompleteReason = (typeof INCOMPLETE_REASONS)[number];

/** True for a string that is one of the reason codes. */
export function isIncompleteReason(value: unknown): value is IncompleteReason {
  return typeof value === 'string' && (INCOMPLETE_REASONS as readonly string[]).includes(value);
}

/** Maps the vendor's human message of an incomplete step 2 to a stable reason. */
export function reasonOf(message: string | undefined): IncompleteReason {
  const m = (message ?? '').toLowerCase();
  if (/no face|face not (found|detected)/.test(m)) return 'no_face';
  if (/(more than (one|two)|multiple|two or more) faces?/.test(m)) return 'multiple_faces';
  if (/id verification|identity verification|id card verification/.test(m)) return 'id_verification';
  if (/liveness/.test(m)) return 'liveness';
  if (/face compare|similarity|matching face|face match/.test(m)) return 'face_mismatch';
  return 'unknown';
}
