// HS256 session tokens on node:crypto, for the runtimes that have it (Node, Bun, Deno).
//
// Why not jose everywhere: jose 6 signs and verifies through WebCrypto, whose HMAC is an
// asynchronous job handed to a thread pool and back. For the proxy that hand-off costs
// more than everything else a step 1 does besides moving bytes: with it, the proxy
// process spent 0.6 to 0.9 ms more CPU per call (one verify, one mint) than with no
// token work at all; a synchronous node:crypto HMAC takes a few microseconds (issue 10,
// `pnpm bench`). jose stays the path of every other runtime (tokens.ts).
//
// Narrow on purpose: it reads only the tokens this package mints, a header of exactly
// `alg` HS256, a `kid` and an optional `typ`, and refuses anything else (a `crit`, a
// `b64`, a `jku`...), where jose would interpret it. The claims are checked as jose's
// jwtVerify checks them with the options tokens.ts gives it (issuer, audience, clock
// tolerance, required sub/exp/iat); test/session-tokens.test.ts runs every case through
// both paths, with tokens made by jose.

type NodeCrypto = Pick<typeof import('node:crypto'), 'createHmac' | 'timingSafeEqual'>;

/** node:crypto when the runtime has it, without a static import (the package runs on edge runtimes too). */
export function nodeCrypto(): NodeCrypto | null {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return (host?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
  } catch {
    return null;
  }
}

/** What verification concluded, short of the claims. */
export type Hs256Failure = 'invalid' | 'expired';

/** The checks of a token's claims (jose's names). */
export interface Hs256Checks {
  issuer: string;
  audience: string;
  /** Seconds an expired token is still taken (and a not-yet-valid one already). */
  clockTolerance: number;
  /** Now, in seconds since the epoch. */
  now: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const HEADER_KEYS = new Set(['alg', 'kid', 'typ']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function json(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** HS256 compact JWS with secrets by kid. */
export class Hs256 {
  readonly #crypto: NodeCrypto;
  readonly #keys: ReadonlyMap<string, Uint8Array>;
  /** Encoded headers by kid: a signing header never changes. */
  readonly #headers = new Map<string, string>();

  constructor(crypto: NodeCrypto, keys: ReadonlyMap<string, Uint8Array>) {
    this.#crypto = crypto;
    this.#keys = keys;
  }

  /** The raw HMAC-SHA256 of `data` under `kid`'s secret. */
  mac(kid: string, data: string | Uint8Array): Buffer {
    return this.#crypto.createHmac('sha256', this.#keys.get(kid)!).update(data).digest();
  }

  /** A token for `payload`, signed with `kid`'s secret. */
  sign(kid: string, payload: Record<string, unknown>): string {
    let header = this.#headers.get(kid);
    if (header === undefined) {
      header = Buffer.from(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' })).toString('base64url');
      this.#headers.set(kid, header);
    }
    const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${this.mac(kid, input).toString('base64url')}`;
  }

  /** The payload of a token whose signature and claims hold, or why not. */
  verify(token: string, checks: Hs256Checks): Record<string, unknown> | Hs256Failure {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return 'invalid';
    const [h, p, s] = parts as [string, string, string];
    const header = json(h);
    if (!isObject(header) || header.alg !== 'HS256' || typeof header.kid !== 'string') return 'invalid';
    for (const k of Object.keys(header)) if (!HEADER_KEYS.has(k)) return 'invalid';
    if (!this.#keys.has(header.kid)) return 'invalid';
    const expected = this.mac(header.kid, `${h}.${p}`);
    const given = Buffer.from(s, 'base64url');
    // The length first (timingSafeEqual throws on a difference), then the bytes, then
    // the spelling: one signature has one canonical base64url form.
    if (given.length !== expected.length || !this.#crypto.timingSafeEqual(given, expected)) return 'invalid';
    if (given.toString('base64url') !== s) return 'invalid';
    // Only a well-signed token gets as far as its claims, so that "expired" is never
    // said of a forgery.
    const payload = json(p);
    if (!isObject(payload)) return 'invalid';
    for (const claim of ['sub', 'exp', 'iat', 'iss', 'aud']) if (!(claim in payload)) return 'invalid';
    if (payload.iss !== checks.issuer) return 'invalid';
    const aud = payload.aud;
    if (!(aud === checks.audience || (Array.isArray(aud) && aud.includes(checks.audience)))) return 'invalid';
    if (typeof payload.iat !== 'number') return 'invalid';
    if (
      payload.nbf !== undefined &&
      (typeof payload.nbf !== 'number' || payload.nbf > checks.now + checks.clockTolerance)
    )
      return 'invalid';
    if (typeof payload.exp !== 'number') return 'invalid';
    if (payload.exp <= checks.now - checks.clockTolerance) return 'expired';
    return payload;
  }
}
