// Part 1 of the onboarding on the whole demo stack: the widget in Chromium, the
// server package at /kyc, the sandbox behind it. Every screen is checked with axe
// and saved as a 390x844 screenshot.
import { expect, expectAccessible, phonePage, screenshot, submissionsOf, test } from './fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const APPLICANT = 'demo-user-1';

/** What the sandbox is told to read off the card, and what the review must show. */
const KOREAN_OCR = {
  ocr_name: 'Kim Minji',
  ocr_birthDate: '1988-04-12',
  ocr_gender: 'female',
  ocr_nationality: 'KOR',
  ocr_issueDate: '2019-07-01',
  ocr_identityNumber: '880412-2345678',
} as const;

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

test('camera: the specimen card on the rear camera is taken by itself and reaches a review prefilled with exactly the scripted OCR', async ({
  demo,
  deskCameraBrowser,
}) => {
  demo.sandbox.control.scenario({ userid: APPLICANT, ocr: KOREAN_OCR });
  // Slow the vendor's step 1 down so that the upload screen can be seen and checked.
  demo.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'latency', ms: 1500, times: 1 });
  const page = await phonePage(deskCameraBrowser);
  await page.goto(`${demo.url}/?locale=en`);

  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expectAccessible(page, 'consent (en)');
  await screenshot(page, 'en-1-consent');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();

  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await page.getByLabel('National ID card').check();
  // The country combobox: typing filters, the arrows move, Enter chooses.
  const country = page.getByRole('combobox', { name: 'Issuing country' });
  await country.fill('Korea');
  await expect(page.getByRole('option')).toHaveText(['North Korea', 'South Korea']);
  await expectAccessible(page, 'document, country list open (en)');
  await country.press('ArrowDown');
  await country.press('Enter');
  await expect(country).toHaveValue('South Korea');
  await expect(page.getByRole('option')).toHaveCount(0);
  await expectAccessible(page, 'document (en)');
  await screenshot(page, 'en-2-document');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
  const take = page.getByRole('button', { name: 'Take photo' });
  await expect(take).toBeEnabled({ timeout: 10_000 });
  // The feed shows the desk alone for 4 s first: the live guidance asks for the document.
  await expect(page.locator('[part="guidance"]')).toHaveText('Place your document inside the frame.');
  await expectAccessible(page, 'camera (en)');
  await screenshot(page, 'en-3-camera');

  // Nobody clicks: then the card lies still and sharp in the guide, and the photo takes itself.
  await expect(page.locator('canvas[part="preview"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('The photo was taken automatically.')).toBeVisible();
  await expectAccessible(page, 'preview (en)');
  await screenshot(page, 'en-4-preview');
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();

  await expect(page.getByRole('heading', { name: 'Sending your photo' })).toBeVisible();
  await expectAccessible(page, 'upload (en)');
  await screenshot(page, 'en-5-upload');

  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Full name')).toHaveValue('Kim Minji');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1988-04-12');
  await expect(page.getByLabel('Gender')).toHaveValue('female');
  await expect(page.getByRole('combobox', { name: 'Nationality' })).toHaveValue('South Korea');
  await expect(page.getByLabel(/Date of issue/)).toHaveValue('2019-07-01');
  await expect(page.getByLabel('Resident registration number')).toHaveValue('880412-2345678');
  // A Korean ID card is not a driver's license: no license or serial number (docs/vendor-api.md #16).
  await expect(page.locator('#licenseNumber, #serialNumber')).toHaveCount(0);
  await expectAccessible(page, 'review (en)');
  await screenshot(page, 'en-6-review');
  expect(await submissionsOf(demo, APPLICANT)).toBe(1);
  // What the host page heard (the demo lists every kyc-* event) holds no PII.
  await expect(page.locator('#event-log')).toContainText('kyc-step-change {"step":"review"');
  expect(await page.locator('#event-log').textContent()).not.toMatch(/Kim|1988|880412|demo-user|@/);
  await page.context().close();
});

test('upload: with the camera refused, a file upload reaches the review (Korean), through an error and a retry', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({
    userid: APPLICANT,
    ocr: {
      ocr_name: 'Lee Jiho',
      ocr_birthDate: '1979-11-30',
      ocr_gender: 'male' as const,
      ocr_nationality: 'USA',
      ocr_issueDate: '2021-05-05',
    },
  });
  const page = await phonePage(deniedBrowser);
  await page.goto(`${demo.url}/?locale=ko`);

  await expect(page.getByRole('heading', { name: '본인 인증을 진행해 주세요' })).toBeVisible();
  await expectAccessible(page, 'consent (ko)');
  await screenshot(page, 'ko-1-consent');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '동의하고 시작하기' }).click();

  await page.getByLabel('여권').check();
  const country = page.getByRole('combobox', { name: '발급 국가' });
  await country.fill('미국');
  await country.press('Enter');
  await expect(country).toHaveValue('미국');
  await expectAccessible(page, 'document (ko)');
  await screenshot(page, 'ko-2-document');
  await page.getByRole('button', { name: '계속' }).click();

  await expect(page.getByText('카메라를 사용할 수 없습니다')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('video')).toHaveCount(0);
  await expectAccessible(page, 'upload fallback (ko)');
  await screenshot(page, 'ko-3-upload-fallback');
  await page.locator('input[type="file"]').setInputFiles(specimen.png);

  await expect(page.locator('canvas[part="preview"]')).toBeVisible();
  await expectAccessible(page, 'preview (ko)');
  await screenshot(page, 'ko-4-preview');
  // The vendor fails once: the applicant sees the error, tries again, and the same photo is re-sent.
  demo.sandbox.control.fault({ path: '/v2/submission/step1', kind: 'error502', times: 1 });
  await page.getByRole('button', { name: /이 사진 사용|그대로 사용/ }).click();

  await expect(page.getByRole('heading', { name: '문제가 발생했습니다' })).toBeVisible();
  await expectAccessible(page, 'error (ko)');
  await screenshot(page, 'ko-5-error');
  await page.getByRole('button', { name: '다시 시도' }).click();

  await expect(page.getByRole('heading', { name: '정보 확인' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('이름')).toHaveValue('Lee Jiho');
  await expect(page.getByLabel('생년월일')).toHaveValue('1979-11-30');
  await expect(page.getByLabel('성별')).toHaveValue('male');
  await expect(page.getByRole('combobox', { name: '국적' })).toHaveValue('미국');
  await expect(page.getByLabel(/발급일/)).toHaveValue('2021-05-05');
  await expect(page.locator('#identityNumber')).toHaveCount(0);
  await expectAccessible(page, 'review (ko)');
  await screenshot(page, 'ko-6-review');
  await page.context().close();
});

test('resume: a reload on the review resumes there, with the applicant’s edits, without a second upload', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({
    userid: APPLICANT,
    ocr: { ocr_name: 'Park Seoyeon', ocr_birthDate: '1995-02-14' },
  });
  const page = await phonePage(deniedBrowser);
  await page.goto(`${demo.url}/?locale=en&capture=upload`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('Park Seoyeon', { timeout: 15_000 });
  await page.getByLabel('Full name').fill('Park Seo-yeon');
  await page.getByLabel('Full name').blur();
  // The edit reaches the resume point once typing pauses (REVIEW_EDITED, issue 11).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('argos-kyc');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const all = db.transaction('resume').objectStore('resume').getAll();
        return new Promise<string>((resolve) => (all.onsuccess = () => resolve(JSON.stringify(all.result))));
      }),
    )
    .toContain('Park Seo-yeon');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveValue('Park Seo-yeon');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1995-02-14');
  expect(await submissionsOf(demo, APPLICANT)).toBe(1);
  await page.context().close();
});

test('email and dark mode: an applicant without an email on file gives one on the document step, and step 1 carries it', async ({
  demo,
  deniedBrowser,
  specimen,
}) => {
  const page = await phonePage(deniedBrowser, 'dark');
  await page.goto(`${demo.url}/?locale=en&capture=upload&applicant=no-email`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Driver’s license').check();
  // A name typed in full is chosen when the field is left.
  await page.getByRole('combobox', { name: 'Issuing country' }).fill('South Korea');
  const email = page.getByLabel('Email address');
  await email.fill('not-an-email');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#email-error')).toHaveText('Enter an email address like name@example.com.');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'document with email error (dark)');
  await screenshot(page, 'dark-1-document-email');
  await email.fill('applicant@example.test');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
  // A Korean driver's license: all three Korean-only fields (docs/vendor-api.md #16).
  await expect(page.locator('#identityNumber, #licenseNumber, #serialNumber')).toHaveCount(3);
  await expectAccessible(page, 'review (dark)');
  await screenshot(page, 'dark-2-review');
  await page.getByLabel('Serial number').fill('AB1');
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await expect(page.locator('.summary')).toHaveText('Please correct 1 field.');
  await expect(page.getByLabel('Serial number')).toBeFocused();
  await expectAccessible(page, 'review with errors (dark)');
  await screenshot(page, 'dark-3-review-errors');
  await page.getByLabel('Serial number').fill('AB12C3');
  await page.getByRole('button', { name: 'Confirm details' }).click();
  // On to the selfie, by upload as the integrator asked (capture="upload").
  await expect(page.getByRole('heading', { name: 'Take a selfie' })).toBeFocused();
  await expect(page.getByText('A clear JPEG or PNG photo of your face, taken just now.')).toBeVisible();
  await expect(page.locator('video')).toHaveCount(0);
  await expectAccessible(page, 'selfie by upload (dark)');
  await screenshot(page, 'dark-4-selfie-upload');

  expect(await page.locator('#event-log').textContent()).not.toContain('applicant@example.test');
  const res = await fetch(`${demo.sandbox.url}/v2/submission?userid=demo-user-2`, {
    headers: { 'x-api-key': demo.sandbox.apiKey },
  });
  const { Items } = (await res.json()) as { Items: { email?: string }[] };
  expect(Items.map((i) => i.email)).toEqual(['applicant@example.test']);
  await page.context().close();
});

test('exit: "Not now" leaves the flow, tells the host page, and can start again', async ({
  demo,
  deniedBrowser,
}) => {
  const page = await phonePage(deniedBrowser);
  await page.goto(`${demo.url}/?locale=en`);
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('heading', { name: 'You left the verification' })).toBeFocused();
  await expect(page.locator('#event-log')).toContainText('kyc-exit {"step":"consent"}');
  await expectAccessible(page, 'exited (en)');
  await screenshot(page, 'en-7-exited');
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.context().close();
});
