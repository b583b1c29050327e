// What the browser keeps between page loads (issue 15, item 4), on the whole demo stack:
// a reload at each step resumes there, and the stored record never holds a session token,
// the email after step 1 or the resident registration number; another applicant signed in
// on the same browser never sees the previous applicant's flow, before step 1 or after.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { markImage } from '@argos-kyc/sandbox';
import { expect, phonePage, submissionsOf, test } from './fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const APPLICANT = 'demo-user-1';
const RRN = '880412-2345678';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** The resume records in IndexedDB, as JSON text (read with the raw API, not through the widget). */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('argos-kyc');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = db.transaction('resume').objectStore('resume').getAll();
    return new Promise<string>((resolve) => (all.onsuccess = () => resolve(JSON.stringify(all.result))));
  });

/** Waits until the widget has written its resume point, then reloads and waits for `heading`. */
async function reloadAt(page: Page, heading: string | RegExp): Promise<string> {
  await page
    .locator('argos-kyc')
    .evaluate((el) => (el as HTMLElement & { flow: { settled(): Promise<void> } }).flow.settled());
  const record = await stored(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: heading })).toBeVisible({ timeout: 15_000 });
  return record;
}

function selfieFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'argos-kyc-resume-')), 'selfie.png');
  const face = readFileSync(fileURLToPath(new URL('../fixtures/face-astronaut.png', import.meta.url)));
  writeFileSync(path, markImage(face, 'selfie-pass'));
  return path;
}

test('a reload at each step resumes there; the record holds no token, no email after step 1, never the resident registration number', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({
    userid: 'demo-user-2',
    ocr: { ocr_name: 'Kim Minji', ocr_birthDate: '1988-04-12', ocr_identityNumber: RRN },
  });
  const page = await phonePage(deniedBrowser);
  // The applicant without an email on file: the email is typed on the document step.
  await page.goto(`${demo.url}/?locale=en&capture=upload&applicant=no-email`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('National ID card').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'KOR');
  await page.getByLabel('Email address').fill('minji@example.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
  // Before step 1 the typed email is kept (step 1 sends it); never a token.
  let record = await reloadAt(page, 'Photo of your document');
  expect(record).toContain('minji@example.test');
  expect(record).not.toMatch(/eyJ|"token"/);

  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByLabel('Resident registration number')).toHaveValue(RRN, { timeout: 15_000 });
  record = await reloadAt(page, 'Check your details');
  expect(record).not.toMatch(/eyJ|"token"|minji@|880412-?2345678/);
  // Read off the card but never stored: asked again after the reload.
  await expect(page.getByLabel('Full name')).toHaveValue('Kim Minji');
  await expect(page.getByLabel('Resident registration number')).toHaveValue('');
  await page.getByLabel('Resident registration number').fill(RRN);
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await expect(page.getByRole('heading', { name: 'Take a selfie' })).toBeVisible();

  // Past the review, a reload comes back to the review to ask for it again, the rest kept.
  record = await reloadAt(page, 'Check your details');
  expect(record).toMatch(/"step":"selfieCapture"/);
  expect(record).not.toMatch(/eyJ|"token"|minji@|880412-?2345678/);
  await expect(page.getByLabel('Full name')).toHaveValue('Kim Minji');
  await page.getByLabel('Resident registration number').fill(RRN);
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await page.locator('input[type="file"]').setInputFiles(selfieFile());
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  const result = /Under review|You are verified/;
  await expect(page.getByRole('heading', { name: result })).toBeVisible({ timeout: 15_000 });

  record = await reloadAt(page, result);
  expect(record).not.toMatch(/eyJ|"token"|minji@|880412|Kim Minji/);
  expect(await submissionsOf(demo, 'demo-user-2')).toBe(1);
  await page.context().close();
});

test('another applicant signed in on the same browser never sees the previous one’s flow, before step 1 or after', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({ userid: APPLICANT, ocr: { ocr_name: 'Park Seoyeon' } });
  const page = await phonePage(deniedBrowser);
  // Before step 1: the first applicant typed an email and chose a document.
  await page.goto(`${demo.url}/?locale=en&capture=upload&applicant=no-email`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByLabel('Email address').fill('first@example.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
  await page
    .locator('argos-kyc')
    .evaluate((el) => (el as HTMLElement & { flow: { settled(): Promise<void> } }).flow.settled());

  // The demo signs in its other applicant when asked (a new cookie): consent, nothing of the first.
  await page.goto(`${demo.url}/?locale=en&capture=upload&applicant=default`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible({ timeout: 15_000 });
  expect(await stored(page)).not.toContain('first@example.test');

  // After step 1: this applicant reaches the review; then the first one signs in again.
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('Park Seoyeon', { timeout: 15_000 });
  await page
    .locator('argos-kyc')
    .evaluate((el) => (el as HTMLElement & { flow: { settled(): Promise<void> } }).flow.settled());
  await page.goto(`${demo.url}/?locale=en&capture=upload&applicant=no-email`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Park Seoyeon')).toHaveCount(0);
  expect(await stored(page)).not.toContain('Park Seoyeon');
  await page.context().close();
});
