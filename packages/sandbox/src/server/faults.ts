// Faults the admin API injects into the vendor's routes: a late answer, a 500 or 502,
// a call never answered, a dropped connection; each for the next `times` calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../state.ts';
import type { Fault, FaultInput, FaultKind } from '../types.ts';
import { sendJson } from './http.ts';

const FAULT_KINDS: readonly FaultKind[] = ['latency', 'error500', 'error502', 'timeout', 'drop'];

/**
 * Plays an injected fault on a call: true when the fault has answered it (or never
 * will), false when the call goes on (after a delay).
 */
export async function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  later: (ms: number) => Promise<void>,
): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      holdAnswer(res, later(fault.ms));
      return false;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'timeout':
      // Never answer; close() destroys the socket.
      return true;
    case 'error500':
    case 'error502':
      // Drain (without keeping) the body so the client reads the answer.
      req.resume();
      await new Promise((resolve) =>
        req.complete ? resolve(undefined) : req.once('end', resolve).once('close', resolve),
      );
      sendJson(res, fault.kind === 'error500' ? 500 : 502, {
        message: fault.kind === 'error500' ? 'Internal Server Error' : 'Bad Gateway',
      });
      return true;
  }
}

/**
 * A slow vendor still does the work: the call is handled at once and its answer held
 * back until `until`, so that a client that gives up first (a timeout, a browser
 * gone) finds the work done, as it would at a real vendor that answers late.
 */
function holdAnswer(res: ServerResponse, until: Promise<void>): void {
  const { writeHead, end } = res;
  const held: (() => void)[] = [];
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    held.push(() => (writeHead as (...a: unknown[]) => unknown).apply(res, args));
    return res;
  } as typeof res.writeHead;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    held.push(() => (end as (...a: unknown[]) => unknown).apply(res, args));
    void until.then(() => {
      res.writeHead = writeHead;
      res.end = end;
      for (const play of held) play();
    });
    return res;
  } as typeof res.end;
}

/** A fault as the admin API takes it, checked. */
export function validateFault(input: FaultInput): FaultInput {
  if (typeof input !== 'object' || input === null) throw new HttpError(400, 'A fault must be an object');
  if (typeof input.path !== 'string' || !(input.path === '*' || input.path.startsWith('/v2/'))) {
    throw new HttpError(400, 'path must be a /v2/... path or *', 'path');
  }
  if (!FAULT_KINDS.includes(input.kind))
    throw new HttpError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`, 'kind');
  if (input.ms !== undefined && (!Number.isInteger(input.ms) || input.ms < 0 || input.ms > 600_000))
    throw new HttpError(400, 'ms must be 0..600000', 'ms');
  if (input.times !== undefined && (!Number.isInteger(input.times) || input.times < 1))
    throw new HttpError(400, 'times must be a positive integer', 'times');
  if (input.method !== undefined && typeof input.method !== 'string')
    throw new HttpError(400, 'method must be a string', 'method');
  return { ...input, path: input.path.replace(/\/+$/, '') || input.path };
}
