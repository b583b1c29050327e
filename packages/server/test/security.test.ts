// Each security property of the endpoint, with a test that fails if it is removed.
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  ArgosClient,
  ArgosError,
  MAX_IMAGE_BYTES,
  SessionTokens,
  createKycHandler,
  type RateLimitStore,
} from '../src/index.ts';
import {
  API_KEY,
  SECRET,
  cookieApplicant,
  file,
  jpeg,
  png,
  post,
  rawMultipart,
  session,
  startStack,
  step1Form,
  step2Form,
  submissionCount,
  throughStep1,
  type Stack,
} from './helpers.ts';

/** A RateLimitStore that counts in memory and records every key it is asked about (the pluggable-store contract). */
function recordingStore(): { store: RateLimitStore; keys: string[]; counts: Map<string, number> } {
  const keys: string[] = [];
  const counts = new Map<string, number>();
  const store: RateLimitStore = {
    async hit(key, windowMs) {
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { count: counts.get(key)!, resetAt: Date.now() + windowMs };
    },
  };
  return { store, keys, counts };
}

let stack: Stack;
const seen: string[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.sandbox.control.reset());

async function call(
  route: string,
  token: string | null,
  body?: BodyInit,
  headers: Record<string, string> = {},
) {
  const r = await post(stack, route, token, body, headers);
  seen.push(JSON.stringify(r.body), JSON.stringify([...r.headers]));
  return r;
}

const tokens = new SessionTokens({ secrets: [{ kid: 'k1', secret: SECRET }] });

describe('tokens', () => {
  it('refuses a token signed with another secret, a tampered payload, alg none and an unknown kid', async () => {
    const { token } = await session(stack, 'alice');
    const forger = new SessionTokens({
      secrets: [{ kid: 'k1', secret: 'another-secret-0123456789abcdef0123456789' }],
    });
    const forged = (await forger.mint({ sub: 'alice' })).token;
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = { ...decodeJwt(token), sub: 'mallory' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const none = `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${p}.`;
    const otherKid = (
      await new SessionTokens({ secrets: [{ kid: 'k9', secret: SECRET }] }).mint({ sub: 'alice' })
    ).token;
    for (const bad of [forged, tampered, none, otherKid, 'garbage', `${token}x`]) {
      const r = await call('step1', bad, step1Form());
      expect(r.status, bad).toBe(401);
      expect(r.body.code).toBe('token_invalid');
    }
    expect(await submissionCount(stack)).toBe(0);
  });

  it('refuses a token for another audience or issuer', async () => {
    const aud = await new SessionTokens({
      secrets: [{ kid: 'k1', secret: SECRET }],
      audience: 'other-app',
    }).mint({ sub: 'alice' });
    const iss = await new SessionTokens({
      secrets: [{ kid: 'k1', secret: SECRET }],
      issuer: 'someone-else',
    }).mint({ sub: 'alice' });
    for (const t of [aud.token, iss.token])
      expect((await call('step1', t, step1Form())).body.code).toBe('token_invalid');
  });

  // Why the README asks for one issuer and one secret per deployment: two deployments
  // (say staging and production) that share a secret and keep the default issuer take
  // each other's tokens for the same userid; their own issuers keep them apart.
  it('takes a token from another deployment only when it shares the secret and the issuer', async () => {
    const staging = await startStack();
    const production = await startStack();
    const stagingOwn = await startStack({ issuer: 'shop.example/staging' });
    const productionOwn = await startStack({ issuer: 'shop.example/production' });
    try {
      const shared = (await session(staging, 'alice')).token;
      expect((await post(production, 'step1', shared, step1Form())).status).toBe(200);
      expect(await submissionCount(production)).toBe(1);

      const own = (await session(stagingOwn, 'alice')).token;
      const r = await post(productionOwn, 'step1', own, step1Form());
      expect(r).toMatchObject({ status: 401, body: { code: 'token_invalid' } });
      // Nor does a refresh turn it into a production token.
      expect(
        (await post(productionOwn, 'session', own, undefined, { cookie: 'session=alice' })).body.code,
      ).toBe('token_invalid');
      const bound = (await throughStep1(stagingOwn, 'alice')).token;
      expect((await post(productionOwn, 'step2', bound, step2Form())).body.code).toBe('token_invalid');
      expect(await submissionCount(productionOwn)).toBe(0);
      // Each still takes its own tokens.
      expect(
        (await post(productionOwn, 'step1', (await session(productionOwn, 'alice')).token, step1Form()))
          .status,
      ).toBe(200);
    } finally {
      await Promise.all([staging, production, stagingOwn, productionOwn].map((s) => s.close()));
    }
  });

  it('refuses an expired token with token_expired, and a missing one with unauthenticated', async () => {
    const old = await tokens.mint({ sub: 'alice', email: 'alice@example.test' }, Date.now() - 16 * 60_000);
    const r = await call('step1', old.token, step1Form());
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'token_expired', retryable: false });
    expect((await call('step1', null, step1Form())).body.code).toBe('unauthenticated');
  });

  it('verifies with any listed secret and signs with the first (rotation)', async () => {
    const rotated = await startStack({
      secrets: [
        { kid: 'k2', secret: 'the-new-secret-0123456789abcdef012345' },
        { kid: 'k1', secret: SECRET },
      ],
    });
    try {
      const before = await tokens.mint({ sub: 'alice', email: 'alice@example.test' });
      expect((await post(rotated, 'step1', before.token, step1Form())).status).toBe(200);
      const { token } = await session(rotated, 'alice');
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
        alg: 'HS256',
        kid: 'k2',
      });
    } finally {
      await rotated.close();
    }
  });

  it('refreshes a token expired up to 24 h ago for the same applicant only', async () => {
    const { submissionId } = await throughStep1(stack);
    const hourAgo = await tokens.mint(
      { sub: 'alice', sid: submissionId, idt: 'passport', ctry: 'USA' },
      Date.now() - 60 * 60_000,
    );
    const refreshed = await session(stack, 'alice', {
      headers: { authorization: `Bearer ${hourAgo.token}` },
    });
    expect(refreshed.body.submissionId).toBe(submissionId);
    const dayAgo = await tokens.mint({ sub: 'alice', sid: submissionId }, Date.now() - 25 * 3600_000);
    const late = await call('session', dayAgo.token, undefined, { cookie: 'session=alice' });
    expect(late).toMatchObject({ status: 401, body: { code: 'token_expired' } });
    const carol = await call('session', hourAgo.token, undefined, { cookie: 'session=carol' });
    expect(carol).toMatchObject({ status: 403, body: { code: 'submission_mismatch' } });
  });
});

describe('submission binding', () => {
  it('refuses step 1 with a token already bound, and step 2 / status with an unbound one', async () => {
    const { token } = await throughStep1(stack);
    expect(await call('step1', token, step1Form())).toMatchObject({
      status: 403,
      body: { code: 'submission_mismatch' },
    });
    const fresh = await session(stack, 'alice');
    expect(await call('step2', fresh.token, step2Form())).toMatchObject({
      status: 403,
      body: { code: 'submission_mismatch' },
    });
    const status = await fetch(`${stack.base}/status`, {
      headers: { authorization: `Bearer ${fresh.token}` },
    });
    expect(status.status).toBe(403);
  });

  it('never takes a submission id from the browser', async () => {
    const a = await throughStep1(stack, 'alice');
    const c = await throughStep1(stack, 'carol');
    const r = await call('step2', a.token, step2Form({ submissionId: c.submissionId }));
    expect(r).toMatchObject({ status: 400, body: { code: 'unknown_field', field: 'submissionId' } });
    expect(stack.sandbox.control.submission(c.submissionId)!.kyc.attempts).toEqual([]);
  });

  it('refuses a status for a submission that is not the token holder’s (defence in depth)', async () => {
    const a = await throughStep1(stack, 'alice');
    const crossed = await tokens.mint({ sub: 'carol', sid: a.submissionId });
    const res = await fetch(`${stack.base}/status`, {
      headers: { authorization: `Bearer ${crossed.token}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('submission_mismatch');
  });
});

describe('identity fields come from the token only', () => {
  it.each(['userid', 'cf1', 'cf2', 'cf3', 'email'])(
    'refuses %s sent by the browser in step 1',
    async (field) => {
      const { token } = await session(stack, 'alice');
      const r = await call(
        'step1',
        token,
        step1Form({ [field]: field === 'email' ? 'mallory@evil.test' : 'mallory' }),
      );
      expect(r).toMatchObject({ status: 400, body: { code: 'unknown_field', field } });
      expect(await submissionCount(stack)).toBe(0);
    },
  );

  it('refuses a spoofed field even when it comes after the image, aborting the upstream call', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(200_000) },
      { name: 'userid', value: 'mallory' },
    ]);
    const r = await call('step1', token, body, { 'content-type': contentType });
    expect(r).toMatchObject({ status: 400, body: { code: 'unknown_field', field: 'userid' } });
    expect(await submissionCount(stack)).toBe(0);
  });

  it('aborts the upstream call on a late spoofed field with fetch uploads too (non-Node runtimes)', async () => {
    const viaFetch = await startStack({}, { nodeUploads: false });
    try {
      const { token } = await session(viaFetch, 'alice');
      const { body, contentType } = rawMultipart([
        { name: 'idType', value: 'passport' },
        { name: 'issuingCountry', value: 'USA' },
        { name: 'idImage', filename: 'id.jpg', bytes: jpeg(200_000) },
        { name: 'cf1', value: 'mallory' },
      ]);
      const r = await post(viaFetch, 'step1', token, body, { 'content-type': contentType });
      expect(r).toMatchObject({ status: 400, body: { code: 'unknown_field', field: 'cf1' } });
      expect(await submissionCount(viaFetch)).toBe(0);
    } finally {
      await viaFetch.close();
    }
  });

  it('refuses a required field missing after the image without creating a submission', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = rawMultipart([
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(100_000) },
      { name: 'idType', value: 'passport' },
    ]);
    const r = await call('step1', token, body, { 'content-type': contentType });
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_field', field: 'issuingCountry' } });
    expect(await submissionCount(stack)).toBe(0);
  });

  it('accepts fields after the image when they are valid (any field order works)', async () => {
    const { token } = await session(stack, 'alice');
    const { body, contentType } = rawMultipart([
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(100_000) },
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'DEU' },
    ]);
    const r = await call('step1', token, body, { 'content-type': contentType });
    expect(r.status).toBe(200);
    expect(stack.sandbox.control.submission(r.body.submissionId as string)).toMatchObject({
      userid: 'alice',
      data: { idcard_issuingCountry: 'DEU' },
    });
  });
});

describe('field validation before the vendor', () => {
  it.each([
    ['issuingCountry', 'XXX'],
    ['issuingCountry', 'usa'],
    ['issuingCountry', 'US'],
    ['idType', 'visa'],
  ])('refuses step 1 %s=%s', async (field, value) => {
    const { token } = await session(stack, 'alice');
    expect(await call('step1', token, step1Form({ [field]: value }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_field', field },
    });
  });

  it.each([
    ['date_of_birth', '1990-02-30'],
    ['date_of_birth', '2999-01-01'],
    ['date_of_birth', '01/02/1990'],
    ['date_of_issue', '2024-13-01'],
    ['gender', 'other'],
    ['nationality', 'ZZZ'],
    ['address_country', 'EU'],
    ['name', 'x'.repeat(201)],
    ['name', 'line\nbreak'],
    ['globalCode', 'not-a-code'],
  ])('refuses step 2 %s=%j', async (field, value) => {
    const { token, submissionId } = await throughStep1(stack);
    expect(await call('step2', token, step2Form({ [field]: value }))).toMatchObject({
      status: 400,
      body: { code: 'invalid_field', field },
    });
    expect(stack.sandbox.control.submission(submissionId)!.kyc.attempts).toEqual([]);
  });

  it('takes Korean-only fields only for a Korean document (licence fields only for a licence)', async () => {
    const usa = await throughStep1(stack, 'alice');
    expect(
      (await call('step2', usa.token, step2Form({ identity_number: '900101-2345678' }))).body,
    ).toMatchObject({ code: 'unknown_field', field: 'identity_number' });
    const korId = await throughStep1(stack, 'carol', { issuingCountry: 'KOR', idType: 'government_id' });
    expect(
      (await call('step2', korId.token, step2Form({ license_number: '11-20-123456-01' }))).body,
    ).toMatchObject({ code: 'unknown_field', field: 'license_number' });
    expect((await call('step2', korId.token, step2Form({ identity_number: '12345' }))).body).toMatchObject({
      code: 'invalid_field',
      field: 'identity_number',
    });
    expect((await call('step2', korId.token, step2Form({ identity_number: '900101-2345678' }))).status).toBe(
      200,
    );
  });
});

describe('uploads', () => {
  it('accepts an image of exactly 3 MiB and refuses one byte more with 413', async () => {
    const { token } = await session(stack, 'alice');
    expect((await call('step1', token, step1Form({}, file(jpeg(MAX_IMAGE_BYTES), 'id.jpg')))).status).toBe(
      200,
    );
    const vendorLines = stack.logs.length;
    const r = await call('step1', token, step1Form({}, file(jpeg(MAX_IMAGE_BYTES + 1), 'id.jpg')));
    expect(r).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect(await submissionCount(stack)).toBe(1);
    // The proxy refused it itself: the vendor never got to answer 413.
    expect(stack.logs.slice(vendorLines).filter((l) => /step1 413/.test(l))).toEqual([]);
  });

  it('judges images by their bytes: text named .jpg is 415, a PNG labelled JPEG passes as PNG', async () => {
    const { token } = await session(stack, 'alice');
    const text = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const r = await call('step1', token, step1Form({}, new File([text], 'id.jpg', { type: 'image/jpeg' })));
    expect(r).toMatchObject({ status: 415, body: { code: 'unsupported_image', field: 'idImage' } });
    const ok = await call('step1', token, step1Form({}, file(png(4096), 'id.jpg', 'image/jpeg')));
    expect(ok.status).toBe(200);
    const img = await stack.client.image(ok.body.submissionId as string, 'idImage');
    expect(img.contentType).toBe('image/png');
  });

  it('refuses a 50 MB body after pulling little more than the limit (never buffered)', async () => {
    const { token } = await session(stack, 'alice');
    const head = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="idType"\r\n\r\npassport\r\n--b\r\nContent-Disposition: form-data; name="issuingCountry"\r\n\r\nUSA\r\n--b\r\nContent-Disposition: form-data; name="idImage"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      'latin1',
    );
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          const next = sent === 0 ? head : chunk;
          sent += next.byteLength;
          if (sent > 50 * 1024 * 1024) controller.close();
          else controller.enqueue(next);
        },
      },
      { highWaterMark: 0 },
    );
    const res = await stack.handler(
      new Request(`${stack.base}/step1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=b' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload_too_large');
    expect(sent).toBeLessThan(MAX_IMAGE_BYTES + 256 * 1024);
    expect(pulled).toBeLessThan(60);
    expect(await submissionCount(stack)).toBe(0);
  });

  it('over HTTP, answers 413 to a declared 50 MB body before it is sent', async () => {
    const { token } = await session(stack, 'alice');
    const url = new URL(`${stack.base}/step1`);
    const result = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'multipart/form-data; boundary=b',
            'content-length': String(50 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, written });
          req.destroy();
        },
      );
      req.on('error', (e) => (written > 0 ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (written < 50 * 1024 * 1024 && !req.destroyed) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      req.write(Buffer.from('--b\r\n'));
      setTimeout(pump, 50);
    });
    expect(result.status).toBe(413);
    expect(result.written).toBeLessThan(20 * 1024 * 1024);
  });

  it("a refused upload's 413 reaches a client that reads it late, still writing: no reset under it", async () => {
    const { token } = await session(stack, 'alice');
    const url = new URL(`${stack.base}/step1`);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let text = '';
    let failure = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (failure = e.code ?? e.message));
    // A busy client: its upload keeps going and it does not read for a while (the answer
    // and the server's close wait in its receive buffer, as on a loaded machine).
    socket.pause();
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n--b\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024);
    const writing = setInterval(() => socket.writable && socket.write(chunk), 10);
    await new Promise((resolve) => setTimeout(resolve, 600));
    clearInterval(writing);
    socket.resume();
    await Promise.race([once(socket, 'close'), new Promise((resolve) => setTimeout(resolve, 5000))]);
    socket.destroy();
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(text).toMatch(/"code":"payload_too_large"/);
    expect(failure).toBe('');
  });

  it.each([
    ['no content type', undefined, 'x'],
    ['not multipart', 'text/plain', 'x'],
    ['no boundary', 'multipart/form-data', 'x'],
    [
      'wrong boundary',
      'multipart/form-data; boundary=zzz',
      '--b\r\nContent-Disposition: form-data; name="idType"\r\n\r\npassport\r\n--b--\r\n',
    ],
    [
      'truncated',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="idImage"; filename="a.jpg"\r\n\r\n\xff\xd8\xff\xe0 and then nothing',
    ],
    [
      'part without a name',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n',
    ],
    ['header without a colon', 'multipart/form-data; boundary=b', '--b\r\nnonsense\r\n\r\nx\r\n--b--\r\n'],
  ])('refuses a malformed multipart body (%s) with 400', async (_label, contentType, text) => {
    const { token } = await session(stack, 'alice');
    const r = await call(
      'step1',
      token,
      Buffer.from(text, 'latin1'),
      contentType ? { 'content-type': contentType } : {},
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('malformed_request');
    expect(await submissionCount(stack)).toBe(0);
  });

  it('refuses unknown fields and a second image', async () => {
    const { token } = await session(stack, 'alice');
    expect((await call('step1', token, step1Form({ debug: '1' }))).body).toMatchObject({
      code: 'unknown_field',
      field: 'debug',
    });
    const two = step1Form();
    two.append('idImage', file(jpeg(), 'again.jpg'));
    expect((await call('step1', token, two)).body).toMatchObject({ code: 'invalid_field', field: 'idImage' });
    expect(await submissionCount(stack)).toBe(0);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin, and refuses others', async () => {
    const ok = await fetch(`${stack.base}/step1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await fetch(`${stack.base}/step1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cross-site call from a disallowed origin even with a valid cookie (no token minted)', async () => {
    const r = await call('session', null, undefined, {
      cookie: 'session=alice',
      origin: 'https://evil.example',
    });
    expect(r).toMatchObject({ status: 403, body: { code: 'origin_not_allowed' } });
    expect(r.body.token).toBeUndefined();
  });

  it('allows same-origin calls and calls without Origin', async () => {
    expect(
      (await call('session', null, undefined, { cookie: 'session=alice', origin: stack.origin })).status,
    ).toBe(200);
    expect(
      (
        await call('session', null, undefined, { cookie: 'session=alice', origin: 'https://shop.example' })
      ).headers.get('access-control-allow-origin'),
    ).toBe('https://shop.example');
    expect((await call('session', null, undefined, { cookie: 'session=alice' })).status).toBe(200);
  });

  // Attack: an app origin like capacitor://localhost has an opaque URL origin ("null"), so
  // listing it put "null" on the allowlist: any sandboxed iframe or data: page (Origin: null)
  // could then read /session answers with the applicant's cookie.
  it('never allows the opaque origin "null", even when a webview app origin is listed', async () => {
    const app = await startStack({ allowedOrigins: ['https://shop.example', 'capacitor://localhost'] });
    try {
      const opaque = await post(app, 'session', null, undefined, { cookie: 'session=alice', origin: 'null' });
      expect(opaque).toMatchObject({ status: 403, body: { code: 'origin_not_allowed' } });
      expect(opaque.headers.get('access-control-allow-origin')).toBeNull();
      const listed = await post(app, 'session', null, undefined, {
        cookie: 'session=alice',
        origin: 'capacitor://localhost',
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('capacitor://localhost');
    } finally {
      await app.close();
    }
    expect(() =>
      createKycHandler({
        client: stack.client,
        secrets: [{ kid: 'k1', secret: SECRET }],
        resolveApplicant: cookieApplicant,
        allowedOrigins: ['null'],
      }),
    ).toThrow(TypeError);
    expect(() =>
      createKycHandler({
        client: stack.client,
        secrets: [{ kid: 'k1', secret: SECRET }],
        resolveApplicant: cookieApplicant,
        allowedOrigins: ['file:///app/index.html'],
      }),
    ).toThrow(TypeError);
  });
});

describe('rate limits', () => {
  it('limits each applicant, answering 429 with Retry-After', async () => {
    const limited = await startStack({
      rateLimits: { perApplicant: { limit: 3, windowMs: 60_000 }, perIp: false },
    });
    try {
      for (let i = 0; i < 3; i++)
        expect((await post(limited, 'session', null, undefined, { cookie: 'session=alice' })).status).toBe(
          200,
        );
      const r = await post(limited, 'session', null, undefined, { cookie: 'session=alice' });
      expect(r).toMatchObject({
        status: 429,
        body: { code: 'rate_limited', retryable: true, retryAfter: expect.any(Number) },
      });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await post(limited, 'session', null, undefined, { cookie: 'session=carol' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits each IP across applicants, through a pluggable store', async () => {
    const { store, keys } = recordingStore();
    const limited = await startStack({
      rateLimits: { perIp: { limit: 2, windowMs: 60_000 }, perApplicant: false, store },
    });
    try {
      expect((await post(limited, 'session', null, undefined, { cookie: 'session=alice' })).status).toBe(200);
      expect((await post(limited, 'session', null, undefined, { cookie: 'session=carol' })).status).toBe(200);
      expect((await post(limited, 'session', null, undefined, { cookie: 'session=bob' })).status).toBe(429);
      expect(keys).toEqual(['ip:127.0.0.1', 'ip:127.0.0.1', 'ip:127.0.0.1']);
    } finally {
      await limited.close();
    }
  });

  // Attack: an IPv6 host is given a whole /64, so keying the limit by the full address let
  // one client rotate through 2^64 source addresses (or respell one: upper case, zeros,
  // IPv4-mapped) and never be limited.
  it('counts an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 one, however spelt', async () => {
    const keys: string[] = [];
    const store: RateLimitStore = {
      async hit(key, windowMs) {
        keys.push(key);
        return { count: keys.filter((k) => k === key).length, resetAt: Date.now() + windowMs };
      },
    };
    const limited = await startStack({
      rateLimits: { perIp: { limit: 2, windowMs: 60_000 }, perApplicant: false, store },
      // The test's "trusted proxy" names the client address in a header.
      getClientIp: (request) => request.headers.get('x-test-client-ip') ?? undefined,
    });
    const from = (ip: string) =>
      post(limited, 'session', null, undefined, { cookie: 'session=alice', 'x-test-client-ip': ip });
    try {
      expect((await from('2001:db8:1:2::a')).status).toBe(200);
      expect((await from('2001:DB8:1:2:ffff:0:0:b')).status).toBe(200);
      expect((await from('2001:0db8:0001:0002:1:2:3:4')).status).toBe(429);
      expect((await from('2001:db8:1:3::a')).status).toBe(200);
      expect((await from('::ffff:203.0.113.9')).status).toBe(200);
      expect((await from('203.0.113.9')).status).toBe(200);
      expect((await from(' 203.0.113.9 ')).status).toBe(429);
      expect(new Set(keys)).toEqual(
        new Set(['ip:2001:db8:1:2::/64', 'ip:2001:db8:1:3::/64', 'ip:203.0.113.9']),
      );
    } finally {
      await limited.close();
    }
  });
});

// Attack: each step 1 that reaches Argos creates a paid submission, and the general limit
// (30 calls a minute) let one signed-in account create about 1,800 an hour.
describe('step 1 budget per applicant', () => {
  async function step1As(s: Stack, user: string, fields: Record<string, string> = {}) {
    const { token } = await session(s, user);
    return post(s, 'step1', token, step1Form(fields));
  }
  async function vendorSubmissionsOf(s: Stack, userid: string): Promise<number> {
    let n = 0;
    for await (const _ of s.client.submissions({ userid })) n++;
    return n;
  }

  it('refuses the 6th step 1 within the hour by default, before Argos sees it, and leaves other applicants alone', async () => {
    const limited = await startStack({ rateLimits: { perApplicant: false, perIp: false } });
    try {
      // A form refused before the vendor is called spends nothing of the budget.
      expect((await step1As(limited, 'alice', { issuingCountry: 'XXX' })).status).toBe(400);
      for (let i = 0; i < 5; i++)
        expect((await step1As(limited, 'alice')).status, `step 1 #${i + 1}`).toBe(200);
      const r = await step1As(limited, 'alice');
      expect(r).toMatchObject({
        status: 429,
        body: { code: 'rate_limited', retryable: true, retryAfter: expect.any(Number) },
      });
      expect(r.body.retryAfter).toBeGreaterThan(3500);
      expect(r.body.retryAfter).toBeLessThanOrEqual(3600);
      expect(r.headers.get('retry-after')).toBe(String(r.body.retryAfter));
      expect(await vendorSubmissionsOf(limited, 'alice')).toBe(5);
      // The budget is step 1's only: the applicant can still refresh a session.
      expect((await post(limited, 'session', null, undefined, { cookie: 'session=alice' })).status).toBe(200);
      expect((await step1As(limited, 'carol')).status).toBe(200);
      expect(await vendorSubmissionsOf(limited, 'carol')).toBe(1);
      expect(await vendorSubmissionsOf(limited, 'alice')).toBe(5);
    } finally {
      await limited.close();
    }
  });

  it('takes a configured budget, counted under its own key in the shared store, also for parallel calls', async () => {
    const { store, counts } = recordingStore();
    const limited = await startStack({
      rateLimits: {
        perApplicant: { limit: 100, windowMs: 60_000 },
        perIp: false,
        step1PerApplicant: { limit: 2, windowMs: 60_000 },
        store,
      },
    });
    try {
      const tokens = await Promise.all([0, 1, 2, 3].map(async () => (await session(limited, 'alice')).token));
      const answers = await Promise.all(tokens.map((t) => post(limited, 'step1', t, step1Form())));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429]);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body.retryAfter).toBeLessThanOrEqual(60);
      expect(await vendorSubmissionsOf(limited, 'alice')).toBe(2);
      expect(counts.get('step1:alice')).toBe(4);
      // The general per-applicant counter is separate: 4 sessions + 4 step 1 calls.
      expect(counts.get('applicant:alice')).toBe(8);
      expect((await step1As(limited, 'carol')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('can be turned off', async () => {
    const open = await startStack({
      rateLimits: { perApplicant: false, perIp: false, step1PerApplicant: false },
    });
    try {
      for (let i = 0; i < 6; i++) expect((await step1As(open, 'alice')).status).toBe(200);
      expect(await vendorSubmissionsOf(open, 'alice')).toBe(6);
    } finally {
      await open.close();
    }
  });
});

describe('vendor failures', () => {
  it('maps a vendor 5xx to 502 vendor_error (retryable) and a dropped connection likewise', async () => {
    const { token } = await session(stack, 'alice');
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'error500' });
    expect(await call('step1', token, step1Form())).toMatchObject({
      status: 502,
      body: { code: 'vendor_error', retryable: true },
    });
    stack.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'drop' });
    expect(await call('step1', token, step1Form())).toMatchObject({
      status: 502,
      body: { code: 'vendor_error', retryable: true },
    });
  });

  it('maps a vendor that does not answer in time to 504 vendor_timeout', async () => {
    const slow = await startStack({ vendorTimeoutMs: 300 });
    try {
      const { token } = await throughStep1(slow);
      slow.sandbox.control.fault({ path: '/v2/submission/step2', kind: 'timeout' });
      const started = Date.now();
      const r = await post(slow, 'step2', token, step2Form());
      expect(r).toMatchObject({ status: 504, body: { code: 'vendor_timeout', retryable: true } });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await slow.close();
    }
  });

  it('answers 500 internal_error when the vendor refuses the API key, logging it without the key', async () => {
    const logs: string[] = [];
    const wrongKey = new ArgosClient({ apiKey: `${API_KEY}-wrong`, baseUrl: `${stack.sandbox.url}/v2` });
    const handler = createKycHandler({
      client: wrongKey,
      secrets: [{ kid: 'k1', secret: SECRET }],
      resolveApplicant: cookieApplicant,
      logError: (l) => logs.push(l),
    });
    const { token } = await session(stack, 'alice');
    const res = await handler(
      new Request('http://127.0.0.1/kyc/step1', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: step1Form(),
      }),
      { clientAddress: '198.51.100.1' },
    );
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(body).code).toBe('internal_error');
    expect(logs.join('\n')).toMatch(/403/);
    for (const text of [body, ...logs]) expect(text).not.toContain(API_KEY);
  });

  it('keeps the key out of client errors and inspection', async () => {
    const unreachable = new ArgosClient({
      apiKey: API_KEY,
      baseUrl: 'http://127.0.0.1:1/v2',
      retries: 2,
      backoffMs: 1,
    });
    const err = await unreachable.getSubmission('nope').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'network', retryable: true, status: 0 });
    const bad = await new ArgosClient({ apiKey: API_KEY, baseUrl: `${stack.sandbox.url}/v2` })
      .listSubmissions({ email: 'alice@example.test', count: 1 })
      .then(() => stack.client.deleteSubmission('missing').catch((e: unknown) => e));
    for (const e of [err, bad]) {
      expect(e).toBeInstanceOf(ArgosError);
      const text = `${String(e)} ${JSON.stringify(e)} ${inspect(e)}`;
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('alice@example.test');
      seen.push(text);
    }
    const shown = `${inspect(stack.client, { showHidden: true, depth: 5 })} ${JSON.stringify(stack.client)}`;
    expect(shown).not.toContain(API_KEY);
  });
});

describe('slow applicants', () => {
  it('does not time out an upload that streams in slower than the vendor timeout', async () => {
    const slow = await startStack({ vendorTimeoutMs: 300 });
    try {
      const { token } = await session(slow, 'alice');
      const { body, contentType } = rawMultipart([
        { name: 'idType', value: 'passport' },
        { name: 'issuingCountry', value: 'USA' },
        { name: 'idImage', filename: 'id.jpg', bytes: jpeg(60_000) },
      ]);
      let at = 0;
      const trickle = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (at >= body.length) return controller.close();
          await new Promise((r) => setTimeout(r, 100));
          controller.enqueue(body.slice(at, at + 10_000));
          at += 10_000;
        },
      });
      const started = Date.now();
      const res = await slow.handler(
        new Request(`${slow.base}/step1`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          body: trickle,
          duplex: 'half',
        } as RequestInit),
      );
      expect(Date.now() - started).toBeGreaterThan(500);
      expect(res.status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('clients that go away', () => {
  it('ends the call (and the upstream request) when the browser drops mid-upload', async () => {
    const { token } = await session(stack, 'alice');
    const before = stack.audits.length;
    const { body, contentType } = rawMultipart([
      { name: 'idType', value: 'passport' },
      { name: 'issuingCountry', value: 'USA' },
      { name: 'idImage', filename: 'id.jpg', bytes: jpeg(1_000_000) },
    ]);
    const req = httpRequest(new URL(`${stack.base}/step1`), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': contentType,
        'content-length': String(body.length),
      },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 400_000));
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    const deadline = Date.now() + 3000;
    while (stack.audits.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const event = stack.audits.at(-1)!;
    expect(event).toMatchObject({ type: 'step1' });
    expect(event.status).toBeGreaterThanOrEqual(400);
    expect(await submissionCount(stack)).toBe(0);
  });
});

// Last in the file on purpose: it scans what every test above captured.
describe('the API key', () => {
  it('never appears in any answer, header or log line of this whole file', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(stack.logs.length).toBeGreaterThan(20);
    for (const text of [...seen, ...stack.logs]) expect(text).not.toContain(API_KEY);
  });
});
