// The webview bridge on /embed/webview.html (the built script under a strict CSP):
// each native host is stood in for by a stub of the object its webview injects
// (named as such: there is no iOS or Android here), and the app's commands come
// back through window.argosKyc.command() and React Native's message events.
import type { BrowserContext, Page } from '@playwright/test';
import type { Demo } from '../../demo/server.ts';
import { embedRecord, expect, phonePage, submissionsOf, test, watchConsole } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';
import { pseudoBidi } from '../../packages/widget/src/i18n/pseudo.ts';

type Host = 'ios' | 'android' | 'react-native' | 'flutter-inappwebview' | 'flutter-channel';

/** Installs the stub of one host's bridge object; what it receives lands in window.__native. */
function stubHost(host: Host): void {
  const w = window as unknown as Record<string, unknown> & { __native: unknown[] };
  w.__native = [];
  const record = (message: unknown) => void w.__native.push(message);
  if (host === 'ios') w.webkit = { messageHandlers: { argosKyc: { postMessage: record } } };
  if (host === 'android') w.ArgosKycAndroid = { postMessage: record };
  if (host === 'react-native') w.ReactNativeWebView = { postMessage: record };
  if (host === 'flutter-inappwebview')
    w.flutter_inappwebview = {
      callHandler: (name: string, message: unknown) => (
        record({ handler: name, message }),
        Promise.resolve()
      ),
    };
  if (host === 'flutter-channel') w.ArgosKycFlutter = { postMessage: record };
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { __native: unknown[] }).__native);

async function webviewPage(
  browser: import('@playwright/test').Browser,
  demo: Demo,
  host: Host | null,
  query = '',
): Promise<Page> {
  const page = await phonePage(browser);
  if (host) await page.context().addInitScript(stubHost, host);
  await page.goto(`${demo.url}/embed/webview.html${query}`);
  return page;
}

const consent = {
  source: 'argos-kyc',
  version: 1,
  type: 'kyc-step-change',
  detail: { step: 'consent', previousStep: null },
};
const consentGiven = {
  source: 'argos-kyc',
  version: 1,
  type: 'kyc-consent',
  detail: { processing: true, biometric: true },
};
const documentStep = {
  source: 'argos-kyc',
  version: 1,
  type: 'kyc-step-change',
  detail: { step: 'document', previousStep: 'consent' },
};

const EXPECTED: Record<Host, (m: object) => unknown> = {
  // WKScriptMessage bodies and flutter_inappwebview handler arguments are structured objects;
  ios: (m) => m,
  'flutter-inappwebview': (m) => ({ handler: 'argosKyc', message: m }),
  // a JavascriptInterface, React Native's and webview_flutter's channels take strings.
  android: (m) => JSON.stringify(m),
  'react-native': (m) => JSON.stringify(m),
  'flutter-channel': (m) => JSON.stringify(m),
};

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

for (const host of Object.keys(EXPECTED) as Host[]) {
  test(`${host}: every kyc-* event reaches the app's bridge object, in the form that host takes`, async ({
    demo,
    deniedBrowser,
  }) => {
    const page = await webviewPage(deniedBrowser, demo, host);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'I agree, start' }).click();
    await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
    await expect
      .poll(() => received(page))
      .toEqual([EXPECTED[host](consent), EXPECTED[host](consentGiven), EXPECTED[host](documentStep)]);
    // The page heard the same events as DOM events.
    expect((await embedRecord(page)).events.map((e) => e.type)).toEqual([
      'kyc-step-change',
      'kyc-consent',
      'kyc-step-change',
    ]);
    expect((await embedRecord(page)).violations).toEqual([]);
    await page.context().close();
  });
}

test('commands: setLocale and reset by window.argosKyc.command() and by a React Native message; anything else is refused', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await webviewPage(deniedBrowser, demo, 'react-native');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();

  const command = (input: unknown) =>
    page.evaluate(
      (i) => (window as unknown as { argosKyc: { command(c: unknown): unknown } }).argosKyc.command(i),
      input,
    );
  expect(await command({ type: 'setLocale', locale: 'ko' })).toEqual({ ok: true });
  await expect(page.getByRole('heading', { name: '신분증 선택' })).toBeVisible();
  // Android and Flutter's evaluateJavascript pass JSON text; it is checked just as strictly.
  expect(await command('{"type":"setLocale","locale":"en"}')).toEqual({ ok: true });
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
  // Any language tag: right to left too (the bidi pseudo-locale), and back.
  expect(await command({ type: 'setLocale', locale: 'ar-XB' })).toEqual({ ok: true });
  await expect(page.getByRole('heading', { name: pseudoBidi().document.title })).toBeVisible();
  await expect(page.locator('argos-kyc section.base')).toHaveAttribute('dir', 'rtl');
  expect(await command({ type: 'setLocale', locale: 'en' })).toEqual({ ok: true });
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
  expect(await command({ type: 'setLocale', locale: 'ko"><img>' })).toEqual({
    ok: false,
    error: 'setLocale.locale must be a language tag like pt-BR',
  });
  expect(await command({ type: 'navigate', url: 'https://evil.example' })).toEqual({
    ok: false,
    error: 'unknown command type',
  });
  expect(await command({ type: 'reset', extra: 1 })).toEqual({
    ok: false,
    error: 'unknown key "extra" in reset',
  });
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();

  // A message from another frame is ignored; React Native's own (no source) is obeyed.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    window.dispatchEvent(
      new MessageEvent('message', {
        data: JSON.stringify({ argosKyc: { type: 'reset' } }),
        source: frame.contentWindow,
      }),
    );
    frame.remove();
  });
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
  // React Native's Android WebView dispatches on document.
  await page.evaluate(() =>
    document.dispatchEvent(
      new MessageEvent('message', { data: JSON.stringify({ argosKyc: { type: 'reset' } }) }),
    ),
  );
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();

  // A page that supplies its own tokens keeps them: the app's setToken is refused, not half-applied.
  await page.locator('argos-kyc').evaluate((el) => {
    (el as HTMLElement & { getToken: () => Promise<string> }).getToken = async () =>
      'page-token-0123456789abcdef';
  });
  expect(await command({ type: 'setToken', token: 'app-token-0123456789abcdef' })).toEqual({
    ok: false,
    error: 'the page supplies the tokens itself (getToken)',
  });
  await page.context().close();
});

/** A session token minted by the endpoint for the demo applicant, as the app's backend would. */
async function mintToken(demo: Demo): Promise<{ token: string; expiresAt: string }> {
  const signIn = await fetch(`${demo.url}/embed/webview.html`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${demo.url}/kyc/session`, { method: 'POST', headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; expiresAt: string };
}

async function toReview(page: Page, png: string): Promise<void> {
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[type="file"]').setInputFiles(png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
}

async function clearCookies(context: BrowserContext): Promise<void> {
  await context.clearCookies();
}

test('setToken: the app supplies the session token (no cookie in the webview), and a new one when the widget asks', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({
    userid: 'demo-user-1',
    ocr: { ocr_name: 'Mary Jackson', ocr_birthDate: '1981-04-09' },
  });
  const page = await webviewPage(deniedBrowser, demo, 'ios');
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  // From now on the webview has no session of its own: only the app's tokens can work.
  await clearCookies(page.context());
  const command = (input: unknown) =>
    page.evaluate(
      (i) => (window as unknown as { argosKyc: { command(c: unknown): unknown } }).argosKyc.command(i),
      input,
    );
  expect(await command({ type: 'setToken', ...(await mintToken(demo)) })).toEqual({ ok: true });

  await toReview(page, specimen.png);
  await expect(page.getByLabel('Full name')).toHaveValue('Mary Jackson', { timeout: 15_000 });
  expect(await submissionsOf(demo, 'demo-user-1')).toBe(1);

  // Starting over needs a fresh session: the widget asks the app, which answers with setToken.
  expect(await command({ type: 'reset' })).toEqual({ ok: true });
  await expect
    .poll(
      async () =>
        ((await received(page)) as Array<{ type: string }>).filter((m) => m.type === 'kyc-token-request')
          .length,
    )
    .toBe(1);
  expect(await command({ type: 'setToken', ...(await mintToken(demo)) })).toEqual({ ok: true });
  await toReview(page, specimen.png);
  // (The scripted OCR was for the first submission only.)
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  expect(await submissionsOf(demo, 'demo-user-1')).toBe(2);
  // No token, no PII, no image ever goes over the bridge.
  const all = JSON.stringify(await received(page));
  expect(all).not.toMatch(/eyJ|Mary|1981-04-09|data:image/);
  await page.context().close();
});

test('the command API is on only where a native host is present, unless bridge-commands says otherwise', async ({
  demo,
  deniedBrowser,
}) => {
  const commandApi = (page: Page) => page.evaluate(() => typeof (window as { argosKyc?: unknown }).argosKyc);
  const messageCommand = (page: Page) =>
    page.evaluate(() =>
      window.dispatchEvent(
        new MessageEvent('message', { data: { argosKyc: { type: 'setLocale', locale: 'ko' } } }),
      ),
    );
  const heading = (page: Page, name: string) => expect(page.getByRole('heading', { name })).toBeVisible();

  // A plain web page: no global, and a message command changes nothing.
  const plain = await webviewPage(deniedBrowser, demo, null);
  await heading(plain, 'Verify your identity');
  expect(await commandApi(plain)).toBe('undefined');
  await messageCommand(plain);
  await plain.getByRole('checkbox').check();
  await plain.getByRole('button', { name: 'I agree, start' }).click();
  await heading(plain, 'Your ID document');
  expect(await commandApi(plain)).toBe('undefined');
  await plain.context().close();

  // A plain page that asks for them.
  const on = await webviewPage(deniedBrowser, demo, null, '?bridge-commands=on');
  await heading(on, 'Verify your identity');
  expect(await commandApi(on)).toBe('object');
  await messageCommand(on);
  await heading(on, '본인 인증을 진행해 주세요');
  await on.context().close();

  // A webview host whose page turns them off; turned on later, they work.
  const off = await webviewPage(deniedBrowser, demo, 'ios', '?bridge-commands=off');
  await heading(off, 'Verify your identity');
  expect(await commandApi(off)).toBe('undefined');
  await messageCommand(off);
  await off.locator('argos-kyc').evaluate((el) => el.setAttribute('bridge-commands', 'auto'));
  await expect.poll(() => commandApi(off)).toBe('object');
  await expect(off.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await messageCommand(off);
  await heading(off, '본인 인증을 진행해 주세요');
  // Events reach the app whatever the commands are.
  expect((await received(off)).length).toBeGreaterThan(0);
  await off.context().close();
});

test('a page that owns a fixed window.argosKyc keeps it; the widget still runs and obeys message commands', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  await page
    .context()
    .addInitScript(() =>
      Object.defineProperty(window, 'argosKyc', { value: 'the page’s own', configurable: false }),
    );
  await page.context().addInitScript(stubHost, 'react-native' as Host);
  await page.goto(`${demo.url}/embed/webview.html`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { argosKyc: unknown }).argosKyc)).toBe(
    'the page’s own',
  );
  await page.evaluate(() =>
    window.dispatchEvent(
      new MessageEvent('message', { data: { argosKyc: { type: 'setLocale', locale: 'ko' } } }),
    ),
  );
  await expect(page.getByRole('heading', { name: '신분증 선택' })).toBeVisible();
  await expect.poll(() => received(page)).toHaveLength(3);
  await page.context().close();
});

test('the whole flow in the webview under the strict CSP: kyc-attempt and kyc-complete reach the app too, with no bridge change', async ({
  demo,
  faceBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({ userid: 'demo-user-1', step2: ['two-faces'] });
  const page = await webviewPage(faceBrowser, demo, 'android');
  const seen = watchConsole(page);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'USA');
  await page.getByRole('button', { name: 'Continue' }).click();
  // This browser's camera shows a face, so the ID goes by upload.
  await page.getByRole('button', { name: 'Upload a photo instead' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await page.getByRole('button', { name: 'Confirm details' }).click({ timeout: 15_000 });

  const takeSelfie = async () => {
    await expect(page.getByRole('button', { name: 'Take selfie' })).toBeEnabled({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Take selfie' }).click();
    await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  };
  await takeSelfie();
  await page.getByRole('button', { name: 'Take a new selfie' }).click({ timeout: 15_000 });
  await takeSelfie();
  await expect(page.getByRole('heading', { name: 'Under review' })).toBeVisible({ timeout: 15_000 });

  const messages = async () =>
    ((await received(page)) as string[]).map(
      (text) => JSON.parse(text) as { type: string; detail: Record<string, unknown> },
    );
  const pending = (await messages()).find((m) => m.type === 'kyc-complete');
  const submissionId = pending?.detail.submissionId as string;
  expect(submissionId).toMatch(/^[A-Za-z0-9_-]+$/);
  demo.sandbox.control.review({ submissionId, decision: 'approve' });
  await expect(page.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 15_000 });

  const all = await messages();
  expect(all.filter((m) => m.type === 'kyc-attempt').map((m) => m.detail)).toEqual([
    { attempt: 1, attemptsLeft: 2, reason: 'multiple_faces' },
  ]);
  expect(all.filter((m) => m.type === 'kyc-complete').map((m) => m.detail)).toEqual([
    { submissionId, status: 'pending' },
    { submissionId, status: 'approved' },
  ]);
  // The app heard exactly what the page heard, in the same order.
  expect(all.map((m) => m.type)).toEqual((await embedRecord(page)).events.map((e) => e.type));
  expect((await embedRecord(page)).violations).toEqual([]);
  expect(seen.cspErrors).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  await page.context().close();
});
