// React 19 and Vue 3 hosts (demo/pages/react.ts, vue.ts, on Vite): the frameworks set
// the widget's object properties, hear its events through their own event props, and
// may remove the element mid-flow and add it again: when it leaves, every camera track
// stops and every window/document listener it added is gone; when it comes back, it
// resumes where the applicant was, camera included.
import type { Page } from '@playwright/test';
import { expect, phonePage, test } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';

/** Counts getUserMedia streams and the listeners live on window and document. */
function trackGlobals(): void {
  const w = window as unknown as { __streams: MediaStream[]; __listeners: () => string[] };
  w.__streams = [];
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    w.__streams.push(stream);
    return stream;
  };
  const live = new Map<string, Set<unknown>>();
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const key = (type: string, options?: boolean | AddEventListenerOptions) =>
      `${name} ${type}${(typeof options === 'boolean' ? options : options?.capture) ? ' (capture)' : ''}`;
    target.addEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) => {
      if (listener) {
        const k = key(type, options);
        if (!live.has(k)) live.set(k, new Set());
        live.get(k)!.add(listener);
      }
      if (listener) add(type, listener, options);
    };
    target.removeEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ) => {
      if (!listener) return;
      live.get(key(type, options))?.delete(listener);
      remove(type, listener, options);
    };
  }
  w.__listeners = () => [...live].flatMap(([k, set]) => (set.size ? [`${k} x${set.size}`] : [])).sort();
}

const listeners = (page: Page) =>
  page.evaluate(() => (window as unknown as { __listeners: () => string[] }).__listeners());
const liveTracks = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __streams: MediaStream[] }).__streams
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );
const streams = (page: Page) =>
  page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.length);

for (const framework of ['react', 'vue'] as const) {
  test(`${framework}: properties and events work, and removing the element mid-flow releases the camera and its listeners`, async ({
    demo,
    cameraBrowser,
  }) => {
    demo.sandbox.control.reset();
    const page = await phonePage(cameraBrowser);
    await page.context().addInitScript(trackGlobals);
    // A stand-in webview host (React Native's object): the bridge's command API is installed
    // where one is present (bridge-commands="auto"), and must leave with the element.
    await page.context().addInitScript(() => {
      (window as unknown as { ReactNativeWebView: object }).ReactNativeWebView = { postMessage() {} };
    });
    await page.goto(`${demo.url}/pages/${framework}.html?show=0`);
    await expect(page.getByRole('button', { name: 'Add widget' })).toBeVisible();
    const before = await listeners(page);

    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'I agree, start' }).click();
    // documentTypes and countries arrived as properties: only what the host allowed is offered.
    await expect(page.getByLabel('Passport')).toBeVisible();
    await expect(page.getByLabel('Driver’s license')).toHaveCount(0);
    const country = page.getByRole('combobox', { name: 'Issuing country' });
    await country.press('ArrowDown');
    await expect(page.getByRole('option', { name: 'United Kingdom', exact: true })).toHaveCount(1);
    await expect(page.getByRole('option', { name: 'France', exact: true })).toHaveCount(0);
    await country.press('Escape');
    await page.getByLabel('Passport').check();
    await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('button', { name: 'Take photo' })).toBeEnabled({ timeout: 10_000 });
    expect(await liveTracks(page)).toBeGreaterThan(0);
    // The framework heard every step through its own event prop.
    await expect(page.locator('#host-steps')).toContainText('consent, document, documentCapture');
    expect(await page.evaluate(() => typeof (window as unknown as { argosKyc?: unknown }).argosKyc)).toBe(
      'object',
    );

    await page.getByRole('button', { name: 'Remove widget' }).click();
    await expect(page.locator('argos-kyc')).toHaveCount(0);
    await expect.poll(() => liveTracks(page)).toBe(0);
    expect(await listeners(page)).toEqual(before);
    expect(await page.evaluate(() => typeof (window as unknown as { argosKyc?: unknown }).argosKyc)).toBe(
      'undefined',
    );

    // Back again: the widget resumes at the photo step with a new camera stream.
    const streamsBefore = await streams(page);
    await page.getByRole('button', { name: 'Add widget' }).click();
    await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Take photo' })).toBeEnabled({ timeout: 10_000 });
    expect(await streams(page)).toBeGreaterThan(streamsBefore);

    await page.getByRole('button', { name: 'Remove widget' }).click();
    await expect.poll(() => liveTracks(page)).toBe(0);
    expect(await listeners(page)).toEqual(before);
    await page.context().close();
  });
}

test('esm: the package modules through Vite, classes without side effects, then define; themed by ::part and custom properties', async ({
  demo,
  deniedBrowser,
}) => {
  demo.sandbox.control.reset();
  const page = await phonePage(deniedBrowser);
  await page.goto(`${demo.url}/pages/esm.html`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeFocused();
  // documentTypes = ['passport'], countries = ['GBR', 'KOR'] set as properties by esm.ts.
  await expect(page.locator('input[name="idType"]')).toHaveCount(1);
  const country = page.getByRole('combobox', { name: 'Issuing country' });
  await country.press('ArrowDown');
  await expect(page.getByRole('option', { name: 'South Korea', exact: true })).toHaveCount(1);
  await expect(page.getByRole('option', { name: 'United States', exact: true })).toHaveCount(0);
  await country.press('Escape');
  await expect(page.locator('#event-log li')).toHaveText([
    /^kyc-step-change \{"step":"consent"/,
    /^kyc-step-change \{"step":"document"/,
  ]);
  // Theming from the page: ::part() reaches into the steps, custom properties inherit.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      'argos-kyc::part(heading) { color: rgb(1, 2, 3) } argos-kyc { --argos-kyc-color-focus: rgb(4, 5, 6) }',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toHaveCSS('color', 'rgb(1, 2, 3)');
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toHaveCSS(
    '--argos-kyc-color-focus',
    'rgb(4, 5, 6)',
  );
  await page.context().close();
});
