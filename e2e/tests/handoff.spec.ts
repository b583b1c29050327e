// Continue on your phone (issue 14) on the whole demo stack, with two browsers: a
// desktop with no camera at all (1280x800), where the handoff opens by itself at the
// document's photo, and a 390x844 phone whose fake camera shows a real face (the ID
// photo goes by upload, as in selfie.spec.ts). The phone opens the demo's phone page
// (phone.html) from the desktop's link and reaches approved; the desktop follows its
// progress, survives a reload, and shows the same result; the phone reloads after its
// step 1 and on the selfie and carries on (one submission, one attempt); a phone's
// selfie under review is decided by the reviewer on both devices. The bad paths: a second
// phone on the same link, an expired link, a replaced (rotated) link, another
// applicant's phone, and guessing past the redemption limit.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Demo } from '../../demo/server.ts';
import { expect, expectAccessible, phonePage, screenshot, SCREENSHOTS, test } from './fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const APPLICANT = 'demo-user-1';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** The current step's screen (not the live regions, which repeat some of its text). */
const step = (page: Page) => page.locator('argos-kyc .step');

async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  return context.newPage();
}

/** Consent and a US passport on the desktop: with no camera, the handoff screen opens by itself. */
async function toHandoff(page: Page, demo: Demo, query = 'locale=en'): Promise<void> {
  await page.goto(`${demo.url}/?${query}`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'USA');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Continue on your phone' })).toBeVisible();
}

/** The applicant's submissions as the vendor holds them (newest first). */
async function vendorSubmissions(
  demo: Demo,
): Promise<{ submission_id: string; kyc: { result: string; attempts: unknown[] } }[]> {
  const res = await fetch(`${demo.sandbox.url}/v2/submission?userid=${APPLICANT}`, {
    headers: { 'x-api-key': demo.sandbox.apiKey },
  });
  return ((await res.json()) as { Items: Awaited<ReturnType<typeof vendorSubmissions>> }).Items;
}

const linkOf = async (page: Page) => {
  const field = page.getByRole('textbox', { name: 'Link for your phone' });
  await expect(field).toHaveValue(/phone\.html\?code=[A-Za-z0-9_-]{24,}$/);
  return field.inputValue();
};

/**
 * The phone's own flow: consent, the ID by upload, the review as read, the selfie by camera.
 * `onReview` runs on the review screen (after the phone's step 1), `onSelfie` on the selfie's.
 */
async function phoneVerifies(
  phone: Page,
  specimenPng: string,
  onReview: () => Promise<void>,
  onSelfie: () => Promise<void> = async () => undefined,
): Promise<void> {
  await phone.getByRole('checkbox').check();
  await phone.getByRole('button', { name: 'I agree, start' }).click();
  await expect(phone.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await phone.getByLabel('Passport').check();
  await chooseCountry(phone.getByLabel('Issuing country'), 'USA');
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('button', { name: 'Upload a photo instead' }).click();
  await phone.locator('input[type="file"]').setInputFiles(specimenPng);
  await phone.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  const confirm = phone.getByRole('button', { name: 'Confirm details' });
  await expect(confirm).toBeVisible({ timeout: 15_000 });
  await onReview();
  await confirm.click();
  const take = phone.getByRole('button', { name: 'Take selfie' });
  // The face detector must be ready first: up to 30 s on a busy machine (as in selfie.spec.ts),
  // and it loads again after a reload.
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await onSelfie();
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await take.click();
  await phone.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
}

test('the flow moves to the phone and is approved there; the desktop follows it through a reload and shows the same result', async ({
  demo,
  noCameraBrowser,
  faceBrowser,
  specimen,
}) => {
  test.setTimeout(120_000);
  demo.sandbox.control.scenario({ userid: APPLICANT, step2: ['approve'] });
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  await expect(step(desktop).getByRole('img', { name: 'QR code of the link for your phone' })).toBeVisible();
  const link = await linkOf(desktop);
  // The header's back arrow is gone while the phone may have the flow.
  await expect(desktop.getByRole('button', { name: 'Back' })).toHaveCount(0);
  await expectAccessible(desktop, 'handoff, desktop (en)');
  await desktop.screenshot({ path: join(SCREENSHOTS, 'desktop-en-handoff.png'), fullPage: true });

  const phone = await phonePage(faceBrowser);
  await phone.goto(link);
  // The code is taken out of the phone's address bar.
  await expect(phone).toHaveURL(/\/phone\.html$/);
  await expect(phone.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();

  // The desktop sees the phone; the QR code and the link are gone (the code is spent).
  await expect(step(desktop).getByText('Link opened: done')).toBeVisible({ timeout: 10_000 });
  await expect(step(desktop).getByText('Photo of your document: waiting')).toBeVisible();
  await expect(desktop.getByRole('textbox', { name: 'Link for your phone' })).toHaveCount(0);
  await expectAccessible(desktop, 'handoff progress, desktop (en)');
  await desktop.screenshot({ path: join(SCREENSHOTS, 'desktop-en-handoff-progress.png'), fullPage: true });

  // A second phone with the same link is refused, and the desktop is not disturbed.
  const second = await phonePage(faceBrowser);
  await second.goto(link);
  await expect(
    step(second).getByText('This link was already used. Ask for a new one on your computer.'),
  ).toBeVisible();
  await expect(second.locator('#event-log')).toContainText(
    'kyc-error {"code":"handoff_used","retryable":false}',
  );
  await expectAccessible(second, 'handoff used, phone (en)');
  await screenshot(second, 'en-handoff-used');
  await second.context().close();
  await expect(step(desktop).getByText('Link opened: done')).toBeVisible();

  await phoneVerifies(
    phone,
    specimen.png,
    async () => {
      // The phone's step 1 is the desktop's "done"; a reload of the desktop keeps following.
      await expect(step(desktop).getByText('Photo of your document: done')).toBeVisible({ timeout: 10_000 });
      await desktop.reload();
      await expect(desktop.getByRole('heading', { name: 'Continue on your phone' })).toBeVisible();
      await expect(step(desktop).getByText('Photo of your document: done')).toBeVisible({ timeout: 10_000 });
      await expect(step(desktop).getByText('Selfie: waiting')).toBeVisible();

      // The phone reloads after its step 1 (the spent code is not redeemed again): the same
      // review, the same submission, and no "this link was already used".
      const name = await phone.getByLabel('Full name').inputValue();
      const redemptions: string[] = [];
      phone.on('request', (request) => {
        if (request.url().endsWith('/kyc/handoff/redeem')) redemptions.push(request.url());
      });
      await phone.reload();
      await expect(phone.getByRole('heading', { name: 'Check your details' })).toBeVisible();
      await expect(phone.getByLabel('Full name')).toHaveValue(name);
      await expect(phone.locator('#event-log')).not.toContainText('kyc-error');
      expect(redemptions).toEqual([]);
      await expectAccessible(phone, 'review after a reload, phone (en)');
      await expect(step(desktop).getByText('Selfie: waiting')).toBeVisible();
    },
    async () => {
      // And again on the selfie: the attempts are the vendor's count, none spent by the reload.
      await phone.reload();
      await expect(phone.getByRole('heading', { name: 'Take a selfie' })).toBeVisible();
      await expect(phone.locator('#event-log')).not.toContainText('kyc-error');
    },
  );

  await expect(phone.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 15_000 });
  const phoneDoneAt = Date.now();
  // The same outcome on the desktop, soon after the phone's last step (polling at most every 2 s then).
  await expect(desktop.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 10_000 });
  const lag = Date.now() - phoneDoneAt;
  console.log(`handoff: the desktop showed the outcome ${lag} ms after the phone`);
  expect(lag).toBeLessThan(3000);
  const complete = desktop.locator('#event-log li', { hasText: 'kyc-complete' });
  await expect(complete).toHaveCount(1);
  await expect(complete).toContainText('"status":"approved"');
  const phoneComplete = await phone.locator('#event-log li', { hasText: 'kyc-complete' }).textContent();
  // The same submission on both devices.
  const submissionOf = (text: string | null) => /"submissionId":"([^"]+)"/.exec(text ?? '')?.[1];
  expect(submissionOf(await complete.textContent())).toBe(submissionOf(phoneComplete));
  expect(submissionOf(phoneComplete)).toBeTruthy();
  // Two reloads on the phone made no second submission and spent no attempt.
  const vendor = await vendorSubmissions(demo);
  expect(vendor.map((s) => s.submission_id)).toEqual([submissionOf(phoneComplete)]);
  expect(vendor[0]!.kyc.attempts).toHaveLength(1);
  await desktop.context().close();
  await phone.context().close();
});

test("a phone whose selfie is under review: the desktop shows it under review, then the reviewer's decision reaches both", async ({
  demo,
  noCameraBrowser,
  faceBrowser,
  specimen,
}) => {
  test.setTimeout(120_000);
  // The selfie passes the checks: the submission waits for a reviewer.
  demo.sandbox.control.scenario({ userid: APPLICANT, step2: ['pass'] });
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  const phone = await phonePage(faceBrowser);
  await phone.goto(await linkOf(desktop));
  await phoneVerifies(phone, specimen.png, async () => undefined);
  await expect(phone.getByRole('heading', { name: 'Under review' })).toBeVisible({ timeout: 15_000 });
  await expect(desktop.getByRole('heading', { name: 'Under review' })).toBeVisible({ timeout: 10_000 });
  await expect(desktop.locator('#event-log li', { hasText: 'kyc-complete' })).toHaveText([
    /"status":"pending"/,
  ]);

  const [submission] = await vendorSubmissions(demo);
  expect(submission?.kyc.result).toBe('pending');
  demo.sandbox.control.review({ submissionId: submission!.submission_id, decision: 'approve' });
  for (const page of [phone, desktop]) {
    await expect(page.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 40_000 });
    await expect(page.locator('#event-log li', { hasText: 'kyc-complete' })).toHaveText([
      /"status":"pending"/,
      new RegExp(`"submissionId":"${submission!.submission_id}","status":"approved"`),
    ]);
  }
  await desktop.context().close();
  await phone.context().close();
});

test('"Continue here instead" takes the flow back: the link stops working, the upload is offered here (no camera)', async ({
  demo,
  noCameraBrowser,
  faceBrowser,
}) => {
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  const link = await linkOf(desktop);
  await expect(desktop.getByRole('heading', { name: 'Continue on your phone' })).toBeFocused();
  await desktop.getByRole('button', { name: 'Continue here instead' }).click();
  // The focus goes to the screen that replaced the handoff, never to <body> (WCAG 2.4.3).
  await expect(desktop.getByRole('heading', { name: 'Photo of your document' })).toBeFocused();
  await expect(desktop.getByRole('button', { name: 'Choose a photo' })).toBeVisible();
  // Offered again from the capture screen.
  await expect(desktop.getByRole('button', { name: 'Continue on your phone' })).toBeVisible();
  await expectAccessible(desktop, 'capture with the phone offered, desktop (en)');
  await desktop.getByRole('button', { name: 'Continue on your phone' }).click();
  await expect(desktop.getByRole('heading', { name: 'Continue on your phone' })).toBeFocused();
  await linkOf(desktop);
  const phone = await phonePage(faceBrowser);
  await phone.goto(link);
  await expect(step(phone).getByText(/This link has expired or was replaced/)).toBeVisible();
  await desktop.context().close();
  await phone.context().close();
});

test("taken back on the desktop while the phone has the link: the phone's reload shows the expired screen", async ({
  demo,
  noCameraBrowser,
  faceBrowser,
}) => {
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  const phone = await phonePage(faceBrowser);
  await phone.goto(await linkOf(desktop));
  await expect(phone.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(step(desktop).getByText('Link opened: done')).toBeVisible({ timeout: 10_000 });
  await desktop.getByRole('button', { name: 'Continue here instead' }).click();
  await expect(desktop.getByRole('heading', { name: 'Photo of your document' })).toBeFocused();
  // The phone's kept token no longer refreshes: the same clear screen as an expired link.
  await phone.reload();
  await expect(step(phone).getByText(/This link has expired or was replaced/)).toBeVisible();
  await expect(phone.locator('#event-log')).toContainText(
    'kyc-error {"code":"handoff_expired","retryable":false}',
  );
  await expectAccessible(phone, 'handoff taken back, phone reloaded (en)');
  // Nothing of the link is left in the phone's tab.
  expect(
    await phone.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('argos-kyc'))),
  ).toEqual([]);
  await desktop.context().close();
  await phone.context().close();
});

test('a phone where another applicant is signed in is refused, and the code still works for the right one', async ({
  demo,
  noCameraBrowser,
  faceBrowser,
}) => {
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  const link = await linkOf(desktop);
  const other = await phonePage(faceBrowser);
  await other.goto(`${link}&applicant=no-email`);
  await expect(step(other).getByText(/belongs to someone else’s verification/)).toBeVisible();
  await expectAccessible(other, 'handoff mismatch, phone (en)');
  await other.context().close();
  const phone = await phonePage(faceBrowser);
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(step(desktop).getByText('Link opened: done')).toBeVisible({ timeout: 10_000 });
  await desktop.context().close();
  await phone.context().close();
});

test('an expired link and a replaced one are refused; guessing codes is stopped by the limit', async ({
  shortHandoffDemo: demo,
  noCameraBrowser,
  faceBrowser,
}) => {
  const desktop = await desktopPage(noCameraBrowser);
  await toHandoff(desktop, demo);
  const first = await linkOf(desktop);
  // Codes of 4 s are replaced after 2 s while shown: the old QR code stops working.
  await expect(desktop.getByRole('textbox', { name: 'Link for your phone' })).not.toHaveValue(first, {
    timeout: 5_000,
  });
  const phone = await phonePage(faceBrowser);
  await phone.goto(first);
  await expect(step(phone).getByText(/This link has expired or was replaced/)).toBeVisible();
  await expectAccessible(phone, 'handoff expired, phone (en)');
  await screenshot(phone, 'en-handoff-expired');

  // A link left alone past its 4 s (the desktop closed: nothing replaces it) has expired.
  const last = await linkOf(desktop);
  await desktop.context().close();
  await new Promise((resolve) => setTimeout(resolve, 4500));
  await phone.goto(last);
  await expect(step(phone).getByText(/This link has expired or was replaced/)).toBeVisible();

  // Guessing: 10 redemptions per 10 minutes per IP (two spent above), then 429 on the phone page.
  for (let i = 0; i < 8; i++) {
    const guess = await phone.request.post(`${demo.url}/kyc/handoff/redeem`, {
      data: { code: `guess${String(i).padStart(19, '0')}` },
    });
    expect(guess.status()).toBe(410);
  }
  await phone.goto(last);
  await expect(step(phone).getByText('There were too many attempts. Please try again later.')).toBeVisible();
  await expect(phone.locator('#event-log')).toContainText('"code":"rate_limited"');
  await phone.context().close();
});

test('the script-tag build: the handoff screen and the phone redemption come from their pinned lazy chunk', async ({
  demo,
  noCameraBrowser,
  faceBrowser,
}) => {
  const desktop = await desktopPage(noCameraBrowser);
  const chunks: string[] = [];
  desktop.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/embed/dist/lazy/')) chunks.push(path.slice('/embed/dist/lazy/'.length));
  });
  await desktop.goto(`${demo.url}/embed/script-tag.html`);
  await desktop
    .locator('argos-kyc')
    .evaluate(
      (el, url) => el.setAttribute('handoff-url', url),
      `${demo.url}/embed/script-tag.html?code={code}`,
    );
  await desktop.getByRole('checkbox').check();
  await desktop.getByRole('button', { name: 'I agree, start' }).click();
  await desktop.getByLabel('Passport').check();
  await chooseCountry(desktop.getByLabel('Issuing country'), 'USA');
  await desktop.getByRole('button', { name: 'Continue' }).click();
  await expect(desktop.getByRole('img', { name: 'QR code of the link for your phone' })).toBeVisible();
  expect(chunks.some((c) => c.startsWith('handoff-step-'))).toBe(true);
  const link = await desktop.getByRole('textbox', { name: 'Link for your phone' }).inputValue();

  // The phone: the same built file, the code handed over as the attribute before the first render.
  const phone = await phonePage(faceBrowser);
  const code = new URL(link).searchParams.get('code')!;
  await phone.addInitScript((value) => {
    document.addEventListener('DOMContentLoaded', () =>
      document.querySelector('argos-kyc')?.setAttribute('handoff-code', value),
    );
  }, code);
  await phone.goto(`${demo.url}/embed/script-tag.html`);
  await expect(phone.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(step(desktop).getByText('Link opened: done')).toBeVisible({ timeout: 10_000 });
  await desktop.context().close();
  await phone.context().close();
});
