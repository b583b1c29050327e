// The document screen's live guidance and auto-capture (issue 12), through Chromium's
// fake camera playing feeds made here from the specimen card: blurred for 5 s then
// still and sharp (the photo is taken without a click, after the right guidance), and
// one that never becomes sharp (no photo by itself; the manual shutter still works).
// Each state shown is checked with axe; the figures go to test-results/auto-capture.jsonl
// for `pnpm bench` (scripts/bench.mjs).
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import {
  FEED_FPS,
  expect,
  expectAccessible,
  launchWithFeed,
  phonePage,
  screenshot,
  test,
  writeCardFeed,
} from './fixtures.ts';
import type { Demo } from '../../demo/server.ts';
import { chooseCountry } from './fixtures.ts';

const APPLICANT = 'demo-user-1';
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
// 5 s at FEED_FPS: the first message holds 1.5 s (the stabiliser), then "blurred" shows
// and axe checks the screen before the card turns sharp.
const BLURRED_FRAMES = 50;

interface Seen {
  /** Each state the viewfinder showed, in order, with the feed's time (s) when it appeared. */
  states: { state: string; at: number }[];
  /** The feed's time (s) of the last frame before the shutter, or null before it. */
  shutterAt: number | null;
  /** Main-thread tasks over 50 ms (start, duration in ms) while the camera was live, but axe's. */
  longTasks: { start: number; duration: number }[];
  /**
   * Long animation frames (over 50 ms) while live, but axe's: what ran in them, to say what
   * a long task was. `harness`: every script in it had no URL (injected by the test, like
   * this watcher's requestAnimationFrame, though not only: a form's submit handler once
   * had none either), so it only hints; every long task counts.
   */
  longFrames: {
    at: number;
    duration: number;
    blocking: number;
    render: number;
    scripts: string[];
    harness: boolean;
  }[];
  /** performance.now() when the preview or "processing" first showed (the shutter had fired). */
  shutterTime: number | null;
  axe: [number, number][];
}

/** Watches the capture screen from the page: its shown states, the shutter, long tasks. */
async function watchCapture(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = {
      states: [] as { state: string; at: number }[],
      shutterAt: null as number | null,
      shutterTime: null as number | null,
      longTasks: [] as Seen['longTasks'],
      longFrames: [] as Seen['longFrames'],
      // When the test itself ran axe in the page: its tasks are not the widget's.
      axe: [] as [number, number][],
    };
    (window as unknown as { seen: typeof seen }).seen = seen;
    let live = false;
    let lastTime = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const byAxe = seen.axe.some(([from, to]) => e.startTime + e.duration >= from && e.startTime <= to);
        if (live && !byAxe) seen.longTasks.push({ start: e.startTime, duration: Math.round(e.duration) });
      }
    }).observe({ type: 'longtask', buffered: false });
    interface Script {
      duration: number;
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      forcedStyleAndLayoutDuration: number;
    }
    interface Frame extends PerformanceEntry {
      blockingDuration: number;
      renderStart: number;
      scripts: Script[];
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Frame[]) {
        const byAxe = seen.axe.some(([from, to]) => e.startTime + e.duration >= from && e.startTime <= to);
        if (!live || byAxe || e.duration <= 50) continue;
        seen.longFrames.push({
          at: Math.round(e.startTime),
          duration: Math.round(e.duration),
          blocking: Math.round(e.blockingDuration),
          render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0),
          scripts: e.scripts.map(
            (x) =>
              `${Math.round(x.duration)} ms ${x.invoker} ${x.sourceFunctionName} ${x.sourceURL.replace(/^.*\//, '')}` +
              (x.forcedStyleAndLayoutDuration
                ? ` (forced layout ${Math.round(x.forcedStyleAndLayoutDuration)} ms)`
                : ''),
          ),
          harness: e.scripts.length > 0 && e.scripts.every((x) => !x.sourceURL),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
    const step = () => {
      const root = document
        .querySelector('argos-kyc')
        ?.shadowRoot?.querySelector('argos-kyc-capture-step')?.shadowRoot;
      const viewfinder = root?.querySelector<HTMLElement>('.viewfinder');
      const video = root?.querySelector('video');
      if (viewfinder && video?.srcObject) {
        live = true;
        lastTime = video.currentTime;
        const state = viewfinder.dataset.state ?? '';
        if (seen.states.at(-1)?.state !== state) seen.states.push({ state, at: lastTime });
      } else if (
        live &&
        seen.shutterAt === null &&
        root?.querySelector('.processing, canvas[part="preview"]')
      ) {
        seen.shutterAt = lastTime;
        seen.shutterTime = performance.now();
        live = false;
      }
      requestAnimationFrame(step);
    };
    step();
  });
}

/**
 * Axe on the capture screen, its time in the page set apart from the widget's long tasks.
 * The window opens before axe starts: the observers are told of a task soon after it ends,
 * so a window pushed only once axe was done let axe's own tasks (its setTimeout-chunked
 * rules) count as the widget's.
 */
async function axe(page: Page, screen: string): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { seen: Seen }).seen.axe.push([performance.now(), Infinity]);
  });
  await expectAccessible(page, screen);
  await page.evaluate(() => {
    (window as unknown as { seen: Seen }).seen.axe.at(-1)![1] = performance.now();
  });
}

/** Width and height of a JPEG, from its frame header (SOF0-SOF3). */
function jpegSize(jpeg: Buffer): [number, number] {
  let at = 2; // after SOI
  while (at + 9 < jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) return [jpeg.readUInt16BE(at + 7), jpeg.readUInt16BE(at + 5)];
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no JPEG frame header');
}

/** The ID photo the sandbox received for the applicant (through its real API). */
async function uploadedIdPhoto(demo: Demo): Promise<Buffer> {
  const headers = { 'x-api-key': demo.sandbox.apiKey };
  const list = await fetch(`${demo.sandbox.url}/v2/submission?userid=${APPLICANT}`, { headers });
  const { Items } = (await list.json()) as { Items: { submission_id: string }[] };
  expect(Items).toHaveLength(1);
  const res = await fetch(
    `${demo.sandbox.url}/v2/image?submission_id=${Items[0]!.submission_id}&type=idImage`,
    { headers },
  );
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

async function toCaptureScreen(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/?locale=en`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('National ID card').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'KOR');
  await watchCapture(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
}

let dir: string;
let sharpening: Browser;
let neverSharp: Browser;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'argos-kyc-auto-'));
});
test.afterAll(async () => {
  await sharpening?.close();
  await neverSharp?.close();
  rmSync(dir, { recursive: true, force: true });
});
test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

test('a card blurred, then still and sharp: "blurred" is shown, the photo is taken without a click, the review is prefilled', async ({
  demo,
}) => {
  const feed = join(dir, 'blurred-then-sharp.y4m');
  writeCardFeed(feed, [{ frames: BLURRED_FRAMES, blur: 6 }, { frames: 60 }]);
  sharpening = await launchWithFeed(feed);
  demo.sandbox.control.scenario({
    userid: APPLICANT,
    ocr: { ocr_name: 'Kim Minji', ocr_birthDate: '1988-04-12' },
  });
  const page = await phonePage(sharpening);
  await toCaptureScreen(page, demo.url);

  // The guidance says what is wrong while the card is blurred.
  const viewfinder = page.locator('.viewfinder');
  await expect(viewfinder).toHaveAttribute('data-state', 'blurred', { timeout: 10_000 });
  await expect(page.locator('[part="guidance"]')).toHaveText('The picture is blurred. Hold steady.');
  await axe(page, 'capture: blurred');

  // Nobody clicks: the photo is taken once the card is still and sharp.
  await expect(page.locator('canvas[part="preview"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('The photo was taken automatically.')).toBeVisible();
  await expectAccessible(page, 'capture: auto-captured preview');
  const result = await seen(page);
  const states = result.states.map((s) => s.state);
  // Before the shutter: only what the feed called for (the camera starting, the card not
  // yet judged still, blurred), never "ready" while it was blurred.
  expect(states[0]).toBe('starting');
  expect(states).toContain('blurred');
  for (const s of states) expect(['starting', 'no_document', 'hold_still', 'blurred', 'ready']).toContain(s);
  const blurredAt = result.states.find((s) => s.state === 'blurred')!.at;
  expect(blurredAt).toBeLessThan(BLURRED_FRAMES / FEED_FPS);
  expect(result.shutterAt).not.toBeNull();
  // Taken from the sharp stretch, not the blurred one.
  expect(result.shutterAt!).toBeGreaterThanOrEqual(BLURRED_FRAMES / FEED_FPS);
  const delayMs = Math.round((result.shutterAt! - BLURRED_FRAMES / FEED_FPS) * 1000);
  // One line per run for `pnpm bench` (packages/widget/bench/auto-capture.ts).
  mkdirSync(RESULTS, { recursive: true });
  const figures = {
    delayMs,
    longestTaskMs: Math.max(0, ...result.longTasks.map((t) => t.duration)),
    longTasks: result.longTasks.map((t) => ({ ...t, start: Math.round(t.start - result.shutterTime!) })),
    states: result.states,
    // Each long frame's start against the moment the shutter's result showed.
    longFrames: result.longFrames.map((f) => ({ ...f, at: f.at - result.shutterTime! })),
  };
  appendFileSync(join(RESULTS, 'auto-capture.jsonl'), `${JSON.stringify(figures)}\n`);
  console.log(`auto-capture: shutter ${delayMs} ms after the first sharp frame`);

  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Full name')).toHaveValue('Kim Minji');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1988-04-12');
  // The photo is the camera's full frame (1280x720), not the ~480 px copy the analysis used.
  expect(jpegSize(await uploadedIdPhoto(demo))).toEqual([1280, 720]);
  await page.context().close();
});

test('a card that never becomes sharp: no photo by itself, the hint after 10 s, the manual shutter still works', async ({
  demo,
}) => {
  test.setTimeout(60_000);
  const feed = join(dir, 'never-sharp.y4m');
  writeCardFeed(feed, [{ frames: 20, blur: 6 }]);
  neverSharp = await launchWithFeed(feed);
  const page = await phonePage(neverSharp);
  await toCaptureScreen(page, demo.url);

  await expect(page.locator('.viewfinder')).toHaveAttribute('data-state', 'blurred', { timeout: 10_000 });
  const hint = page.getByText(
    'Having trouble? Take the photo with the button below, or upload a photo instead.',
  );
  await expect(hint).toBeVisible({ timeout: 15_000 });
  await axe(page, 'capture: blurred with the hint');
  await screenshot(page, 'en-capture-hint');
  // Still no photo by itself.
  await expect(page.locator('canvas[part="preview"]')).toHaveCount(0);
  expect((await seen(page)).states).not.toContain('ready');

  await page.getByRole('button', { name: 'Take photo' }).click();
  await expect(page.locator('canvas[part="preview"]')).toBeVisible();
  await expect(page.getByText('The photo was taken automatically.')).toHaveCount(0);
  // The pipeline's verdict on the blurred photo is the same as ever.
  await expect(page.getByText(/it is blurry/)).toBeVisible();
  await page.context().close();
});
