// "Continue on your phone" (docs/protocol.md, "Handoff"). The desktop's session asks
// for a one-time code; the phone redeems it for a session token of its own, bound to
// the same applicant and submission; the desktop polls what the phone has done.
//
// What the shared store holds (store.ts), none of it PII:
//   handoff:<id>        the handoff: its owner (a SHA-256 of the applicant's id), the
//                       step the desktop had reached, whether it was taken back;
//   handoff:<id>:code   the id of its current code (the next code replaces it);
//   handoff:<id>:phone  what the phone has done: submission id, steps, last status;
//   handoff-code:<cid>  one code: its handoff, owner, and the desktop's token claims
//                       sealed (AES-GCM) with a key only the code itself gives; once
//                       redeemed or replaced, the word `used` or `rotated` instead,
//                       kept until the code would have expired.
// <cid> is a SHA-256 of the code: the code itself is never stored.
import {
  HANDOFF_CODE_TTL_SECONDS,
  HANDOFF_ID_PATTERN,
  HANDOFF_IDLE_SECONDS,
  HANDOFF_ROTATE_SECONDS,
  isHandoffStep,
  type HandoffAnswer,
  type HandoffDone,
  type HandoffProgressAnswer,
  type HandoffRedeemAnswer,
  type HandoffStep,
  type KycStatus,
  type SessionAnswer,
} from '@argos-kyc/protocol';
import { ProxyError } from '../errors.ts';
import { ipBucket } from '../rate-limit.ts';
import type { SessionClaims, VerifiedClaims } from '../tokens.ts';
import { sessionAnswer, type CallContext, type Endpoint } from './context.ts';
import { readJsonObject } from './json-body.ts';
import { checkApplicant } from './setup-errors.ts';

const IDLE_MS = HANDOFF_IDLE_SECONDS * 1000;
/** A code's life: the integrator's `handoffCodeTtlSeconds`, never over the protocol's 10 minutes. */
function codeTtlMs(endpoint: Endpoint): number {
  const wanted = endpoint.options.handoffCodeTtlSeconds;
  const seconds =
    wanted !== undefined && wanted > 0
      ? Math.min(wanted, HANDOFF_CODE_TTL_SECONDS)
      : HANDOFF_CODE_TTL_SECONDS;
  return seconds * 1000;
}

/** How long after its expiry a phone's token still refreshes while its handoff lives (as /session's own grace). */
const REFRESH_GRACE_SECONDS = 24 * 3600;

interface HandoffRecord {
  owner: string;
  step: HandoffStep;
  cancelled?: true;
}

interface PhoneRecord {
  submissionId: string | null;
  done: HandoffDone[];
  kycStatus: KycStatus | null;
}

interface CodeEntry {
  handoffId: string;
  owner: string;
  sealed: string;
}

// --- small helpers: web crypto only, so that the routes run in any fetch runtime ---

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** A random id of `bytes` bytes; 18 bytes are 144 bits (the code must have at least 128). */
function randomId(bytes = 18): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Who owns a handoff, without the applicant's id in the store. */
async function ownerOf(userid: string): Promise<string> {
  return base64url(await sha256(`argos-kyc handoff owner\0${userid}`));
}

const codeId = async (code: string) => base64url(await sha256(`argos-kyc handoff id\0${code}`));

async function sealKey(code: string): Promise<CryptoKey> {
  const raw = await sha256(`argos-kyc handoff seal\0${code}`);
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function seal(code: string, claims: SessionClaims): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(claims));
  const box = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sealKey(code), plain),
  );
  return `${base64url(iv)}.${base64url(box)}`;
}

async function open(code: string, sealed: string): Promise<SessionClaims> {
  const [iv, box] = sealed.split('.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64url(iv!) },
    await sealKey(code),
    fromBase64url(box!),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as SessionClaims;
}

/** The claims a handoff passes on: the applicant's and the submission's, nothing of the token itself. */
function passedOn(claims: SessionClaims): SessionClaims {
  const { sub, email, cf1, cf2, cf3, sid, idt, ctry } = claims;
  const out: SessionClaims = { sub, email, cf1, cf2, cf3, sid, idt, ctry };
  for (const k of Object.keys(out) as (keyof SessionClaims)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** A store call of a handoff route: the store failing is a 503 `handoff_unavailable`, never a crash. */
async function stored<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch {
    throw new ProxyError('handoff_unavailable', 'Continuing on another device is unavailable right now.');
  }
}

function parse<T>(value: string | null): T | null {
  if (value === null || !value.startsWith('{')) return null;
  return JSON.parse(value) as T;
}

function readHandoffId(value: unknown, field = 'handoffId'): string {
  if (typeof value !== 'string' || !HANDOFF_ID_PATTERN.test(value))
    throw new ProxyError('invalid_field', `Field "${field}" is not a handoff id.`, { field });
  return value;
}

function onlyKeys(input: Record<string, unknown>, keys: string[]): void {
  for (const key of Object.keys(input))
    if (!keys.includes(key))
      throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
}

const expired = () =>
  new ProxyError('handoff_expired', 'This handoff link has expired or was replaced; ask for a new one.');

/** The handoff `handoffId` if `claims` own it and it was not taken back. */
async function ownHandoff(
  endpoint: Endpoint,
  handoffId: string,
  claims: SessionClaims,
): Promise<HandoffRecord> {
  const record = parse<HandoffRecord>(await stored(endpoint.store.get(`handoff:${handoffId}`)));
  if (!record) throw expired();
  if (record.owner !== (await ownerOf(claims.sub)))
    throw new ProxyError('handoff_mismatch', 'This handoff belongs to another applicant.');
  return record;
}

/** `POST {base}/handoff`: a new handoff and its first code, or the next code of one (the old one stops working). */
export async function createHandoff(
  endpoint: Endpoint,
  request: Request,
  ctx: CallContext,
): Promise<HandoffAnswer> {
  const claims = await endpoint.authenticate(request);
  if (claims.sid) ctx.audit.submissionId = claims.sid;
  const input = await readJsonObject(request);
  onlyKeys(input, ['step', 'handoffId']);
  if (!isHandoffStep(input.step))
    throw new ProxyError('invalid_field', 'Field "step" is not a step of the flow.', { field: 'step' });
  const step = input.step;
  const owner = await ownerOf(claims.sub);
  let handoffId: string;
  if (input.handoffId !== undefined) {
    handoffId = readHandoffId(input.handoffId);
    const record = await ownHandoff(endpoint, handoffId, claims);
    if (record.cancelled) throw expired();
    const previous = await stored(endpoint.store.get(`handoff:${handoffId}:code`));
    if (previous) await stored(endpoint.store.claim(`handoff-code:${previous}`, 'rotated'));
  } else {
    handoffId = randomId();
  }
  const code = randomId();
  const id = await codeId(code);
  const entry: CodeEntry = { handoffId, owner, sealed: await seal(code, passedOn(claims)) };
  const now = Date.now();
  const ttlMs = codeTtlMs(endpoint);
  await stored(endpoint.store.set(`handoff-code:${id}`, JSON.stringify(entry), ttlMs));
  await stored(endpoint.store.set(`handoff:${handoffId}:code`, id, ttlMs));
  const record: HandoffRecord = { owner, step };
  await stored(endpoint.store.set(`handoff:${handoffId}`, JSON.stringify(record), IDLE_MS));
  return {
    handoffId,
    code,
    expiresAt: new Date(now + ttlMs).toISOString(),
    rotateAt: new Date(now + Math.min(HANDOFF_ROTATE_SECONDS * 1000, ttlMs / 2)).toISOString(),
  };
}

/**
 * `POST {base}/handoff/redeem`: the phone's code for a session token of its own. Every
 * call counts towards a per-IP budget of its own (guessing); a code never issued is
 * audited as `suspect: "handoff_guess"`.
 */
export async function redeemHandoff(
  endpoint: Endpoint,
  request: Request,
  ctx: CallContext,
): Promise<HandoffRedeemAnswer> {
  const ip = ctx.ip === undefined ? 'unknown' : ipBucket(ctx.ip);
  try {
    await endpoint.limit(`handoff-redeem:${ip}`, endpoint.limits.handoffRedeemPerIp);
  } catch (e) {
    // Over the budget: someone is trying codes. One line, with nothing of the caller.
    endpoint.logError('argos-kyc: handoff redemptions over the per-IP limit (possible guessing)');
    ctx.audit.suspect = 'handoff_guess';
    throw e;
  }
  const input = await readJsonObject(request);
  onlyKeys(input, ['code']);
  const code = input.code;
  if (typeof code !== 'string' || !HANDOFF_ID_PATTERN.test(code)) {
    ctx.audit.suspect = 'handoff_guess';
    throw new ProxyError('invalid_field', 'Field "code" is not a handoff code.', { field: 'code' });
  }
  const key = `handoff-code:${await codeId(code)}`;

  // Someone else signed in on this phone: refused before the code is spent, so that the
  // desktop's applicant can still use it.
  const applicant = checkApplicant(await endpoint.options.resolveApplicant(request));
  if (applicant) {
    const peek = parse<CodeEntry>(await stored(endpoint.store.get(key)));
    if (peek && peek.owner !== (await ownerOf(applicant.userid)))
      throw new ProxyError('handoff_mismatch', 'This link belongs to another applicant.');
  }

  const before = await stored(endpoint.store.claim(key, 'used'));
  if (before === 'used')
    throw new ProxyError('handoff_used', 'This link was already used; ask for a new one.');
  const entry = parse<CodeEntry>(before);
  if (!entry) {
    if (before === null) ctx.audit.suspect = 'handoff_guess';
    throw expired();
  }
  const record = parse<HandoffRecord>(await stored(endpoint.store.get(`handoff:${entry.handoffId}`)));
  if (!record || record.cancelled) throw expired();
  const claims: SessionClaims = { ...(await open(code, entry.sealed)), hid: entry.handoffId };
  await endpoint.limit(`applicant:${claims.sub}`, endpoint.limits.perApplicant);

  // A phone before this one may have made the submission since this code was made.
  const phone = parse<PhoneRecord>(await stored(endpoint.store.get(`handoff:${entry.handoffId}:phone`)));
  if (!claims.sid && phone?.submissionId) await endpoint.bindOwnSubmission(claims, phone.submissionId);
  const next: PhoneRecord = {
    submissionId: claims.sid ?? null,
    done: phone?.done ?? [],
    kycStatus: phone?.kycStatus ?? null,
  };
  await stored(endpoint.store.set(`handoff:${entry.handoffId}:phone`, JSON.stringify(next), IDLE_MS));
  if (claims.sid) ctx.audit.submissionId = claims.sid;
  return { ...(await sessionAnswer(endpoint, claims)), handoffId: entry.handoffId, step: record.step };
}

/** The desktop's view of a handoff it owns. Each poll keeps the handoff alive. */
async function progressOf(
  endpoint: Endpoint,
  handoffId: string,
  claims: VerifiedClaims,
): Promise<HandoffProgressAnswer> {
  const record = await ownHandoff(endpoint, handoffId, claims);
  const phone = parse<PhoneRecord>(await stored(endpoint.store.get(`handoff:${handoffId}:phone`)));
  await stored(endpoint.store.set(`handoff:${handoffId}`, JSON.stringify(record), IDLE_MS));
  return {
    state: record.cancelled ? 'cancelled' : phone ? 'opened' : 'waiting',
    done: phone?.done ?? [],
    submissionId: phone?.submissionId ?? claims.sid ?? null,
    kycStatus: phone?.kycStatus ?? null,
  };
}

/** `GET {base}/handoff/progress?handoffId=...`: what the phone has done so far. */
export async function handoffProgress(
  endpoint: Endpoint,
  request: Request,
  ctx: CallContext,
): Promise<HandoffProgressAnswer> {
  const claims = await endpoint.authenticate(request);
  const params = new URL(request.url).searchParams;
  for (const key of params.keys())
    if (key !== 'handoffId')
      throw new ProxyError('unknown_field', `Field "${key}" is not taken here.`, { field: key });
  const answer = await progressOf(endpoint, readHandoffId(params.get('handoffId')), claims);
  if (answer.submissionId) ctx.audit.submissionId = answer.submissionId;
  return answer;
}

/** `POST {base}/handoff/cancel`: the desktop takes the flow back; the code stops working. */
export async function cancelHandoff(endpoint: Endpoint, request: Request): Promise<HandoffProgressAnswer> {
  const claims = await endpoint.authenticate(request);
  const input = await readJsonObject(request);
  onlyKeys(input, ['handoffId']);
  const handoffId = readHandoffId(input.handoffId);
  const record = await ownHandoff(endpoint, handoffId, claims);
  const current = await stored(endpoint.store.get(`handoff:${handoffId}:code`));
  if (current) await stored(endpoint.store.claim(`handoff-code:${current}`, 'rotated'));
  record.cancelled = true;
  await stored(endpoint.store.set(`handoff:${handoffId}`, JSON.stringify(record), IDLE_MS));
  return progressOf(endpoint, handoffId, claims);
}

/**
 * What a phone's call did, for its desktop to see (a token with `hid`): step 1's
 * submission, step 2's status. Best effort: a store that fails loses the report, not the call.
 */
export async function reportPhoneStep(
  endpoint: Endpoint,
  claims: SessionClaims,
  update: { submissionId: string } | { kycStatus: KycStatus },
): Promise<void> {
  if (!claims.hid) return;
  const key = `handoff:${claims.hid}:phone`;
  try {
    const phone = parse<PhoneRecord>(await endpoint.store.get(key)) ?? {
      submissionId: null,
      done: [],
      kycStatus: null,
    };
    const done = new Set(phone.done);
    if ('submissionId' in update) {
      phone.submissionId = update.submissionId;
      done.add('document');
    } else {
      phone.kycStatus = update.kycStatus;
      if (update.kycStatus !== 'incomplete') done.add('selfie');
    }
    phone.done = [...done];
    await endpoint.store.set(key, JSON.stringify(phone), IDLE_MS);
  } catch {
    // The outage is logged where the shared limits meet it (store.ts, FallbackStore).
  }
}

/**
 * A phone's token (one with `hid`) refreshed where its applicant is signed in too: it keeps
 * its handoff only while the handoff lives and was not taken back, as with nobody signed in
 * (a reload on the phone after "Continue here instead" ends on `handoff_expired`).
 */
export async function checkPhoneHandoff(endpoint: Endpoint, claims: SessionClaims): Promise<void> {
  if (claims.hid && (await ownHandoff(endpoint, claims.hid, claims)).cancelled) throw expired();
}

/**
 * `/session` for a phone that nobody signed in to: its previous token, if it came
 * from a handoff that is still alive and not taken back, gets a fresh token with the
 * same claims. Anything else is the usual 401 `unauthenticated`.
 */
export async function handoffSession(
  endpoint: Endpoint,
  previous: string,
  wanted: string | null,
): Promise<SessionAnswer> {
  const old = await endpoint.tokens.verify(previous, REFRESH_GRACE_SECONDS);
  if (!old.hid) throw new ProxyError('unauthenticated', 'No signed-in applicant.');
  const record = await ownHandoff(endpoint, old.hid, old);
  if (record.cancelled) throw expired();
  await endpoint.limit(`applicant:${old.sub}`, endpoint.limits.perApplicant);
  const claims: SessionClaims = { ...passedOn(old), hid: old.hid };
  if (wanted !== null && wanted !== claims.sid) {
    if (claims.sid)
      throw new ProxyError('submission_mismatch', 'The previous token is bound to another submission.');
    await endpoint.bindOwnSubmission(claims, wanted);
  }
  return sessionAnswer(endpoint, claims);
}
