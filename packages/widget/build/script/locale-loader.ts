// Stands in for src/i18n/locale-loader.ts in the script-tag build: a language other
// than English is `locales/<lang>.js` beside the script, an ES module whose default
// export is the strings (dynamic import works from classic scripts, and the same
// CSP `script-src` that allows the script allows it), checked against the hash the
// script carries (chunk-loader.ts).
import type { Strings } from '../../src/i18n/en.ts';
import { importPinned } from './chunk-loader.ts';

export function loadLocaleStrings(locale: string): Promise<Strings> {
  if (!/^[a-z]{2,3}$/.test(locale)) return Promise.reject(new Error('Unknown locale.'));
  return (importPinned(`locales/${locale}.js`) as Promise<{ default: Strings }>).then((m) => m.default);
}
