// What the endpoint client makes of each answer, and exactly what it sends: step 2's
// fields under their protocol names, the address lookup, the status, token expiry
// in its three spellings, and the typed errors' details. Over real HTTP on loopback
// against the scripted endpoint (support/scripted-endpoint.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointClient, EndpointError, isTransportError } from '../src/index.ts';
import { protocolError, startScriptedEndpoint, type ScriptedEndpoint } from './support/scripted-endpoint.ts';

let endpoint: ScriptedEndpoint;
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
});
afterEach(() => endpoint.close());

function client(extra: Partial<ConstructorParameters<typeof EndpointClient>[0]> = {}) {
  return new EndpointClient({ endpoint: `${endpoint.url}//`, backoffMs: 1, transport: 'fetch', ...extra });
}
const calls = (path: string) => endpoint.seen.filter((r) => r.path === path);
const image = (type = 'image/jpeg') => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

async function formOf(path: string): Promise<Record<string, string>> {
  const seen = calls(path).at(-1)!;
  const form = await new Response(new Uint8Array(seen.body), {
    headers: { 'content-type': seen.contentType! },
  }).formData();
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = typeof v === 'string' ? v : `file:${v.name}:${v.type}`;
  return out;
}

const FIELDS = {
  name: 'Hong Gildong',
  birthDate: '1990-01-31',
  gender: 'male' as const,
  nationality: 'KOR',
  issueDate: '2015-03-01',
  identityNumber: '900131-1234567',
  licenseNumber: '11-15-123456-78',
  serialNumber: 'AB12CD',
};
const ADDRESS = {
  input: '1600 Pennsylvania Ave',
  formattedAddress: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
  compoundCode: 'VXX7+39 Washington, DC, USA',
  globalCode: '87C4VXX7+39',
  street: '1600 Pennsylvania Avenue NW',
  city: 'Washington',
  state: 'DC',
  country: 'USA',
  zipcode: '20500',
  detail: 'West Wing',
};

describe('step 2', () => {
  it('sends every field under its protocol name, text before images, and reads the answer', async () => {
    endpoint.script('/step2', {
      status: 200,
      body: { kycStatus: 'incomplete', attempt: 2, attemptsLeft: 1, reason: 'liveness' },
    });
    const result = await client().step2({
      fields: FIELDS,
      address: ADDRESS,
      faceImage: image('image/png'),
      addressImage: image(),
    });
    expect(result).toEqual({ kycStatus: 'incomplete', attempt: 2, attemptsLeft: 1, reason: 'liveness' });
    expect(await formOf('/step2')).toEqual({
      name: 'Hong Gildong',
      date_of_birth: '1990-01-31',
      gender: 'male',
      nationality: 'KOR',
      date_of_issue: '2015-03-01',
      identity_number: '900131-1234567',
      license_number: '11-15-123456-78',
      serial_number: 'AB12CD',
      address_street: ADDRESS.street,
      address_city: 'Washington',
      address_state: 'DC',
      address_country: 'USA',
      address_zipcode: '20500',
      globalCode: '87C4VXX7+39',
      compoundCode: 'VXX7+39 Washington, DC, USA',
      formatted_address: ADDRESS.formattedAddress,
      address_input: ADDRESS.input,
      address_detail: 'West Wing',
      addressImage: 'file:address.jpg:image/jpeg',
      faceImage: 'file:selfie.png:image/png',
    });
    const body = calls('/step2')[0]!.body.toString('latin1');
    expect(body.indexOf('name="address_detail"')).toBeLessThan(body.indexOf('name="addressImage"'));
    expect(body.indexOf('name="addressImage"')).toBeLessThan(body.indexOf('name="faceImage"'));
  });

  it('leaves out empty fields and a missing address, and names images by their type', async () => {
    endpoint.script('/step2', { status: 200, body: { kycStatus: 'pending' } });
    const result = await client().step2({
      fields: { name: 'A', birthDate: '1990-01-31', gender: '', nationality: '', issueDate: '' },
      address: null,
      faceImage: image(),
      addressImage: image('image/png'),
    });
    expect(result).toEqual({ kycStatus: 'pending', attempt: 1, attemptsLeft: 0, reason: null });
    expect(await formOf('/step2')).toEqual({
      name: 'A',
      date_of_birth: '1990-01-31',
      addressImage: 'file:address.png:image/png',
      faceImage: 'file:selfie.jpg:image/jpeg',
    });
  });

  it('takes the four statuses, maps an unknown reason to unknown, and refuses anything else', async () => {
    for (const kycStatus of ['approved', 'rejected']) {
      endpoint.script('/step2', { status: 200, body: { kycStatus, reason: 'tampered' } });
      expect(await client().step2({ fields: FIELDS, faceImage: image() })).toMatchObject({
        kycStatus,
        reason: 'unknown',
      });
    }
    for (const body of [{ kycStatus: 'done' }, { kycStatus: 1 }, {}]) {
      endpoint.script('/step2', { status: 200, body });
      expect(await failure(client().step2({ fields: FIELDS, faceImage: image() }))).toMatchObject({
        code: 'bad_response',
        status: 200,
        retryable: false,
      });
    }
  });
});

describe('address and status', () => {
  it('asks for an address with a language only when given one, and reads the codes', async () => {
    endpoint.script(
      '/address',
      { status: 200, body: { formattedAddress: 'F', globalCode: 'G', compoundCode: 'C' } },
      { status: 200, body: { formattedAddress: 'F', globalCode: 'G' } },
    );
    const c = client();
    expect(await c.address('somewhere', 'ko')).toEqual({
      formattedAddress: 'F',
      globalCode: 'G',
      compoundCode: 'C',
    });
    expect(JSON.parse(calls('/address')[0]!.body.toString())).toEqual({
      address: 'somewhere',
      language: 'ko',
    });
    expect(calls('/address')[0]!.contentType).toBe('application/json');
    expect(calls('/address')[0]!.authorization).toMatch(/^Bearer token-/);
    expect(await c.address('elsewhere')).toEqual({
      formattedAddress: 'F',
      globalCode: 'G',
      compoundCode: '',
    });
    expect(JSON.parse(calls('/address')[1]!.body.toString())).toEqual({ address: 'elsewhere' });
  });

  it('refuses an address answer without its formatted address or global code', async () => {
    for (const body of [
      { globalCode: 'G' },
      { formattedAddress: 'F' },
      { formattedAddress: '', globalCode: 'G' },
    ]) {
      endpoint.script('/address', { status: 200, body });
      expect(await failure(client().address('x'))).toMatchObject({ code: 'bad_response' });
    }
  });

  it('reads a status, keeping only string comment codes, with defaults for what is missing', async () => {
    endpoint.script(
      '/status',
      {
        status: 200,
        body: { submissionId: 's', kycStatus: 'rejected', attempts: 2, commentCode: ['a', 3, 'b'] },
      },
      { status: 200, body: { commentCode: 'a' } },
    );
    const c = client();
    expect(await c.status()).toEqual({
      submissionId: 's',
      kycStatus: 'rejected',
      attempts: 2,
      commentCode: ['a', 'b'],
    });
    expect(await c.status()).toEqual({ submissionId: '', kycStatus: '', attempts: 0, commentCode: [] });
    expect(calls('/status')[0]).toMatchObject({
      method: 'GET',
      authorization: expect.stringMatching(/^Bearer /),
    });
  });
});

describe('token expiry', () => {
  it('reads expiry as an ISO string, epoch ms or a Date, and treats an unreadable one as unknown', async () => {
    const now = Date.UTC(2030, 0, 1);
    const grants = [
      { token: 'iso', expiresAt: new Date(now + 120_000).toISOString() },
      { token: 'ms', expiresAt: now + 120_000 },
      { token: 'date', expiresAt: new Date(now + 120_000) },
    ];
    for (const grant of grants) {
      const c = client({ now: () => now });
      c.setToken(grant);
      expect(c.token).toEqual({ token: grant.token, expiresAt: now + 120_000 });
      expect(await c.ensureToken()).toBe(grant.token);
    }
    const c = client({ now: () => now });
    c.setToken({ token: 'odd', expiresAt: 'next tuesday' });
    expect(c.token).toEqual({ token: 'odd', expiresAt: null });
    expect(await c.ensureToken()).toBe('odd');
    expect(calls('/session')).toHaveLength(0);
  });

  it('refreshes exactly at the margin, not a millisecond before', async () => {
    const now = Date.UTC(2030, 0, 1);
    const c = client({ now: () => now, refreshMarginMs: 30_000 });
    c.setToken({ token: 'kept', expiresAt: now + 30_001 });
    expect(await c.ensureToken()).toBe('kept');
    c.setToken({ token: 'due', expiresAt: now + 30_000 });
    expect(await c.ensureToken()).toMatch(/^token-/);
    expect(calls('/session')).toHaveLength(1);
    expect(calls('/session')[0]!.authorization).toBe('Bearer due');
  });

  it('reads a session answer strictly: emailRequired only when true, a missing token refused', async () => {
    endpoint.script(
      '/session',
      {
        status: 200,
        body: { token: 't', emailRequired: 'yes', expiresAt: 5, submissionId: 7, applicant: { id: 'x' } },
      },
      { status: 200, body: { expiresAt: '2099-01-01T00:00:00Z' } },
    );
    const c = client();
    expect(await c.session()).toEqual({
      token: 't',
      expiresAt: null,
      emailRequired: false,
      submissionId: null,
      previousTokenRefused: false,
      applicant: null,
    });
    expect(await failure(c.session())).toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('keeps the previous token when /session refuses for another reason than the token', async () => {
    const c = client({ retries: 0 });
    c.setToken({ token: 'old', expiresAt: 1 });
    endpoint.script('/session', protocolError(403, 'origin_not_allowed'));
    expect(await failure(c.session())).toMatchObject({ code: 'origin_not_allowed' });
    expect(calls('/session')).toHaveLength(1);
    expect(c.token?.token).toBe('old');
  });
});

describe('typed errors', () => {
  it('reads retryAfter from the body, else from a numeric Retry-After header', async () => {
    endpoint.script(
      '/status',
      protocolError(429, 'rate_limited', { retryAfter: 7 }),
      { status: 429, body: { code: 'rate_limited', retryable: 'yes' }, headers: { 'retry-after': '9' } },
      {
        status: 429,
        body: { code: 'rate_limited' },
        headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' },
      },
      { status: 400, body: { code: 'invalid_field', field: 3 } },
    );
    const c = client({ retries: 0 });
    await c.ensureToken();
    expect(await failure(c.status())).toMatchObject({ code: 'rate_limited', retryable: true, retryAfter: 7 });
    expect(await failure(c.status())).toMatchObject({ retryable: false, retryAfter: 9 });
    const dated = (await failure(c.status())) as EndpointError;
    expect(dated.retryAfter).toBeUndefined();
    const noField = (await failure(c.status())) as EndpointError;
    expect(noField).toMatchObject({ code: 'invalid_field', status: 400 });
    expect(noField.field).toBeUndefined();
  });

  // A 404 that is not ours means the endpoint is not there (issue 18: endpoint_not_found).
  it('judges a non-protocol error answer by its status: 5xx vendor_error (retryable), 404 endpoint_not_found, else bad_response', async () => {
    endpoint.script(
      '/status',
      { status: 500, raw: '<html>oops</html>', contentType: 'text/html' },
      { status: 499, raw: '{"code": 5}', contentType: 'application/json' },
      { status: 404, raw: 'not json', contentType: 'application/json' },
    );
    const c = client({ retries: 0 });
    await c.ensureToken();
    expect(await failure(c.status())).toMatchObject({ code: 'vendor_error', retryable: true, status: 500 });
    expect(await failure(c.status())).toMatchObject({ code: 'bad_response', retryable: false, status: 499 });
    expect(await failure(c.status())).toMatchObject({
      code: 'endpoint_not_found',
      retryable: false,
      status: 404,
    });
  });

  it('takes a 2xx answer only as a JSON object', async () => {
    endpoint.script(
      '/status',
      { status: 200, raw: '"text"', contentType: 'application/json' },
      { status: 200, raw: 'null', contentType: 'application/json' },
      { status: 204, raw: '', contentType: 'application/json' },
      { status: 200, raw: '{"kycStatus":"pending"}', contentType: 'text/plain' },
    );
    const c = client({ retries: 0 });
    await c.ensureToken();
    for (const status of [200, 200, 204, 200])
      expect(await failure(c.status())).toMatchObject({ code: 'bad_response', status, retryable: false });
  });

  it('says code, status and field in its message and nothing else', () => {
    expect(
      new EndpointError({ code: 'invalid_field', retryable: false, status: 400, field: 'name' }).message,
    ).toBe('Argos KYC endpoint: invalid_field (HTTP 400, field name)');
    expect(new EndpointError({ code: 'invalid_field', retryable: false, field: 'name' }).message).toBe(
      'Argos KYC endpoint: invalid_field (field name)',
    );
    expect(new EndpointError({ code: 'network_error', retryable: true }).message).toBe(
      'Argos KYC endpoint: network_error',
    );
    expect(new EndpointError({ code: 'x', retryable: false }).name).toBe('EndpointError');
  });

  it('counts only network_error and timeout as transport errors', () => {
    expect(isTransportError(new EndpointError({ code: 'network_error', retryable: true }))).toBe(true);
    expect(isTransportError(new EndpointError({ code: 'timeout', retryable: true }))).toBe(true);
    expect(isTransportError(new EndpointError({ code: 'vendor_error', retryable: true }))).toBe(false);
    expect(isTransportError(new Error('network_error'))).toBe(false);
  });
});

describe('retries', () => {
  it('backs off 1, 2, 4 ... times backoffMs, capped at 10 s, and honours retryAfter', async () => {
    endpoint.script('/status', protocolError(502, 'vendor_error'), protocolError(502, 'vendor_error'), {
      status: 200,
      body: { kycStatus: 'pending' },
    });
    const c = client({ backoffMs: 40, retries: 2 });
    await c.ensureToken();
    const started = Date.now();
    await c.status();
    const took = Date.now() - started;
    // 40 + 80 ms of backoff (not 0, not 40 + 40).
    expect(took).toBeGreaterThanOrEqual(115);
    expect(took).toBeLessThan(5000);
    expect(calls('/status')).toHaveLength(3);
  });

  it('stops waiting when the caller aborts during a backoff', async () => {
    endpoint.script('/status', protocolError(502, 'vendor_error'));
    const c = client({ backoffMs: 5000 });
    await c.ensureToken();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await failure(c.status(controller.signal))).toMatchObject({ code: 'aborted', retryable: false });
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
