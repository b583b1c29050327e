// ONE table of field values, valid and invalid, as they travel on the wire (after the
// client has trimmed them and upper-cased country codes). Run by the protocol's own
// rules (packages/protocol/test/rules.test.ts), by the endpoint on real requests
// (packages/server/test/field-cases.test.ts) and by the core's validation, so the
// browser and the server can never disagree on a value again. Add a case here, not in
// one of those tests.
import type { DocumentContext, Step1TextField, Step2TextField } from '../src/index.ts';

/** One value of one field, and whether both ends take it. */
export type FieldCase =
  | { route: 'step1'; field: Step1TextField; value: string; valid: boolean; why: string }
  | {
      route: 'step2';
      field: Step2TextField;
      value: string;
      valid: boolean;
      /** The document of the submission (step 1); a US passport when absent. */
      document?: DocumentContext;
      why: string;
    };

/** The document a step-2 case assumes unless it names one. */
export const DEFAULT_DOCUMENT: DocumentContext = { issuingCountry: 'USA', idType: 'passport' };
const KOR_ID: DocumentContext = { issuingCountry: 'KOR', idType: 'government_id' };
const KOR_LICENCE: DocumentContext = { issuingCountry: 'KOR', idType: 'drivers_license' };

const ok = (why: string) => ({ valid: true, why });
const bad = (why: string) => ({ valid: false, why });

export const FIELD_CASES: readonly FieldCase[] = [
  // Step 1
  { route: 'step1', field: 'idType', value: 'passport', ...ok('a document type') },
  { route: 'step1', field: 'idType', value: 'government_id', ...ok('a document type') },
  { route: 'step1', field: 'idType', value: 'drivers_license', ...ok('a document type') },
  { route: 'step1', field: 'idType', value: 'visa', ...bad('not a type the vendor takes') },
  { route: 'step1', field: 'idType', value: 'Passport', ...bad('types are lower case') },
  { route: 'step1', field: 'issuingCountry', value: 'USA', ...ok('ISO 3166-1 alpha-3') },
  { route: 'step1', field: 'issuingCountry', value: 'KOR', ...ok('ISO 3166-1 alpha-3') },
  { route: 'step1', field: 'issuingCountry', value: 'ALA', ...ok('an assigned code of a territory') },
  { route: 'step1', field: 'issuingCountry', value: 'SSD', ...ok('a recently assigned code') },
  { route: 'step1', field: 'issuingCountry', value: 'US', ...bad('alpha-2, not alpha-3') },
  { route: 'step1', field: 'issuingCountry', value: 'XKX', ...bad('user-assigned (Kosovo), not ISO') },
  { route: 'step1', field: 'issuingCountry', value: 'EUR', ...bad('not a country') },
  { route: 'step1', field: 'email', value: 'a.b+c@example.co.uk', ...ok('an everyday address') },
  { route: 'step1', field: 'email', value: '김민준@example.kr', ...ok('a Hangul local part') },
  {
    route: 'step1',
    field: 'email',
    value: 'minjun@xn--3e0b707e.kr',
    ...ok('a Korean domain in its ASCII (punycode) form'),
  },
  { route: 'step1', field: 'email', value: 'minjun@한국.kr', ...bad('a domain must be written in ASCII') },
  { route: 'step1', field: 'email', value: 'a@b', ...bad('a domain without a dot') },
  { route: 'step1', field: 'email', value: 'a b@c.de', ...bad('a space') },
  { route: 'step1', field: 'email', value: '@c.de', ...bad('no local part') },
  { route: 'step1', field: 'email', value: 'a@-c.de', ...bad('a label starting with a hyphen') },
  { route: 'step1', field: 'email', value: 'a@b..de', ...bad('an empty label') },
  { route: 'step1', field: 'email', value: `${'a'.repeat(65)}@c.de`, ...bad('a local part over 64') },

  // Step 2: who the applicant is
  { route: 'step2', field: 'name', value: 'Alex Specimen', ...ok('a name') },
  { route: 'step2', field: 'name', value: 'Trump, Donald John', ...ok("the vendor's preferred form") },
  { route: 'step2', field: 'name', value: '김민준', ...ok('a Hangul name') },
  { route: 'step2', field: 'name', value: 'x'.repeat(100), ...ok('at the name length limit') },
  { route: 'step2', field: 'name', value: 'x'.repeat(101), ...bad('over the name length limit') },
  { route: 'step2', field: 'name', value: 'line\nbreak', ...bad('a line break') },
  { route: 'step2', field: 'date_of_birth', value: '1990-01-01', ...ok('a date') },
  { route: 'step2', field: 'date_of_birth', value: '2000-02-29', ...ok('a leap day') },
  { route: 'step2', field: 'date_of_birth', value: '1900-01-01', ...ok('the earliest date') },
  { route: 'step2', field: 'date_of_birth', value: '1899-12-31', ...bad('before 1900') },
  { route: 'step2', field: 'date_of_birth', value: '2023-02-29', ...bad('no leap day that year') },
  { route: 'step2', field: 'date_of_birth', value: '1990-02-30', ...bad('no such day') },
  { route: 'step2', field: 'date_of_birth', value: '2999-01-01', ...bad('in the future') },
  { route: 'step2', field: 'date_of_birth', value: '01/02/1990', ...bad('not YYYY-MM-DD') },
  { route: 'step2', field: 'date_of_birth', value: '1990-1-01', ...bad('a one-digit month') },
  { route: 'step2', field: 'date_of_issue', value: '2020-02-25', ...ok('a date') },
  { route: 'step2', field: 'date_of_issue', value: '2024-13-01', ...bad('no 13th month') },
  { route: 'step2', field: 'gender', value: 'male', ...ok('a gender the vendor takes') },
  { route: 'step2', field: 'gender', value: 'female', ...ok('a gender the vendor takes') },
  { route: 'step2', field: 'gender', value: 'other', ...bad('the vendor takes male or female') },
  { route: 'step2', field: 'nationality', value: 'KOR', ...ok('ISO 3166-1 alpha-3') },
  { route: 'step2', field: 'nationality', value: 'ZZZ', ...bad('not assigned') },
  { route: 'step2', field: 'nationality', value: 'KR', ...bad('alpha-2, not alpha-3') },

  // Step 2: the Korean-only fields
  {
    route: 'step2',
    field: 'identity_number',
    value: '900101-2345678',
    document: KOR_ID,
    ...ok('a resident registration number'),
  },
  {
    route: 'step2',
    field: 'identity_number',
    value: '9001012345678',
    document: KOR_ID,
    ...ok('the dash is optional'),
  },
  {
    route: 'step2',
    field: 'identity_number',
    value: '900101-234567',
    document: KOR_ID,
    ...bad('one digit short'),
  },
  {
    route: 'step2',
    field: 'identity_number',
    value: '900101–2345678',
    document: KOR_ID,
    ...bad('an en dash, not a hyphen'),
  },
  {
    route: 'step2',
    field: 'identity_number',
    value: '900101-2345678',
    ...bad('a US passport has no Korean identity number'),
  },
  {
    route: 'step2',
    field: 'identity_number',
    value: '900101-2345678',
    document: KOR_LICENCE,
    ...ok('a Korean licence carries the identity number too'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '11-20-123456-01',
    document: KOR_LICENCE,
    ...ok('a licence number'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '112012345601',
    document: KOR_LICENCE,
    ...ok('the dashes are optional'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '서울-20-123456-01',
    document: KOR_LICENCE,
    ...bad('the region as a Hangul name: the vendor takes its two digits'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '서울20123456-01',
    document: KOR_LICENCE,
    ...bad('the region as a Hangul name, dashes left out'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '11-20-12345-01',
    document: KOR_LICENCE,
    ...bad('one digit short'),
  },
  {
    route: 'step2',
    field: 'license_number',
    value: '11-20-123456-01',
    document: KOR_ID,
    ...bad('an identity card has no licence number'),
  },
  {
    route: 'step2',
    field: 'serial_number',
    value: 'AB12CD',
    document: KOR_LICENCE,
    ...ok('six letters and digits'),
  },
  {
    route: 'step2',
    field: 'serial_number',
    value: 'ab12cd',
    document: KOR_LICENCE,
    ...ok('lower case letters'),
  },
  {
    route: 'step2',
    field: 'serial_number',
    value: 'AB12C',
    document: KOR_LICENCE,
    ...bad('five characters'),
  },
  {
    route: 'step2',
    field: 'serial_number',
    value: '가나다라마바',
    document: KOR_LICENCE,
    ...bad('Hangul letters: the serial is Latin letters and digits'),
  },
  {
    route: 'step2',
    field: 'serial_number',
    value: 'AB12CD',
    document: KOR_ID,
    ...bad('an identity card has no serial number'),
  },

  // Step 2: where the applicant lives
  { route: 'step2', field: 'address_street', value: '테헤란로 152', ...ok('a Hangul street') },
  { route: 'step2', field: 'address_street', value: 'x'.repeat(201), ...bad('over 200 characters') },
  { route: 'step2', field: 'address_city', value: '서울특별시', ...ok('a Hangul city') },
  { route: 'step2', field: 'address_city', value: 'Seoul\r\nSeoul', ...bad('a line break') },
  { route: 'step2', field: 'address_state', value: 'DC', ...ok('a state') },
  { route: 'step2', field: 'address_state', value: 'x'.repeat(201), ...bad('over 200 characters') },
  {
    route: 'step2',
    field: 'formatted_address',
    value: '152 Teheran-ro, Gangnam-gu, Seoul, South Korea',
    ...ok("the geocoder's line"),
  },
  { route: 'step2', field: 'formatted_address', value: 'a\u0000b', ...bad('a control character') },
  {
    route: 'step2',
    field: 'address_input',
    value: '서울 강남구 테헤란로 152',
    ...ok('what the applicant typed'),
  },
  { route: 'step2', field: 'address_input', value: 'x'.repeat(201), ...bad('over 200 characters') },
  { route: 'step2', field: 'address_detail', value: '12층 1203호', ...ok('floor and flat') },
  { route: 'step2', field: 'address_detail', value: 'x'.repeat(201), ...bad('over 200 characters') },
  { route: 'step2', field: 'address_country', value: 'KOR', ...ok('ISO 3166-1 alpha-3') },
  { route: 'step2', field: 'address_country', value: 'EU', ...bad('not a country') },
  { route: 'step2', field: 'address_zipcode', value: '06236', ...ok('a Korean postal code') },
  { route: 'step2', field: 'address_zipcode', value: '1'.repeat(21), ...bad('over 20 characters') },
  { route: 'step2', field: 'globalCode', value: '87C4VXX7+39', ...ok('a global plus code') },
  { route: 'step2', field: 'globalCode', value: 'not-a-code', ...bad('not a plus code') },
  {
    route: 'step2',
    field: 'compoundCode',
    value: 'VXX7+39 Washington, DC, USA',
    ...ok('a compound plus code'),
  },
  { route: 'step2', field: 'compoundCode', value: 'HXJ5+2V 서울특별시', ...ok('a Hangul locality') },
  { route: 'step2', field: 'compoundCode', value: 'Washington', ...bad('no code') },
];
