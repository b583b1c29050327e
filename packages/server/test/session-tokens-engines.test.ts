// The two engines of SessionTokens side by side: node:crypto (hs256.ts, the default
// where the runtime has it) and jose on WebCrypto. Their tokens are interchangeable;
// the node engine reads only the headers this package mints, and never calls a forged
// or malformed token "expired".
import { SignJWT, base64url } from 'jose';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProxyError, SessionTokens } from '../src/index.ts';

const S1 = 'first-secret-0123456789abcdef0123456789';
const ISS = 'argos-kyc-server';
const AUD = 'argos-kyc-widget';
const secrets = [{ kid: 'k1', secret: S1 }];
const node = new SessionTokens({ secrets });
const web = new SessionTokens({ secrets, engine: 'webcrypto' });

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    return e instanceof ProxyError ? e.code : `other: ${String(e)}`;
  }
}

const now = () => Math.floor(Date.now() / 1000);
const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
/** A compact token of exactly this header and payload, signed by hand with `secret`. */
function signed(header: unknown, payload: unknown, secret = S1): string {
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'x',
  iss: ISS,
  aud: AUD,
  iat: now(),
  exp: now() + 600,
  ...extra,
});
const HEADER = { alg: 'HS256', kid: 'k1', typ: 'JWT' };

describe('SessionTokens engines', () => {
  it('mint interchangeable tokens, and the same applicant tag', async () => {
    const fromNode = (await node.mint({ sub: 'alice', sid: 's1', email: 'a@example.test' })).token;
    const fromWeb = (await web.mint({ sub: 'alice', sid: 's1', email: 'a@example.test' })).token;
    expect(await web.verify(fromNode)).toEqual(await node.verify(fromNode));
    expect(await node.verify(fromWeb)).toEqual(await web.verify(fromWeb));
    expect((await node.verify(fromWeb)).sid).toBe('s1');
    expect(await node.applicantTag('alice')).toBe(await web.applicantTag('alice'));
  });

  it('take a hand-signed token of the minted header shape, with or without typ, and an audience list', async () => {
    for (const t of [
      signed(HEADER, claims()),
      signed({ alg: 'HS256', kid: 'k1' }, claims()),
      signed(HEADER, claims({ aud: ['other', AUD] })),
      signed(HEADER, claims({ nbf: now() - 5 })),
    ]) {
      expect([await outcome(node.verify(t)), await outcome(web.verify(t))]).toEqual(['ok', 'ok']);
    }
  });

  it('refuse another algorithm, a missing or unknown kid, and a header it would have to interpret', async () => {
    const cases = [
      signed({ alg: 'none', kid: 'k1' }, claims()),
      signed({ alg: 'HS512', kid: 'k1' }, claims()),
      signed({ alg: 'HS256' }, claims()),
      signed({ alg: 'HS256', kid: 'k2' }, claims()),
      signed({ alg: 'HS256', kid: 7 }, claims()),
      signed({ ...HEADER, crit: ['b64'], b64: false }, claims()),
      `${enc({ alg: 'none', kid: 'k1' })}.${enc(claims())}.`,
    ];
    for (const t of cases) expect(await outcome(node.verify(t))).toBe('token_invalid');
    // A header field jose would read (and accept) is refused by the node engine: it only
    // reads the headers this package mints.
    const cty = signed({ ...HEADER, cty: 'JWT' }, claims());
    expect([await outcome(node.verify(cty)), await outcome(web.verify(cty))]).toEqual([
      'token_invalid',
      'ok',
    ]);
  });

  it('refuse a changed payload, a changed or re-spelled signature, and segments that are not base64url', async () => {
    const good = signed(HEADER, claims());
    const [h, p, s] = good.split('.') as [string, string, string];
    const other = enc(claims({ sub: 'admin' }));
    // The last character of a 43-character signature carries 2 spare bits: flipping them
    // decodes to the same bytes, spelled differently.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1)!);
    const respelled = `${s.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    for (const t of [
      `${h}.${other}.${s}`,
      `${h}.${p}.${s.slice(0, -2)}`,
      `${h}.${p}.${respelled}`,
      `${h}.${p}.${s}=`,
      `${h}.${p}!.${s}`,
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      '',
    ]) {
      expect(await outcome(node.verify(t))).toBe('token_invalid');
    }
  });

  it('check the claims as jose does: issuer, audience, not-before, number types, and which failure is "expired"', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [claims({ iss: 'other' }), 'token_invalid'],
      [claims({ aud: 'other' }), 'token_invalid'],
      [claims({ aud: ['a', 'b'] }), 'token_invalid'],
      [claims({ nbf: now() + 60 }), 'token_invalid'],
      [claims({ nbf: 'soon' }), 'token_invalid'],
      [claims({ iat: 'then' }), 'token_invalid'],
      [claims({ exp: String(now() + 600) }), 'token_invalid'],
      [claims({ exp: now() - 1 }), 'token_expired'],
      [claims({ exp: now() }), 'token_expired'],
      [{ iss: ISS, aud: AUD, iat: now(), exp: now() + 60 }, 'token_invalid'],
    ];
    for (const [payload, expected] of cases) {
      const t = signed(HEADER, payload);
      expect([await outcome(node.verify(t)), await outcome(web.verify(t))]).toEqual([expected, expected]);
    }
    // An expired token signed with another secret is a forgery, not an expired token.
    const forged = signed(HEADER, claims({ exp: now() - 100 }), 'another-secret-0123456789abcdef012345');
    expect([await outcome(node.verify(forged)), await outcome(web.verify(forged))]).toEqual([
      'token_invalid',
      'token_invalid',
    ]);
    // A well-signed payload that is not an object (a string, a list, null) is refused.
    for (const body of ['"x"', '[1]', 'null', '{"sub":']) {
      const input = `${enc(HEADER)}.${base64url.encode(body)}`;
      const t = `${input}.${createHmac('sha256', S1).update(input).digest('base64url')}`;
      expect(await outcome(node.verify(t))).toBe('token_invalid');
    }
    // jose's own token with a not-before in the future, through both.
    const later = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuedAt()
      .setNotBefore('1h')
      .setIssuer(ISS)
      .setAudience(AUD)
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(S1));
    expect([await outcome(node.verify(later)), await outcome(web.verify(later))]).toEqual([
      'token_invalid',
      'token_invalid',
    ]);
  });
});
