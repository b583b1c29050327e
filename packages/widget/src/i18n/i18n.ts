// One i18next instance per element (never the global one), English and Korean
// bundled, English as the fallback.
import i18next, { type i18n, type TFunction } from 'i18next';
import { en } from './en.ts';
import { ko } from './ko.ts';

/** The languages with complete strings. */
export const SUPPORTED_LOCALES = ['en', 'ko'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/**
 * The first supported language among the requested ones: the `locale` attribute if
 * set, else the browser's preferences. `ko-KR` matches `ko`. Default `en`.
 */
export function resolveLocale(requested: string | null | undefined, preferences: readonly string[] = globalThis.navigator?.languages ?? []): SupportedLocale {
  const candidates = requested ? [requested] : preferences;
  for (const candidate of candidates) {
    const base = candidate.toLowerCase().split('-')[0];
    const hit = SUPPORTED_LOCALES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

/** A private, synchronously ready i18next instance. */
export function createI18n(locale: SupportedLocale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    resources: { en: { translation: en }, ko: { translation: ko } },
    initAsync: false,
    // Lit escapes text bindings itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export type Translate = TFunction;
