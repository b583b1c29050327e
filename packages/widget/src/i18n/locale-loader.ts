// Where the strings of languages other than English come from, in the ESM build and on
// the dev server. THE DIRECTORY IS THE REGISTRY: every file locales/<tag>.ts is a
// language, and the bundler makes each a chunk of its own, loaded only when chosen
// (`import.meta.glob`). The script-tag build swaps this module for
// build/script/locale-loader.ts, which reads the same facts from its pinned manifest.
import type { LocaleStrings } from './en.ts';
import { localeDirection, pickLocale } from './locale-data.ts';

declare global {
  // The one part of Vite's client types used here: the bundler replaces the call with one
  // lazy import per matching file.
  interface ImportMeta {
    glob<T>(pattern: string, options: { import: 'default' }): Record<string, () => Promise<T>>;
  }
}

/** The bundler's loaders; none where no bundler ran (the source imported by Node for SSR speaks English). */
function localeFiles(): Record<string, () => Promise<LocaleStrings>> {
  try {
    return import.meta.glob<LocaleStrings>('./locales/*.ts', { import: 'default' });
  } catch {
    return {};
  }
}
const files = localeFiles();

/** Every language with a file (tag -> loader), and the two generated pseudo-locales (docs/i18n.md). */
export const LOCALE_FILES: Readonly<Record<string, () => Promise<LocaleStrings>>> = {
  ...Object.fromEntries(
    Object.entries(files).map(([path, load]) => [path.slice('./locales/'.length, -'.ts'.length), load]),
  ),
  'en-XA': () => import('./pseudo.ts').then((m) => m.pseudoAccented()),
  'ar-XB': () => import('./pseudo.ts').then((m) => m.pseudoBidi()),
};

/** The language chosen for `requested` (best first), its direction and, but for English, its strings. */
export interface ChosenLocale {
  tag: string;
  dir: 'ltr' | 'rtl';
  strings?: LocaleStrings;
}

/** Chooses among the files through the fallback chain (locale-data.ts) and loads the chosen one. */
export function loadLocaleFor(requested: readonly string[]): Promise<ChosenLocale> {
  const tag = pickLocale(requested, new Set(Object.keys(LOCALE_FILES)));
  const dir = localeDirection(tag);
  const load = LOCALE_FILES[tag];
  return load ? load().then((strings) => ({ tag, dir, strings })) : Promise.resolve({ tag, dir });
}
