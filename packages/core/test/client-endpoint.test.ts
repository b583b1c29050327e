// The sandbox ships its types for open-location-code as an ambient file; see it from here too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../sandbox/src/olc.d.ts" />
// The endpoint client against the real stack: @argos-kyc/server's endpoint on a
// Node http server over loopback, in front of the sandbox. (The packages are
// imported by path: the core has no dependency on them, only its tests do.)
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSpecimenId, startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ArgosClient, createKycHandler, toNodeListener, type Applicant } from '../../server/src/index.ts';
import { createFlow, createMemoryResumeStore, EndpointClient, type FlowState } from '../src/index.ts';

let sandbox: Sandbox;
let servers: Server[] = [];
let endpoint: string;
/** The same endpoint with 1-second tokens. */
let shortLivedEndpoint: string;
/** Who the endpoint thinks is signed in (the integrator's resolveApplicant). */
let applicant: Applicant | null = { userid: 'user-1', email: 'user-1@example.test' };

async function startEndpoint(tokenTtlSeconds: number): Promise<string> {
  const handler = createKycHandler({
    client: new ArgosClient({ apiKey: sandbox.apiKey, baseUrl: `${sandbox.url}/v2` }),
    secrets: [{ kid: 't', secret: randomBytes(32) }],
    resolveApplicant: () => applicant,
    tokenTtlSeconds,
    // These tests run many step 1s for one applicant; the step-1 budget has its own tests in the server package.
    rateLimits: { step1PerApplicant: false },
    logError: () => undefined,
  });
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc`;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: 'k', log: false });
  endpoint = await startEndpoint(120);
  shortLivedEndpoint = await startEndpoint(1);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  servers = [];
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.reset();
  applicant = { userid: 'user-1', email: 'user-1@example.test' };
});

const card = () =>
  new Blob([new Uint8Array(renderSpecimenId({ width: 800, height: 504 }))], { type: 'image/png' });
const client = (extra: Partial<ConstructorParameters<typeof EndpointClient>[0]> = {}) =>
  new EndpointClient({ endpoint, transport: 'fetch', backoffMs: 5, ...extra });

describe('EndpointClient on the real endpoint and sandbox', () => {
  it('looks an address up in the language it is given: a Korean place in Korean for ko, in English otherwise', async () => {
    const ko = await client().address('경복궁', 'ko');
    expect(ko.formattedAddress).toBe('서울특별시 종로구 사직로 161');
    expect(ko.compoundCode).toBe(`${ko.globalCode.slice(4)} 대한민국 서울특별시`);
    for (const language of [undefined, 'en', 'fr', 'tlh']) {
      const other = await client().address('경복궁', language);
      expect(other.formattedAddress, language).toBe('161 Sajik-ro, Jongno-gu, Seoul, South Korea');
      expect(other.globalCode).toBe(ko.globalCode);
    }
  });

  it('opens a session, and learns that an email is required when the integrator has none', async () => {
    expect(await client().session()).toMatchObject({ emailRequired: false, submissionId: null });
    applicant = { userid: 'user-2' };
    expect(await client().session()).toMatchObject({ emailRequired: true });
  });

  it('answers unauthenticated, not retried, when nobody is signed in', async () => {
    applicant = null;
    await expect(client().session()).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
      retryable: false,
    });
  });

  it('uploads step 1 and answers exactly the OCR fields the sandbox was told to read', async () => {
    sandbox.control.scenario({
      userid: 'user-1',
      ocr: {
        ocr_name: 'Kim Minji',
        ocr_birthDate: '1988-04-12',
        ocr_gender: 'female',
        ocr_nationality: 'KOR',
        ocr_issueDate: '2019-07-01',
        ocr_identityNumber: '880412-2345678',
      },
    });
    const c = client();
    const unbound = (await c.session()).token;
    const result = await c.step1({ idType: 'government_id', issuingCountry: 'KOR', image: card() });
    expect(result.submissionId).toMatch(/\S+/);
    expect(result.ocr).toMatchObject({
      name: 'Kim Minji',
      birthDate: '1988-04-12',
      gender: 'female',
      nationality: 'KOR',
      issueDate: '2019-07-01',
      identityNumber: '880412-2345678',
    });
    expect(c.token?.token).not.toBe(unbound);
    expect(sandbox.control.submission(result.submissionId)).toBeDefined();
    const status = await c.status();
    expect(status).toMatchObject({ submissionId: result.submissionId });
  });

  it('answers ocr null when the vendor read nothing', async () => {
    sandbox.control.scenario({ userid: 'user-1', ocr: 'fail' });
    expect(
      (await client().step1({ idType: 'passport', issuingCountry: 'USA', image: card() })).ocr,
    ).toBeNull();
  });

  it('keeps the submission across a refresh (the bound token is sent with /session)', async () => {
    const c = client();
    const { submissionId } = await c.step1({ idType: 'passport', issuingCountry: 'USA', image: card() });
    const refreshed = await c.session();
    expect(refreshed.submissionId).toBe(submissionId);
    expect((await c.status()).submissionId).toBe(submissionId);
  });

  it('refreshes and repeats the call once when the endpoint says token_expired, keeping the submission', async () => {
    // The client's clock runs 10 minutes slow, so it believes its 1-second token is still good.
    const c = new EndpointClient({
      endpoint: shortLivedEndpoint,
      transport: 'fetch',
      now: () => Date.now() - 600_000,
    });
    const { submissionId } = await c.step1({ idType: 'passport', issuingCountry: 'USA', image: card() });
    const expired = c.token!.token;
    await new Promise((r) => setTimeout(r, 2100));
    const status = await c.status();
    expect(status.submissionId).toBe(submissionId);
    expect(c.token!.token).not.toBe(expired);
  });

  it('reports the endpoint’s typed errors: a picture that is not JPEG or PNG, an unknown country', async () => {
    const gif = new Blob([new TextEncoder().encode('GIF89a not really')], { type: 'image/jpeg' });
    await expect(
      client().step1({ idType: 'passport', issuingCountry: 'USA', image: gif }),
    ).rejects.toMatchObject({ code: 'unsupported_image', status: 415 });
    await expect(
      client().step1({ idType: 'passport', issuingCountry: 'XXX', image: card() }),
    ).rejects.toMatchObject({
      code: 'invalid_field',
      field: 'issuingCountry',
      status: 400,
    });
  });

  it('drives the headless flow from consent to a prefilled review, and resumes it in a new flow', async () => {
    sandbox.control.scenario({
      userid: 'user-1',
      ocr: { ocr_name: 'Hong Gildong', ocr_birthDate: '1990-01-31' },
    });
    const store = createMemoryResumeStore();
    const flow = createFlow({ endpoint, store, transport: 'fetch' });
    await flow.start();
    flow.send({ type: 'CONSENT_GIVEN' });
    flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'drivers_license', issuingCountry: 'KOR' });
    const review = new Promise<FlowState>((resolve) =>
      flow.subscribe((s) => s.step === 'review' && resolve(s)),
    );
    flow.send({ type: 'DOCUMENT_SUBMITTED', image: card() });
    const state = await review;
    expect(state.context.fields).toMatchObject({
      name: 'Hong Gildong',
      birthDate: '1990-01-31',
      serialNumber: '',
    });
    expect(state.context.fields).toHaveProperty('licenseNumber');
    expect(state.context.fields).toHaveProperty('identityNumber');
    await flow.settled();
    flow.dispose();

    const again = createFlow({ endpoint, store, transport: 'fetch' });
    await again.start();
    expect(again.state.step).toBe('review');
    expect(again.state.context.sessionReady).toBe(true);
    expect((await again.client.status()).submissionId).toBe(state.context.submissionId);
    again.dispose();
  });

  it('does not show one applicant’s typed email to the next one on a shared device, before step 1 too', async () => {
    const store = createMemoryResumeStore();
    applicant = { userid: 'no-email-1' }; // the integrator has no email: the applicant types one
    const first = createFlow({ endpoint, store, transport: 'fetch' });
    await first.start();
    first.send({ type: 'CONSENT_GIVEN' });
    first.send({
      type: 'DOCUMENT_CHOSEN',
      idType: 'passport',
      issuingCountry: 'USA',
      email: 'first@example.test',
    });
    expect(first.state.step).toBe('documentCapture');
    await first.settled();
    first.dispose();
    expect((await store.load())?.state.context.email).toBe('first@example.test');

    applicant = { userid: 'no-email-2' };
    const second = createFlow({ endpoint, store, transport: 'fetch' });
    const started = second.start();
    await second.ready;
    expect(second.state.step).toBe('consent');
    expect(second.state.context.email).toBeNull();
    expect(second.state.context.document).toBeNull();
    await started;
    second.dispose();
  });

  it('does not resume another applicant’s flow on a shared device', async () => {
    const store = createMemoryResumeStore();
    const first = createFlow({ endpoint, store, transport: 'fetch' });
    await first.start();
    first.send({ type: 'CONSENT_GIVEN' });
    first.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
    const review = new Promise<FlowState>((resolve) =>
      first.subscribe((s) => s.step === 'review' && resolve(s)),
    );
    first.send({ type: 'DOCUMENT_SUBMITTED', image: card() });
    await review;
    await first.settled();
    first.dispose();

    applicant = { userid: 'someone-else', email: 'else@example.test' };
    const second = createFlow({ endpoint, store, transport: 'fetch' });
    const started = second.start();
    await second.ready; // what a UI waits for before its first render
    expect(second.state.step).toBe('consent');
    await started;
    await second.settled();
    expect(second.state.context.fields).toBeNull();
    expect(await store.load()).toBeUndefined();
    second.dispose();
  });
});
