// One i18next instance per element (never the global one), English bundled as the
// fallback; other languages are loaded on first use (see locale-loader.ts).
import i18next, { type i18n, type TFunction } from 'i18next';
import { en, type Strings } from './en.ts';
import { loadLocaleStrings } from './locale-loader.ts';

/** The languages with complete strings. */
export const SUPPORTED_LOCALES = ['en', 'ko'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/**
 * The first supported language among the requested ones: the `locale` attribute if
 * set, else the browser's preferences. `ko-KR` matches `ko`. Default `en`.
 */
export function resolveLocale(
  requested: string | null | undefined,
  preferences: readonly string[] = globalThis.navigator?.languages ?? [],
): SupportedLocale {
  const candidates = requested ? [requested] : preferences;
  for (const candidate of candidates) {
    const base = candidate.toLowerCase().split('-')[0];
    const hit = SUPPORTED_LOCALES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

// English lacks what its lazy chunks carry themselves (the handoff screen, the capture
// step's live guidance: Strings in en.ts).
const loaded = new Map<SupportedLocale, Strings>([['en', en as Strings]]);
const loading = new Map<SupportedLocale, Promise<Strings>>();

/** Whether `locale`'s strings are here (English always is). */
export function isLocaleLoaded(locale: SupportedLocale): boolean {
  return loaded.has(locale);
}

/** Loads `locale`'s strings once (a separate file in the script-tag build, a chunk in ESM builds). */
export function loadLocale(locale: SupportedLocale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = loadLocaleStrings(locale).then(
      (strings) => {
        loaded.set(locale, strings);
        return strings;
      },
      (error: unknown) => {
        loading.delete(locale); // a later attempt may succeed (e.g. back online)
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending.then(() => undefined);
}

/** Adds `locale`'s strings, once loaded, to an instance made before they arrived. */
export function addLoadedLocale(instance: i18n, locale: SupportedLocale): void {
  const strings = loaded.get(locale);
  if (strings && !instance.hasResourceBundle(locale, 'translation'))
    instance.addResourceBundle(locale, 'translation', strings);
}

/** English that lazy chunks brought, and the instances made so far (weakly), which get it too. */
const englishParts: Record<string, unknown>[] = [];
const instances = new Set<WeakRef<i18n>>();

/**
 * Adds English a lazy chunk carries for its own screen (the script tag's first screens
 * never show it, so it is not in en.ts): to every instance made so far and every later one.
 * A chunk calls it when it loads, before its element renders.
 */
export function addEnglish(part: Record<string, unknown>): void {
  englishParts.push(part);
  for (const ref of instances) {
    const instance = ref.deref();
    if (instance) instance.addResourceBundle('en', 'translation', part, true, false);
    else instances.delete(ref);
  }
}

/**
 * A private, synchronously ready i18next instance with the languages loaded so far;
 * a language not loaded yet (`loadLocale`) falls back to English.
 */
export function createI18n(locale: SupportedLocale): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries([...loaded].map(([lng, strings]) => [lng, { translation: strings }]));
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    resources,
    initAsync: false,
    // Lit escapes text bindings itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  for (const part of englishParts) instance.addResourceBundle('en', 'translation', part, true, false);
  instances.add(new WeakRef(instance));
  return instance;
}

export type Translate = TFunction;
