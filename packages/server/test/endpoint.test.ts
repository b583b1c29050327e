// The customer endpoint, route by route, over real HTTP against the sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { ArgosClient, SessionTokens } from '../src/index.ts';
import {
  API_KEY,
  APPLICANTS,
  jpeg,
  SECRET,
  post,
  session,
  startStack,
  step2Form,
  throughStep1,
  type Stack,
} from './helpers.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.sandbox.control.reset());

describe('POST /session', () => {
  it('answers 401 unauthenticated when resolveApplicant finds nobody', async () => {
    const r = await post(stack, 'session', null);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'unauthenticated', message: expect.any(String), retryable: false });
    expect(r.headers.get('x-argos-kyc-protocol')).toBe('1');
  });

  it('mints a 15-minute token carrying the applicant from resolveApplicant', async () => {
    const { token, body } = await session(stack, 'alice');
    expect(body).toMatchObject({ emailRequired: false, submissionId: null });
    // The applicant's opaque tag (a resume point is kept only for the same one): SessionTokens.applicantTag.
    expect(body.applicant).toBe(
      await new SessionTokens({ secrets: [{ kid: 'k1', secret: SECRET }] }).applicantTag('alice'),
    );
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'alice',
      email: 'alice@example.test',
      cf1: 'plan-gold',
      aud: 'argos-kyc-widget',
      iss: 'argos-kyc-server',
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(Date.parse(body.expiresAt as string)).toBe(claims.exp! * 1000);
  });

  it('says emailRequired when the integrator has no email', async () => {
    const { body } = await session(stack, 'bob');
    expect(body.emailRequired).toBe(true);
  });

  it('refreshes a bound token, keeping its submission', async () => {
    const { token, submissionId } = await throughStep1(stack);
    const { body } = await session(stack, 'alice', { headers: { authorization: `Bearer ${token}` } });
    expect(body.submissionId).toBe(submissionId);
    expect(decodeJwt(body.token as string)).toMatchObject({
      sub: 'alice',
      sid: submissionId,
      ctry: 'USA',
      idt: 'passport',
    });
  });
});

describe('POST /session naming a submission (host-supplied tokens after a reload or an app restart)', () => {
  const asking = (user: string, body: unknown, headers: Record<string, string> = {}) =>
    post(stack, 'session', null, JSON.stringify(body), {
      cookie: `session=${user}`,
      'content-type': 'application/json',
      ...headers,
    });

  it('binds a new token to the applicant’s own submission, checked with the vendor, with no previous token', async () => {
    const { submissionId } = await throughStep1(stack, 'alice', {
      issuingCountry: 'KOR',
      idType: 'drivers_license',
    });
    const r = await asking('alice', { submissionId });
    expect(r.status).toBe(200);
    expect(r.body.submissionId).toBe(submissionId);
    expect(decodeJwt(r.body.token as string)).toMatchObject({
      sub: 'alice',
      sid: submissionId,
      idt: 'drivers_license',
      ctry: 'KOR',
    });
    // The token acts on that submission.
    const status = await fetch(`${stack.base}/status`, {
      headers: { authorization: `Bearer ${r.body.token}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ submissionId, kycStatus: 'incomplete' });
  });

  it('refuses another applicant’s submission, an unknown one, and one other than the previous token’s', async () => {
    const { token, submissionId } = await throughStep1(stack, 'alice');
    const other = await asking('carol', { submissionId });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('submission_mismatch');
    expect(JSON.stringify(other.body)).not.toContain('alice');
    expect((await asking('alice', { submissionId: 'nosuchsubmission1' })).body.code).toBe(
      'submission_mismatch',
    );
    const second = await throughStep1(stack, 'alice');
    const crossed = await asking('alice', { submissionId }, { authorization: `Bearer ${second.token}` });
    expect(crossed.status).toBe(403);
    expect(crossed.body.code).toBe('submission_mismatch');
    // The previous token's own submission, named again, is fine.
    const same = await asking('alice', { submissionId }, { authorization: `Bearer ${token}` });
    expect(same.body.submissionId).toBe(submissionId);
  });

  it('takes only a submission id: other keys, bad ids and non-JSON are refused', async () => {
    expect((await asking('alice', { submissionId: 's1', userid: 'bob' })).body).toMatchObject({
      code: 'unknown_field',
      field: 'userid',
    });
    expect((await asking('alice', { submissionId: '../x' })).body).toMatchObject({
      code: 'invalid_field',
      field: 'submissionId',
    });
    const r = await post(stack, 'session', null, 'submissionId=s1', {
      cookie: 'session=alice',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.body.code).toBe('malformed_request');
    // No body, or a null id: a session bound to nothing, as before.
    expect((await asking('alice', { submissionId: null })).body.submissionId).toBeNull();
  });
});

describe('POST /step1', () => {
  it('fills userid, email and cf1 from the token and answers the OCR and a bound token', async () => {
    const { token } = await session(stack, 'alice');
    const form = new FormData();
    form.append('idType', 'government_id');
    form.append('issuingCountry', 'USA');
    form.append('idImage', new File([jpeg()], 'id.jpg', { type: 'image/jpeg' }));
    const r = await post(stack, 'step1', token, form);
    expect(r.status).toBe(200);
    const id = r.body.submissionId as string;
    expect(r.body.ocr).toMatchObject({
      name: 'Alex Specimen',
      birthDate: '1990-01-01',
      nationality: 'USA',
      identityNumber: null,
    });
    expect(decodeJwt(r.body.token as string)).toMatchObject({
      sub: 'alice',
      sid: id,
      idt: 'government_id',
      ctry: 'USA',
    });
    const record = stack.sandbox.control.submission(id)!;
    expect(record).toMatchObject({
      userid: 'alice',
      email: APPLICANTS.alice!.email,
      data: { cf1: 'plan-gold', idType: 'government_id' },
    });
  });

  it('answers ocr null when the vendor OCR fails', async () => {
    stack.sandbox.control.scenario({ userid: 'alice', ocr: 'fail' });
    const { token } = await session(stack, 'alice');
    const form = new FormData();
    form.append('idType', 'passport');
    form.append('issuingCountry', 'FRA');
    form.append('idImage', new File([jpeg()], 'id.jpg'));
    const r = await post(stack, 'step1', token, form);
    expect(r.status).toBe(200);
    expect(r.body.ocr).toBeNull();
  });

  it('takes the email from the widget when the integrator has none, and validates it', async () => {
    const { token } = await session(stack, 'bob');
    const bad = new FormData();
    bad.append('idType', 'passport');
    bad.append('issuingCountry', 'USA');
    bad.append('email', 'not-an-email');
    bad.append('idImage', new File([jpeg()], 'id.jpg'));
    expect((await post(stack, 'step1', token, bad)).body).toMatchObject({
      code: 'invalid_field',
      field: 'email',
    });
    const missing = new FormData();
    missing.append('idType', 'passport');
    missing.append('issuingCountry', 'USA');
    missing.append('idImage', new File([jpeg()], 'id.jpg'));
    expect((await post(stack, 'step1', token, missing)).body).toMatchObject({
      code: 'invalid_field',
      field: 'email',
    });
    const good = new FormData();
    good.append('idType', 'passport');
    good.append('issuingCountry', 'USA');
    good.append('email', 'bob@example.test');
    good.append('idImage', new File([jpeg()], 'id.jpg'));
    const r = await post(stack, 'step1', token, good);
    expect(r.status).toBe(200);
    expect(stack.sandbox.control.submission(r.body.submissionId as string)).toMatchObject({
      userid: 'bob',
      email: 'bob@example.test',
    });
  });
});

describe('POST /step2', () => {
  it('answers pending without scores by default', async () => {
    const { token, submissionId } = await throughStep1(stack);
    const r = await post(stack, 'step2', token, step2Form({ gender: 'female', nationality: 'USA' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ kycStatus: 'pending', attempt: 1, attemptsLeft: 0 });
    expect(stack.sandbox.control.submission(submissionId)!.data).toMatchObject({
      name: 'Alex Specimen',
      gender: 'female',
    });
  });

  it.each([
    ['no-face', 'no_face'],
    ['two-faces', 'multiple_faces'],
    ['low-similarity', 'face_mismatch'],
    ['low-liveness', 'liveness'],
  ] as const)('maps an incomplete %s to reason %s, counting attempts', async (outcome, reason) => {
    stack.sandbox.control.scenario({ userid: 'alice', step2: [outcome, outcome, outcome] });
    const { token } = await throughStep1(stack);
    const first = await post(stack, 'step2', token, step2Form());
    expect(first.body).toMatchObject({
      kycStatus: 'incomplete',
      attempt: 1,
      attemptsLeft: 2,
      reason,
      message: expect.any(String),
    });
    const second = await post(stack, 'step2', token, step2Form());
    expect(second.body).toMatchObject({ kycStatus: 'incomplete', attempt: 2, attemptsLeft: 1, reason });
    const third = await post(stack, 'step2', token, step2Form());
    expect(third.body).toMatchObject({ kycStatus: 'rejected', attempt: 3, attemptsLeft: 0, reason });
    const fourth = await post(stack, 'step2', token, step2Form());
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: 'attempts_exhausted', retryable: false });
  });

  it('maps a failed Korean ID check to id_verification and takes Korean fields for KOR', async () => {
    stack.sandbox.control.scenario({ userid: 'alice', step2: ['kor-id-fail'] });
    const { token } = await throughStep1(stack, 'alice', {
      issuingCountry: 'KOR',
      idType: 'drivers_license',
    });
    const r = await post(
      stack,
      'step2',
      token,
      step2Form({
        identity_number: '900101-2345678',
        license_number: '11-20-123456-01',
        serial_number: 'AB12CD',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kycStatus: 'incomplete', reason: 'id_verification' });
  });

  it('passes scores only when the integrator opts in', async () => {
    const withScores = await startStack({ exposeScores: true });
    try {
      const { token } = await throughStep1(withScores);
      const r = await post(withScores, 'step2', token, step2Form());
      expect(r.body).toMatchObject({ kycStatus: 'pending', scores: { faceSimilarity: 99, liveness: 91 } });
    } finally {
      await withScores.close();
    }
  });
});

describe('POST /address', () => {
  it('geocodes an address, a plus code or "lat,lng"', async () => {
    const { token } = await session(stack);
    const r = await post(
      stack,
      'address',
      token,
      JSON.stringify({ address: '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA', language: 'en' }),
      { 'content-type': 'application/json' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      formattedAddress: expect.stringContaining('Pennsylvania'),
      compoundCode: expect.any(String),
      globalCode: expect.stringMatching(/^[23456789CFGHJMPQRVWX]{8}\+/),
    });
    const byCode = await post(stack, 'address', token, JSON.stringify({ address: r.body.globalCode }), {
      'content-type': 'application/json',
    });
    expect(byCode.status).toBe(200);
  });

  it('answers 404 address_not_found when nothing matches', async () => {
    const { token } = await session(stack);
    const r = await post(
      stack,
      'address',
      token,
      JSON.stringify({ address: 'Nowhere Street 99, Atlantis' }),
      { 'content-type': 'application/json' },
    );
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('address_not_found');
  });

  it('refuses unknown keys, bad language tags and non-JSON', async () => {
    const { token } = await session(stack);
    const json = { 'content-type': 'application/json' };
    expect(
      (await post(stack, 'address', token, JSON.stringify({ address: 'x', userid: 'mallory' }), json)).body,
    ).toMatchObject({ code: 'unknown_field', field: 'userid' });
    expect(
      (await post(stack, 'address', token, JSON.stringify({ address: 'x', language: 'en"; drop' }), json))
        .body,
    ).toMatchObject({ code: 'invalid_field', field: 'language' });
    expect((await post(stack, 'address', token, '{not json', json)).body).toMatchObject({
      code: 'malformed_request',
    });
    expect(
      (
        await post(stack, 'address', token, 'address=x', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).body,
    ).toMatchObject({ code: 'malformed_request' });
  });
});

describe('GET /status', () => {
  it('answers the status of the token’s own submission', async () => {
    const { token, submissionId } = await throughStep1(stack);
    await post(stack, 'step2', token, step2Form());
    const res = await fetch(`${stack.base}/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ submissionId, kycStatus: 'pending', attempts: 1, commentCode: [] });
    stack.sandbox.control.review({ submissionId, decision: 'reject', commentCode: 'fake_id' });
    const after = await fetch(`${stack.base}/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(await after.json()).toMatchObject({ kycStatus: 'rejected', commentCode: ['fake_id'] });
  });
});

describe('everything else', () => {
  it('reaches no other vendor endpoint: list, delete, image and AML report are 404', async () => {
    const { token, submissionId } = await throughStep1(stack);
    for (const path of [
      'submission',
      `image?submission_id=${submissionId}&type=idImage`,
      'report/aml?resourceId=1',
      'submission/applicant',
      'address_code',
      'v2/submission',
    ]) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const res = await fetch(`${stack.base}/${path}`, {
          method,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    expect(stack.sandbox.control.submission(submissionId)).toBeDefined();
    expect(
      (
        await fetch(`${stack.base}/status`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(405);
  });

  it('reports one PII-free audit event per call', async () => {
    stack.audits.length = 0;
    const { token, submissionId } = await throughStep1(stack);
    await post(stack, 'step2', token, step2Form());
    expect(stack.audits.map((e) => [e.type, e.status, e.submissionId])).toEqual([
      ['session', 200, undefined],
      ['step1', 200, submissionId],
      ['step2', 200, submissionId],
    ]);
    for (const e of stack.audits)
      expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['ms', 'status', 'type']));
    const text = JSON.stringify(stack.audits);
    expect(text).not.toContain('alice');
    expect(text).not.toContain('Alex');
    expect(text).not.toContain('1990-01-01');
  });
});

describe('vendor refusals on step 2', () => {
  it('tells a refused field (vendor 400 on an open submission) from a final submission', async () => {
    // A mock, named as such: the sandbox never refuses a field the proxy accepts, so this
    // fetch answers the vendor's 400 for the first step 2 and passes everything else on.
    let refuse = true;
    const refusing: typeof fetch = async (input, init) => {
      if (refuse && String(input).endsWith('/submission/step2')) {
        refuse = false;
        return new Response(JSON.stringify({ message: 'compoundCode is invalid' }), { status: 400 });
      }
      return fetch(input, init);
    };
    // Its client talks to the shared stack's sandbox.
    const mocked = await startStack({
      client: new ArgosClient({ apiKey: API_KEY, baseUrl: `${stack.sandbox.url}/v2`, fetch: refusing }),
    });
    try {
      const { token } = await throughStep1(mocked);
      const r = await post(mocked, 'step2', token, step2Form());
      expect(r).toMatchObject({ status: 502, body: { code: 'vendor_error', retryable: false } });
    } finally {
      await mocked.close();
    }
  });
});
