// Host-supplied tokens that survive a reload, an expiry and an app restart (issue 15,
// item 1), through /embed/webview.html with a stand-in native host: an iOS message
// handler stub (named as such: there is no iOS here) whose "app" asks its "backend"
// (this test, over real HTTP to the demo's endpoint) for tokens. Like the sample in
// docs/integration.md, the app sends a fresh token, bound to nothing, at every page
// load, and answers each kyc-token-request with a token for the submission it names.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { markImage } from '@argos-kyc/sandbox';
import type { Demo } from '../../demo/server.ts';
import { expect, test } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const APPLICANT = 'demo-user-1';

interface NativeMessage {
  type: string;
  detail: unknown;
}

/** The app's backend: POST {endpoint}/session for its signed-in user, naming a submission when asked to. */
function backend(demo: Demo, asked: Array<string | null>) {
  return async (submissionId: string | null) => {
    asked.push(submissionId);
    const signIn = await fetch(`${demo.url}/embed/index.html`);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${demo.url}/kyc/session`, {
      method: 'POST',
      headers: { cookie, ...(submissionId ? { 'content-type': 'application/json' } : {}) },
      ...(submissionId ? { body: JSON.stringify({ submissionId }) } : {}),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
}

/** A context whose pages are the app's webview: no cookie session of the site, the native stub installed. */
async function webview(browser: Browser, demo: Demo, asked: Array<string | null>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // The webview never holds the site's sign-in cookie: only the app's tokens can work.
  await context.route('**/embed/webview.html*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['set-cookie'];
    await route.fulfill({ response, headers });
  });
  await context.exposeFunction('nativeBackend', backend(demo, asked));
  await context.addInitScript(() => {
    const w = window as unknown as {
      __native: NativeMessage[];
      nativeBackend(submissionId: string | null): Promise<Record<string, unknown>>;
      argosKyc?: { command(c: unknown): unknown };
      webkit?: unknown;
    };
    w.__native = [];
    const setToken = (grant: Record<string, unknown>) => w.argosKyc?.command({ type: 'setToken', ...grant });
    w.webkit = {
      messageHandlers: {
        argosKyc: {
          postMessage(message: NativeMessage) {
            w.__native.push(message);
            if (message.type === 'kyc-token-request') {
              const detail = message.detail as { submissionId?: string | null } | null;
              void w.nativeBackend(detail?.submissionId ?? null).then(setToken);
            }
          },
        },
      },
    };
    // didFinish: a fresh token for the signed-in user, bound to nothing (the sample does this on every load).
    addEventListener('load', () => void w.nativeBackend(null).then(setToken));
  });
  return context;
}

/** The resume records in IndexedDB, as JSON text. */
const storedRecords = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('argos-kyc');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = db.transaction('resume').objectStore('resume').getAll();
    return new Promise<string>((resolve) => (all.onsuccess = () => resolve(JSON.stringify(all.result))));
  });

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { __native: NativeMessage[] }).__native);

async function vendorSubmissionId(demo: Demo): Promise<string> {
  const res = await fetch(`${demo.sandbox.url}/v2/submission?userid=${APPLICANT}`, {
    headers: { 'x-api-key': demo.sandbox.apiKey },
  });
  const { Items } = (await res.json()) as { Items: { submission_id: string }[] };
  expect(Items).toHaveLength(1);
  return Items[0]!.submission_id;
}

function selfieFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'argos-kyc-native-')), 'selfie.png');
  const face = readFileSync(fileURLToPath(new URL('../fixtures/face-astronaut.png', import.meta.url)));
  writeFileSync(path, markImage(face, 'selfie-pass'));
  return path;
}

async function toReview(page: Page, png: string): Promise<void> {
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[type="file"]').setInputFiles(png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
}

/** What the app heard of the steps: never the same screen twice in a row (no re-announcement on setToken). */
async function steps(page: Page): Promise<Array<{ step: string; previousStep: string | null }>> {
  return (await received(page))
    .filter((m) => m.type === 'kyc-step-change')
    .map((m) => m.detail as { step: string; previousStep: string | null });
}

test.beforeEach(({ demo, shortTokenDemo }) => {
  demo.sandbox.control.reset();
  shortTokenDemo.sandbox.control.reset();
});

test('a reload on the review screen and an app restart on the selfie screen keep the submission; the selfie is accepted', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  const asked: Array<string | null> = [];
  const context = await webview(deniedBrowser, demo, asked);
  const page = await context.newPage();
  await page.goto(`${demo.url}/embed/webview.html?capture=upload`);
  await toReview(page, specimen.png);
  const submissionId = await vendorSubmissionId(demo);

  // Step 1's answer is stored before the review's heading shows (no `settled()` wait: a reload the
  // moment the review appears finds it; a fresh clone once came back at the document step when it
  // was written after, see reload-at-review.spec.ts).
  expect(await storedRecords(page)).toMatch(/"step":"review"/);
  // Reload: the app's fresh token arrives at load, bound to nothing; the widget asks for one for its submission.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => asked).toContain(submissionId);
  const requests = (await received(page)).filter((m) => m.type === 'kyc-token-request');
  expect(requests.map((m) => m.detail)).toContainEqual({ submissionId });
  const afterReload = await steps(page);
  afterReload.forEach((s, i) =>
    expect(s.step, JSON.stringify(afterReload)).not.toBe(afterReload[i - 1]?.step),
  );
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await expect(page.getByRole('heading', { name: 'Take a selfie' })).toBeVisible();
  // The resume point is written just after the screen changes (IndexedDB, asynchronously): an
  // app killed within those milliseconds resumes at the review, as it should. This test kills
  // it once the selfie is stored (measured: 1 in 15 headings showed before the write landed,
  // the cause of this test's old cold-start failure), and the stored point holds no token.
  await page
    .locator('argos-kyc')
    .evaluate((el) => (el as HTMLElement & { flow: { settled(): Promise<void> } }).flow.settled());
  expect(await storedRecords(page)).toMatch(/"step":"selfieCapture"/);
  expect(await storedRecords(page)).not.toMatch(/eyJ|"token"|@example/);

  // The app is killed and opened again: a new webview page, the same storage.
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto(`${demo.url}/embed/webview.html?capture=upload`);
  await expect(reopened.getByRole('heading', { name: 'Take a selfie' })).toBeVisible({ timeout: 15_000 });
  await reopened.locator('input[type="file"]').setInputFiles(selfieFile());
  await reopened.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(reopened.getByRole('heading', { name: /Under review|You are verified/ })).toBeVisible({
    timeout: 15_000,
  });
  const errors = (await received(reopened)).filter((m) => m.type === 'kyc-error');
  expect(errors).toEqual([]);
  expect(await vendorSubmissionId(demo)).toBe(submissionId);
  // No token and no PII over the bridge, in either direction's record.
  expect(JSON.stringify(await received(reopened))).not.toMatch(/eyJ|@example/);
  await context.close();
});

test('a token that expires mid-flow is replaced by one for the same submission', async ({
  shortTokenDemo,
  deniedBrowser,
  specimen,
}) => {
  const demo = shortTokenDemo; // session tokens live 3 s
  const asked: Array<string | null> = [];
  const context = await webview(deniedBrowser, demo, asked);
  const page = await context.newPage();
  await page.goto(`${demo.url}/embed/webview.html?capture=upload`);
  await toReview(page, specimen.png);
  const submissionId = await vendorSubmissionId(demo);
  await page.waitForTimeout(3_500);
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await page.locator('input[type="file"]').setInputFiles(selfieFile());
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: /Under review|You are verified/ })).toBeVisible({
    timeout: 15_000,
  });
  expect(asked).toContain(submissionId);
  expect((await received(page)).filter((m) => m.type === 'kyc-error')).toEqual([]);
  await context.close();
});
