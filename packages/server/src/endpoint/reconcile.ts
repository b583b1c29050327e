// Step 1 calls whose answer never reached the browser: the vendor answered after our
// timeout, or the browser went away after the whole request had left. Each one may
// have created a paid submission that nobody holds. Rather than lose it (and let the
// retry create a second one), the endpoint remembers, per applicant, that a step 1 is
// unsettled, and looks for the submission at the vendor: at once after a timeout, and
// before the applicant's next step 1 uploads anything. How it works and its limits:
// packages/server/README.md, "A step 1 whose answer was lost".
import type { CallOptions } from '../client.ts';
import type { KycStore } from '../store.ts';
import type { Endpoint } from './context.ts';

/** How long an unsettled step 1 is remembered and looked for. */
export const UNSETTLED_TTL_MS = 10 * 60_000;
/** How far the vendor's clock may be behind ours when matching `created_at`. */
const CLOCK_SLACK_MS = 2 * 60_000;
/** The newest submissions of the applicant looked at. */
const LOOKED_AT = 10;

/** One unsettled step 1: when it began, and its submission id when the vendor did answer. */
export interface UnsettledStep1 {
  at: number;
  submissionId?: string;
}

/**
 * The unsettled step 1 of each applicant, in the endpoint's store: shared by every
 * instance on a shared store (a retry may reach another one), per process otherwise
 * and while a shared store fails (store.ts).
 */
export class UnsettledStep1s {
  readonly #store: KycStore;

  constructor(store: KycStore) {
    this.#store = store;
  }

  async get(userid: string, now = Date.now()): Promise<UnsettledStep1 | undefined> {
    const value = await this.#store.get(`unsettled:${userid}`);
    if (value === null) return undefined;
    const entry = JSON.parse(value) as UnsettledStep1;
    return now - entry.at > UNSETTLED_TTL_MS ? undefined : entry;
  }

  async set(userid: string, entry: UnsettledStep1): Promise<void> {
    await this.#store.set(`unsettled:${userid}`, JSON.stringify(entry), UNSETTLED_TTL_MS);
  }

  async delete(userid: string): Promise<void> {
    await this.#store.delete(`unsettled:${userid}`);
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
