// The script-tag build's later steps are chunks in dist/lazy/ (step-views.ts): the
// script checks each against the sha384 it carries, so a page that pins argos-kyc.js
// pins them too. A tampered chunk is refused with a clear error; an unreachable one
// (offline) shows the same error, and "Try again" loads it once it can; a slow one
// shows "Loading…" meanwhile.
import type { Page, Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedRecord, expect, phonePage, test, watchConsole } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const FAILED = 'The next screen could not be loaded. Check your connection and try again.';
const CAPTURE_CHUNK = /\/embed\/dist\/lazy\/capture-step-[\w-]+\.js$/;

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** Consent, then a passport from the UK: the next screen is the document photo (a lazy chunk). */
async function toDocumentPhoto(page: Page): Promise<void> {
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a tampered chunk is refused on a page that pins the script: the applicant sees a clear error, the code never runs', async ({
  demo,
  deniedBrowser,
  widgetDist,
}) => {
  const { script } = JSON.parse(readFileSync(join(widgetDist, 'size-report.json'), 'utf8')) as {
    script: { integrity: string };
  };
  const page = await phonePage(deniedBrowser);
  const seen = watchConsole(page);
  await page.goto(`${demo.url}/embed/index.html`); // the demo's sign-in cookie
  // The page as an integrator writes it: the script pinned with the hash the build printed.
  await page.route(`${demo.url}/pinned.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Pinned</title><script src="/embed/embed-page.js" defer></script><script src="/embed/dist/argos-kyc.js" integrity="${script.integrity}" crossorigin="anonymous" defer></script><argos-kyc endpoint="/kyc"></argos-kyc></html>`,
    }),
  );
  // The CDN (or anyone on the way) serves a changed capture chunk.
  let served = 0;
  await page.route(CAPTURE_CHUNK, async (route) => {
    served++;
    const original = await route.fetch();
    await route.fulfill({
      response: original,
      body: `window.tamperedChunkRan = true;\n${await original.text()}`,
    });
  });
  await page.goto(`${demo.url}/pinned.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await toDocumentPhoto(page);

  const alert = page.locator('argos-kyc .chunk-failed p');
  await expect(alert).toHaveText(FAILED);
  // Screen readers hear it too (the widget's assertive region).
  await expect(page.getByRole('alert').filter({ hasText: FAILED })).toHaveCount(1);
  expect(served).toBeGreaterThan(0);
  expect(
    await page.evaluate(() => (window as { tamperedChunkRan?: boolean }).tamperedChunkRan),
  ).toBeUndefined();
  expect(await page.evaluate(() => customElements.get('argos-kyc-capture-step'))).toBeUndefined();
  // The host hears a typed error it can act on.
  const record = await embedRecord(page);
  expect(record.events.filter((e) => e.type === 'kyc-error').map((e) => e.detail)).toEqual([
    { code: 'chunk_load_failed', retryable: true },
  ]);
  // Trying again fetches it again, and refuses it again.
  const before = served;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveText(FAILED);
  await expect.poll(() => served).toBeGreaterThan(before);
  expect(
    await page.evaluate(() => (window as { tamperedChunkRan?: boolean }).tamperedChunkRan),
  ).toBeUndefined();
  expect(seen.pageErrors).toEqual([]);
  await page.context().close();
});

test('offline at a step boundary: the error says so, and "Try again" loads the step once the chunk can be fetched', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  const seen = watchConsole(page);
  let offline = true;
  await page.route(/\/embed\/dist\/lazy\//, (route) =>
    offline ? route.abort('internetdisconnected') : route.fallback(),
  );
  await page.goto(`${demo.url}/embed/script-tag.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await toDocumentPhoto(page);
  await expect(page.locator('argos-kyc .chunk-failed p')).toHaveText(FAILED);

  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeFocused();
  expect(seen.pageErrors).toEqual([]);
  expect(seen.cspErrors).toEqual([]);
  await page.context().close();
});

test('a slow chunk: "Loading…" until it arrives, then the step, focused', async ({ demo, deniedBrowser }) => {
  const page = await phonePage(deniedBrowser);
  const held: Route[] = [];
  await page.route(CAPTURE_CHUNK, (route) => {
    held.push(route);
  });
  await page.goto(`${demo.url}/embed/script-tag.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await toDocumentPhoto(page);
  await expect(page.locator('argos-kyc .loading[aria-busy="true"]')).toHaveText('Loading…');
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toHaveCount(0);
  expect(held.length).toBeGreaterThan(0);
  for (const route of held.splice(0)) await route.fallback();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeFocused();
  await page.context().close();
});

test('the next step is fetched ahead: at the document choice the photo step is already there', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  await page.goto(`${demo.url}/embed/script-tag.html`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await expect
    .poll(() => page.evaluate(() => Boolean(customElements.get('argos-kyc-capture-step'))))
    .toBe(true);
  await page.context().close();
});
