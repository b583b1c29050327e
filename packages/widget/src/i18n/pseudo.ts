// Two pseudo-locales generated from the full English, for development and tests (docs/i18n.md):
//   en-XA  accented, about 35 % longer, in [brackets]: shows text that overflows or is cut,
//          and any visible text that does not come from the locale files (it has no brackets);
//   ar-XB  right to left: every word in a right-to-left override, so that the layout runs as
//          Arabic's would while a developer can still read it.
// {{variables}} stay as they are; each keeps the plural forms Intl.PluralRules gives its tag.
import { englishAll } from './en-all.ts';
import type { LocaleStrings } from './en.ts';

type Tree = { [key: string]: string | Tree };

const PLAIN = 'aeioucnyszgAEIOUCNYSZ';
const ACCENTED = 'åéîöûçñýšžğÅÉÎÖÛÇÑÝŠŽ';
const ACCENTS = new Map([...PLAIN].map((c, i) => [c, ACCENTED[i]!]));

const FILLER = ' one two three four five six seven eight nine ten eleven twelve thirteen';

/** `text` with its words (not its {{variables}}) changed by `word`. */
function mapWords(text: string, word: (w: string) => string): string {
  return text
    .split(/(\{\{\w+\}\})/)
    .map((part) => (part.startsWith('{{') ? part : part.replace(/[A-Za-z][A-Za-z'’]*/g, word)))
    .join('');
}

function accented(text: string): string {
  const body = mapWords(text, (w) => [...w].map((c) => ACCENTS.get(c) ?? c).join(''));
  const extra = Math.ceil(text.length * 0.35);
  return `[${body}${FILLER.repeat(Math.ceil(extra / FILLER.length)).slice(0, extra)}]`;
}

// RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING around each word.
const bidi = (text: string): string => mapWords(text, (w) => `\u202e${w}\u202c`);

/** Every string of `tree` through `change`; every plural gets the categories of `tag`. */
function generate(tree: Tree, change: (s: string) => string, tag: string): Tree {
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value !== 'string') out[key] = generate(value, change, tag);
    else if (key.endsWith('_other')) {
      const base = key.slice(0, -'_other'.length);
      for (const category of new Set([...categories, 'one', 'other']))
        out[`${base}_${category}`] = change((tree[`${base}_${category}`] as string | undefined) ?? value);
    } else if (!key.endsWith('_one')) out[key] = change(value);
  }
  return out;
}

/** en-XA: accented, longer, bracketed English. */
export const pseudoAccented = (): LocaleStrings =>
  generate(englishAll, accented, 'en-XA') as unknown as LocaleStrings;

/** ar-XB: English in right-to-left runs (plural forms as Arabic's). */
export const pseudoBidi = (): LocaleStrings =>
  generate(englishAll, bidi, 'ar-XB') as unknown as LocaleStrings;
