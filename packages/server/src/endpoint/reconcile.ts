// Step 1 calls whose answer never reached the browser: the vendor answered after our
// timeout, or the browser went away after the whole request had left. Each one may
// have created a paid submission that nobody holds. Rather than lose it (and let the
// retry create a second one), the endpoint remembers, per applicant, that a step 1 is
// unsettled, and looks for the submission at the vendor: at once after a timeout, and
// before the applicant's next step 1 uploads anything. How it works and its limits:
// packages/server/README.md, "A step 1 whose answer was lost".
import type { CallOptions } from '../client.ts';
import type { Endpoint } from './context.ts';

/** How long an unsettled step 1 is remembered and looked for. */
export const UNSETTLED_TTL_MS = 10 * 60_000;
/** How far the vendor's clock may be behind ours when matching `created_at`. */
const CLOCK_SLACK_MS = 2 * 60_000;
/** At most this many applicants are remembered at once (oldest dropped first). */
const MAX_REMEMBERED = 10_000;
/** The newest submissions of the applicant looked at. */
const LOOKED_AT = 10;

/** One unsettled step 1: when it began, and its submission id when the vendor did answer. */
export interface UnsettledStep1 {
  at: number;
  submissionId?: string;
}

/** The unsettled step 1 of each applicant, in this process's memory. */
export class UnsettledStep1s {
  readonly #byApplicant = new Map<string, UnsettledStep1>();

  get(userid: string, now = Date.now()): UnsettledStep1 | undefined {
    const entry = this.#byApplicant.get(userid);
    if (entry && now - entry.at > UNSETTLED_TTL_MS) {
      this.#byApplicant.delete(userid);
      return undefined;
    }
    return entry;
  }

  set(userid: string, entry: UnsettledStep1): void {
    // A Map iterates in insertion order: re-inserting moves the applicant to the end.
    this.#byApplicant.delete(userid);
    this.#byApplicant.set(userid, entry);
    for (const oldest of this.#byApplicant.keys()) {
      if (this.#byApplicant.size <= MAX_REMEMBERED) break;
      this.#byApplicant.delete(oldest);
    }
  }

  delete(userid: string): void {
    this.#byApplicant.delete(userid);
  }
}

/**
 * The id of the applicant's submission that `entry` left behind for this document,
 * or null: the applicant's own, at most as old as the unsettled call (give or take
 * the clock slack), still at step 1 (incomplete, no step-2 attempt), of the same
 * document type and country, and the very one when its id is known.
 */
export async function findLostSubmission(
  endpoint: Endpoint,
  userid: string,
  entry: UnsettledStep1,
  document: { idType: string; issuingCountry: string },
  call: CallOptions = endpoint.vendorCall,
): Promise<string | null> {
  const page = await endpoint.client.listSubmissions({ userid, count: LOOKED_AT }, call);
  const earliest = entry.at - CLOCK_SLACK_MS;
  for (const s of page.items) {
    if (entry.submissionId !== undefined && s.submission_id !== entry.submissionId) continue;
    if (entry.submissionId === undefined && !(Date.parse(s.created_at) >= earliest)) continue;
    if (s.userid !== userid) continue;
    if (s.kyc.result !== 'incomplete' || (s.kyc.attempts?.length ?? 0) > 0) continue;
    if (s.data?.idType !== document.idType || s.data?.idcard_issuingCountry !== document.issuingCountry)
      continue;
    return s.submission_id;
  }
  return null;
}
