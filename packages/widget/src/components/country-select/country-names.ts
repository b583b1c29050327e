// Localized country names from Intl.DisplayNames (no name table shipped), keyed by
// ISO alpha-3 and sorted for the language.
import { alpha2, COUNTRY_CODES } from '@argos-kyc/core';

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<string, CountryOption[]>();

/** Every country (or those of `allowed`), named and sorted in `locale`. */
export function countryOptions(locale: string, allowed: readonly string[] = []): CountryOption[] {
  let all = cache.get(locale);
  if (!all) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    all = COUNTRY_CODES.map((code) => ({ code, name: names.of(alpha2(code)!) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    cache.set(locale, all);
  }
  return allowed.length ? all.filter((c) => allowed.includes(c.code)) : all;
}

/** The localized name of one alpha-3 code. */
export function countryName(locale: string, code: string): string {
  return countryOptions(locale).find((c) => c.code === code)?.name ?? code;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** The same name, ignoring case and accents. */
export function sameName(name: string, query: string): boolean {
  return fold(name) === fold(query);
}

/** How well an option matches what was typed: 0 its code or its whole name, 1 a name that starts so, 2 the rest. */
export function rank(option: CountryOption, query: string): number {
  const q = fold(query);
  const name = fold(option.name);
  return option.code.toLowerCase() === q || name === q ? 0 : name.startsWith(q) ? 1 : 2;
}

/** Case- and accent-insensitive match on the name or the code. */
export function matchesQuery(option: CountryOption, query: string): boolean {
  const q = fold(query);
  return !q || fold(option.name).includes(q) || option.code.toLowerCase() === q;
}
