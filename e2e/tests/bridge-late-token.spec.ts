// What the applicant entered on a screen survives a token that lands late. A native app's
// first token (sent at the page's `load`, over its own network) makes the widget start its
// flow again with the app's tokens; an applicant who ticked the biometric consent before
// that token landed had the tick silently undone (the consent screen was drawn afresh), and
// "I agree" answered "tick the box". bridge-native-tokens.spec.ts failed on it once in three
// fresh-clone runs; here the app's first token is held until the box is ticked.
import type { Page } from '@playwright/test';
import { expect, test } from './embed-fixtures.ts';

interface HeldTokenWindow {
  /** The app's first token, fetched at `load` and held until the test sends it. */
  __held?: Record<string, unknown>;
  __native: Array<{ type: string; detail: unknown }>;
  argosKyc?: { command(c: unknown): { ok: boolean } };
}

/** The app's webview: an iOS message handler stub that records what the widget posts. */
async function webviewPage(page: Page, endpoint: string): Promise<void> {
  await page.addInitScript((url) => {
    const w = window as unknown as HeldTokenWindow & { webkit?: unknown };
    w.__native = [];
    w.webkit = { messageHandlers: { argosKyc: { postMessage: (m: never) => w.__native.push(m) } } };
    // The app's backend answers at its own pace: the token is fetched now and sent when the test says.
    addEventListener('load', () => {
      void fetch(url, { method: 'POST', credentials: 'include' })
        .then((r) => r.json())
        .then((grant: Record<string, unknown>) => (w.__held = grant));
    });
  }, `${endpoint}/session`);
}

test('a consent ticked before the app’s first token lands is still ticked after it, and “I agree” moves on', async ({
  demo,
  deniedBrowser,
}) => {
  demo.sandbox.control.reset();
  const context = await deniedBrowser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await webviewPage(page, `${demo.url}/kyc`);
  await page.goto(`${demo.url}/embed/webview.html`);
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.waitForFunction(() => !!(window as unknown as HeldTokenWindow).__held);

  await page.getByRole('checkbox').check();
  // The token lands: the widget takes the app's tokens from now on (a flow started again).
  const restarted = await page.locator('argos-kyc').evaluate(async (el) => {
    const w = window as unknown as HeldTokenWindow;
    const host = el as HTMLElement & { flow: { ready: Promise<void> }; updateComplete: Promise<boolean> };
    const before = host.flow;
    if (!w.argosKyc!.command({ type: 'setToken', ...w.__held! }).ok) return 'refused';
    await host.updateComplete;
    await host.flow.ready;
    await host.updateComplete;
    return host.flow !== before ? 'restarted' : 'same flow';
  });
  // The late event this test is about: a new flow under the same screen.
  expect(restarted).toBe('restarted');

  await expect(page.getByRole('checkbox')).toBeChecked();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await expect(page.getByRole('heading', { name: 'Your ID document' })).toBeVisible();
  await expect(page.getByText('tick the box', { exact: false })).toHaveCount(0);
  const errors = await page.evaluate(() =>
    (window as unknown as HeldTokenWindow).__native.filter((m) => m.type === 'kyc-error'),
  );
  expect(errors).toEqual([]);
  await context.close();
});
