// Shadow DOM only: walking the whole flow (camera, upload, review, selfie, result)
// adds no global stylesheet, <style>, adopted sheet, :root custom property or style
// attribute, and never calls history (pushState, replaceState, back, forward, go) or
// changes the URL.
import { embedRecord, expect, globalStyles, phonePage, test } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';

test('the whole flow writes no global styles and never touches history', async ({
  demo,
  faceBrowser,
  specimen,
}) => {
  demo.sandbox.control.reset();
  demo.sandbox.control.scenario({
    userid: 'demo-user-1',
    ocr: { ocr_name: 'Alan Turing', ocr_birthDate: '1982-06-23' },
  });
  const page = await phonePage(faceBrowser);
  await page.goto(`${demo.url}/embed/isolation.html`);
  const url = page.url();
  const historyLength = await page.evaluate(() => history.length);

  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  // The camera starts (and shows a face): the ID goes by upload, the selfie by camera.
  await expect(page.getByRole('button', { name: 'Take photo' })).toBeEnabled({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Upload a photo instead' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('Alan Turing', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await expect(page.getByRole('button', { name: 'Take selfie' })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Take selfie' }).click();
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: /Under review|You are verified/ })).toBeVisible({
    timeout: 15_000,
  });

  const record = await embedRecord(page);
  // The page's own stylesheet only; nothing of the widget outside its shadow root.
  expect(record.stylesBefore).toEqual({
    styleSheets: 1,
    adoptedStyleSheets: 0,
    headStyleElements: 0,
    bodyStyleElements: 0,
    rootStyleAttribute: null,
    bodyStyleAttribute: null,
    rootCustomProperty: '',
  });
  expect(await globalStyles(page)).toEqual(record.stylesBefore);
  expect(record.historyCalls).toEqual([]);
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  // The walk did happen: every screen announced itself.
  expect(
    record.events.filter((e) => e.type === 'kyc-step-change').map((e) => (e.detail as { step: string }).step),
  ).toEqual([
    'consent',
    'document',
    'documentCapture',
    'uploadingDocument',
    'review',
    'selfieCapture',
    'submittingSelfie',
    'result',
  ]);
  await page.context().close();
});
