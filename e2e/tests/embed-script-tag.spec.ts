// The script-tag page (/embed/script-tag.html): one file from dist registers the
// widget with Lit and English inside; Korean loads from beside it only when asked;
// the integrity hash the build prints is the file's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedRecord, expect, phonePage, test, watchConsole } from './embed-fixtures.ts';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

test('one script file registers <argos-kyc>; English needs no other file of the widget', async ({ demo, deniedBrowser }) => {
  const page = await phonePage(deniedBrowser);
  const console = watchConsole(page);
  const widgetFiles: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/embed/dist/')) widgetFiles.push(path.slice('/embed/dist/'.length));
  });
  await page.goto(`${demo.url}/embed/script-tag.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();

  expect(widgetFiles).toEqual(['argos-kyc.js']);
  expect(await page.evaluate(() => customElements.get('argos-kyc')?.name)).toBeTruthy();
  // The script's exports are on one global for script-tag users (event classes, helpers).
  expect(await page.evaluate(() => typeof (window as unknown as { ArgosKyc?: { KycStepChangeEvent?: unknown } }).ArgosKyc?.KycStepChangeEvent)).toBe('function');
  const record = await embedRecord(page);
  expect(record.events.map((e) => e.type)).toEqual(['kyc-step-change', 'kyc-step-change']);
  expect(record.violations).toEqual([]);
  expect(console.cspErrors).toEqual([]);
  expect(console.pageErrors).toEqual([]);
  await page.context().close();
});

test('locale="ko" loads locales/ko.js from beside the script, then speaks Korean', async ({ demo, deniedBrowser }) => {
  const page = await phonePage(deniedBrowser);
  const widgetFiles: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/embed/dist/')) widgetFiles.push(path.slice('/embed/dist/'.length));
  });
  await page.goto(`${demo.url}/embed/script-tag.html?locale=ko`);
  await expect(page.getByRole('heading', { name: '본인 인증을 진행해 주세요' })).toBeVisible();
  expect(widgetFiles).toEqual(['argos-kyc.js', 'locales/ko.js']);
  // Switching back needs no file: English is inside the script.
  await page.locator('argos-kyc').evaluate((el) => el.setAttribute('locale', 'en'));
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  expect(widgetFiles).toHaveLength(2);
  expect((await embedRecord(page)).violations).toEqual([]);
  await page.context().close();
});

test('the integrity (sha384) the build prints lets the browser run the script; a wrong one blocks it', async ({ demo, deniedBrowser, widgetDist }) => {
  const { script } = JSON.parse(readFileSync(join(widgetDist, 'size-report.json'), 'utf8')) as { script: { integrity: string } };
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
