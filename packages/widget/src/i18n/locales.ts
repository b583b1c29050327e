// The ESM build's list of languages, read from the directory of locale files (the
// script-tag build learns it from its manifest, only when it needs it).
import { requestedLocales } from './i18n.ts';
import { pickLocale } from './locale-data.ts';
import { LOCALE_FILES } from './locale-loader.ts';

/** Every language with a file in locales/, and English; not the pseudo-locales (docs/i18n.md). */
export const SUPPORTED_LOCALES: readonly string[] = [
  'en',
  ...Object.keys(LOCALE_FILES)
    .filter((tag) => !/-X[AB]$/.test(tag))
    .sort(),
];

/**
 * The language <argos-kyc> speaks for the `locale` attribute `requested` (else the
 * browser's languages): the first served through its fallback chain, else `en`.
 */
export function resolveLocale(
  requested: string | null | undefined,
  preferences: readonly string[] = globalThis.navigator?.languages ?? [],
): string {
  return pickLocale(requestedLocales(requested, preferences), new Set(Object.keys(LOCALE_FILES)));
}
