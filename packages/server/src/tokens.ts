// Session tokens: stateless HS256 JWTs (jose), short-lived, audience- and
// issuer-checked, signed with the first of a list of secrets and verified with
// any of them (rotation: put the new secret first, drop the old one after the
// longest refresh window, 24 h). Where the runtime has node:crypto the tokens are
// signed and checked by hs256.ts (the same tokens, at a fraction of the CPU), else by jose.
import { SignJWT, jwtVerify, errors, type JWTPayload } from 'jose';
import { ProxyError } from './errors.ts';
import { Hs256, nodeCrypto } from './hs256.ts';
import type { IdType } from './types.ts';

/** One signing secret; `kid` names it in the token header. */
export interface TokenSecret {
  kid: string;
  /** At least 32 bytes (a string is taken as UTF-8). */
  secret: string | Uint8Array;
}

/** What a session token says about its holder. */
export interface SessionClaims {
  /** The applicant's userid. */
  sub: string;
  email?: string;
  cf1?: string;
  cf2?: string;
  cf3?: string;
  /** The submission this token acts on, once step 1 has succeeded. */
  sid?: string;
  /** The submission's document type (for the Korean-only rules of step 2). */
  idt?: IdType;
  /** The submission's issuing country. */
  ctry?: string;
  /** The handoff this token's phone redeemed a code of (endpoint/handoff.ts). */
  hid?: string;
}

/** Verified claims plus the expiry. */
export type VerifiedClaims = SessionClaims & { exp: number };

/** Options of the token service. */
export interface TokenOptions {
  secrets: TokenSecret[];
  /** The `iss` claim; default "argos-kyc-server". */
  issuer?: string;
  /** The `aud` claim; default "argos-kyc-widget". */
  audience?: string;
  /** Lifetime in seconds; default 900 (15 min). */
  ttlSeconds?: number;
  /**
   * `webcrypto` signs and verifies through jose and WebCrypto even where node:crypto is
   * there (default `auto`: node:crypto when the runtime has it). The tokens are the same.
   */
  engine?: 'auto' | 'webcrypto';
}

const CLAIM_KEYS = ['email', 'cf1', 'cf2', 'cf3', 'sid', 'idt', 'ctry', 'hid'] as const;

/** The claims this package knows of a verified payload: only string values of the known names. */
function claimsOf(payload: Record<string, unknown>): VerifiedClaims {
  const claims: VerifiedClaims = { sub: String(payload.sub), exp: payload.exp as number };
  for (const k of CLAIM_KEYS) {
    const v = payload[k];
    if (typeof v === 'string') (claims as unknown as Record<string, string>)[k] = v;
  }
  return claims;
}

/** Mints and verifies session tokens. */
export class SessionTokens {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly #sign: { kid: string; key: Promise<CryptoKey> };
  readonly #keys: Map<string, Promise<CryptoKey>>;
  /** The node:crypto path, or null for jose's. */
  readonly #hs256: Hs256 | null;

  constructor(options: TokenOptions) {
    if (!options.secrets?.length) throw new TypeError('SessionTokens: at least one secret is required');
    this.#keys = new Map();
    const raw = new Map<string, Uint8Array>();
    for (const { kid, secret } of options.secrets) {
      const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
      if (key.byteLength < 32) throw new TypeError(`SessionTokens: secret "${kid}" is shorter than 32 bytes`);
      if (this.#keys.has(kid)) throw new TypeError(`SessionTokens: duplicate kid "${kid}"`);
      // Imported once: importing the raw secret on every sign/verify would cost more than the HMAC.
      const imported = crypto.subtle.importKey(
        'raw',
        new Uint8Array(key),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      );
      imported.catch(() => undefined);
      this.#keys.set(kid, imported);
      raw.set(kid, new Uint8Array(key));
    }
    const node = options.engine === 'webcrypto' ? null : nodeCrypto();
    this.#hs256 = node ? new Hs256(node, raw) : null;
    const first = options.secrets[0]!;
    this.#sign = { kid: first.kid, key: this.#keys.get(first.kid)! };
    this.issuer = options.issuer ?? 'argos-kyc-server';
    this.audience = options.audience ?? 'argos-kyc-widget';
    this.ttlSeconds = options.ttlSeconds ?? 900;
  }

  /** A new token for `claims`, valid for the configured lifetime. */
  async mint(claims: SessionClaims, now: number = Date.now()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.ttlSeconds;
    const payload: JWTPayload = {};
    for (const k of CLAIM_KEYS) if (claims[k] !== undefined) payload[k] = claims[k];
    if (this.#hs256) {
      const body = { ...payload, sub: claims.sub, iss: this.issuer, aud: this.audience, iat, exp };
      return { token: this.#hs256.sign(this.#sign.kid, body), expiresAt: new Date(exp * 1000) };
    }
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid: this.#sign.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.#sign.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The applicant's opaque tag: a keyed HMAC (the signing secret, its own label) of the
   * userid, 22 base64url characters. The browser keeps it beside a resume point, so that a
   * different applicant signed in on the same device never continues it; it says nothing
   * of who the applicant is. It changes when the signing secret rotates (a resume is lost).
   */
  async applicantTag(userid: string): Promise<string> {
    const data = new TextEncoder().encode(`argos-kyc applicant\u0000${userid}`);
    if (this.#hs256) return this.#hs256.mac(this.#sign.kid, data).subarray(0, 16).toString('base64url');
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#sign.key, data));
    return Buffer.from(mac.subarray(0, 16)).toString('base64url');
  }

  /**
   * The claims of a valid token; `graceSeconds` accepts a token expired at most
   * that long ago (refresh). Throws ProxyError token_expired / token_invalid.
   */
  async verify(token: string, graceSeconds = 0): Promise<VerifiedClaims> {
    if (token.length > 4096) throw new ProxyError('token_invalid', 'The session token is malformed.');
    if (this.#hs256) {
      const checks = {
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: graceSeconds,
        now: Math.floor(Date.now() / 1000),
      };
      const payload = this.#hs256.verify(token, checks);
      if (payload === 'expired') throw new ProxyError('token_expired', 'The session token has expired.');
      if (payload === 'invalid')
        throw new ProxyError('token_invalid', 'The session token is not valid here.');
      return claimsOf(payload);
    }
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid !== undefined ? this.#keys.get(header.kid) : undefined;
          if (!key) throw new errors.JWSSignatureVerificationFailed('unknown kid');
          return key;
        },
        {
          algorithms: ['HS256'],
          issuer: this.issuer,
          audience: this.audience,
          clockTolerance: graceSeconds,
          requiredClaims: ['sub', 'exp', 'iat'],
        },
      );
      return claimsOf(payload);
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        throw new ProxyError('token_expired', 'The session token has expired.');
      throw new ProxyError('token_invalid', 'The session token is not valid here.');
    }
  }
}
