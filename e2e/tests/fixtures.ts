// Shared e2e fixtures: the demo stack started once per worker (startDemo on a free
// port), a specimen ID card as a PNG and as a fake-camera feed, and the browsers the
// specs need (a fake camera feed is a launch flag, so each feed is its own browser).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test as base, type Browser, type Locator, type Page } from '@playwright/test';
import { markImage, renderSpecimenId, toY4m } from '@argos-kyc/sandbox';
import { startDemo, type Demo } from '../../demo/server.ts';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from '../../tools/chromium.ts';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

interface Specimen {
  /** A PNG of the fictional specimen card. */
  png: string;
  /** The same card as a y4m feed for Chromium's fake camera. */
  y4m: string;
}

interface WorkerFixtures {
  demo: Demo;
  specimen: Specimen;
  /** Chromium whose camera shows the specimen card (permission granted by the fake-UI flag). */
  cameraBrowser: Browser;
  /** Chromium with a camera device but no permission: getUserMedia is refused. */
  deniedBrowser: Browser;
  /**
   * Chromium whose camera (every camera: one feed per launch) shows a real face marked
   * `selfie-pass`; the ID photo then goes by upload. Outcomes come from sandbox scenarios.
   */
  faceBrowser: Browser;
  /** A second demo stack whose session tokens live 3 s (refresh mid-flow). Started only by the specs that use it. */
  shortTokenDemo: Demo;
  /** Chromium with no camera device at all (a desktop without a webcam): the handoff's `auto` opens it. */
  noCameraBrowser: Browser;
  /** A demo stack whose handoff codes live 4 s (an expired phone link). Started only by the specs that use it. */
  shortHandoffDemo: Demo;
}

function launch(args: string[]): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: [...chromiumArgs, ...args] });
}

export const test = base.extend<object, WorkerFixtures>({
  demo: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo({ port: 0 });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  specimen: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'argos-kyc-e2e-'));
      const card = renderSpecimenId({ width: 1000, height: 630 });
      const png = join(dir, 'specimen-id.png');
      const y4m = join(dir, 'specimen-id.y4m');
      writeFileSync(png, card);
      writeFileSync(y4m, toY4m(card, { width: 1280, height: 720, frames: 1 }));
      await use({ png, y4m });
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  cameraBrowser: [
    async ({ specimen }, use) => {
      const browser = await launch(fakeCameraArgs(specimen.y4m));
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  faceBrowser: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'argos-kyc-face-'));
      const face = markImage(
        readFileSync(fileURLToPath(new URL('../fixtures/face-astronaut.png', import.meta.url))),
        'selfie-pass',
      );
      const y4m = join(dir, 'face.y4m');
      writeFileSync(y4m, toY4m(face, { width: 640, height: 480, frames: 1 }));
      const browser = await launch(fakeCameraArgs(y4m));
      await use(browser);
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  shortTokenDemo: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo({ port: 0, tokenTtlSeconds: 3 });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  noCameraBrowser: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await launch([]);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  shortHandoffDemo: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo({ port: 0, handoffCodeTtlSeconds: 4 });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  deniedBrowser: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await launch(['--use-fake-device-for-media-stream']);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** A fresh phone-sized page (its own cookies and IndexedDB). */
export async function phonePage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    colorScheme,
  });
  return context.newPage();
}

/** No axe violations (WCAG 2.2 A/AA) on the current screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${screen}`,
  ).toEqual([]);
}

/**
 * Chooses a country in a country field (the combobox of issue 11) as a keyboard user would:
 * types its ISO alpha-3 code, which filters the list to that country first, and presses Enter.
 */
export async function chooseCountry(label: Locator, code: string): Promise<void> {
  // The label names the listbox too (aria-labelledby): the text box is the combobox.
  const field = label.and(label.page().getByRole('combobox'));
  await field.fill(code);
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-expanded', 'false');
}

/** Saves a 390x844 screenshot of the current screen under e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const y = await page.evaluate(() => scrollY);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // A full-page shot resizes the viewport and back, and Chromium's scroll position can be left
  // out of step with what the page reads until the next input (a click's pointerdown then
  // scrolls the page by ~100 px, its pointerup lands beside the button: no click). Scrolling
  // back explicitly puts both in step; an applicant never takes such a shot.
  await page.evaluate((top) => {
    scrollTo(0, top + 1);
    scrollTo(0, top);
  }, y);
}

/** Submissions the sandbox holds for an applicant (through its real API). */
export async function submissionsOf(demo: Demo, userid: string): Promise<number> {
  const res = await fetch(`${demo.sandbox.url}/v2/submission?userid=${encodeURIComponent(userid)}`, {
    headers: { 'x-api-key': demo.sandbox.apiKey },
  });
  const body = (await res.json()) as { Items: unknown[] };
  return body.Items.length;
}
