// The demo's panel as a newcomer meets it (issue 11, item 9): with the fake camera the
// flow reaches "Under review", and the panel's Approve / Reject buttons decide the
// pending submission through the sandbox's reviewer control, which the widget hears;
// before a new run sends its ID photo, the panel shows the previous run's submission.
import type { Page } from '@playwright/test';
import type { Demo } from '../../demo/server.ts';
import { expect, phonePage, test } from './fixtures.ts';
import { chooseCountry } from './fixtures.ts';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** Consent, a US passport by upload, the review as read, the selfie: arrives at "Under review". */
async function toPending(page: Page, demo: Demo, specimenPng: string): Promise<void> {
  await page.goto(`${demo.url}/?locale=en`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'USA');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Upload a photo instead' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimenPng);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await page.getByRole('button', { name: 'Confirm details' }).click({ timeout: 15_000 });
  const take = page.getByRole('button', { name: 'Take selfie' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await take.click();
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Under review' })).toBeVisible({ timeout: 15_000 });
}

const reviewer = (page: Page) => page.getByRole('group', { name: 'Decide as the reviewer' });

test('Approve in the panel decides the pending submission; the widget shows it approved', async ({
  demo,
  faceBrowser,
  specimen,
}) => {
  const page = await phonePage(faceBrowser);
  await toPending(page, demo, specimen.png);
  await expect(page.locator('#submission-when')).toHaveText("This run's submission (pending).");
  await expect(reviewer(page)).toBeVisible();
  await reviewer(page).getByRole('button', { name: 'Approve' }).click();

  await expect(page.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#submission')).toContainText('"result": "approved"');
  await expect(reviewer(page)).toBeHidden();
  await expect(page.locator('#event-log li').filter({ hasText: 'kyc-complete' }).last()).toContainText(
    '"status":"approved"',
  );

  // A new run: before it sends an ID photo, the panel shows the previous run's submission.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Verify your identity|You are verified/ })).toBeVisible();
  await expect(page.locator('#submission-when')).toHaveText(
    "The previous run's submission (approved); this run's replaces it once the ID photo is sent.",
  );
  await expect(page.locator('#submission')).toContainText('"result": "approved"');
  await page.context().close();
});

test("Reject in the panel: the widget shows the rejection with the reviewer's reason", async ({
  demo,
  faceBrowser,
  specimen,
}) => {
  const page = await phonePage(faceBrowser);
  await toPending(page, demo, specimen.png);
  await reviewer(page).getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('heading', { name: 'Verification not successful' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.locator('argos-kyc .step')).toContainText('The ID document could not be read.');
  await expect(page.locator('#submission')).toContainText('"result": "rejected"');
  await expect(reviewer(page)).toBeHidden();
  await page.context().close();
});
