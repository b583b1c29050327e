// The session token service on its own: what it refuses to be built with, what a
// token it mints says (and only that), and exactly where verification stops taking
// a token (lifetime, grace, size, rotation, foreign claims).
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { ProxyError, SessionTokens } from '../src/index.ts';

const S1 = 'first-secret-0123456789abcdef0123456789';
const S2 = 'second-secret-0123456789abcdef012345678';
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

/** The ProxyError code `promise` rejects with, or "ok". */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    return e instanceof ProxyError ? e.code : `other: ${String(e)}`;
  }
}

/** A token signed by hand with `secret`, for claims the service would never mint. */
async function handMade(
  payload: Record<string, unknown>,
  { kid = 'k1', secret = S1, iss = 'argos-kyc-server', aud = 'argos-kyc-widget', exp = '10m' } = {},
) {
  let jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid }).setIssuedAt();
  if (iss) jwt = jwt.setIssuer(iss);
  if (aud) jwt = jwt.setAudience(aud);
  if (exp) jwt = jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

// Every case runs through both engines: node:crypto (hs256.ts, the default on Node)
// and jose on WebCrypto (every other runtime); hand-made tokens come from jose's SignJWT.
describe.each(['auto', 'webcrypto'] as const)('engine %s', (engine) => {
  describe('SessionTokens construction', () => {
    it('refuses no secret, a secret under 32 bytes and a repeated kid; takes 32 bytes, as text or bytes', () => {
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [],
          }),
      ).toThrow(/at least one secret/);
      expect(
        () =>
          new SessionTokens({
            engine,
          } as never),
      ).toThrow(/at least one secret/);
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [{ kid: 'a', secret: 'x'.repeat(31) }],
          }),
      ).toThrow(/"a" is shorter/);
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [{ kid: 'a', secret: new Uint8Array(31) }],
          }),
      ).toThrow(/shorter/);
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [{ kid: 'a', secret: 'x'.repeat(32) }],
          }),
      ).not.toThrow();
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [{ kid: 'a', secret: new Uint8Array(32).fill(1) }],
          }),
      ).not.toThrow();
      // 11 characters, 33 bytes in UTF-8: the length counted is bytes.
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [{ kid: 'a', secret: '한국어한국어한국어한국' }],
          }),
      ).not.toThrow();
      expect(
        () =>
          new SessionTokens({
            engine,
            secrets: [
              { kid: 'a', secret: S1 },
              { kid: 'a', secret: S2 },
            ],
          }),
      ).toThrow(/duplicate kid "a"/);
    });

    it('has its documented defaults', () => {
      const t = new SessionTokens({
        engine,
        secrets: [{ kid: 'k1', secret: S1 }],
      });
      expect([t.issuer, t.audience, t.ttlSeconds]).toEqual(['argos-kyc-server', 'argos-kyc-widget', 900]);
    });
  });

  describe('SessionTokens.mint', () => {
    it('signs HS256 with the first secret, says who, for whom, from when to when, and only the known claims', async () => {
      const t = new SessionTokens({
        engine,
        secrets: [
          { kid: 'new', secret: S2 },
          { kid: 'old', secret: S1 },
        ],
        issuer: 'shop',
        audience: 'shop-widget',
        ttlSeconds: 120,
      });
      const claims = { sub: 'alice', email: 'a@example.test', sid: 'sub-1', ctry: 'KOR', cf2: undefined };
      const { token, expiresAt } = await t.mint({ ...claims, extra: 'no' } as never, T0 + 999);
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: 'new', typ: 'JWT' });
      expect(decodeJwt(token)).toEqual({
        sub: 'alice',
        email: 'a@example.test',
        sid: 'sub-1',
        ctry: 'KOR',
        iss: 'shop',
        aud: 'shop-widget',
        iat: T0 / 1000,
        exp: T0 / 1000 + 120,
      });
      expect(expiresAt.getTime()).toBe(T0 + 120_000);
    });
  });

  describe('SessionTokens.verify', () => {
    const tokens = new SessionTokens({
      engine,
      secrets: [
        { kid: 'k1', secret: S1 },
        { kid: 'k2', secret: S2 },
      ],
      ttlSeconds: 60,
    });

    it('answers the claims it minted, and only string claims of the known names', async () => {
      const { token, expiresAt } = await tokens.mint({ sub: 'bob', cf1: 'gold', idt: 'passport' });
      expect(await tokens.verify(token)).toEqual({
        sub: 'bob',
        cf1: 'gold',
        idt: 'passport',
        exp: expiresAt.getTime() / 1000,
      });
      const odd = await handMade({ sub: 'bob', sid: 42, email: ['x'], role: 'admin', cf3: 'ok' });
      expect(await tokens.verify(odd)).toEqual({ sub: 'bob', cf3: 'ok', exp: expect.any(Number) });
    });

    it('verifies with any listed secret (rotation), and refuses an unlisted kid or secret', async () => {
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { kid: 'k2', secret: S2 })))).toBe(
        'ok',
      );
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { kid: 'k3', secret: S2 })))).toBe(
        'token_invalid',
      );
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { kid: 'k1', secret: S2 })))).toBe(
        'token_invalid',
      );
      const noKid = await new SignJWT({ sub: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setIssuer('argos-kyc-server')
        .setAudience('argos-kyc-widget')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(S1));
      expect(await outcome(tokens.verify(noKid))).toBe('token_invalid');
    });

    it('refuses another issuer or audience, and a token without sub, exp or iat', async () => {
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { iss: 'other' })))).toBe(
        'token_invalid',
      );
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { aud: 'other' })))).toBe(
        'token_invalid',
      );
      expect(await outcome(tokens.verify(await handMade({})))).toBe('token_invalid');
      expect(await outcome(tokens.verify(await handMade({ sub: 'x' }, { exp: '' })))).toBe('token_invalid');
      const noIat = await new SignJWT({ sub: 'x' })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setIssuer('argos-kyc-server')
        .setAudience('argos-kyc-widget')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(S1));
      expect(await outcome(tokens.verify(noIat))).toBe('token_invalid');
    });

    it('refuses an expired token as token_expired, unless within the grace it is given', async () => {
      const { token } = await tokens.mint({ sub: 'x' }, Date.now() - 90_000);
      expect(await outcome(tokens.verify(token))).toBe('token_expired');
      expect(await outcome(tokens.verify(token, 10))).toBe('token_expired');
      expect(await outcome(tokens.verify(token, 60))).toBe('ok');
    });

    it('refuses a token over 4096 characters before parsing it, and takes one of exactly 4096', async () => {
      // Some padding length gives exactly 4096 characters (base64url skips one length in four).
      let exact = '';
      for (let n = 2900; n < 3100 && exact.length !== 4096; n++)
        exact = await handMade({ sub: 'x', pad: 'p'.repeat(n) });
      expect(exact.length).toBe(4096);
      expect(await outcome(tokens.verify(exact))).toBe('ok');
      expect(await outcome(tokens.verify(`${exact}x`))).toBe('token_invalid');
      // A well-signed token just over the cap is refused too: the cap, not the signature, says no.
      let over = '';
      for (let n = 2900; n < 3100 && over.length <= 4096; n++)
        over = await handMade({ sub: 'x', pad: 'q'.repeat(n) });
      expect(over.length).toBeLessThan(4100);
      expect(await tokens.verify(over).catch((e: ProxyError) => `${e.code}: ${e.message}`)).toBe(
        'token_invalid: The session token is malformed.',
      );
    });

    it('says only which of expired or invalid a token is, in fixed words', async () => {
      const message = (p: Promise<unknown>) => p.catch((e: ProxyError) => `${e.code}: ${e.message}`);
      const { token } = await tokens.mint({ sub: 'x' }, Date.now() - 90_000);
      expect(await message(tokens.verify(token))).toBe('token_expired: The session token has expired.');
      expect(await message(tokens.verify(await handMade({ sub: 'x' }, { kid: 'k9' })))).toBe(
        'token_invalid: The session token is not valid here.',
      );
    });
  });

  describe('applicant tag', () => {
    it('is the same for one applicant, differs between applicants and between secrets, and holds no userid', async () => {
      const one = new SessionTokens({
        engine,
        secrets: [{ kid: 'k1', secret: S1 }],
      });
      const rotated = new SessionTokens({
        engine,
        secrets: [
          { kid: 'k2', secret: S2 },
          { kid: 'k1', secret: S1 },
        ],
      });
      const alice = await one.applicantTag('alice@example.test');
      expect(alice).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await one.applicantTag('alice@example.test')).toBe(alice);
      expect(await one.applicantTag('bob@example.test')).not.toBe(alice);
      // Keyed by the signing secret: nobody without it can tell whose tag it is (nor compute one).
      expect(await rotated.applicantTag('alice@example.test')).not.toBe(alice);
      expect(alice).not.toMatch(/alice|example/i);
    });
  });
});
