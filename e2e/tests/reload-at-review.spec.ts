// A reload the moment the review appears keeps the submission step 1 made. The review used
// to show first and its resume point to be written after (IndexedDB, asynchronously): a
// reload in those milliseconds came back at the document's photo with no submission, and a
// second upload there made a second paid submission at the vendor. Neither test here waits
// for `flow.settled()` (resume-storage.spec.ts does, to read the record).
import type { Page } from '@playwright/test';
import { chooseCountry, expect, phonePage, submissionsOf, test } from './fixtures.ts';

const APPLICANT = 'demo-user-1';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

async function toPhoto(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
}

const submissionOnScreen = (page: Page) =>
  page
    .locator('argos-kyc')
    .evaluate((el) => (el as HTMLElement & { flow: { state: { context: { submissionId: string } } } }).flow)
    .then((flow) => flow.state.context.submissionId);

async function vendorSubmission(demo: { sandbox: { url: string; apiKey: string } }): Promise<string> {
  const res = await fetch(`${demo.sandbox.url}/v2/submission?userid=${APPLICANT}`, {
    headers: { 'x-api-key': demo.sandbox.apiKey },
  });
  const { Items } = (await res.json()) as { Items: { submission_id: string }[] };
  expect(Items).toHaveLength(1);
  return Items[0]!.submission_id;
}

test('at the review’s own step-change event the submission is stored already, and a reload then comes back to it', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  const page = await phonePage(deniedBrowser);
  await toPhoto(page, `${demo.url}/?locale=en&capture=upload`);
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  // The host hears of the review (kyc-step-change, in the task the screen changes in): it reads
  // what a reload would find at that moment (a read queued now runs after every write queued
  // before it), and reloads: the earliest a reload can come.
  await page.locator('argos-kyc').evaluate((el) =>
    el.addEventListener('kyc-step-change', (e) => {
      if ((e as CustomEvent<{ step: string }>).detail.step !== 'review') return;
      const open = indexedDB.open('argos-kyc');
      open.onsuccess = () => {
        const all = open.result.transaction('resume').objectStore('resume').getAll();
        all.onsuccess = () => {
          sessionStorage.setItem('stored-at-review', JSON.stringify(all.result));
          location.reload();
        };
      };
    }),
  );
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await reloaded;
  const submissionId = await vendorSubmission(demo);
  const record = await page.evaluate(() => sessionStorage.getItem('stored-at-review'));
  expect(record).toMatch(/"step":"review"/);
  expect(record).toContain(`"submissionId":"${submissionId}"`);

  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  expect(await submissionOnScreen(page)).toBe(submissionId);
  await expect(page.getByLabel('Full name')).not.toHaveValue('');
  expect(await submissionsOf(demo, APPLICANT)).toBe(1);
  await page.context().close();
});

test('on a slow disk, a reload as soon as the review heading shows comes back at the review with the same submission', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  const page = await phonePage(deniedBrowser);
  await toPhoto(page, `${demo.url}/?locale=en&capture=upload`);
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  // A slow disk: as step 1's answer arrives, another connection holds the resume store for
  // 1 s (a write transaction kept busy), so the widget's write lands that much later. The
  // heading must wait for it; before, it showed at once and a reload found no submission.
  await page.route('**/kyc/step1', async (route) => {
    const response = await route.fetch();
    await page.evaluate(
      () =>
        new Promise<void>((started) => {
          const open = indexedDB.open('argos-kyc');
          open.onsuccess = () => {
            const store = open.result.transaction('resume', 'readwrite').objectStore('resume');
            const until = performance.now() + 1000;
            const busy = () => {
              if (performance.now() < until) store.get('busy').onsuccess = busy;
            };
            busy();
            started();
          };
        }),
    );
    await route.fulfill({ response });
  });
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  await page.reload();

  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  expect(await submissionOnScreen(page)).toBe(await vendorSubmission(demo));
  expect(await submissionsOf(demo, APPLICANT)).toBe(1);
  await page.context().close();
});
