// The review and address rules at their edges: which fields a document offers, what
// the OCR prefill keeps, what normalizing drops (a field not offered never travels),
// each check's limit, and the address guess from a geocoder's one-line answer.
import { describe, expect, it } from 'vitest';
import {
  MAX_NAME_LENGTH,
  isValidDate,
  normalizeAddress,
  normalizeReview,
  prefillReview,
  reviewFieldNames,
  suggestAddressFields,
  validateAddress,
  validateEmail,
  validateReview,
  type OcrFields,
  type ReviewFields,
} from '../src/index.ts';

const kor = (idType: 'passport' | 'government_id' | 'drivers_license') => ({
  document: { idType, issuingCountry: 'KOR' },
});
const usa = { document: { idType: 'passport' as const, issuingCountry: 'USA' } };
const OCR: OcrFields = {
  name: null,
  firstName: ' Mary ',
  lastName: 'Jackson ',
  birthDate: ' 1981-04-09 ',
  gender: ' FEMALE ',
  nationality: ' usa ',
  issueDate: '2019-02-30',
  expireDate: null,
  identityNumber: ' 810409-2345678 ',
  licenseNumber: ' 11-15-123456-78 ',
};
const base: ReviewFields = {
  name: 'Mary Jackson',
  birthDate: '1981-04-09',
  gender: '',
  nationality: '',
  issueDate: '',
};

describe('which fields a document offers', () => {
  it('adds the identity number for any Korean document, licence and serial for a Korean licence only', () => {
    const common = ['name', 'birthDate', 'gender', 'nationality', 'issueDate'];
    expect(reviewFieldNames({ document: null })).toEqual(common);
    expect(reviewFieldNames(usa)).toEqual(common);
    expect(reviewFieldNames({ document: { idType: 'drivers_license', issuingCountry: 'USA' } })).toEqual(
      common,
    );
    expect(reviewFieldNames(kor('passport'))).toEqual([...common, 'identityNumber']);
    expect(reviewFieldNames(kor('government_id'))).toEqual([...common, 'identityNumber']);
    expect(reviewFieldNames(kor('drivers_license'))).toEqual([
      ...common,
      'identityNumber',
      'licenseNumber',
      'serialNumber',
    ]);
  });
});

describe('prefillReview', () => {
  it('joins first and last names, normalizes case, keeps only real dates and countries, offered fields only', () => {
    expect(prefillReview(OCR, kor('drivers_license'))).toEqual({
      name: 'Mary Jackson',
      birthDate: '1981-04-09',
      gender: 'female',
      nationality: 'USA',
      issueDate: '',
      identityNumber: '810409-2345678',
      licenseNumber: '11-15-123456-78',
      serialNumber: '',
    });
    expect(prefillReview({ ...OCR, name: ' Full Name ', gender: 'x', nationality: 'ZZZ' }, usa)).toEqual({
      name: 'Full Name',
      birthDate: '1981-04-09',
      gender: '',
      nationality: '',
      issueDate: '',
    });
    expect(prefillReview({ ...OCR, firstName: null, lastName: ' Solo ' }, usa).name).toBe('Solo');
    expect(prefillReview(null, kor('passport'))).toEqual({
      name: '',
      birthDate: '',
      gender: '',
      nationality: '',
      issueDate: '',
      identityNumber: '',
    });
    expect(prefillReview({ ...OCR, gender: 'Male' }, usa).gender).toBe('male');
  });
});

describe('normalizeReview', () => {
  it('trims, collapses spaces in the name, upper-cases the country, and drops what the document does not offer', () => {
    const typed: ReviewFields = {
      name: '  Mary \t  Jackson ',
      birthDate: ' 1981-04-09 ',
      gender: 'other' as never,
      nationality: ' kor ',
      issueDate: ' 2019-06-01 ',
      identityNumber: ' 810409-2345678 ',
      licenseNumber: ' 1 ',
      serialNumber: ' AB12CD ',
    };
    expect(normalizeReview(typed, usa)).toEqual({
      name: 'Mary Jackson',
      birthDate: '1981-04-09',
      gender: '',
      nationality: 'KOR',
      issueDate: '2019-06-01',
    });
    expect(normalizeReview({ ...typed, gender: 'male' }, kor('passport'))).toEqual({
      name: 'Mary Jackson',
      birthDate: '1981-04-09',
      gender: 'male',
      nationality: 'KOR',
      issueDate: '2019-06-01',
      identityNumber: '810409-2345678',
    });
    expect(normalizeReview({ ...typed, gender: 'female' }, kor('drivers_license'))).toMatchObject({
      gender: 'female',
      licenseNumber: '1',
      serialNumber: 'AB12CD',
    });
  });
});

describe('validateReview', () => {
  it('requires name and birth date only, and checks each offered field at its limit', () => {
    expect(validateReview({ ...base, name: ' ', birthDate: '' }, usa)).toEqual({
      name: 'required',
      birthDate: 'required',
    });
    // The name limit both ends apply (docs/architecture.md, "Decisions worth knowing").
    expect(MAX_NAME_LENGTH).toBe(100);
    expect(validateReview({ ...base, name: 'x'.repeat(MAX_NAME_LENGTH) }, usa)).toEqual({});
    expect(validateReview({ ...base, name: 'x'.repeat(MAX_NAME_LENGTH + 1) }, usa)).toEqual({
      name: 'too_long',
    });
    // A normalized review carries the country upper-cased, as the wire does; the rule takes only that.
    expect(validateReview({ ...base, nationality: 'KOR' }, usa)).toEqual({});
    for (const bad of ['kor', 'KORE', 'XKOR', 'KR', 'ZZZ'])
      expect(validateReview({ ...base, nationality: bad }, usa), bad).toEqual({
        nationality: 'invalid_country',
      });
    expect(validateReview({ ...base, birthDate: '1900-01-01' }, usa)).toEqual({});
    expect(validateReview({ ...base, birthDate: '1899-12-31' }, usa)).toEqual({ birthDate: 'invalid_date' });
    expect(validateReview({ ...base, birthDate: '1981-02-29', issueDate: '2019-13-01' }, usa)).toEqual({
      birthDate: 'invalid_date',
      issueDate: 'invalid_date',
    });
  });

  it('refuses a future date only when told today, and an issue date before the birth date', () => {
    expect(validateReview({ ...base, birthDate: '2030-01-01' }, usa)).toEqual({});
    expect(validateReview({ ...base, birthDate: '2026-11-29' }, usa, '2026-11-29')).toEqual({});
    expect(
      validateReview({ ...base, birthDate: '2026-11-30', issueDate: '2026-12-01' }, usa, '2026-11-29'),
    ).toEqual({ birthDate: 'future_date', issueDate: 'future_date' });
    expect(validateReview({ ...base, issueDate: '1981-04-08' }, usa)).toEqual({ issueDate: 'before_birth' });
    expect(validateReview({ ...base, issueDate: '1981-04-09' }, usa)).toEqual({});
    expect(validateReview({ ...base, birthDate: '1981-13-01', issueDate: '1970-01-01' }, usa)).toEqual({
      birthDate: 'invalid_date',
    });
  });

  it('checks the Korean numbers, anchored, dashes optional, a Hangul region refused', () => {
    const ctx = kor('drivers_license');
    const ok = {
      ...base,
      identityNumber: '8104092345678',
      licenseNumber: '11-15-123456-78',
      serialNumber: 'ab12CD',
    };
    expect(validateReview(ok, ctx)).toEqual({});
    expect(validateReview({ ...ok, licenseNumber: '111512345678' }, ctx)).toEqual({});
    // 12 digits exactly; the region as a Hangul name is refused by both ends (docs/architecture.md).
    for (const bad of [
      '11151234567',
      '1115123456789',
      '11-15-123456-7',
      '11-15-123456-78x',
      '11--15-123456-78',
      '서울-15-123456-78',
      '서울15123456-78',
    ])
      expect(validateReview({ ...ok, licenseNumber: bad }, ctx), bad).toEqual({
        licenseNumber: 'invalid_license_number',
      });
    expect(
      validateReview(
        {
          ...ok,
          identityNumber: '810409-23456789',
          licenseNumber: 'x11-15-123456-78',
          serialNumber: 'AB12CD7',
        },
        ctx,
      ),
    ).toEqual({
      identityNumber: 'invalid_identity_number',
      licenseNumber: 'invalid_license_number',
      serialNumber: 'invalid_serial_number',
    });
    expect(validateReview({ ...ok, identityNumber: 'x8104092345678', serialNumber: 'AB12C' }, ctx)).toEqual({
      identityNumber: 'invalid_identity_number',
      serialNumber: 'invalid_serial_number',
    });
    // Not offered for a US passport: not checked (and normalizing drops it anyway).
    expect(validateReview({ ...base, identityNumber: 'nonsense' }, usa)).toEqual({});
  });
});

describe('email and dates', () => {
  it('answers required, invalid_email or nothing, with a 254-character cap', () => {
    expect(validateEmail('  ')).toBe('required');
    expect(validateEmail(' a@b.co ')).toBeUndefined();
    // The endpoint's stricter pattern is the rule at both ends; a domain is ASCII (punycode).
    for (const bad of [
      'a@b',
      'a b@c.de',
      'a@b .de',
      '@b.de',
      'a@b.',
      'a@b..de',
      'a@-c.de',
      'a@c-.de',
      'a"b@c.de',
      'minjun@한국.kr',
      `${'a'.repeat(65)}@c.de`,
      `a@${'b'.repeat(64)}.de`,
    ])
      expect(validateEmail(bad), bad).toBe('invalid_email');
    for (const good of [
      'minjun@xn--3e0b707e.kr',
      '김민준@example.kr',
      `${'a'.repeat(64)}@c.de`,
      `a@${'b'.repeat(63)}.de`,
    ])
      expect(validateEmail(good), good).toBeUndefined();
    // At the cap with every label within 63, then one character over: only the cap refuses it.
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(at254.length).toBe(254);
    expect(validateEmail(at254)).toBeUndefined();
    expect(validateEmail(`${at254}d`)).toBe('invalid_email');
  });

  it('takes real calendar dates from 1900, written exactly YYYY-MM-DD', () => {
    expect(isValidDate('1900-01-01')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    for (const bad of [
      '1899-12-31',
      '2023-02-29',
      '2024-04-31',
      '2024-00-10',
      '2024-1-10',
      ' 2024-01-10',
      '2024-01-10x',
    ])
      expect(isValidDate(bad), bad).toBe(false);
  });
});

describe('addresses', () => {
  it('normalizes spaces and the country case, and needs street, city and a known country within limits', () => {
    const typed = {
      input: ' 1600  Penn ',
      formattedAddress: ' F ',
      compoundCode: ' VXX7+39  Washington, DC, USA ',
      globalCode: ' 87c4vxx7+39 ',
      street: ' 1600 \t Pennsylvania Ave ',
      city: ' Washington ',
      state: ' DC ',
      country: ' usa ',
      zipcode: ' 20500 ',
      detail: ' West  Wing ',
    };
    const address = normalizeAddress(typed);
    expect(address).toEqual({
      input: '1600 Penn',
      formattedAddress: 'F',
      compoundCode: 'VXX7+39 Washington, DC, USA',
      globalCode: '87c4vxx7+39',
      street: '1600 Pennsylvania Ave',
      city: 'Washington',
      state: 'DC',
      country: 'USA',
      zipcode: '20500',
      detail: 'West Wing',
    });
    // The geocoder's line and codes are not the applicant's to fix: one the endpoint would refuse is dropped.
    expect(
      normalizeAddress({
        ...typed,
        formattedAddress: 'f'.repeat(201),
        compoundCode: ' C ',
        globalCode: '87C4VXX7+3999',
      }),
    ).toMatchObject({ formattedAddress: '', compoundCode: '', globalCode: '' });
    expect(normalizeAddress({ ...typed, formattedAddress: 'f'.repeat(200) }).formattedAddress).toBe(
      'f'.repeat(200),
    );
    expect(validateAddress(address)).toEqual({});
    expect(validateAddress({ ...address, street: '', city: '', country: '' })).toEqual({
      street: 'required',
      city: 'required',
      country: 'required',
    });
    expect(validateAddress({ ...address, country: 'ZZZ' })).toEqual({ country: 'invalid_country' });
    expect(validateAddress({ ...address, country: 'USAA' })).toEqual({ country: 'too_long' });
    expect(validateAddress({ ...address, zipcode: '1'.repeat(20), street: 's'.repeat(200) })).toEqual({});
    expect(
      validateAddress({
        ...address,
        zipcode: '1'.repeat(21),
        street: 's'.repeat(201),
        detail: 'd'.repeat(201),
        input: 'i'.repeat(201),
      }),
    ).toEqual({ zipcode: 'too_long', street: 'too_long', detail: 'too_long', input: 'too_long' });
  });

  it.each([
    [
      '1600 Pennsylvania Avenue NW, Washington, DC 20500, USA',
      '1600 Pennsylvania Avenue NW',
      'Washington',
      'DC',
      'USA',
      '20500',
    ],
    [
      '1-1 Shiba, Minato City, Tokyo 105-0011, Japan',
      '1-1 Shiba, Minato City',
      'Tokyo',
      '',
      'JPN',
      '105-0011',
    ],
    ['7 Rue X, 75007 Paris, France', '7 Rue X', 'Paris', '', 'FRA', '75007'],
    ['10 Downing St, London SW1A 2AA, UK', '10 Downing St', 'London', '', 'GBR', 'SW1A 2AA'],
    ['1 Macquarie St, Sydney NSW 2000, Australia', '1 Macquarie St', 'Sydney', 'NSW', 'AUS', '2000'],
    ['Somewhere, Nowhere', 'Somewhere', 'Nowhere', '', '', ''],
    ['Just a place', 'Just a place', '', '', '', ''],
  ])('guesses the fields of %j', (formattedAddress, street, city, state, country, zipcode) => {
    expect(suggestAddressFields('typed', { formattedAddress, compoundCode: 'C', globalCode: 'G' })).toEqual({
      input: 'typed',
      formattedAddress,
      compoundCode: 'C',
      globalCode: 'G',
      street,
      city,
      state,
      country,
      zipcode,
      detail: '',
    });
  });
});
