// The handoff client against the real stack: @argos-kyc/server's endpoint on a Node
// http server over loopback, in front of the sandbox. The desktop is signed in (a
// header the test's resolveApplicant reads); the phone is not: its code is all it has.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../sandbox/src/olc.d.ts" />
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSpecimenId, startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ArgosClient, createKycHandler, toNodeListener } from '../../server/src/index.ts';
import { EndpointClient, EndpointError, HandoffClient, handoffCodeOf, handoffLink } from '../src/index.ts';

let sandbox: Sandbox;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, apiKey: 'k', log: false });
  const handler = createKycHandler({
    client: new ArgosClient({ apiKey: sandbox.apiKey, baseUrl: `${sandbox.url}/v2` }),
    secrets: [{ kid: 't', secret: randomBytes(32) }],
    resolveApplicant: (request) => {
      const user = request.headers.get('x-test-user');
      return user ? { userid: user, email: `${user}@example.test` } : null;
    },
    rateLimits: { step1PerApplicant: false },
    logError: () => undefined,
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await sandbox.close();
});

/** A device: its EndpointClient and HandoffClient; `user` signs it in. */
function device(user?: string) {
  const signedIn: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-test-user': user! },
    });
  const options = {
    endpoint,
    transport: 'fetch' as const,
    backoffMs: 5,
    ...(user ? { fetch: signedIn } : {}),
  };
  const client = new EndpointClient(options);
  return { client, handoff: new HandoffClient({ endpoint, client, ...(user ? { fetch: signedIn } : {}) }) };
}

const card = () =>
  new Blob([new Uint8Array(renderSpecimenId({ width: 800, height: 504 }))], { type: 'image/png' });

async function codeOf(error: Promise<unknown>): Promise<string> {
  try {
    await error;
  } catch (e) {
    expect(e).toBeInstanceOf(EndpointError);
    return (e as EndpointError).code;
  }
  throw new Error('expected a refusal');
}

describe('HandoffClient', () => {
  it('moves the flow to the phone, whose step 1 the desktop then sees', async () => {
    const desktop = device('user-7');
    const phone = device();
    const made = await desktop.handoff.start('document');
    expect(made.code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(made.rotateAt).toBeLessThan(made.expiresAt);
    expect(made.expiresAt - Date.now()).toBeLessThanOrEqual(600_000);
    const link = handoffLink('https://shop.example/kyc-phone?code={code}', made.code);
    expect(handoffCodeOf(new URL(link).searchParams.get('code'))).toBe(made.code);

    const session = await phone.handoff.redeem(made.code);
    expect(session).toMatchObject({ handoffId: made.handoffId, step: 'document', submissionId: null });
    expect(phone.client.token?.token).toBe(session.token);
    expect(await desktop.handoff.progress(made.handoffId)).toMatchObject({ state: 'opened', done: [] });

    const { submissionId } = await phone.client.step1({
      idType: 'passport',
      issuingCountry: 'USA',
      image: card(),
    });
    expect(sandbox.control.submission(submissionId)).toMatchObject({ userid: 'user-7' });
    expect(await desktop.handoff.progress(made.handoffId)).toEqual({
      state: 'opened',
      done: ['document'],
      submissionId,
      kycStatus: null,
    });
    // The phone's own session refreshes with nobody signed in there.
    expect((await phone.client.session()).submissionId).toBe(submissionId);
    expect((await phone.client.status()).submissionId).toBe(submissionId);
  });

  it('says why a code is refused: used, replaced, taken back; no token changes hands', async () => {
    const desktop = device('user-8');
    const first = await desktop.handoff.start('selfie');
    await device().handoff.redeem(first.code);
    const second = device();
    expect(await codeOf(second.handoff.redeem(first.code))).toBe('handoff_used');
    expect(second.client.token).toBeNull();

    const next = await desktop.handoff.start('selfie', first.handoffId);
    const rotated = await desktop.handoff.start('selfie', first.handoffId);
    expect(await codeOf(device().handoff.redeem(next.code))).toBe('handoff_expired');
    expect((await desktop.handoff.cancel(first.handoffId)).state).toBe('cancelled');
    expect(await codeOf(device().handoff.redeem(rotated.code))).toBe('handoff_expired');
    // Another applicant's desktop cannot follow it.
    expect(await codeOf(device('user-9').handoff.progress(first.handoffId))).toBe('handoff_mismatch');
  });
});
