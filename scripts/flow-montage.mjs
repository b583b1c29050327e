#!/usr/bin/env node
// Regenerates docs/flow-en.png, the README's picture of the flow, from the phone-sized
// screenshots that the e2e run saves in e2e/screenshots/ (run `npm test` first): by default
// the visual spec's light English walk (e2e/tests/visual.spec.ts), the widget without the page.
// Usage: node scripts/flow-montage.mjs [out.png] [screenshot names...]
import { chromium } from 'playwright';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'docs', 'flow-en.png');
const names = process.argv.slice(3);
const shots = names.length
  ? names
  : [
      'visual-phone-light-en-1-consent',
      'visual-phone-light-en-2-document',
      'visual-phone-light-en-3-camera',
      'visual-phone-light-en-6-review',
      'visual-phone-light-en-8-address-found',
      'visual-phone-light-en-9-selfie',
      'visual-phone-light-en-11-result',
      'visual-phone-light-en-exited',
    ];

const figures = shots
  .map((name) => {
    const data = readFileSync(join(root, 'e2e', 'screenshots', `${name}.png`)).toString('base64');
    return `<figure><div class="c"><img src="data:image/png;base64,${data}" alt=""></div><figcaption>${name.replace(/^(visual-phone-[a-z]+-)?[a-z]{2}-(\d+b?-)?/, '')}</figcaption></figure>`;
  })
  .join('');
const html = `<style>body{margin:0;padding:16px;background:#e8ebf0;font:14px system-ui;display:grid;grid-template-columns:repeat(4,234px);gap:14px}
figure{margin:0}.c{height:460px;overflow:hidden;border-radius:10px;background:#fff;box-shadow:0 1px 3px #0003}img{width:234px;display:block}figcaption{text-align:center;padding-top:4px;color:#333}</style>${figures}`;

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 400 } });
await page.setContent(html);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);
