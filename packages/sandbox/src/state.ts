// The sandbox's memory: submissions with their images, queued scenarios, faults, and
// the vendor's rules that act on them (three attempts, review, AML, applicants).
import { createHash, randomBytes } from 'node:crypto';
import { NOT_SCREENED, nameKey, screen } from './aml.ts';
import type {
  Fault,
  FaultInput,
  KycAttempt,
  ReviewDecision,
  Scenario,
  ScenarioInput,
  Step2Outcome,
  Step2Response,
  Submission,
} from './types.ts';

/** A stored image and its type (judged by its bytes). */
export interface StoredImage {
  bytes: Buffer;
  type: 'image/jpeg' | 'image/png';
}

/** Image kinds of GET /v2/image. */
export type ImageKind = 'idImage' | 'selfieImage' | 'addressImage';

/** A submission and what only the sandbox sees of it. */
export interface StoredSubmission {
  record: Submission;
  images: Partial<Record<ImageKind, StoredImage>>;
}

/** Reject comments per comment code (the code is what clients should branch on). */
export const REJECT_COMMENTS: Readonly<Record<string, string>> = {
  too_many_retry: 'Too many retry',
  fake_id: 'The ID document appears to be forged or altered',
  id_expired: 'The ID document has expired',
  id_unreadable: 'The ID document is blurry or unreadable',
  face_mismatch: 'The selfie does not match the ID photo',
  underage: 'The applicant is under the minimum age',
  aml_match: 'The applicant matches an AML watchlist entry',
  duplicate: 'The applicant already has an approved submission',
  other: 'Rejected after manual review',
};

/** The attempt budget of step 2 (docs/vendor-api.md #6). */
export const MAX_ATTEMPTS = 3;

/** An error that maps to an HTTP status with a JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface OutcomeEffect {
  response: Step2Response;
  attempt: KycAttempt;
}

/** The effect of one step-2 outcome (fixed scores: the sandbox is deterministic). */
export function outcomeEffect(outcome: Step2Outcome, attemptCnt: number, retryCount: number): OutcomeEffect {
  const incomplete = (
    message: string,
    scores: { faceSimilarityScore?: number; livenessScore?: number },
    error: string,
  ): OutcomeEffect => ({
    response: { verificationResult: 'fail', ...scores, kycStatus: 'incomplete', retryCount, message },
    attempt: { attemptCnt, ...scores, error, retryMsg: `1. ${message}` },
  });
  switch (outcome) {
    case 'no-face':
      return incomplete('Detect face failed: no face detected in the face image', {}, 'no_face');
    case 'two-faces':
      return incomplete(
        'Detect face failed: more than one face detected in the face image',
        {},
        'multiple_faces',
      );
    case 'low-similarity':
      return incomplete(
        'Face compare failed: face similarity score is below 85',
        { faceSimilarityScore: 42, livenessScore: 91 },
        'face_compare',
      );
    case 'low-liveness':
      return incomplete(
        'Liveness check failed: liveness score is below 50',
        { faceSimilarityScore: 99, livenessScore: 23 },
        'liveness',
      );
    case 'kor-id-fail':
      return incomplete(
        'ID verification failed: the identity data does not match the Korean ID records',
        { faceSimilarityScore: 99, livenessScore: 91 },
        'id_verification',
      );
    case 'pass':
    case 'approve':
      return {
        response: {
          verificationResult: 'success',
          faceSimilarityScore: 99,
          livenessScore: 91,
          kycStatus: outcome === 'approve' ? 'approved' : 'pending',
          retryCount,
        },
        attempt: { attemptCnt, livenessScore: 91, faceSimilarityScore: 99 },
      };
  }
}

const SCENARIO_OUTCOMES: ReadonlySet<string> = new Set<Step2Outcome>([
  'pass',
  'approve',
  'no-face',
  'two-faces',
  'low-similarity',
  'low-liveness',
  'kor-id-fail',
]);

/** True for a known step-2 outcome name. */
export function isStep2Outcome(value: unknown): value is Step2Outcome {
  return typeof value === 'string' && SCENARIO_OUTCOMES.has(value);
}

/** The sandbox's whole state; one per running sandbox. */
export class SandboxState {
  readonly submissions = new Map<string, StoredSubmission>();
  scenarios: Scenario[] = [];
  faults: Fault[] = [];
  autoApprove: boolean;
  private lastCreated = 0;
  private serial = 0;

  constructor(private readonly initialAutoApprove = false) {
    this.autoApprove = initialAutoApprove;
  }

  /** Forgets every submission, scenario and fault, and restores the start options. */
  reset(): void {
    this.submissions.clear();
    this.scenarios = [];
    this.faults = [];
    this.autoApprove = this.initialAutoApprove;
  }

  /** A fresh submission id: 16 lower-case letters and digits, like the vendor's. */
  newSubmissionId(): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let id = '';
    for (const b of randomBytes(16)) id += alphabet[b % alphabet.length];
    return id;
  }

  /** A strictly increasing created_at, so that list order and paging are total. */
  nextCreatedAt(): string {
    const now = Math.max(Date.now(), this.lastCreated + 1);
    this.lastCreated = now;
    return new Date(now).toISOString();
  }

  /** Queues a scenario. */
  addScenario(input: ScenarioInput): Scenario {
    const scenario: Scenario = { ...structuredClone(input), id: `scn_${++this.serial}` };
    if (!scenario.userid && !scenario.email) scenario.any = true;
    this.scenarios.push(scenario);
    return scenario;
  }

  /** The first scenario matching the applicant that still has `part`: userid first, then email, then any. */
  takeScenario(
    part: 'ocr' | 'step2' | 'review',
    who: { userid?: string; email?: string },
  ): Scenario | undefined {
    const has = (s: Scenario): boolean =>
      part === 'step2' ? (s.step2?.length ?? 0) > 0 : s[part] !== undefined;
    const email = who.email?.toLowerCase();
    const found =
      this.scenarios.find((s) => has(s) && s.userid !== undefined && s.userid === who.userid) ??
      this.scenarios.find(
        (s) => has(s) && s.userid === undefined && s.email !== undefined && s.email.toLowerCase() === email,
      ) ??
      this.scenarios.find((s) => has(s) && s.any === true && s.userid === undefined && s.email === undefined);
    return found;
  }

  /** Drops scenarios with nothing left to force. */
  pruneScenarios(): void {
    this.scenarios = this.scenarios.filter(
      (s) => s.ocr !== undefined || (s.step2?.length ?? 0) > 0 || s.review !== undefined,
    );
  }

  /** Adds a fault. */
  addFault(input: FaultInput): Fault {
    const fault: Fault = {
      id: `flt_${++this.serial}`,
      path: input.path,
      kind: input.kind,
      ms: input.ms ?? 1000,
      times: input.times ?? 1,
      ...(input.method ? { method: input.method.toUpperCase() } : {}),
    };
    this.faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault matching a call, if any. */
  takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (f.path === '*' || f.path === path) && (!f.method || f.method === method),
    );
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** The applicant id for a person: same name, birth date, nationality and gender -> same id (docs/vendor-api.md #14). */
  applicantIdFor(name: string, dateOfBirth: string, nationality = '', gender = ''): string {
    const digest = createHash('sha256')
      .update([nameKey(name), dateOfBirth, nationality, gender].join('|'))
      .digest('hex');
    return `ap${digest.slice(0, 14)}`;
  }

  /** Applies a manual-review decision to a pending submission. */
  review(submissionId: string, decision: ReviewDecision): Submission {
    const stored = this.submissions.get(submissionId);
    if (!stored) throw new HttpError(404, 'Submission not found', 'submissionId');
    const kyc = stored.record.kyc;
    if (kyc.result !== 'pending')
      throw new HttpError(
        400,
        `Only a pending submission can be reviewed (it is ${kyc.result})`,
        'submissionId',
      );
    if (decision.decision === 'approve') {
      kyc.result = 'approved';
    } else if (decision.decision === 'reject') {
      if (!decision.commentCode || typeof decision.commentCode !== 'string')
        throw new HttpError(400, 'commentCode is required to reject', 'commentCode');
      kyc.result = 'rejected';
      kyc.comment = [decision.comment ?? REJECT_COMMENTS[decision.commentCode] ?? REJECT_COMMENTS.other!];
      kyc.commentCode = [decision.commentCode];
    } else {
      throw new HttpError(400, 'decision must be approve or reject', 'decision');
    }
    return stored.record;
  }

  /** Records a step-2 attempt and applies the three-attempt rule (docs/vendor-api.md #6). */
  recordAttempt(stored: StoredSubmission, outcome: Step2Outcome): Step2Response {
    const kyc = stored.record.kyc;
    const attempts = (kyc.attempts ??= []);
    const attemptCnt = attempts.length + 1;
    // retryCount: incomplete attempts before this one (0 on the first attempt, docs/vendor-api.md #6).
    const effect = outcomeEffect(outcome, attemptCnt, attempts.length);
    attempts.push(effect.attempt);
    const response = effect.response;
    if (response.kycStatus === 'incomplete' && attemptCnt >= MAX_ATTEMPTS) {
      response.kycStatus = 'rejected';
      kyc.comment = [REJECT_COMMENTS.too_many_retry!];
      kyc.commentCode = ['too_many_retry'];
    }
    kyc.result = response.kycStatus;
    return response;
  }

  /** Screens the submission's name on the sample watchlist. */
  screenAml(stored: StoredSubmission): void {
    const name = stored.record.data.name;
    stored.record.aml = name ? screen(name) : { ...NOT_SCREENED };
  }
}
