// The vendor's API under /v2, path by path: which handler answers which method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../state.ts';
import { addressCode, amlReport, applicant, deleteSubmission, image, listSubmissions } from './v2-records.ts';
import { step1, step2 } from './v2-steps.ts';

/** A route's handler. */
export type V2Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** The vendor's API: each path under /v2 with the handler of each method it takes. */
export function v2Routes(state: SandboxState): Record<string, Record<string, V2Handler>> {
  return {
    '/v2/submission': {
      GET: (_req, res, url) => listSubmissions(state, url, res),
      DELETE: (_req, res, url) => deleteSubmission(state, url, res),
    },
    '/v2/submission/applicant': { GET: (_req, res, url) => applicant(state, url, res) },
    '/v2/submission/step1': { POST: (req, res) => step1(state, req, res) },
    '/v2/submission/step2': { POST: (req, res) => step2(state, req, res) },
    '/v2/address_code': { POST: (req, res) => addressCode(req, res) },
    '/v2/report/aml': { GET: (_req, res, url) => amlReport(url, res) },
    '/v2/image': { GET: (_req, res, url) => image(state, url, res) },
  };
}
