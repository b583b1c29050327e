// The sandbox's own admin API, which the real vendor does not have: scenarios queued
// for matching submissions, reviews of pending ones, faults, reset and the
// auto-approve switch; typed (`control`) and over HTTP (/__sandbox).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../body.ts';
import { HttpError, isStep2Outcome, type SandboxState } from '../state.ts';
import type { Fault, FaultInput, ReviewDecision, Scenario, ScenarioInput, Submission } from '../types.ts';
import { validateFault } from './faults.ts';
import { copy, sendJson } from './http.ts';

/** A review decision for a pending submission. */
export type ReviewInput = { submissionId: string } & ReviewDecision;

/** Typed admin methods, the same as the /__sandbox HTTP interface. */
export interface SandboxControl {
  /** Queues outcomes for matching submissions (see README: precedence). */
  scenario(input: ScenarioInput): Scenario;
  /** Approves or rejects a pending submission. */
  review(input: ReviewInput): Submission;
  /** Injects a fault for the next `times` calls of an endpoint. */
  fault(input: FaultInput): Fault;
  /** Forgets submissions, scenarios and faults. */
  reset(): void;
  /** Turns the auto-approve switch on or off. */
  configure(config: { autoApprove?: boolean }): { autoApprove: boolean };
  /** A stored submission record (a copy), or undefined. */
  submission(submissionId: string): Submission | undefined;
  /** The queued scenarios (copies). */
  scenarios(): Scenario[];
  /** The pending faults (copies). */
  faults(): Fault[];
}

/** The typed admin methods over the sandbox's state. */
export function createControl(state: SandboxState): SandboxControl {
  return {
    scenario: (input) => copy(state.addScenario(validateScenario(input))),
    review: (input) => {
      if (typeof input?.submissionId !== 'string' || !input.submissionId)
        throw new HttpError(400, 'submissionId is required', 'submissionId');
      return copy(state.review(input.submissionId, input));
    },
    fault: (input) => copy(state.addFault(validateFault(input))),
    reset: () => state.reset(),
    configure: (config) => {
      if (config.autoApprove !== undefined) {
        if (typeof config.autoApprove !== 'boolean')
          throw new HttpError(400, 'autoApprove must be a boolean', 'autoApprove');
        state.autoApprove = config.autoApprove;
      }
      return { autoApprove: state.autoApprove };
    },
    submission: (id) => {
      const stored = state.submissions.get(id);
      return stored ? copy(stored.record) : undefined;
    },
    scenarios: () => copy(state.scenarios),
    faults: () => copy(state.faults),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 1024 * 1024);
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Body must be a JSON object');
  }
}

/** The /__sandbox HTTP interface: the same methods as `control`, as JSON over HTTP. */
export async function admin(
  control: SandboxControl,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const route = `${method} ${path}`;
  switch (route) {
    case 'POST /__sandbox/scenarios':
      return sendJson(res, 201, { scenario: control.scenario((await readJson(req)) as ScenarioInput) });
    case 'GET /__sandbox/scenarios':
      return sendJson(res, 200, { scenarios: control.scenarios() });
    case 'POST /__sandbox/review': {
      const body = await readJson(req);
      return sendJson(res, 200, { submission: control.review(body as unknown as ReviewInput) });
    }
    case 'POST /__sandbox/faults':
      return sendJson(res, 201, { fault: control.fault((await readJson(req)) as unknown as FaultInput) });
    case 'GET /__sandbox/faults':
      return sendJson(res, 200, { faults: control.faults() });
    case 'POST /__sandbox/reset':
      control.reset();
      return sendJson(res, 200, { message: 'reset' });
    case 'POST /__sandbox/config':
      return sendJson(res, 200, control.configure((await readJson(req)) as { autoApprove?: boolean }));
    case 'GET /__sandbox/config':
      return sendJson(res, 200, control.configure({}));
    default:
      throw new HttpError(404, 'Not Found');
  }
}

function validateScenario(input: ScenarioInput): ScenarioInput {
  if (typeof input !== 'object' || input === null) throw new HttpError(400, 'A scenario must be an object');
  const out: ScenarioInput = {};
  if (input.userid !== undefined) {
    if (typeof input.userid !== 'string' || !input.userid)
      throw new HttpError(400, 'userid must be a non-empty string', 'userid');
    out.userid = input.userid;
  }
  if (input.email !== undefined) {
    if (typeof input.email !== 'string' || !input.email)
      throw new HttpError(400, 'email must be a non-empty string', 'email');
    out.email = input.email;
  }
  if (input.any !== undefined && typeof input.any !== 'boolean')
    throw new HttpError(400, 'any must be a boolean', 'any');
  if (input.any && (out.userid || out.email))
    throw new HttpError(400, 'any excludes userid and email', 'any');
  if (input.ocr !== undefined) {
    if (
      input.ocr !== 'fail' &&
      (typeof input.ocr !== 'object' || input.ocr === null || Array.isArray(input.ocr))
    ) {
      throw new HttpError(400, 'ocr must be "fail" or an object of OCR fields', 'ocr');
    }
    if (typeof input.ocr === 'object') {
      for (const [k, v] of Object.entries(input.ocr)) {
        if (!k.startsWith('ocr_') || typeof v !== 'string')
          throw new HttpError(400, 'ocr fields are ocr_* strings', 'ocr');
      }
    }
    out.ocr = input.ocr;
  }
  if (input.step2 !== undefined) {
    if (!Array.isArray(input.step2) || !input.step2.every(isStep2Outcome)) {
      throw new HttpError(
        400,
        'step2 must be a list of: pass, approve, no-face, two-faces, low-similarity, low-liveness, kor-id-fail',
        'step2',
      );
    }
    out.step2 = [...input.step2];
  }
  if (input.review !== undefined) {
    const r = input.review as Partial<{ decision: string; commentCode: string; comment: string }>;
    if (
      r.decision !== 'approve' &&
      !(r.decision === 'reject' && typeof r.commentCode === 'string' && r.commentCode)
    ) {
      throw new HttpError(
        400,
        'review must be {decision:"approve"} or {decision:"reject", commentCode}',
        'review',
      );
    }
    out.review = input.review;
  }
  if (out.ocr === undefined && out.step2 === undefined && out.review === undefined) {
    throw new HttpError(400, 'A scenario needs ocr, step2 or review', 'step2');
  }
  return out;
}
