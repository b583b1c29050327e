// The field rules and the reason mapping, case by case.
import { describe, expect, it } from 'vitest';
import { ISO3_COUNTRIES, ProxyError, reasonOf } from '../src/index.ts';
import * as v from '../src/validate.ts';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ProxyError ? e.code : 'other';
  }
  return 'accepted';
};

describe('reasonOf', () => {
  it.each([
    ['Detect face failed: no face detected in the face image', 'no_face'],
    ['Detect face failed: more than one face detected in the face image', 'multiple_faces'],
    ['More than two faces detected in the face image', 'multiple_faces'],
    ['1. Face compare failed: no matching face', 'face_mismatch'],
    ['Face compare score is below 85', 'face_mismatch'],
    ['1. Liveness check failed: Absolute face size is too small', 'liveness'],
    ['ID verification failed: the identity data does not match the Korean ID records', 'id_verification'],
    ['Something else entirely', 'unknown'],
    [undefined, 'unknown'],
  ])('maps %j to %s', (message, reason) => {
    expect(reasonOf(message)).toBe(reason);
  });
});

describe('field rules', () => {
  it('knows the 249 assigned ISO 3166-1 alpha-3 codes and nothing else', () => {
    expect(ISO3_COUNTRIES.size).toBe(249);
    for (const ok of ['USA', 'KOR', 'DEU', 'SSD', 'ALA'])
      expect(refused(() => v.iso3('c', ok))).toBe('accepted');
    for (const bad of ['XKX', 'EUR', 'usa', 'US', 'UTO', ''])
      expect(refused(() => v.iso3('c', bad))).toBe('invalid_field');
  });

  it('takes real calendar dates from 1900 up to today', () => {
    const today = new Date('2026-11-26T12:00:00Z');
    expect(refused(() => v.pastDate('d', '2024-02-29', today))).toBe('accepted');
    expect(refused(() => v.pastDate('d', '2026-11-27', today))).toBe('accepted');
    for (const bad of ['2023-02-29', '2026-11-28', '1899-12-31', '2020-1-01', '2020-00-10', ' ']) {
      expect(
        refused(() => v.pastDate('d', bad, today)),
        bad,
      ).toBe('invalid_field');
    }
  });

  it('checks emails, lengths and control characters', () => {
    expect(refused(() => v.email('e', 'a.b+c@example.co.uk'))).toBe('accepted');
    for (const bad of ['a@b', 'a b@c.de', '@c.de', 'a@-c.de', `${'a'.repeat(65)}@c.de`])
      expect(
        refused(() => v.email('e', bad)),
        bad,
      ).toBe('invalid_field');
    expect(refused(() => v.text('t', 'x'.repeat(200)))).toBe('accepted');
    expect(refused(() => v.text('t', 'x'.repeat(201)))).toBe('invalid_field');
    expect(refused(() => v.text('t', 'a\u0000b'))).toBe('invalid_field');
  });

  it('judges images by their magic bytes', () => {
    expect(v.sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(v.sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(v.sniffImage(new TextEncoder().encode('GIF89a..'))).toBeNull();
    expect(v.sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('checks the Korean number formats', () => {
    expect(refused(() => v.koreanIdentityNumber('i', '900101-2345678'))).toBe('accepted');
    expect(refused(() => v.koreanIdentityNumber('i', '900101-234567'))).toBe('invalid_field');
    expect(refused(() => v.koreanLicenseNumber('l', '11-20-123456-01'))).toBe('accepted');
    expect(refused(() => v.koreanLicenseNumber('l', '11-20-12345-01'))).toBe('invalid_field');
    expect(refused(() => v.koreanSerialNumber('s', 'AB12CD'))).toBe('accepted');
    expect(refused(() => v.koreanSerialNumber('s', 'AB12C'))).toBe('invalid_field');
  });
});
