// Focus never drops to <body> (issue 15, item 3; WCAG 2.4.3): the whole flow, screen by
// screen, with every action that changes a screen in place (take, retake, switch to
// upload, find an address, found or not, use the location, add and remove a picture),
// checking after each one where the focus is. A removed or disabled button used to
// leave it on <body>, where a screen reader user has to start the page over.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

/** The focused element, through shadow roots, outermost first (e.g. ["argos-kyc", "argos-kyc-capture-step", "canvas"]). */
function focusPath(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const path: string[] = [];
    let active: Element | null = document.activeElement;
    while (active) {
      path.push(active.tagName.toLowerCase() + (active.id ? `#${active.id}` : ''));
      active = active.shadowRoot?.activeElement ?? null;
    }
    return path;
  });
}

test('after every action of the flow the focus is inside the widget, on the new content', async ({
  demo,
  faceBrowser,
  specimen,
}) => {
  demo.sandbox.control.scenario({ userid: 'demo-user-1', step2: ['pass'] });
  const context = await faceBrowser.newContext({
    viewport: { width: 390, height: 844 },
    geolocation: { latitude: 38.897957, longitude: -77.03656 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const actions: Array<[string, string[]]> = [];
  const after = async (action: string) => {
    const path = await focusPath(page);
    actions.push([action, path]);
    expect(path[0], `the focus after "${action}": ${path.join(' > ')}`).toBe('argos-kyc');
    return path.at(-1);
  };

  await page.goto(`${demo.url}/?locale=en&address=optional`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  await after('I agree, start');
  await page.getByLabel('Passport').check();
  // The country by keyboard only: type, Enter; the focus stays in the combobox.
  const country = page.getByRole('combobox', { name: 'Issuing country' });
  await country.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.type('United States');
  await page.keyboard.press('Enter');
  await expect(country).toHaveValue('United States');
  expect(await after('choose a country')).toMatch(/^input#country-\d+-input$/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeFocused();
  await after('Continue');

  // The ID photo by camera: the take button is replaced by the preview.
  const take = page.getByRole('button', { name: 'Take photo' });
  await expect(take).toBeEnabled({ timeout: 10_000 });
  await take.click();
  await expect(page.locator('canvas[part="preview"]')).toBeFocused();
  expect(await after('Take photo')).toBe('canvas');
  await page.getByRole('button', { name: 'Retake' }).click();
  await expect(take).toBeFocused();
  await after('Retake');
  await page.getByRole('button', { name: 'Upload a photo instead' }).click();
  await expect(page.locator('input[type="file"]')).toBeFocused();
  await after('Upload a photo instead');
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await expect(page.locator('canvas[part="preview"]')).toBeFocused();
  await after('choose a photo');
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Check your details' })).toBeFocused({ timeout: 15_000 });
  await after('Use this photo');
  await page.getByRole('button', { name: 'Confirm details' }).click();
  await expect(page.getByRole('heading', { name: 'Your address' })).toBeFocused();
  await after('Confirm details');

  // The address: the busy buttons keep the focus; what is found takes it.
  await page.getByLabel('Address', { exact: true }).fill('1 Nowhere Lane, Atlantis');
  await page.getByRole('button', { name: 'Find address' }).click();
  await expect(page.getByText('We could not find this address.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Find address' })).toBeFocused();
  await after('Find address (not found)');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.locator('.found')).toBeFocused();
  await after('Use my location (found)');
  await page.getByLabel('Address', { exact: true }).fill('The White House');
  await page.getByRole('button', { name: 'Find address' }).click();
  await expect(page.locator('.found')).toContainText('1600 Pennsylvania Avenue NW');
  await expect(page.locator('.found')).toBeFocused();
  expect(await after('Find address (found)')).toBe('div');
  await page.locator('#proof').setInputFiles(specimen.png);
  await expect(page.getByText('A picture is added.')).toBeVisible();
  await after('add a picture');
  await page.getByRole('button', { name: 'Remove the picture' }).click();
  await expect(page.locator('#proof')).toBeFocused();
  await after('Remove the picture');
  await page.getByRole('button', { name: 'Confirm address' }).click();
  await expect(page.getByRole('heading', { name: 'Take a selfie' })).toBeFocused();
  await after('Confirm address');

  // The selfie by camera: take, retake, take, send. The shutter opens once the face gate has judged a few frames (0.3-2 s each here).
  const takeSelfie = page.getByRole('button', { name: 'Take selfie' });
  await expect(takeSelfie).toBeEnabled({ timeout: 30_000 });
  await takeSelfie.click();
  await expect(page.locator('canvas[part="preview"]')).toBeFocused({ timeout: 15_000 });
  await after('Take selfie');
  await page.getByRole('button', { name: 'Retake' }).click();
  await expect(takeSelfie).toBeFocused();
  await after('Retake (selfie)');
  await expect(takeSelfie).toBeEnabled({ timeout: 30_000 });
  await takeSelfie.click();
  await expect(page.locator('canvas[part="preview"]')).toBeFocused({ timeout: 15_000 });
  await after('Take selfie again');
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: /Under review|You are verified/ })).toBeFocused({
    timeout: 15_000,
  });
  await after('Use this selfie');
  expect(actions).toHaveLength(19);
  await context.close();
});
