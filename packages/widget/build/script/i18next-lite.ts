// Stands in for i18next in the script-tag build only (the ESM build keeps i18next,
// shared with the host). It implements exactly the part the widget uses: private
// instances, nested keys, `{{name}}` interpolation without escaping (Lit escapes),
// plurals by `count` (`_zero`, then Intl.PluralRules' category, then `_other`),
// `defaultValue`, a fallback language, getFixedT, changeLanguage and resource
// bundles. test: e2e/tests/embed-build.spec.ts renders every string of every
// language through both and expects the same text. Saves about 15 KB gzip.
type Resources = Record<string, unknown>;
type Options = Record<string, unknown> & { count?: number; defaultValue?: string };

const isBranch = (v: unknown): v is Resources => typeof v === 'object' && v !== null;

/** A copy of `base` with `from`'s strings added at every depth (an existing one kept unless `overwrite`). */
function merge(base: Resources, from: Resources, overwrite: boolean): Resources {
  const out: Resources = { ...base };
  for (const [k, v] of Object.entries(from)) {
    const here = out[k];
    if (isBranch(here) && isBranch(v)) out[k] = merge(here, v, overwrite);
    else if (overwrite || here === undefined) out[k] = v;
  }
  return out;
}
type Translate = (key: string, options?: Options) => string;

interface InitOptions {
  lng?: string;
  fallbackLng?: string;
  resources?: Record<string, { translation: Resources }>;
}

function lookup(resources: Resources | undefined, key: string): string | undefined {
  let node: unknown = resources;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Resources)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, options: Options | undefined): string {
  if (!options) return text;
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.hasOwn(options, name)) return whole;
    const value = options[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

class LiteI18n {
  language = 'en';
  private fallback = 'en';
  private readonly bundles = new Map<string, Resources>();

  init(options: InitOptions): Promise<Translate> {
    this.language = options.lng ?? 'en';
    this.fallback = options.fallbackLng ?? 'en';
    for (const [lng, { translation }] of Object.entries(options.resources ?? {}))
      this.bundles.set(lng, translation);
    return Promise.resolve(this.getFixedT(this.language));
  }

  changeLanguage(lng: string): Promise<Translate> {
    this.language = lng;
    return Promise.resolve(this.getFixedT(lng));
  }

  hasResourceBundle(lng: string, _ns: string): boolean {
    return this.bundles.has(lng);
  }

  /** As i18next's: `deep` merges into the language's strings (a lazy chunk's English, addEnglish) without replacing them. */
  addResourceBundle(lng: string, _ns: string, resources: Resources, deep = false, overwrite = false): this {
    const bundle = this.bundles.get(lng);
    this.bundles.set(lng, deep && bundle ? merge(bundle, resources, overwrite) : resources);
    return this;
  }

  getFixedT(lng: string | null): Translate {
    return (key, options) => this.translate(lng ?? this.language, key, options);
  }

  t(key: string, options?: Options): string {
    return this.translate(this.language, key, options);
  }

  private translate(lng: string, key: string, options: Options | undefined): string {
    const count = options?.count;
    for (const language of lng === this.fallback ? [lng] : [lng, this.fallback]) {
      const bundle = this.bundles.get(language);
      let found: string | undefined;
      if (typeof count === 'number') {
        if (count === 0) found = lookup(bundle, `${key}_zero`);
        found ??= lookup(bundle, `${key}_${new Intl.PluralRules(language).select(count)}`);
        found ??= lookup(bundle, `${key}_other`);
      }
      found ??= lookup(bundle, key);
      if (found !== undefined) return interpolate(found, options);
    }
    return options?.defaultValue !== undefined ? interpolate(options.defaultValue, options) : key;
  }
}

export type i18n = LiteI18n;
export type TFunction = Translate;

const i18next = {
  createInstance: (): LiteI18n => new LiteI18n(),
};
export default i18next;
