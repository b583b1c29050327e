// A phone that reloads keeps its place (issue 14): the tab keeps the phone's own token and
// its resume point (store/phone-tab.ts), a reload carries on without redeeming the code
// again, and a link taken back on the desktop ends on handoff_expired. Against the real
// stack: @argos-kyc/server's endpoint on a Node http server over loopback, in front of
// the sandbox. Node has no sessionStorage: `TabMemory` stands in for it (the e2e suite,
// e2e/tests/handoff.spec.ts, reloads a real phone page).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../sandbox/src/olc.d.ts" />
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderSpecimenId, startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ArgosClient, createKycHandler, toNodeListener } from '../../server/src/index.ts';
import {
  createFlow,
  EndpointClient,
  HandoffClient,
  phoneTab,
  startOnPhone,
  type Flow,
  type FlowState,
  type Step,
  type TabStorage,
} from '../src/index.ts';
import { reach as reachStep } from './support/reach.ts';

let sandbox: Sandbox;
let server: Server;
let endpoint: string;
/** Every redemption the endpoint answered, whatever its outcome. */
let redemptions = 0;

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
  const listener = toNodeListener(handler);
  server = createServer((request, response) => {
    if (request.url?.endsWith('/handoff/redeem')) redemptions++;
    return listener(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await sandbox.close();
});

const flows: Flow[] = [];
afterEach(() => {
  for (const flow of flows.splice(0)) flow.dispose();
});

/** A stand-in for one tab's sessionStorage (Node has none). */
class TabMemory implements TabStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** A fetch with `user` signed in. */
const signedIn =
  (user: string): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-test-user': user } });

/** The signed-in desktop's handoff client. */
function desktop(user: string): HandoffClient {
  const client = new EndpointClient({ endpoint, transport: 'fetch', backoffMs: 5, fetch: signedIn(user) });
  return new HandoffClient({ endpoint, client, fetch: signedIn(user) });
}

/** One load of the phone page in a tab (nobody signed in, unless `user`): its flow, started from the link's code. */
async function phoneLoad(code: string, storage: TabStorage | null, user?: string): Promise<Flow> {
  const tab = storage ? phoneTab(code, { storage }) : null;
  const fetched = user ? { fetch: signedIn(user) } : {};
  const flow = createFlow({
    endpoint,
    transport: 'fetch',
    backoffMs: 5,
    ...fetched,
    ...(tab ? { store: tab.store } : { persist: false }),
  });
  flows.push(flow);
  await startOnPhone(flow, code, { endpoint, tab, ...fetched });
  await flow.ready;
  return flow;
}

/** A phone flow goes through a real endpoint and sandbox: more time than the scripted ones. */
const reach = (flow: Flow, step: Step) => reachStep(flow, step, 10_000);

const card = () =>
  new Blob([new Uint8Array(renderSpecimenId({ width: 800, height: 504 }))], { type: 'image/png' });

/** The phone's step 1: consent, a US passport, its photo; the review screen. */
async function phoneStep1(flow: Flow): Promise<FlowState> {
  flow.send({ type: 'CONSENT_GIVEN', biometric: true });
  flow.send({ type: 'DOCUMENT_CHOSEN', idType: 'passport', issuingCountry: 'USA' });
  flow.send({ type: 'DOCUMENT_SUBMITTED', image: card() });
  const review = await reach(flow, 'review');
  await flow.settled();
  return review;
}

describe('a phone that reloads', () => {
  it('carries on at the review with the same submission, its token refreshed, the code not redeemed again', async () => {
    const made = await desktop('tab-user-1').start('document');
    const storage = new TabMemory();
    const first = await phoneLoad(made.code, storage);
    expect(first.state.step).toBe('consent');
    const { context } = await phoneStep1(first);
    expect(context.submissionId).toBeTruthy();
    const before = redemptions;
    // The tab holds one entry, named by a hash of the code (never the code), with the phone's token.
    expect(storage.items.size).toBe(1);
    const [key, value] = [...storage.items][0]!;
    expect(key).not.toContain(made.code);
    expect(value).not.toContain(made.code);
    const keptToken = (JSON.parse(value!) as { token: string }).token;
    expect(keptToken).toBe(first.client.token?.token);
    first.dispose();

    const reloaded = await phoneLoad(made.code, storage);
    expect(reloaded.state.step).toBe('review');
    expect(reloaded.state.context.submissionId).toBe(context.submissionId);
    expect(reloaded.state.context.fields).toEqual(context.fields);
    expect(redemptions).toBe(before);
    // Its session refreshed the kept token (bound to the same submission), and the tab keeps the newest.
    expect(JSON.parse(storage.items.get(key!)!).token).toBe(reloaded.client.token?.token);
    expect((await reloaded.client.status()).submissionId).toBe(context.submissionId);
    // The desktop still follows the same phone; the sandbox holds one submission.
    expect(await desktop('tab-user-1').progress(made.handoffId)).toMatchObject({
      state: 'opened',
      done: ['document'],
      submissionId: context.submissionId,
    });
    expect(sandbox.control.submission(context.submissionId!)).toMatchObject({ userid: 'tab-user-1' });
  });

  it('before its step 1 too: back at the consent, on the same session, without a refusal', async () => {
    const made = await desktop('tab-user-2').start('document');
    const storage = new TabMemory();
    await phoneLoad(made.code, storage);
    const before = redemptions;
    const reloaded = await phoneLoad(made.code, storage);
    expect(reloaded.state.step).toBe('consent');
    expect(reloaded.state.error).toBeNull();
    expect(reloaded.state.context.sessionReady).toBe(true);
    expect(redemptions).toBe(before);
  });

  it('another tab or phone with the same link is still refused as used', async () => {
    const made = await desktop('tab-user-3').start('document');
    await phoneLoad(made.code, new TabMemory());
    const second = await phoneLoad(made.code, new TabMemory());
    expect(second.state.step).toBe('error');
    expect(second.state.error?.code).toBe('handoff_used');
  });

  it('taken back on the desktop ("Continue here instead"): the reload ends on handoff_expired and the tab forgets the link', async () => {
    const desk = desktop('tab-user-4');
    const made = await desk.start('document');
    const storage = new TabMemory();
    await phoneStep1(await phoneLoad(made.code, storage));
    await desk.cancel(made.handoffId);
    const reloaded = await phoneLoad(made.code, storage);
    expect(reloaded.state.step).toBe('error');
    expect(reloaded.state.error).toMatchObject({ code: 'handoff_expired', retry: null });
    expect(storage.items.size).toBe(0);
  });

  it('signed in on the phone as the same applicant, taken back all the same: handoff_expired, not a flow that goes on', async () => {
    const desk = desktop('tab-user-7');
    const made = await desk.start('document');
    const storage = new TabMemory();
    await phoneLoad(made.code, storage, 'tab-user-7');
    const reloaded = await phoneLoad(made.code, storage, 'tab-user-7');
    expect(reloaded.state.error).toBeNull();
    await desk.cancel(made.handoffId);
    const again = await phoneLoad(made.code, storage, 'tab-user-7');
    expect(again.state.error?.code).toBe('handoff_expired');
    expect(storage.items.size).toBe(0);
  });

  it('a new link in the same tab replaces what the old one left', async () => {
    const desk = desktop('tab-user-5');
    const first = await desk.start('document');
    const storage = new TabMemory();
    await phoneLoad(first.code, storage);
    const [oldKey] = storage.items.keys();
    const next = await desk.start('document');
    const flow = await phoneLoad(next.code, storage);
    expect(flow.state.step).toBe('consent');
    expect(flow.state.error).toBeNull();
    expect(storage.items.size).toBe(1);
    expect(storage.items.has(oldKey!)).toBe(false);
  });

  it('without a tab to keep it in (disable-resume), nothing is kept and a reload is refused as used', async () => {
    const made = await desktop('tab-user-6').start('document');
    await phoneLoad(made.code, null);
    const reloaded = await phoneLoad(made.code, null);
    expect(reloaded.state.error?.code).toBe('handoff_used');
  });
});
