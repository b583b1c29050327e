// The widget under a strict Content-Security-Policy HTTP header (no inline script or
// style, no eval, no blob: workers): /embed/csp.html loads the built script file and
// walks the whole flow by file upload, and to the review by camera, with zero
// violations (bridge-webview.spec.ts walks it with the cameras on the same header). The
// face detector runs on WebAssembly, which the policy allows ('wasm-unsafe-eval'); with
// ?face-wasm=off the page is served without it and tells the widget so (face-wasm="off"),
// and the whole flow walks again on the WebGL/CPU worker, with zero violations too.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { markImage } from '@argos-kyc/sandbox';
import { embedRecord, expect, phonePage, submissionsOf, test, watchConsole } from './embed-fixtures.ts';
import { chooseCountry } from './fixtures.ts';
import type { LocaleStrings } from '../../packages/widget/src/i18n/en.ts';
import { pseudoBidi } from '../../packages/widget/src/i18n/pseudo.ts';

const APPLICANT = 'demo-user-1';
const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'";
const POLICY_NO_WASM = POLICY.replace(" 'wasm-unsafe-eval'", '');
const FACE_WASM = '/embed/dist/face-model/tfjs-backend-wasm-simd.wasm';

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

async function toCapture(page: Page): Promise<void> {
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'GBR');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Photo of your document' })).toBeVisible();
}

async function expectNoCspTrouble(page: Page, seen: ReturnType<typeof watchConsole>): Promise<void> {
  const record = await embedRecord(page);
  expect(record.violations).toEqual([]);
  expect(seen.cspErrors).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
}

for (const wasm of [true, false])
  test(`the whole flow by file upload under the strict CSP header${wasm ? '' : ' without WebAssembly (face-wasm="off")'} (ID, review, selfie, result): zero violations, zero CSP console errors`, async ({
    demo,
    deniedBrowser,
    specimen,
  }) => {
    demo.sandbox.control.scenario({
      userid: APPLICANT,
      ocr: { ocr_name: 'Ada Lovelace', ocr_birthDate: '1985-12-10' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'argos-kyc-csp-'));
    const selfie = join(dir, 'selfie.png');
    writeFileSync(
      selfie,
      markImage(
        readFileSync(fileURLToPath(new URL('../fixtures/face-astronaut.png', import.meta.url))),
        'selfie-pass',
      ),
    );
    const page = await phonePage(deniedBrowser);
    const seen = watchConsole(page);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    const files: string[] = [];
    page.on('request', (r) => files.push(new URL(r.url()).pathname));
    const response = await page.goto(
      `${demo.url}/embed/csp.html?capture=upload${wasm ? '' : '&face-wasm=off'}`,
    );
    expect(response?.headers()['content-security-policy']).toBe(wasm ? POLICY : POLICY_NO_WASM);

    await toCapture(page);
    await page.locator('input[type="file"]').setInputFiles(specimen.png);
    await expect(page.locator('canvas[part="preview"]')).toBeVisible();
    await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
    await expect(page.getByRole('heading', { name: 'Check your details' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace');

    // The image work ran in the worker file beside the script (a same-origin file passes script-src 'self'),
    // and the face detector's worker, started in the background once the applicant agreed, is one too:
    // the WASM one, which fetched its binary from beside the script; without WebAssembly, the WebGL/CPU
    // one, and the WASM worker never started (nothing compiled, nothing refused).
    expect([...workers].sort()).toEqual([
      wasm ? '/embed/dist/argos-kyc-face-wasm-worker.js' : '/embed/dist/argos-kyc-face-worker.js',
      '/embed/dist/argos-kyc-image-worker.js',
    ]);
    await expect.poll(() => files.includes(FACE_WASM)).toBe(wasm);
    expect(await submissionsOf(demo, APPLICANT)).toBe(1);

    // The camera is refused in this browser: the selfie goes by upload too.
    await page.getByRole('button', { name: 'Confirm details' }).click();
    await expect(page.getByRole('heading', { name: 'Take a selfie' })).toBeVisible();
    await page.locator('input[type="file"]').setInputFiles(selfie);
    await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
    await expect(page.getByRole('heading', { name: /Under review|You are verified/ })).toBeVisible({
      timeout: 15_000,
    });
    const record = await embedRecord(page);
    expect(record.events.map((e) => e.type)).toContain('kyc-complete');
    await expectNoCspTrouble(page, seen);

    // The recorders work: an inline <style> written by the page itself is caught by both.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await expect
      .poll(async () => (await embedRecord(page)).violations.map((v) => v.directive))
      .toEqual(['style-src-elem']);
    await expect.poll(() => seen.cspErrors.length).toBe(1);
    await page.context().close();
    rmSync(dir, { recursive: true, force: true });
  });

test('camera to the review under the strict CSP header, the photo taken by the auto-capture: zero violations, zero CSP console errors', async ({
  demo,
  deskCameraBrowser,
}) => {
  demo.sandbox.control.scenario({
    userid: APPLICANT,
    ocr: { ocr_name: 'Grace Hopper', ocr_birthDate: '1986-12-09' },
  });
  const page = await phonePage(deskCameraBrowser);
  const seen = watchConsole(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
  await page.goto(`${demo.url}/embed/csp.html`);
  await toCapture(page);
  // The live analysis runs (in the image worker, a same-origin file: no blob:, no eval) and
  // fires the shutter once the card lies still in the guide: no click.
  await expect(page.locator('[part="guidance"]')).not.toBeEmpty({ timeout: 10_000 });
  await expect(page.locator('canvas[part="preview"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('The photo was taken automatically.')).toBeVisible();
  // The face detector's worker (on WASM) started in the background once the applicant agreed
  // (seconds before the card lay still); both are same-origin files.
  expect([...new Set(workers)].sort()).toEqual([
    '/embed/dist/argos-kyc-face-wasm-worker.js',
    '/embed/dist/argos-kyc-image-worker.js',
  ]);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('Grace Hopper', { timeout: 15_000 });
  await expectNoCspTrouble(page, seen);
  await page.context().close();
});

// Right to left under the same header (issue 16): the locale manifest and the language's file
// come from beside the script, each checked against its pin. Arabic once its file is there;
// always the bidi pseudo-locale, generated from the English (docs/i18n.md).
const ARABIC = fileURLToPath(new URL('../../packages/widget/src/i18n/locales/ar.ts', import.meta.url));
for (const tag of ['ar-XB', ...(existsSync(ARABIC) ? ['ar'] : [])]) {
  test(`right to left (${tag}) under the strict CSP: dir="rtl", consent to the document photo, zero violations`, async ({
    demo,
    deniedBrowser,
  }) => {
    const strings: LocaleStrings =
      tag === 'ar' ? ((await import(ARABIC)) as { default: LocaleStrings }).default : pseudoBidi();
    const page = await phonePage(deniedBrowser);
    const seen = watchConsole(page);
    const files: string[] = [];
    page.on('request', (r) => files.push(new URL(r.url()).pathname));
    await page.goto(`${demo.url}/embed/csp.html?capture=upload&locale=${tag}`);
    await expect(page.getByRole('heading', { name: strings.consent.title })).toBeVisible();
    await expect(page.locator('argos-kyc section.base')).toHaveAttribute('dir', 'rtl');
    expect(files).toContain(`/embed/dist/locales/${tag}.js`);
    expect(files.some((f) => /^\/embed\/dist\/lazy\/locale-manifest-[\w-]+\.js$/.test(f))).toBe(true);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: strings.consent.agree }).click();
    await page.getByLabel(strings.document.type.passport).check();
    await page.getByRole('button', { name: strings.common.continue }).click();
    await expect(page.getByRole('heading', { name: strings.capture.title })).toBeVisible();
    await expectNoCspTrouble(page, seen);
    await page.context().close();
  });
}
