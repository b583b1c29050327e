// What the endpoint says when it refuses a field (the message of the 400 an integrator
// reads in the browser's network panel): it names the field, says what is wrong with
// it, and never repeats the value; an accepted value goes on trimmed.
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../src/index.ts';
import * as v from '../src/validate.ts';

const TODAY = new Date('2026-11-26T12:00:00Z');
const KOREAN_ID = { issuingCountry: 'KOR', idType: 'government_id' } as const;

function refusal(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProxyError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('a refused field', () => {
  it.each<[string, () => unknown, string]>([
    ['is empty', () => v.text('city', '   '), 'city'],
    ['is too long', () => v.text('city', 'Seoul'.repeat(41)), 'city'],
    ['contains control characters', () => v.text('city', 'Seo\u0007ul'), 'city'],
    ['has a value that is not allowed', () => v.oneOf('idType', 'library_card', ['passport']), 'idType'],
    ['is not an email address', () => v.email('email', 'mary.jackson@'), 'email'],
    ['is not an ISO 3166-1 alpha-3 country code', () => v.iso3('nationality', 'XKX'), 'nationality'],
    ['is not a calendar date YYYY-MM-DD from 1900 on', () => v.pastDate('dob', '1981-02-29', TODAY), 'dob'],
    ['is in the future', () => v.pastDate('dob', '2026-12-01', TODAY), 'dob'],
    ['is not a Korean identity number', () => v.koreanIdentityNumber('rrn', '810409-234567'), 'rrn'],
    ['is not a Korean licence number', () => v.koreanLicenseNumber('lic', '11-20-12345-01'), 'lic'],
    ['is not a 6-character serial number', () => v.koreanSerialNumber('serial', 'AB12C'), 'serial'],
    ['is not a plus code', () => v.plusCode('globalCode', '87C4VXX7', 'global'), 'globalCode'],
    ['is not a plus code', () => v.plusCode('compoundCode', 'Washington', 'compound'), 'compoundCode'],
    ['is too long', () => v.addressQuery('address', 'x'.repeat(1000)), 'address'],
    ['has a value that is not allowed', () => v.step1Field('idType', 'library_card'), 'idType'],
    ['is not an email address', () => v.step1Field('email', 'mary.jackson@'), 'email'],
    [
      'is not a Korean identity number',
      () => v.step2Field('identity_number', '810409-23', KOREAN_ID, TODAY),
      'identity_number',
    ],
    ['is in the future', () => v.step2Field('date_of_birth', '2026-11-28', null, TODAY), 'date_of_birth'],
  ])('says it %s, names it, and does not repeat the value', (says, fn, field) => {
    const error = refusal(fn);
    expect(error.code).toBe('invalid_field');
    expect(error.status).toBe(400);
    expect(error.field).toBe(field);
    expect(error.message).toBe(`Field "${field}" ${says}.`);
    for (const value of [
      'Seoul',
      'library_card',
      'mary.jackson',
      'XKX',
      '1981',
      '2026-1',
      '810409',
      '12345',
      'AB12C',
      '87C4',
      'Washington',
    ])
      expect(error.message).not.toContain(value);
  });

  it('a Korean-only field on another document is a field the route does not take, named', () => {
    const error = refusal(() =>
      v.step2Field('identity_number', '810409-2345678', { issuingCountry: 'USA', idType: 'passport' }, TODAY),
    );
    expect([error.code, error.status, error.field]).toEqual(['unknown_field', 400, 'identity_number']);
    expect(error.message).toBe('Field "identity_number" is not taken here.');
  });
});

describe('an accepted field', () => {
  it('goes on trimmed, whatever rule took it', () => {
    expect(v.text('city', '  Seoul \t')).toBe('Seoul');
    expect(v.email('email', ' mary@example.test ')).toBe('mary@example.test');
    expect(v.oneOf('gender', 'female', ['female', 'male'])).toBe('female');
    expect(v.addressQuery('address', ' 1600 Pennsylvania Ave ')).toBe('1600 Pennsylvania Ave');
    expect(v.step1Field('issuingCountry', 'KOR')).toBe('KOR');
    expect(v.step2Field('name', '  Mary Jackson  ', null, TODAY)).toBe('Mary Jackson');
    expect(v.step2Field('identity_number', '810409-2345678', KOREAN_ID, TODAY)).toBe('810409-2345678');
    expect(v.pastDate('dob', '2026-11-27', TODAY)).toBe('2026-11-27');
  });
});
