// Every language file (src/i18n/locales/<tag>.ts, whatever set is present: the directory is
// the registry) against the full English: exactly its keys, the same {{variables}} in each
// string, the plural forms Intl.PluralRules gives its tag, the header translators keep, and
// every key read through i18next in that language comes from the file. The pseudo-locales too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { englishAll } from '../src/i18n/en-all.ts';
import type { LocaleStrings } from '../src/i18n/en.ts';
import { addEnglish, createI18n, loadLocale, addLoadedLocale, localeDir } from '../src/i18n/i18n.ts';
import { LOCALE_FILES } from '../src/i18n/locale-loader.ts';
import { SUPPORTED_LOCALES } from '../src/i18n/locales.ts';
import { pseudoAccented, pseudoBidi } from '../src/i18n/pseudo.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/i18n/locales');
const tags = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.assign(
    {},
    ...Object.entries(tree).map(([k, v]) =>
      typeof v === 'string' ? { [prefix + k]: v } : flat(v, `${prefix}${k}.`),
    ),
  );
const variables = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

const english = flat(englishAll as unknown as Tree);
const pluralBases = new Set(
  Object.keys(english)
    .filter((k) => k.endsWith('_other'))
    .map((k) => k.slice(0, -6)),
);

/** What is wrong with `strings` as the language `tag` (empty: nothing). */
function problems(tag: string, strings: LocaleStrings): string[] {
  const mine = flat(strings as unknown as Tree);
  const found: string[] = [];
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[];
  for (const [key, text] of Object.entries(english)) {
    if (PLURAL.test(key) && pluralBases.has(key.replace(PLURAL, ''))) continue;
    if (typeof mine[key] !== 'string') found.push(`missing ${key}`);
    else if (variables(mine[key]).join() !== variables(text).join()) found.push(`variables of ${key}`);
    else if (!mine[key].trim()) found.push(`empty ${key}`);
  }
  for (const base of pluralBases) {
    const want = [...new Set([...categories, 'one', 'other'])].map((c) => `${base}_${c}`).sort();
    const have = Object.keys(mine)
      .filter((k) => k.startsWith(`${base}_`) && PLURAL.test(k))
      .sort();
    if (want.join() !== have.join())
      found.push(`plural forms of ${base}: ${have.join(' ')} (want ${want.join(' ')})`);
    for (const k of have)
      if (variables(mine[k]!).some((v) => !variables(english[`${base}_other`]!).includes(v)))
        found.push(`variables of ${k}`);
  }
  for (const key of Object.keys(mine))
    if (!(key in english) && !(PLURAL.test(key) && pluralBases.has(key.replace(PLURAL, ''))))
      found.push(`extra key ${key}`);
  return found;
}

describe('the locale files', () => {
  it('are the registry: every file is a language (with English), each named by its BCP 47 tag', () => {
    expect(SUPPORTED_LOCALES).toEqual(['en', ...tags]);
    expect(Object.keys(LOCALE_FILES).sort()).toEqual([...tags, 'ar-XB', 'en-XA'].sort());
    for (const tag of tags) {
      expect(tag).toMatch(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/);
      expect(Intl.getCanonicalLocales(tag)).toEqual([tag]);
    }
    expect(tags).toContain('ko');
  });

  for (const tag of tags) {
    describe(tag, () => {
      const source = readFileSync(join(dir, `${tag}.ts`), 'utf8');

      it("has English's keys exactly, the same {{variables}}, and its language's plural forms", async () => {
        const strings = (await LOCALE_FILES[tag]!()) as LocaleStrings;
        expect(problems(tag, strings)).toEqual([]);
      });

      it('says its language, glossary and review status at the top, and exports its strings as default', () => {
        // The comment lines before the import: the language's own name and tag, its glossary, its review status.
        const header = /^(?:\/\/.*\n)+/.exec(source)?.[0] ?? '';
        expect(header).toMatch(new RegExp(`^// .+ \\(${tag}(, [^)]+)?\\)\\. Glossary: `));
        expect(header).toMatch(/Not yet reviewed by a native speaker\.|Reviewed by [^.\n]+\./);
        expect(source).toMatch(/^export default strings;$/m);
      });

      it('speaks every key through i18next from its own file', async () => {
        const i18n = createI18n('en');
        addEnglish(englishAll as unknown as Record<string, unknown>);
        expect(await loadLocale([tag])).toBe(tag);
        addLoadedLocale(i18n, tag);
        const mine = flat((await LOCALE_FILES[tag]!()) as unknown as Tree);
        const t = i18n.getFixedT(tag);
        for (const key of Object.keys(english)) {
          if (PLURAL.test(key) && pluralBases.has(key.replace(PLURAL, ''))) {
            const base = key.replace(PLURAL, '');
            for (const count of [0, 1, 2, 3, 5, 11, 21, 100])
              expect(t(base, { count }), `${tag} ${base} ${count}`).toBe(
                mine[`${base}_${new Intl.PluralRules(tag).select(count)}`]!.replaceAll(
                  '{{count}}',
                  String(count),
                ),
              );
          } else expect(t(key, { count: undefined }), `${tag} ${key}`).toBe(mine[key]);
        }
      });
    });
  }
});

describe('the pseudo-locales (generated from the full English)', () => {
  it('en-XA: every string bracketed, accented, about a third longer, with its variables', () => {
    const strings = pseudoAccented();
    expect(problems('en-XA', strings)).toEqual([]);
    const mine = flat(strings as unknown as Tree);
    for (const [key, text] of Object.entries(mine)) {
      expect(text, key).toMatch(/^\[.*\]$/s);
      const base = english[key] ?? english[key.replace(PLURAL, '_other')]!;
      expect(text.length, key).toBeGreaterThanOrEqual(Math.floor(base.length * 1.3));
    }
    expect(mine['consent.title']).toBe('[Vérîfý ýöûr îdéñtîtý one tw]');
  });

  it('ar-XB: right to left, with Arabic plural forms', async () => {
    expect(problems('ar-XB', pseudoBidi())).toEqual([]);
    expect(await loadLocale(['ar-XB'])).toBe('ar-XB');
    expect(localeDir('ar-XB')).toBe('rtl');
    expect(flat(pseudoBidi() as unknown as Tree)['progress.step']).toBe(
      '\u202eStep\u202c {{position}} \u202eof\u202c {{total}}',
    );
  });
});
