// The accessibility check every spec leans on (`expectAccessible` in fixtures.ts) must see into
// the widget's shadow roots and fail on what axe calls a violation: spoiled on purpose here, a
// screen that passes it must fail it.
import { expect, expectAccessible, phonePage, test } from './fixtures.ts';

test('the accessibility check fails on a nameless button and an image without alt deep in the widget', async ({
  demo,
  faceBrowser,
}) => {
  const page = await phonePage(faceBrowser);
  await page.goto(`${demo.url}/?locale=en`);
  await expect(page.getByRole('checkbox')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'the consent screen as it is');
  // The consent step's heading sits in a shadow root inside the widget's own.
  await page.locator('argos-kyc').evaluate((host) => {
    const roots: ShadowRoot[] = [host.shadowRoot!];
    let heading: Element | null = null;
    for (let i = 0; i < roots.length && !heading; i++) {
      heading = roots[i]!.querySelector('h2');
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    const img = document.createElement('img');
    img.src = 'data:,';
    heading!.after(document.createElement('button'), img);
  });
  const failure = await expectAccessible(page, 'the spoiled consent screen').then(
    () => null,
    (e: Error) => e.message,
  );
  expect(failure).toMatch(/axe on the spoiled consent screen/);
  expect(failure).toMatch(/button-name: argos-kyc,argos-kyc-consent-step/);
  expect(failure).toMatch(/image-alt: argos-kyc,argos-kyc-consent-step/);
  await page.context().close();
});
