// Every state of the document screen's live guidance (issue 12), each from a camera feed
// made here that calls for it, at 390x844 in light, dark and Korean: the viewfinder shows
// the state, axe finds nothing, and a screenshot is saved under e2e/screenshots/
// (capture-state-<state>-<variant>.png) to be looked at (see ALL_VARIANTS for which variants).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuidanceState } from '../../packages/core/src/image/guidance.ts';
import {
  expect,
  expectAccessible,
  launchWithFeed,
  screenshot,
  test,
  writeCardFeed,
  type CardFeedPart,
} from './fixtures.ts';

/** A feed that calls for each state (a 1280x720 frame; the guide is its middle 63% wide). */
const FEEDS: Record<GuidanceState, CardFeedPart[]> = {
  no_document: [{ frames: 1, empty: true }],
  too_far: [{ frames: 1, share: 0.35 }],
  too_close: [{ frames: 1, share: 0.74 }],
  not_centred: [{ frames: 1, dx: 150 }],
  partly_outside: [{ frames: 1, dx: 420 }],
  tilted: [{ frames: 1, degrees: 14 }],
  // A hand circling the card about the guide's centre, one turn in 0.7 s.
  hold_still: Array.from({ length: 7 }, (_, i) => ({
    frames: 1,
    dx: Math.round(70 * Math.cos((2 * Math.PI * i) / 7)),
    dy: Math.round(40 * Math.sin((2 * Math.PI * i) / 7)),
  })),
  glare: [{ frames: 1, glare: { x: 0.55, y: 0.45, area: 0.02 } }],
  blurred: [{ frames: 1, blur: 6 }],
  too_dark: [{ frames: 1, gain: 0.2 }],
  too_bright: [{ frames: 1, gain: 2.5 }],
  // Shown with auto-capture="off": otherwise the photo takes itself at once.
  ready: [{ frames: 1 }],
};

const VARIANTS = [
  { name: 'light', scheme: 'light', locale: 'en' },
  { name: 'dark', scheme: 'dark', locale: 'en' },
  { name: 'ko', scheme: 'light', locale: 'ko' },
] as const;

/**
 * Every state is checked in light English; dark and Korean for a few states whose screens
 * differ most (all of them with CAPTURE_STATES=all, e.g. to redraw every screenshot): the
 * whole matrix costs over 3 minutes of `npm test`.
 */
const ALL_VARIANTS = process.env.CAPTURE_STATES === 'all';
const SAMPLED: readonly GuidanceState[] = ['too_far', 'glare', 'ready'];

const TEXT = {
  en: { agree: 'I agree, start', passport: 'Passport', continue: 'Continue' },
  ko: { agree: '동의하고 시작하기', passport: '여권', continue: '계속' },
};

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'argos-kyc-states-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const [state, parts] of Object.entries(FEEDS) as [GuidanceState, CardFeedPart[]][]) {
  test(`the document screen says "${state}" for a feed that calls for it (light, dark, Korean; axe)`, async ({
    demo,
  }) => {
    test.setTimeout(120_000);
    const feed = join(dir, `${state}.y4m`);
    writeCardFeed(feed, parts);
    const browser = await launchWithFeed(feed);
    try {
      for (const variant of ALL_VARIANTS || SAMPLED.includes(state) ? VARIANTS : VARIANTS.slice(0, 1)) {
        const t = TEXT[variant.locale];
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 1,
          colorScheme: variant.scheme,
          locale: variant.locale === 'ko' ? 'ko-KR' : 'en-US',
        });
        const page = await context.newPage();
        const off = state === 'ready' ? '&auto-capture=off' : '';
        await page.goto(`${demo.url}/?locale=${variant.locale}${off}`);
        await page.getByRole('checkbox').check();
        await page.getByRole('button', { name: t.agree }).click();
        await page.getByLabel(t.passport).check();
        await page.getByRole('button', { name: t.continue }).click();
        await expect(page.locator('.viewfinder')).toHaveAttribute('data-state', state, { timeout: 20_000 });
        await expect(page.locator('[part="guidance"]')).not.toBeEmpty();
        await expectAccessible(page, `capture: ${state} (${variant.name})`);
        await screenshot(page, `capture-state-${state}-${variant.name}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
}
