// The script-tag page (/embed/script-tag.html): one file from dist registers the
// widget with Lit and English inside; Korean loads from beside it only when asked;
// the integrity hash the build prints is the file's.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serveEmbed } from '../../demo/pages/embed-server.ts';
import { chromiumArgs, chromiumPath } from '../../tools/chromium.ts';
import { embedRecord, expect, phonePage, test, watchConsole } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** Files the widget fetches ahead for later steps (step-views.ts): the chunks, and the worker checked with them. */
const fetchedAhead = (file: string) => file.startsWith('lazy/') || file === 'argos-kyc-image-worker.js';

test('one script file registers <argos-kyc>; its first screens in English need no other file of the widget', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  const console = watchConsole(page);
  const widgetFiles: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/embed/dist/')) widgetFiles.push(path.slice('/embed/dist/'.length));
  });
  // Nothing fetched ahead for later steps can arrive: the first screens work without it.
  await page.route(/\/embed\/dist\/(lazy\/|argos-kyc-image-worker\.js)/, (route) => route.abort());
  await page.goto(`${demo.url}/embed/script-tag.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();

  expect(widgetFiles.filter((f) => !fetchedAhead(f))).toEqual(['argos-kyc.js']);
  expect(await page.evaluate(() => customElements.get('argos-kyc')?.name)).toBeTruthy();
  // The script's exports are on one global for script-tag users (event classes, helpers).
  expect(
    await page.evaluate(
      () =>
        typeof (window as unknown as { ArgosKyc?: { KycStepChangeEvent?: unknown } }).ArgosKyc
          ?.KycStepChangeEvent,
    ),
  ).toBe('function');
  const record = await embedRecord(page);
  expect(record.events.map((e) => e.type)).toEqual(['kyc-step-change', 'kyc-consent', 'kyc-step-change']);
  expect(record.violations).toEqual([]);
  expect(console.cspErrors).toEqual([]);
  expect(console.pageErrors).toEqual([]);
  await page.context().close();
});

test('locale="ko" loads locales/ko.js from beside the script, then speaks Korean', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  const widgetFiles: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/embed/dist/')) widgetFiles.push(path.slice('/embed/dist/'.length));
  });
  await page.goto(`${demo.url}/embed/script-tag.html?locale=ko`);
  await expect(page.getByRole('heading', { name: '본인 인증을 진행해 주세요' })).toBeVisible();
  expect(widgetFiles.filter((f) => !fetchedAhead(f))).toEqual(['argos-kyc.js', 'locales/ko.js']);
  // Switching back needs no file: English is inside the script.
  await page.locator('argos-kyc').evaluate((el) => el.setAttribute('locale', 'en'));
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  expect(widgetFiles.filter((f) => !fetchedAhead(f))).toHaveLength(2);
  expect((await embedRecord(page)).violations).toEqual([]);
  await page.context().close();
});

test('a language file that cannot load leaves the widget in English, not stuck on "Loading"', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  await page.route('**/embed/dist/locales/ko.js', (route) =>
    route.fulfill({ status: 404, body: 'not found' }),
  );
  await page.goto(`${demo.url}/embed/script-tag.html?locale=ko`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await page.context().close();
});

test('a language file is pinned by the locale manifest the script pins: a changed one is refused, English stays', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  // The same file with one string changed, as a compromised host would serve it.
  await page.route('**/embed/dist/locales/ko.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('본인 인증을 진행해 주세요', 'Tampered');
    await route.fulfill({ response, body });
  });
  const refused: string[] = [];
  page.on('console', (m) => m.type() === 'error' && refused.push(m.text()));
  await page.goto(`${demo.url}/embed/script-tag.html?locale=ko`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(page.getByText('Tampered')).toHaveCount(0);
  expect(refused.join('\n')).toMatch(/integrity/i);
  await page.context().close();
});

test('the integrity (sha384) the build prints lets the browser run the script; a wrong one blocks it', async ({
  demo,
  deniedBrowser,
  widgetDist,
}) => {
  const { script } = JSON.parse(readFileSync(join(widgetDist, 'size-report.json'), 'utf8')) as {
    script: { integrity: string };
  };
  const wrong = `${script.integrity.slice(0, -2)}${script.integrity.endsWith('AA') ? 'BB' : 'AA'}`;
  const page = await phonePage(deniedBrowser);
  const seen = watchConsole(page);
  // A page as an integrator writes it after copying the printed hash.
  await page.route(`${demo.url}/sri-check-*.html`, (route) => {
    const integrity = route.request().url().includes('good') ? script.integrity : wrong;
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>SRI</title><script src="/embed/dist/argos-kyc.js" integrity="${integrity}" crossorigin="anonymous"></script><argos-kyc endpoint="/kyc"></argos-kyc></html>`,
    });
  });
  await page.goto(`${demo.url}/embed/index.html`); // the demo's sign-in cookie (the route below bypasses the server)
  await page.goto(`${demo.url}/sri-check-good.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();

  await page.goto(`${demo.url}/sri-check-bad.html`);
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => customElements.get('argos-kyc') === undefined)).toBe(true);
  expect(seen.pageErrors).toEqual([]);
  await page.context().close();
});

test('from another origin (a CDN): Korean loads beside the script through CORS, and images are prepared without the worker', async ({
  demo,
  specimen,
}) => {
  demo.sandbox.control.scenario({
    userid: 'demo-user-1',
    ocr: { ocr_name: 'Yi Sun-sin', ocr_birthDate: '1980-04-28' },
  });
  // A second server on another port stands in for the CDN: it serves the same dist files.
  const cdnServer = createServer((req, res) => serveEmbed(req, res));
  await new Promise<void>((resolve) => cdnServer.listen(0, '127.0.0.1', resolve));
  const cdn = `http://127.0.0.1:${(cdnServer.address() as AddressInfo).port}`;
  // Both origins are loopback here, where Chromium's Local Network Access rules apply; a real
  // CDN is public, where they do not. This browser turns them off to stand in for that.
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      ...chromiumArgs,
      '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,BlockInsecurePrivateNetworkRequests',
    ],
  });
  const page = await phonePage(browser);
  const seen = watchConsole(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const fromCdn: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${cdn}/embed/dist/`))
      fromCdn.push(request.url().slice(`${cdn}/embed/dist/`.length));
  });
  await page.goto(`${demo.url}/embed/index.html`); // the demo's sign-in cookie
  await page.route(`${demo.url}/cdn-page.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="ko"><title>CDN</title><script src="${cdn}/embed/dist/argos-kyc.js" crossorigin="anonymous" defer></script><argos-kyc endpoint="/kyc" locale="ko" capture="upload"></argos-kyc></html>`,
    }),
  );
  await page.goto(`${demo.url}/cdn-page.html`);
  await expect(page.getByRole('heading', { name: '본인 인증을 진행해 주세요' })).toBeVisible();
  expect(fromCdn.filter((f) => !fetchedAhead(f))).toEqual(['argos-kyc.js', 'locales/ko.js']);

  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '동의하고 시작하기' }).click();
  await page.getByLabel('여권').check();
  await chooseCountry(page.getByLabel('발급 국가'), 'GBR');
  await page.getByRole('button', { name: '계속' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /이 사진 사용|그대로 사용/ }).click();
  await expect(page.getByLabel('이름')).toHaveValue('Yi Sun-sin', { timeout: 15_000 });
  // A module worker must be same-origin: the script did not try one, the main thread did the work.
  expect(workers).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  await browser.close();
  cdnServer.closeAllConnections();
  await new Promise((resolve) => cdnServer.close(resolve));
});
