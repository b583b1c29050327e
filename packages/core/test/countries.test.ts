import { describe, expect, it } from 'vitest';
import { alpha2, COUNTRY_CODES, isCountryCode } from '../src/index.ts';

describe('ISO 3166-1 country codes', () => {
  it('lists all 249 alpha-3 codes, each once, each with a distinct alpha-2 twin', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(new Set(COUNTRY_CODES.map(alpha2)).size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('maps the codes the vendor and its examples use', () => {
    expect(alpha2('KOR')).toBe('KR');
    expect(alpha2('USA')).toBe('US');
    expect(alpha2('GBR')).toBe('GB');
    expect(isCountryCode('kor')).toBe(false);
    expect(isCountryCode('XKX')).toBe(false);
  });

  it('gives Intl.DisplayNames a region it knows for every code', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) expect(names.of(alpha2(code)!), code).toBeTruthy();
    expect(new Intl.DisplayNames(['ko'], { type: 'region' }).of(alpha2('KOR')!)).toBe('대한민국');
  });
});
