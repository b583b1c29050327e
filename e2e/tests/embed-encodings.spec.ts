// Pages in other encodings (issue 15, item 2): a CDN that serves the script as
// `text/javascript` with no charset leaves the decoding to the page's own encoding.
// The script-tag files are ASCII-only (packages/widget/build/ascii.ts), so a
// windows-1252 page and an EUC-KR page read them as a UTF-8 page does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, phonePage, test, watchConsole } from './embed-fixtures.ts';

/** EUC-KR bytes of `text`, from the table the platform's own decoder implies. */
function eucKr(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('euc-kr');
  for (let lead = 0xa1; lead <= 0xfe; lead++)
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`${char} has no EUC-KR code`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** Serves `html` at `path` and the widget's files as a careless CDN would: no charset anywhere. */
async function legacyPage(page: Page, dist: string, path: string, html: Buffer): Promise<void> {
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route('**/embed/dist/**/*.js', (route) => {
    const file = new URL(route.request().url()).pathname.slice('/embed/dist/'.length);
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(dist, file)) });
  });
}

test.beforeEach(({ demo }) => {
  demo.sandbox.control.reset();
});

test('a windows-1252 page (no charset declared): the widget registers and its English reads right', async ({
  demo,
  deniedBrowser,
  widgetDist,
}) => {
  const page = await phonePage(deniedBrowser);
  const seen = watchConsole(page);
  await page.goto(`${demo.url}/embed/index.html`); // the demo's sign-in cookie
  await legacyPage(
    page,
    widgetDist,
    '/legacy-1252.html',
    Buffer.from(
      '<!doctype html><html lang="en"><title>Legacy</title><script src="/embed/dist/argos-kyc.js" defer></script>' +
        '<argos-kyc endpoint="/kyc"></argos-kyc></html>',
      'latin1',
    ),
  );
  await page.goto(`${demo.url}/legacy-1252.html`);
  expect(await page.evaluate(() => document.characterSet)).toBe('windows-1252');
  await expect(page.getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  // ’ is three bytes in UTF-8; misread, the label would be "Driverâ€™s license".
  await expect(page.getByLabel('Driver’s license')).toBeVisible();
  expect(seen.pageErrors).toEqual([]);
  await page.context().close();
});

test('an EUC-KR page: Korean text and the Korean license rule read right', async ({
  demo,
  deniedBrowser,
  specimen,
  widgetDist,
}) => {
  const page = await phonePage(deniedBrowser);
  const seen = watchConsole(page);
  await page.goto(`${demo.url}/embed/index.html`);
  await legacyPage(
    page,
    widgetDist,
    '/legacy-euc-kr.html',
    eucKr(
      '<!doctype html><html lang="ko"><meta charset="euc-kr"><title>본인 확인</title>' +
        '<script src="/embed/dist/argos-kyc.js" defer></script>' +
        '<h1>회원 가입</h1><argos-kyc endpoint="/kyc" locale="ko" capture="upload"></argos-kyc></html>',
    ),
  );
  await page.goto(`${demo.url}/legacy-euc-kr.html`);
  expect(await page.evaluate(() => document.characterSet)).toBe('EUC-KR');
  await expect(page.getByRole('heading', { name: '회원 가입' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '본인 인증을 진행해 주세요' })).toBeVisible();
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: '동의하고 시작하기' }).click();
  await page.getByLabel('운전면허증').check();
  // A name typed in full (Hangul, on an EUC-KR page) is chosen when the field is left.
  await page.getByRole('combobox', { name: '발급 국가' }).fill('대한민국');
  await page.getByRole('button', { name: '계속' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /이 사진 사용|그대로 사용/ }).click();
  // A license number whose region is written in Hangul: refused by both ends since the rules
  // moved to @argos-kyc/protocol (docs/architecture.md), and the Korean message read right.
  const license = page.locator('#licenseNumber');
  await expect(license).toBeVisible({ timeout: 15_000 });
  await license.fill('서울-15-123456-78');
  await license.blur();
  await expect(license).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#licenseNumber-error')).toHaveText('11-15-123456-78 형식으로 입력해 주세요.');
  await license.fill('11-15-123456-78');
  await license.blur();
  await expect(license).toHaveAttribute('aria-invalid', 'false');
  await page.locator('#identityNumber').fill('900131-1234567');
  await page.locator('#serialNumber').fill('AB12C3');
  await page.locator('#identityNumber').blur();
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  expect(seen.pageErrors).toEqual([]);
  await page.context().close();
});
