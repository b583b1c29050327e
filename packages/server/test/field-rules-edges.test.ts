// The field rules at their edges: what each answers (trimmed), where each limit
// falls, that every pattern is anchored at both ends, and that a refusal names the
// field and the rule, never the value (values are PII).
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../src/index.ts';
import * as v from '../src/validate.ts';

/** The refusal `fn` throws: its code, field and message; or the value it answered. */
function judge(fn: () => unknown): unknown {
  try {
    return { accepted: fn() };
  } catch (e) {
    if (!(e instanceof ProxyError)) throw e;
    return { code: e.code, field: e.field, message: e.message };
  }
}
const refusedAs = (field: string, message: string) => ({ code: 'invalid_field', field, message });

describe('text', () => {
  it('answers the trimmed text, refuses empty, too long and control characters, naming the rule', () => {
    expect(judge(() => v.text('city', '  Seoul \t'))).toEqual({ accepted: 'Seoul' });
    expect(judge(() => v.text('city', ' \t '))).toEqual(refusedAs('city', 'Field "city" is empty.'));
    expect(judge(() => v.text('city', 'x'.repeat(11), 10))).toEqual(
      refusedAs('city', 'Field "city" is too long.'),
    );
    expect(judge(() => v.text('city', ` ${'x'.repeat(10)} `, 10))).toEqual({ accepted: 'x'.repeat(10) });
    // Without a limit: the protocol's 200 characters.
    expect(judge(() => v.text('city', 'x'.repeat(200)))).toEqual({ accepted: 'x'.repeat(200) });
    expect(judge(() => v.text('city', 'x'.repeat(201)))).toEqual(
      refusedAs('city', 'Field "city" is too long.'),
    );
    for (const c of ['\u0000', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f', '\r', '\n'])
      expect(
        judge(() => v.text('city', `a${c}b`)),
        JSON.stringify(c),
      ).toEqual(refusedAs('city', 'Field "city" contains control characters.'));
    expect(judge(() => v.text('city', 'a\tb'))).toEqual({ accepted: 'a\tb' });
    expect(judge(() => v.text('city', 'São Paulo – 서울'))).toEqual({ accepted: 'São Paulo – 서울' });
  });
});

describe('email', () => {
  it('answers the trimmed address and refuses the near misses, without echoing them', () => {
    expect(judge(() => v.email('email', ' a.b+c@mail.example.co.uk '))).toEqual({
      accepted: 'a.b+c@mail.example.co.uk',
    });
    expect(judge(() => v.email('email', `${'a'.repeat(64)}@x-1.example`))).toEqual({
      accepted: `${'a'.repeat(64)}@x-1.example`,
    });
    const long = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(7)}`;
    expect(long.length).toBe(255);
    expect(judge(() => v.email('email', long.slice(0, -1)))).toEqual({ accepted: long.slice(0, -1) });
    const bad = [
      long,
      'a@example',
      'a@example.',
      'a@.example.com',
      'a@exa_mple.com',
      'a@example-.com',
      'a"b@example.com',
      'a<b>@example.com',
      'a@b@example.com',
      'x a@example.com',
      `a@${'b'.repeat(64)}.com`,
      'mailto:a@example.com,',
      'minjun@한국.kr',
    ];
    for (const address of bad)
      expect(
        judge(() => v.email('email', address)),
        address,
      ).toEqual(refusedAs('email', 'Field "email" is not an email address.'));
    expect(judge(() => v.email('email', 'minjun@xn--3e0b707e.kr'))).toEqual({
      accepted: 'minjun@xn--3e0b707e.kr',
    });
    expect(judge(() => v.email('email', `a@${'b'.repeat(63)}.com`))).toEqual({
      accepted: `a@${'b'.repeat(63)}.com`,
    });
  });
});

describe('iso3, oneOf', () => {
  it('trims, then takes only an assigned upper-case code or a listed value', () => {
    expect(judge(() => v.iso3('nationality', ' KOR '))).toEqual({ accepted: 'KOR' });
    for (const bad of ['KORE', 'XKOR', 'K0R', 'kor', 'KR', 'ZZZ'])
      expect(judge(() => v.iso3('nationality', bad))).toEqual(
        refusedAs('nationality', 'Field "nationality" is not an ISO 3166-1 alpha-3 country code.'),
      );
    expect(judge(() => v.oneOf('idType', ' passport ', v.ID_TYPES))).toEqual({ accepted: 'passport' });
    expect(judge(() => v.oneOf('idType', 'Passport', v.ID_TYPES))).toEqual(
      refusedAs('idType', 'Field "idType" has a value that is not allowed.'),
    );
  });
});

describe('pastDate', () => {
  const today = new Date('2026-11-26T23:30:00Z');
  it('answers the trimmed date from 1900-01-01 to tomorrow, and names each refusal', () => {
    expect(judge(() => v.pastDate('birthDate', ' 1900-01-01 ', today))).toEqual({ accepted: '1900-01-01' });
    expect(judge(() => v.pastDate('birthDate', '2026-11-27', today))).toEqual({ accepted: '2026-11-27' });
    expect(judge(() => v.pastDate('birthDate', '2026-11-28', today))).toEqual(
      refusedAs('birthDate', 'Field "birthDate" is in the future.'),
    );
    // Before 1900, not a day of the calendar, not written YYYY-MM-DD: one rule, one message.
    const notADate = refusedAs(
      'birthDate',
      'Field "birthDate" is not a calendar date YYYY-MM-DD from 1900 on.',
    );
    expect(judge(() => v.pastDate('birthDate', '1899-12-31', today))).toEqual(notADate);
    for (const notADay of [
      '2021-02-29',
      '2020-13-01',
      '2020-04-31',
      '2020-01-32',
      '2020-00-01',
      '2020-01-00',
    ])
      expect(
        judge(() => v.pastDate('birthDate', notADay, today)),
        notADay,
      ).toEqual(notADate);
    for (const notYmd of ['x2020-01-01', '2020-01-01x', '20-01-01', '2020/01/01', '2020-1-1'])
      expect(
        judge(() => v.pastDate('birthDate', notYmd, today)),
        notYmd,
      ).toEqual(notADate);
  });

  it('uses the current date when none is given', () => {
    const now = new Date();
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    expect(judge(() => v.pastDate('d', iso(now)))).toEqual({ accepted: iso(now) });
    const later = new Date(now.getTime() + 3 * 86_400_000);
    expect(judge(() => v.pastDate('d', iso(later)))).toMatchObject({ code: 'invalid_field' });
  });
});

describe('plus codes', () => {
  it('takes global and compound codes in either case, anchored at both ends', () => {
    expect(judge(() => v.plusCode('globalCode', ' 87c4vxx7+39 ', 'global'))).toEqual({
      accepted: '87c4vxx7+39',
    });
    expect(judge(() => v.plusCode('globalCode', '87C4VXX7+', 'global'))).toEqual({ accepted: '87C4VXX7+' });
    expect(judge(() => v.plusCode('compoundCode', 'VXX7+39 Washington, DC, USA', 'compound'))).toEqual({
      accepted: 'VXX7+39 Washington, DC, USA',
    });
    expect(judge(() => v.plusCode('compoundCode', 'VXX7+39', 'compound'))).toEqual({ accepted: 'VXX7+39' });
    for (const bad of ['87C4VXX7+3999', 'x87C4VXX7+39', '87C4VXX+39', '87C4VXXA+39', 'VXX7+39 Washington'])
      expect(
        judge(() => v.plusCode('globalCode', bad, 'global')),
        bad,
      ).toEqual(refusedAs('globalCode', 'Field "globalCode" is not a plus code.'));
    for (const bad of ['VXX+39', 'VXX7+39Washington', 'VXX7+3999 Washington', '87C4VXX7+39 Washington'])
      expect(
        judge(() => v.plusCode('compoundCode', bad, 'compound')),
        bad,
      ).toEqual(refusedAs('compoundCode', 'Field "compoundCode" is not a plus code.'));
    // A compound code is a text field too: 200 characters at most.
    expect(judge(() => v.plusCode('compoundCode', `VXX7+39 ${'w'.repeat(192)}`, 'compound'))).toEqual({
      accepted: `VXX7+39 ${'w'.repeat(192)}`,
    });
    expect(judge(() => v.plusCode('compoundCode', `VXX7+39 ${'w'.repeat(193)}`, 'compound'))).toEqual(
      refusedAs('compoundCode', 'Field "compoundCode" is too long.'),
    );
  });
});

describe('Korean numbers', () => {
  it('take their formats with and without dashes, trimmed, anchored at both ends', () => {
    expect(judge(() => v.koreanIdentityNumber('identityNumber', ' 9001012345678 '))).toEqual({
      accepted: '9001012345678',
    });
    for (const bad of ['x900101-2345678', '900101-2345678x', '900101--2345678'])
      expect(
        judge(() => v.koreanIdentityNumber('identityNumber', bad)),
        bad,
      ).toEqual(refusedAs('identityNumber', 'Field "identityNumber" is not a Korean identity number.'));
    expect(judge(() => v.koreanLicenseNumber('licenseNumber', ' 112012345601 '))).toEqual({
      accepted: '112012345601',
    });
    // 12 digits exactly; a region written as a Hangul name is refused (docs/architecture.md).
    for (const bad of [
      'x11-20-123456-01',
      '11-20-123456-01x',
      '1-120-123456-01',
      '11201234560',
      '1120123456012',
      '서울-20-123456-01',
      '서울20123456-01',
    ])
      expect(
        judge(() => v.koreanLicenseNumber('licenseNumber', bad)),
        bad,
      ).toEqual(refusedAs('licenseNumber', 'Field "licenseNumber" is not a Korean licence number.'));
    expect(judge(() => v.koreanSerialNumber('serialNumber', ' ab12cd '))).toEqual({ accepted: 'ab12cd' });
    for (const bad of ['AB12CDE', '-AB12CD', 'AB12CD-', 'AB-12C'])
      expect(
        judge(() => v.koreanSerialNumber('serialNumber', bad)),
        bad,
      ).toEqual(refusedAs('serialNumber', 'Field "serialNumber" is not a 6-character serial number.'));
  });
});

describe('step2Field', () => {
  it('applies the name limit of both ends and takes dates up to tomorrow in UTC', () => {
    const today = new Date('2026-11-26T23:30:00Z');
    expect(judge(() => v.step2Field('name', 'x'.repeat(100), null, today))).toEqual({
      accepted: 'x'.repeat(100),
    });
    expect(judge(() => v.step2Field('name', 'x'.repeat(101), null, today))).toEqual(
      refusedAs('name', 'Field "name" is too long.'),
    );
    expect(judge(() => v.step2Field('date_of_birth', '2026-11-27', null, today))).toEqual({
      accepted: '2026-11-27',
    });
    expect(judge(() => v.step2Field('date_of_birth', '2026-11-28', null, today))).toEqual(
      refusedAs('date_of_birth', 'Field "date_of_birth" is in the future.'),
    );
  });
});
