// An integrator's usual setup mistakes, each answered by a message that names the
// option and the fix, never a value: the options check of createKycHandler, the
// applicant check of every session, the vendor-configuration log line and the CORS
// answer a refused page can read.
import { describe, expect, it } from 'vitest';
import { ArgosClient, ArgosError } from '../src/client.ts';
import { applyCors } from '../src/endpoint/cors.ts';
import { checkApplicant, checkKycOptions, KycConfigError } from '../src/endpoint/setup-errors.ts';
import { vendorProblem } from '../src/endpoint/vendor-log.ts';

const client = new ArgosClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:4010/v2' });
const good = {
  client,
  secrets: [{ kid: 'k1', secret: 'x'.repeat(32) }],
  resolveApplicant: () => null,
};

function configError(run: () => unknown): KycConfigError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(KycConfigError);
    return e as KycConfigError;
  }
  throw new Error('no KycConfigError');
}

describe('checkKycOptions', () => {
  it('accepts a complete configuration', () => {
    expect(() => checkKycOptions(good)).not.toThrow();
    expect(() =>
      checkKycOptions({ ...good, secrets: [{ kid: 'k', secret: new Uint8Array(32) }] }),
    ).not.toThrow();
  });

  it('names an unset token secret (an unset environment variable) and how to make one', () => {
    const e = configError(() =>
      checkKycOptions({ ...good, secrets: [{ kid: '2026-11', secret: undefined }] }),
    );
    expect(e).toMatchObject({ code: 'secret_missing', option: 'secrets[0].secret' });
    expect(e.message).toMatch(
      /^createKycHandler: secrets\[0\]\.secret is not set .*environment variable.*openssl rand/,
    );
    expect(configError(() => checkKycOptions({ ...good, secrets: [{ kid: 'k', secret: '' }] })).code).toBe(
      'secret_missing',
    );
    expect(configError(() => checkKycOptions({ ...good, secrets: [] })).code).toBe('secrets_missing');
    expect(configError(() => checkKycOptions({ ...good, secrets: undefined })).code).toBe('secrets_missing');
  });

  it('refuses a secret shorter than 32 bytes without quoting it', () => {
    const e = configError(() =>
      checkKycOptions({ ...good, secrets: [{ kid: 'k', secret: 'short-secret' }] }),
    );
    expect(e).toMatchObject({ code: 'secret_too_short', option: 'secrets[0].secret' });
    expect(e.message).toContain('is 12 bytes; it needs at least 32');
    expect(e.message).not.toContain('short-secret');
  });

  it('refuses duplicate or missing key ids', () => {
    const secret = 'x'.repeat(32);
    expect(
      configError(() =>
        checkKycOptions({
          ...good,
          secrets: [
            { kid: 'a', secret },
            { kid: 'a', secret },
          ],
        }),
      ),
    ).toMatchObject({ code: 'secret_kid_invalid', option: 'secrets[1].kid' });
    expect(configError(() => checkKycOptions({ ...good, secrets: [{ secret }] })).code).toBe(
      'secret_kid_invalid',
    );
  });

  it('names a missing resolveApplicant and a missing or wrong client', () => {
    const { resolveApplicant: _r, ...noHook } = good;
    expect(configError(() => checkKycOptions(noHook))).toMatchObject({
      code: 'resolve_applicant_missing',
      option: 'resolveApplicant',
    });
    expect(configError(() => checkKycOptions({ ...good, client: undefined })).message).toContain(
      'new ArgosClient({ apiKey, baseUrl })',
    );
    expect(configError(() => checkKycOptions({ ...good, client: { apiKey: 'k' } })).code).toBe(
      'client_missing',
    );
    expect(configError(() => checkKycOptions(undefined)).code).toBe('options_missing');
  });

  it('checks the optional options by type', () => {
    expect(configError(() => checkKycOptions({ ...good, tokenTtlSeconds: '900' })).option).toBe(
      'tokenTtlSeconds',
    );
    expect(
      configError(() => checkKycOptions({ ...good, allowedOrigins: 'https://shop.example' })).option,
    ).toBe('allowedOrigins');
    expect(configError(() => checkKycOptions({ ...good, logError: 'console' })).option).toBe('logError');
  });
});

describe('checkApplicant', () => {
  it('answers null for nobody, and a clean applicant for a good one', () => {
    expect(checkApplicant(null)).toBeNull();
    expect(checkApplicant(undefined)).toBeNull();
    expect(checkApplicant({ userid: 'u1', email: ' a@b.example ', cf1: 'gold' })).toEqual({
      userid: 'u1',
      email: 'a@b.example',
      cf1: 'gold',
    });
  });

  it.each([
    [{ userid: 42 }, /whose userid is number; it must be a string \(e\.g\. String\(user\.id\)\)/],
    [{ userid: '' }, /whose userid is empty/],
    [{ userid: 'u1', email: null }, /whose email is null; leave it out when there is none/],
    [{ userid: 'u1', email: 'not-an-address' }, /whose email is not an email address/],
    [{ userid: 'u1', cf2: 7 }, /whose cf2 is number/],
    ['u1', /that is string; answer \{ userid/],
  ])('names what is wrong with %j, without its value', (applicant, reason) => {
    const e = configError(() => checkApplicant(applicant));
    expect(e).toMatchObject({ code: 'applicant_invalid', option: 'resolveApplicant' });
    expect(e.message).toMatch(/^resolveApplicant answered an applicant /);
    expect(e.message).toMatch(reason);
    expect(e.message).not.toContain('not-an-address');
  });
});

describe('vendorProblem', () => {
  const base = 'http://127.0.0.1:4010/v2';
  it('names the host and the fix when the vendor cannot be reached or the path is wrong, never the key', () => {
    const unreachable = vendorProblem(new ArgosError('network', 'POST /submission/step1', 0), 'step1', base);
    expect(unreachable).toBe(
      "argos-kyc: could not reach the verification service at 127.0.0.1:4010 on step1 (no answer); check the ArgosClient's baseUrl (the sandbox: http://127.0.0.1:<port>/v2; production: https://rest-api.argoskyc.com/v2)",
    );
    expect(vendorProblem(new ArgosError('http', 'POST /submission/step1', 404), 'step1', base)).toContain(
      'answered HTTP 404 on step1: no such path',
    );
    expect(vendorProblem(new ArgosError('http', 'GET /submission', 403), 'status', base)).toContain(
      'refused the API key on status (HTTP 403)',
    );
  });

  it('stays quiet for the vendor’s own bad moments and for other errors', () => {
    expect(vendorProblem(new ArgosError('http', 'POST /submission/step1', 502), 'step1', base)).toBeNull();
    expect(vendorProblem(new ArgosError('timeout', 'POST /submission/step1', 0), 'step1', base)).toBeNull();
    expect(vendorProblem(new TypeError('x'), 'step1', base)).toBeNull();
  });
});

describe('applyCors', () => {
  const allowed = new Set(['https://shop.example']);
  const own = 'https://api.shop.example';
  const cors = (origin: string | null, preflight = false) => {
    const headers = new Headers();
    let refused: unknown = null;
    try {
      applyCors(headers, origin, own, allowed, preflight);
    } catch (e) {
      refused = e;
    }
    return { refused, headers: Object.fromEntries(headers) };
  };

  it('lets an allowed origin read answers with credentials', () => {
    expect(cors('https://shop.example')).toEqual({
      refused: null,
      headers: {
        'access-control-allow-origin': 'https://shop.example',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'retry-after, x-argos-kyc-protocol',
        vary: 'Origin',
      },
    });
    expect(cors(own).refused).toBeNull();
    expect(cors(null)).toEqual({ refused: null, headers: { vary: 'Origin' } });
  });

  it('refuses another origin with an answer it can read, but never a preflight or the opaque origin', () => {
    const refused = cors('https://evil.example');
    expect(refused.refused).toMatchObject({ code: 'origin_not_allowed' });
    expect(refused.headers['access-control-allow-origin']).toBe('https://evil.example');
    expect(refused.headers['access-control-allow-credentials']).toBe('true');
    expect(cors('https://evil.example', true).headers).toEqual({ vary: 'Origin' });
    expect(cors('null').headers).toEqual({ vary: 'Origin' });
    expect(cors('null').refused).toMatchObject({ code: 'origin_not_allowed' });
  });
});
