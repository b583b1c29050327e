// Shared e2e fixtures: the demo stack started once per worker (startDemo on a free
// port), a specimen ID card as a PNG and as a fake-camera feed, and the browsers the
// specs need (a fake camera feed is a launch flag, so each feed is its own browser).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test as base, type Browser, type Locator, type Page } from '@playwright/test';
import { encodePng, markImage, renderSpecimenId, toY4m } from '@argos-kyc/sandbox';
import { startDemo, type Demo } from '../../demo/server.ts';
import { cardQuad, drawFrame } from '../../packages/core/test/support/frames.ts';
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
   * Chromium whose camera shows an empty desk for 4 s (the screen can be checked), then
   * the specimen card still and sharp, filling the document screen's guide: the live
   * guidance says "ready" and the photo takes itself. (The `cameraBrowser` card fills the
   * whole frame: "too close" for ever, so the specs that use it click.)
   */
  deskCameraBrowser: Browser;
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
  deskCameraBrowser: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'argos-kyc-desk-'));
      const y4m = join(dir, 'desk-card.y4m');
      writeCardFeed(y4m, [{ frames: 4 * FEED_FPS, empty: true }, { frames: 6 * FEED_FPS }]);
      const browser = await launch(fakeCameraArgs(y4m));
      await use(browser);
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
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

/** axe-core, injected once into each page that `expectAccessible` checks. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * No axe violations (WCAG 2.2 A/AA) on the current screen, once its transitions have ended:
 * axe reads colours as they are at that instant, and a button that just changed from primary
 * to plain (the address lookup's, 120 ms) fails contrast halfway through its fade. The
 * animations live in shadow roots, which `document.getAnimations()` does not see.
 *
 * axe-core runs in the page itself (`axe.run`), injected once per page: @axe-core/playwright
 * injected it again and finished each run in a new page of its own, 1.1 to 1.4 s per screen
 * against 0.1 s for the same rules and the same violations (compared on a spoiled consent
 * screen: a nameless button and an image without alt, found alike), and the e2e specs run
 * it on 90-odd screens. No page here has frames, which is what that route exists for.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++)
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    await Promise.all(
      roots.flatMap((root) =>
        root
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity) // a spinner never ends
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
  });
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    type Axe = typeof import('axe-core');
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
  expect(violations, `axe on ${screen}`).toEqual([]);
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

/** One stretch of a document-screen feed: the specimen card on a desk, as the live guidance sees it. */
export interface CardFeedPart {
  /** How many frames (at FEED_FPS). */
  frames: number;
  /** Box blur radius in pixels (a lens out of focus); default sharp. */
  blur?: number;
  /** The card's width as a share of the frame's; default: filling the document guide. */
  share?: number;
  /** Pixels the card moves right per frame (a hand sliding it in). */
  slide?: number;
  /** No card: the empty desk. */
  empty?: boolean;
  /** Turned by this many degrees. */
  degrees?: number;
  /** Moved right and down by this many pixels. */
  dx?: number;
  dy?: number;
  /** Multiplies every channel (0.15: a dark room; 2.5: washed out). */
  gain?: number;
  /** A highlight on the card: centre in frame fractions, area as a share of the frame. */
  glare?: { x: number; y: number; area: number };
}

/** Frames a second of the card feeds (Chromium plays a y4m at its header's rate, looped). */
export const FEED_FPS = 10;
/**
 * The card's width share that fills the document guide of a 1280x720 feed: the
 * viewfinder shows the middle 4:3 of it and its guide is 84% of that wide
 * (capture-step/live-guidance.ts).
 */
export const GUIDE_SHARE_720P = 0.84 * 0.75 * 0.95;

/**
 * A 1280x720 y4m for the document screen, built here from the specimen card on a desk
 * (the core's synthetic frames): e.g. blurred for 1.5 s, then still and sharp. The first
 * frame plays when the camera starts; Chromium loops the file.
 */
export function writeCardFeed(path: string, parts: readonly CardFeedPart[]): void {
  const width = 1280;
  const height = 720;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let last: Buffer | undefined;
    for (let i = 0; i < part.frames; i++) {
      // A still stretch is one picture repeated: drawn once.
      if (!last || part.slide) {
        const dx = (part.dx ?? 0) + (part.slide ? (i - part.frames) * part.slide : 0);
        const card = cardQuad(
          width,
          height,
          part.share ?? GUIDE_SHARE_720P,
          part.degrees ?? 0,
          dx,
          part.dy ?? 0,
        );
        const raster = drawFrame({
          width,
          height,
          ...(part.empty ? {} : { card }),
          ...(part.blur ? { blur: part.blur } : {}),
          ...(part.gain ? { gain: part.gain } : {}),
          ...(part.glare ? { glare: part.glare } : {}),
        });
        const y4m = toY4m(encodePng(raster), { width, height, frames: 1, fps: FEED_FPS });
        // Keep "FRAME\n" and the picture; the header goes once, at the start.
        last = y4m.subarray(y4m.indexOf(0x0a) + 1);
      }
      chunks.push(last);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${FEED_FPS}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  writeFileSync(path, Buffer.concat([header, ...chunks]));
}

/** A Chromium whose camera plays `feed` (close it when done). */
export function launchWithFeed(feed: string): Promise<Browser> {
  return launch(fakeCameraArgs(feed));
}
