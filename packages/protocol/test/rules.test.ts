// The protocol's field rules against the shared table of field cases, and the
// rules' own edges (dates against a given today, the Korean-only fields by document).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addressLanguage,
  countryProblem,
  emailProblem,
  isCalendarDate,
  koreanFieldsFor,
  languageProblem,
  pastDateProblem,
  STEP1_TEXT_FIELDS,
  STEP2_TEXT_FIELDS,
  step1FieldProblem,
  step2FieldProblem,
  textProblem,
  utcDate,
} from '../src/index.ts';
import { DEFAULT_DOCUMENT, FIELD_CASES } from './field-cases.ts';

describe('the shared field cases', () => {
  it('cover every field of both steps with at least one valid and one invalid value', () => {
    const seen = new Map<string, Set<boolean>>();
    for (const c of FIELD_CASES) {
      const key = `${c.route}.${c.field}`;
      seen.set(key, (seen.get(key) ?? new Set()).add(c.valid));
    }
    const every = [
      ...STEP1_TEXT_FIELDS.map((f) => `step1.${f}`),
      ...STEP2_TEXT_FIELDS.map((f) => `step2.${f}`),
    ];
    expect([...seen.keys()].sort()).toEqual(every.sort());
    for (const [key, kinds] of seen) expect([...kinds].sort(), key).toEqual([false, true]);
  });

  it.each(
    FIELD_CASES.map((c) => [c.route, c.field, c.value, c.valid ? 'valid' : 'invalid', c.why, c] as const),
  )('%s %s=%j is %s (%s)', (_route, _field, _value, _verdict, _why, c) => {
    const problem =
      c.route === 'step1'
        ? step1FieldProblem(c.field, c.value)
        : step2FieldProblem(c.field, c.value, {
            document: c.document ?? DEFAULT_DOCUMENT,
            latestDate: utcDate(new Date(), 1),
          });
    if (c.valid) expect(problem).toBeNull();
    else expect(problem).not.toBeNull();
  });
});

describe('the rules', () => {
  it('judge dates against the latest day the caller gives', () => {
    expect(pastDateProblem('2026-11-27', '2026-11-27')).toBeNull();
    expect(pastDateProblem('2026-11-28', '2026-11-27')).toBe('future_date');
    expect(pastDateProblem('2999-01-01')).toBeNull();
    expect(pastDateProblem('1899-12-31')).toBe('invalid_date');
    expect(pastDateProblem(' ')).toBe('required');
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(utcDate(new Date('2026-11-26T23:30:00Z'), 1)).toBe('2026-11-27');
  });

  it('name the problem, never echo the value', () => {
    expect(textProblem('a\u0000b')).toBe('control_characters');
    expect(textProblem('a\tb')).toBeNull();
    expect(textProblem('x'.repeat(201))).toBe('too_long');
    expect(emailProblem('')).toBe('required');
    expect(countryProblem('usa')).toBe('invalid_country');
  });

  it('offer the Korean-only fields by document', () => {
    expect(koreanFieldsFor({ issuingCountry: 'USA', idType: 'drivers_license' })).toEqual([]);
    expect(koreanFieldsFor({ issuingCountry: 'KOR', idType: 'passport' })).toEqual(['identity_number']);
    expect(koreanFieldsFor({ issuingCountry: 'KOR', idType: 'drivers_license' })).toEqual([
      'identity_number',
      'license_number',
      'serial_number',
    ]);
    expect(koreanFieldsFor(null)).toEqual([]);
  });

  it('forward the primary language of every language file the widget has', () => {
    // Read, not imported: the widget's language files are its registry (docs/i18n.md). A
    // language missing here would get its addresses in English without a word.
    const dir = new URL('../../widget/src/i18n/locales/', import.meta.url);
    const tags = readdirSync(dir).map((f) => f.replace(/\.ts$/, ''));
    expect(tags.length).toBeGreaterThanOrEqual(45);
    expect(tags.filter((tag) => addressLanguage(tag) === null)).toEqual([]);
  });

  it('forward a language to the geocoder only as an allowlisted primary language', () => {
    expect(addressLanguage('ko')).toBe('ko');
    expect(addressLanguage('ko-KR')).toBe('ko');
    expect(addressLanguage('pt-BR')).toBe('pt');
    expect(addressLanguage('zh-TW')).toBe('zh');
    expect(addressLanguage('fil')).toBe('fil');
    expect(addressLanguage('en')).toBe('en');
    // Well-formed but not a language of ours: none is forwarded (the vendor answers in English).
    expect(addressLanguage('tlh')).toBeNull();
    expect(addressLanguage('xx-YY')).toBeNull();
    // Malformed tags never get this far: the endpoint refuses them first.
    for (const bad of ['', 'k', 'KO', 'korean', 'ko_KR', 'en"; drop', 'ko-', 'ko-KR-x-very-long-tag'])
      expect(languageProblem(bad)).toBe('invalid_language');
    expect(languageProblem('ko-KR')).toBeNull();
  });
});
