// The demo stack starts, signs the visitor in with its cookie, and the endpoint
// mints a session for that cookie (and for nobody else).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as getHttps } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSpecimenId } from '@argos-kyc/sandbox';
import { startDemo, type Demo } from '../server.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
}, 30_000);
afterAll(() => demo.close());

/** The claims of a JWT (no verification: the endpoint's tests cover that). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  return set.split(';')[0]!;
}

/** Step 1 through the endpoint for the cookie's applicant: a new submission (not pending yet). */
async function step1(cookie: string): Promise<string> {
  const { token } = (await (
    await fetch(`${demo.url}/kyc/session`, { method: 'POST', headers: { cookie } })
  ).json()) as { token: string };
  const form = new FormData();
  form.set('idType', 'passport');
  form.set('issuingCountry', 'USA');
  form.set(
    'idImage',
    new Blob([new Uint8Array(renderSpecimenId({ width: 640, height: 400 }))], { type: 'image/png' }),
    'id.png',
  );
  const res = await fetch(`${demo.url}/kyc/step1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return ((await res.json()) as { submissionId: string }).submissionId;
}

describe('demo server', () => {
  it('serves the page through Vite and sets the demo session cookie', async () => {
    const res = await fetch(`${demo.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/html/);
    expect(await res.text()).toMatch(/<html/i);
    expect(cookieOf(res)).toMatch(/^argos_demo_session=/);
  });

  it('mints a token for demo-user-1 with the cookie, and 401 without it', async () => {
    const page = await fetch(`${demo.url}/`);
    const cookie = cookieOf(page);
    const ok = await fetch(`${demo.url}/kyc/session`, { method: 'POST', headers: { cookie } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { token: string; emailRequired: boolean };
    expect(body.emailRequired).toBe(false);
    expect(claimsOf(body.token)).toMatchObject({ sub: 'demo-user-1', email: 'demo-user-1@example.test' });
    const anon = await fetch(`${demo.url}/kyc/session`, { method: 'POST' });
    expect(anon.status).toBe(401);
  });

  it('signs in the no-email applicant on request, so the widget must ask for an email', async () => {
    const cookie = cookieOf(await fetch(`${demo.url}/?applicant=no-email`));
    const r = await fetch(`${demo.url}/kyc/session`, { method: 'POST', headers: { cookie } });
    expect(await r.json()).toMatchObject({ emailRequired: true });
  });

  it('exposes the in-process sandbox for scripting', async () => {
    const r = await fetch(`${demo.sandbox.url}/v2/submission`, {
      headers: { 'x-api-key': demo.sandbox.apiKey },
    });
    expect(r.status).toBe(200);
  });

  it('shows the signed-in applicant (only) the latest submission as the sandbox stored it (demo-only route)', async () => {
    expect((await fetch(`${demo.url}/demo-api/submission`)).status).toBe(401);
    const cookie = cookieOf(await fetch(`${demo.url}/`));
    const none = await fetch(`${demo.url}/demo-api/submission`, { headers: { cookie } });
    expect(await none.json()).toEqual({ submission: null });
    const submissionId = await step1(cookie);
    const stored = (await (
      await fetch(`${demo.url}/demo-api/submission`, { headers: { cookie } })
    ).json()) as { submission: Record<string, unknown> };
    expect(stored.submission).toMatchObject({ submission_id: submissionId, userid: 'demo-user-1' });
    expect(JSON.stringify(stored)).not.toMatch(/base64|image\/png|PNG/);
  });

  it('decides only a pending submission of the signed-in applicant, by JSON (demo-only reviewer route)', async () => {
    const review = (cookie: string | null, body: string, type = 'application/json') =>
      fetch(`${demo.url}/demo-api/review`, {
        method: 'POST',
        headers: { ...(cookie ? { cookie } : {}), 'content-type': type },
        body,
      });
    expect((await review(null, '{"decision":"approve"}')).status).toBe(401);
    const cookie = cookieOf(await fetch(`${demo.url}/`));
    // A cross-site form can send only form types: refused.
    expect((await review(cookie, 'decision=approve', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await review(cookie, '{"decision":"maybe"}')).status).toBe(400);
    const submissionId = await step1(cookie);
    // After step 1 the submission is not pending yet: nothing to decide.
    const early = await review(cookie, '{"decision":"approve"}');
    expect(early.status).toBe(409);
    expect(demo.sandbox.control.submission(submissionId)?.kyc.result).not.toBe('approved');
  });

  it('serves HTTPS with the certificate it is given (a phone camera needs it off localhost)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-tls-'));
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    const tls = { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
    const secure = await startDemo({ port: 0, tls });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        // The self-signed certificate is trusted for this one call, as a phone is told to trust it.
        getHttps(`${secure.url}/`, { ca: tls.cert }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await secure.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
