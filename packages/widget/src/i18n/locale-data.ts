// What the widget knows about languages beside their strings: which locale file serves a
// tag the applicant asks for (the fallback chain) and which way its script runs. Pure
// data and functions, no strings: the ESM build imports it with the loader; the
// script-tag build puts it in its locale manifest (build/script/locale-manifest.ts), so
// that none of it weighs on the eager script. docs/i18n.md explains each rule.

/** Languages written right to left (their base subtag), and the bidi pseudo-locale. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'ckb', 'dv', 'sd', 'ug']);

/** `rtl` for a right-to-left language (`ar`, `he`, `fa`, `ur`…), else `ltr`. */
export function localeDirection(tag: string): 'ltr' | 'rtl' {
  return RTL.has(tag.split('-')[0]!.toLowerCase()) || /-XB$/i.test(tag) ? 'rtl' : 'ltr';
}

/** Old or macro-language codes browsers still send, and the file that speaks them. */
const ALIASES: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', tl: 'fil', nb: 'no', nn: 'no' };

/** Spanish of the Americas (and the US): `es-419` before `es` (Spain's). */
const LATIN_AMERICA = new Set('AR BO CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV US UY VE 419'.split(' '));

/** English of the Commonwealth spells like British English: `en-GB` before `en` (US English). */
const BRITISH_SPELLING = new Set('AU IE NZ ZA IN SG HK MT GI JM KE NG PK MY'.split(' '));

/** `zh-hant-tw` -> `zh-Hant-TW`: BCP 47's case conventions (language lower, script title, region upper). */
export function canonicalTag(tag: string): string {
  return tag
    .replace(/_/g, '-')
    .split('-')
    .filter(Boolean)
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 4 && /^[a-z]+$/i.test(part))
        return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (part.length === 2 || /^\d{3}$/.test(part)) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
}

/**
 * The locale files that may serve `tag`, best first, ending in `en`: `pt-BR` -> pt-BR, pt,
 * en; `es-MX` -> es-419, es, en; `zh-HK` -> zh-TW, en; `nb` -> no, en; `en-AU` -> en-GB, en.
 */
export function fallbackChain(tag: string): string[] {
  const canonical = canonicalTag(tag);
  const [first = '', ...rest] = canonical.split('-');
  const language = ALIASES[first] ?? first;
  const script = rest.find((p) => p.length === 4);
  const region = rest.find((p) => p.length === 2 || /^\d{3}$/.test(p));
  const chain: string[] = [];
  if (language === 'zh') {
    // Traditional characters in Taiwan, Hong Kong and Macau (or asked by script); Simplified elsewhere.
    const traditional = script === 'Hant' || (!script && ['TW', 'HK', 'MO'].includes(region ?? ''));
    chain.push(traditional ? 'zh-TW' : 'zh-CN');
  } else {
    chain.push([language, ...rest].join('-'));
    if (region) chain.push(`${language}-${region}`);
    if (language === 'es' && region && LATIN_AMERICA.has(region)) chain.push('es-419');
    if (language === 'en' && region && BRITISH_SPELLING.has(region)) chain.push('en-GB');
    chain.push(language);
  }
  chain.push('en');
  return [...new Set(chain.filter(Boolean))];
}

/** The first locale among `requested` (best first) that `available` serves through its chain; else `en`. */
export function pickLocale(requested: readonly string[], available: ReadonlySet<string>): string {
  for (const wanted of requested) {
    if (!wanted) continue;
    // `en` closes every chain: a later preference is only tried if no file serves this one.
    const hit = fallbackChain(wanted).find((tag) => tag !== 'en' && available.has(tag));
    if (hit) return hit;
    if (canonicalTag(wanted).split('-')[0] === 'en') return 'en';
  }
  return 'en';
}
