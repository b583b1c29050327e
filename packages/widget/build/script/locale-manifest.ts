// The script-tag build's locale manifest (a lazy chunk, pinned by the script's hash): the
// languages there are, the fallback chain and direction rules (src/i18n/locale-data.ts),
// and the sha384 of each dist/locales/<tag>.js, written in by the build (build.ts). A
// locale file is loaded only against its hash here: a chain of pins, so that an integrator
// who pins argos-kyc.js with `integrity` pins every file that runs.
import type { ChosenLocale } from '../../src/i18n/locale-loader.ts';
import type { LocaleStrings } from '../../src/i18n/en.ts';
import { localeDirection, pickLocale } from '../../src/i18n/locale-data.ts';
import { importPinned } from './chunk-loader.ts';

// Replaced by the build with the JSON of tag -> sha384 of locales/<tag>.js.
const FILES = JSON.parse('__ARGOS_KYC_LOCALE_FILES__') as Record<string, string>;

/** The language for `requested` (best first) among the files, and its strings once checked. */
export function chooseLocale(requested: readonly string[]): Promise<ChosenLocale> {
  const tag = pickLocale(requested, new Set(Object.keys(FILES)));
  const dir = localeDirection(tag);
  const integrity = FILES[tag];
  if (!integrity) return Promise.resolve({ tag, dir });
  return (importPinned(`locales/${tag}.js`, integrity) as Promise<{ default: LocaleStrings }>).then((m) => ({
    tag,
    dir,
    strings: m.default,
  }));
}
