// One i18next instance per element (never the global one), English bundled as the
// fallback; other languages are loaded on first use (see locale-loader.ts).
import i18next, { type i18n, type TFunction } from 'i18next';
import { en, type LocaleStrings } from './en.ts';
import { loadLocaleFor } from './locale-loader.ts';

/** A language's BCP 47 tag, as its file in locales/ is named (`en` is en.ts). */
export type SupportedLocale = string;

/** The languages asked for, best first: the `locale` attribute if set, else the browser's. */
export function requestedLocales(
  attribute: string | null | undefined,
  preferences: readonly string[] = globalThis.navigator?.languages ?? [],
): readonly string[] {
  return attribute ? [attribute] : preferences;
}

// English lacks what its lazy chunks carry themselves (addEnglish below).
const loaded = new Map<string, LocaleStrings>([['en', en as LocaleStrings]]);
const directions = new Map<string, 'ltr' | 'rtl'>();
/** What was chosen for each request (the requested tags, joined). */
const chosen = new Map<string, string>();
const loading = new Map<string, Promise<string>>();

/**
 * The language already chosen and loaded for `requested`, else null (then `loadLocale`).
 * US English (or nothing asked) is English at once: no file to choose among.
 */
export function loadedLocale(requested: readonly string[]): string | null {
  return /^(en(-us)?)?$/i.test(requested[0] ?? '') ? 'en' : (chosen.get(requested.join()) ?? null);
}

/** `rtl` for a loaded right-to-left language, else `ltr`. */
export const localeDir = (tag: string): 'ltr' | 'rtl' => directions.get(tag) ?? 'ltr';

/**
 * Chooses the language for `requested` (its fallback chain, docs/i18n.md) and loads its
 * strings once: a separate file in the script-tag build, a chunk in ESM builds. Resolves
 * to the chosen tag (`en` when no file serves any).
 */
export function loadLocale(requested: readonly string[]): Promise<string> {
  const key = requested.join();
  let pending = loading.get(key);
  if (!pending) {
    pending = loadLocaleFor(requested).then(
      ({ tag, dir, strings }) => {
        if (strings) loaded.set(tag, strings);
        directions.set(tag, dir);
        chosen.set(key, tag);
        return tag;
      },
      (error: unknown) => {
        loading.delete(key); // a later attempt may succeed (e.g. back online)
        throw error;
      },
    );
    loading.set(key, pending);
  }
  return pending;
}

/** Adds `locale`'s strings, once loaded, to an instance made before they arrived. */
export function addLoadedLocale(instance: i18n, locale: string): void {
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
export function createI18n(locale: string): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries([...loaded].map(([lng, strings]) => [lng, { translation: strings }]));
  void instance.init({
    lng: locale,
    // Every file has every key (LocaleStrings; test/locales.test.ts): English only covers a
    // lazy chunk's strings before they are translated, or a language that failed to load.
    fallbackLng: 'en',
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
