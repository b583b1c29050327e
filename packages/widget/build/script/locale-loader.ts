// Stands in for src/i18n/locale-loader.ts in the script-tag build. Which languages exist,
// their direction and each file's hash are in the locale manifest, a lazy chunk pinned by
// this script like every other (locale-manifest.ts): fetched only when a language other
// than US English is asked for, so that 50 languages cost the script nothing.
import type { ChosenLocale } from '../../src/i18n/locale-loader.ts';

export function loadLocaleFor(requested: readonly string[]): Promise<ChosenLocale> {
  return import('./locale-manifest.ts').then((m) => m.chooseLocale(requested));
}
