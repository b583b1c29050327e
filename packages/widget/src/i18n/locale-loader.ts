// Where the strings of languages other than English come from. In the ESM build and
// on the dev server: a dynamic import, which the host's bundler splits into a chunk
// of its own. The script-tag build swaps this module for build/script/locale-loader.ts,
// which loads `locales/<lang>.js` from beside the script.
import type { Strings } from './en.ts';

/** The strings of `locale` (any supported language but English). */
export function loadLocaleStrings(locale: string): Promise<Strings> {
  switch (locale) {
    case 'ko':
      return import('./ko.ts').then((m) => m.ko);
    default:
      return Promise.reject(new Error(`No strings for locale ${locale}.`));
  }
}
