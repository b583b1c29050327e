// The widget's build as integrators get it: the size budget fails the build when
// exceeded, the files package.json names exist, the manifest describes the element,
// and the script build's small i18next stand-in says exactly what i18next says.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import i18next from 'i18next';
import lite from '../../packages/widget/build/script/i18next-lite.ts';
import { englishAll as en } from '../../packages/widget/src/i18n/en-all.ts';
import ko from '../../packages/widget/src/i18n/locales/ko.ts';
import { pseudoAccented, pseudoBidi } from '../../packages/widget/src/i18n/pseudo.ts';
import { expect, test, WIDGET } from './embed-fixtures.ts';

function sizeCheck(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'build/size.ts', ...args], {
    cwd: WIDGET,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

test('the size check passes within 40 KB gzip and fails (exit 1) over a smaller budget', () => {
  const ok = sizeCheck();
  expect(ok.status, ok.stderr).toBe(0);
  const gzip = Number(/\((\d+) bytes; budget 40\.0 KB\) ok/.exec(ok.stdout)?.[1]);
  expect(gzip).toBeGreaterThan(5_000);
  expect(gzip).toBeLessThanOrEqual(40 * 1024);
  expect(ok.stdout).toMatch(/integrity="sha384-[A-Za-z0-9+/]{64}"/);
  expect(ok.stdout).toMatch(/ESM without Lit and i18next .*KB gzip/);
  expect(ok.stdout).toMatch(/locales\/ko\.js: .*KB gzip/);
  // The face detector on each path, budgeted: the script tag's files and the ESM's (dist/assets/).
  for (const path of ['face detector on WASM', 'face detector on WebGL/CPU'])
    for (const build of ['', 'ESM '])
      expect(ok.stdout).toMatch(
        new RegExp(`^${build}${path}.* = [\\d.]+ KB gzip \\(budget 500\\.0 KB\\) ok$`, 'm'),
      );
  expect(ok.stdout).toMatch(
    /^ESM face detector on WASM: assets\/face-wasm-worker-[\w-]+\.js .* \+ assets\/tfjs-backend-wasm-simd-[\w-]+\.wasm .* \+ assets\/tiny_face_detector_model-[\w-]+\.bin /m,
  );

  const over = sizeCheck(`--budget-kb=${(gzip - 1) / 1024}`);
  expect(over.status).toBe(1);
  expect(over.stderr).toContain(`size budget exceeded: dist/argos-kyc.js is ${gzip} bytes gzip`);
});

test('every file package.json names is in dist, and the manifest describes <argos-kyc>', ({ widgetDist }) => {
  const pkg = JSON.parse(readFileSync(join(WIDGET, 'package.json'), 'utf8')) as {
    unpkg: string;
    jsdelivr: string;
    customElements: string;
    publishConfig: { exports: Record<string, string | { types: string; default: string }>; types: string };
  };
  const named = [pkg.unpkg, pkg.jsdelivr, pkg.customElements, pkg.publishConfig.types];
  for (const target of Object.values(pkg.publishConfig.exports)) {
    if (typeof target === 'string') {
      if (!target.includes('*')) named.push(target);
    } else named.push(target.types, target.default);
  }
  for (const file of named) expect(existsSync(join(WIDGET, file)), file).toBe(true);
  expect(existsSync(join(widgetDist, 'locales/ko.js'))).toBe(true);
  expect(existsSync(join(widgetDist, 'argos-kyc-image-worker.js'))).toBe(true);

  const manifest = JSON.parse(readFileSync(join(widgetDist, 'custom-elements.json'), 'utf8')) as {
    modules: Array<{
      declarations?: Array<{
        tagName?: string;
        attributes?: Array<{ name: string }>;
        events?: Array<{ name: string }>;
        cssProperties?: Array<{ name: string }>;
        cssParts?: Array<{ name: string }>;
      }>;
    }>;
  };
  const element = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === 'argos-kyc');
  expect(element?.attributes?.map((a) => a.name)).toEqual(
    expect.arrayContaining(['endpoint', 'locale', 'capture', 'disable-resume']),
  );
  expect(element?.events?.map((e) => e.name)).toEqual(
    expect.arrayContaining(['kyc-step-change', 'kyc-error', 'kyc-exit']),
  );
  expect(element?.cssProperties?.map((p) => p.name)).toContain('--argos-kyc-color-primary');
  expect(element?.cssParts?.map((p) => p.name)).toContain('base');
});

/** Every key of a strings object, plural forms folded into their base key. */
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

test("the script build's i18next stand-in renders every string of every language as i18next does", async () => {
  // Every language with a file (the directory is the registry), and the pseudo-locales: ar-XB
  // has Arabic's six plural forms, so _zero, _two, _few and _many are chosen as i18next does.
  const dir = join(WIDGET, 'src/i18n/locales');
  const resources: Record<string, { translation: Record<string, unknown> }> = {
    en: { translation: en },
    'en-XA': { translation: pseudoAccented() },
    'ar-XB': { translation: pseudoBidi() },
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
    resources[file.slice(0, -3)] = {
      translation: (
        (await import(pathToFileURL(join(dir, file)).href)) as { default: Record<string, unknown> }
      ).default,
    };
  const options: Array<Record<string, unknown> | undefined> = [
    undefined,
    { count: 0 },
    { count: 1 },
    { count: 2 },
    { count: 3 },
    { count: 11 },
    { count: 100 },
    { count: 102 },
    { count: 7, percent: 50, type: 'Passport', country: 'Korea', issues: 'too dark, blurry' },
    { defaultValue: 'fallback {{percent}}', percent: 25 },
  ];
  const all = [...new Set([...keys(en), 'no.such.key'])];
  expect(Object.keys(resources)).toContain('ko');
  for (const lng of Object.keys(resources)) {
    const real = i18next.createInstance();
    await real.init({
      lng,
      fallbackLng: 'en',
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    const ours = lite.createInstance();
    await ours.init({ lng, fallbackLng: 'en', resources });
    // i18next's types check keys and options against its own declarations; this compares any string.
    const tReal = real.getFixedT(lng) as unknown as (
      key: string,
      options?: Record<string, unknown>,
    ) => string;
    const tOurs = ours.getFixedT(lng);
    // One comparison per language (an expect per string made 50 languages take minutes); a
    // difference still names its key and options.
    const said = (t: (key: string, option?: Record<string, unknown>) => string) =>
      all.flatMap((key) => options.map((option) => `${key} ${JSON.stringify(option)}: ${t(key, option)}`));
    expect(said(tOurs), lng).toEqual(said(tReal));
  }
  // A bundle added later (a language loaded on demand) is used like i18next's.
  const ours = lite.createInstance();
  await ours.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } } });
  expect(ours.hasResourceBundle('ko', 'translation')).toBe(false);
  ours.addResourceBundle('ko', 'translation', ko);
  await ours.changeLanguage('ko');
  expect(ours.getFixedT('ko')('consent.title')).toBe(ko.consent.title);
});
