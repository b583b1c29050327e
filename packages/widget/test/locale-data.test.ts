// The fallback chain (which locale file serves the tag an applicant's browser sends) and
// the direction of each language: docs/i18n.md states these rules.
import { describe, expect, it } from 'vitest';
import { canonicalTag, fallbackChain, localeDirection, pickLocale } from '../src/i18n/locale-data.ts';

/** The 45 of issue 16, Korea's largest migrant communities, and ko (en is en.ts). */
const ALL = new Set(
  'ar bg cs da de el en-GB es es-419 et fa fi fil fr fr-CA he hi hr hu hy id it ja ka ko lt lv ms nl no pl pt pt-BR ro ru sk sl sr sv th tr uk vi zh-CN zh-TW mn uz km ne my'.split(
    ' ',
  ),
);

describe('fallbackChain', () => {
  it.each([
    ['pt-BR', ['pt-BR', 'pt', 'en']],
    ['pt-PT', ['pt-PT', 'pt', 'en']],
    ['es-MX', ['es-MX', 'es-419', 'es', 'en']],
    ['es-419', ['es-419', 'es', 'en']],
    ['es-ES', ['es-ES', 'es', 'en']],
    ['fr-CA', ['fr-CA', 'fr', 'en']],
    ['zh-HK', ['zh-TW', 'en']],
    ['zh-MO', ['zh-TW', 'en']],
    ['zh-Hant', ['zh-TW', 'en']],
    ['zh', ['zh-CN', 'en']],
    ['zh-SG', ['zh-CN', 'en']],
    ['zh-Hans-HK', ['zh-CN', 'en']],
    ['nb-NO', ['no-NO', 'no', 'en']],
    ['nn', ['no', 'en']],
    ['tl', ['fil', 'en']],
    ['iw-IL', ['he-IL', 'he', 'en']],
    ['in', ['id', 'en']],
    ['en-AU', ['en-AU', 'en-GB', 'en']],
    ['en-US', ['en-US', 'en']],
    ['EN_gb', ['en-GB', 'en']],
    ['ko-KR', ['ko-KR', 'ko', 'en']],
  ])('%s -> %j', (tag, chain) => {
    expect(fallbackChain(tag)).toEqual(chain);
  });

  it('canonicalises case as BCP 47 writes it', () => {
    expect(canonicalTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(canonicalTag('ES-419')).toBe('es-419');
  });
});

describe('pickLocale', () => {
  it('takes the first preference some file serves, through its chain', () => {
    expect(pickLocale(['pt-BR'], ALL)).toBe('pt-BR');
    expect(pickLocale(['pt-BR'], new Set(['pt']))).toBe('pt');
    expect(pickLocale(['pt-BR'], new Set(['ko']))).toBe('en');
    expect(pickLocale(['es-AR'], ALL)).toBe('es-419');
    expect(pickLocale(['es-AR'], new Set(['es']))).toBe('es');
    expect(pickLocale(['zh-HK', 'en'], ALL)).toBe('zh-TW');
    expect(pickLocale(['nb'], ALL)).toBe('no');
    expect(pickLocale(['en-NZ'], ALL)).toBe('en-GB');
    expect(pickLocale(['ko-KR', 'ko', 'en-US'], ALL)).toBe('ko');
  });

  it('English asked before another language is English; an unserved one gives way to the next', () => {
    expect(pickLocale(['en-US', 'ko'], ALL)).toBe('en');
    expect(pickLocale(['en-AU', 'ko'], new Set(['ko']))).toBe('en');
    expect(pickLocale(['sw', 'ko'], ALL)).toBe('ko');
    expect(pickLocale(['sw'], ALL)).toBe('en');
    expect(pickLocale([], ALL)).toBe('en');
  });
});

describe('localeDirection', () => {
  it('is rtl for Arabic, Hebrew, Persian, Urdu (any region) and the bidi pseudo-locale', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa', 'ur', 'ar-XB'])
      expect(localeDirection(tag), tag).toBe('rtl');
    for (const tag of ['en', 'ko', 'pt-BR', 'zh-TW', 'hy', 'ka', 'en-XA'])
      expect(localeDirection(tag), tag).toBe('ltr');
  });
});
