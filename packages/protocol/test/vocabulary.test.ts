// The vocabulary itself: error codes and statuses as docs/protocol.md tables them,
// the reason mapping, the countries, and the package's promise to load anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ERROR_STATUS,
  INCOMPLETE_REASONS,
  ISO3_COUNTRIES,
  MAX_IMAGE_BYTES,
  MAX_STEP2_ATTEMPTS,
  RETRYABLE_BY_DEFAULT,
  alpha2Of,
  isErrorCode,
  isIncompleteReason,
  reasonOf,
  sniffImage,
} from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');

describe('error codes', () => {
  it('are the rows of the table in docs/protocol.md, with the same HTTP statuses and retryable flags', () => {
    const doc = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \| .* \| (yes|no) \|$/gm)].map((m) => ({
      code: m[2]!,
      status: Number(m[1]),
      retryable: m[3] === 'yes',
    }));
    expect(rows.map((r) => r.code).sort()).toEqual([...ERROR_CODES].sort());
    for (const r of rows) {
      expect(ERROR_STATUS[r.code as keyof typeof ERROR_STATUS], r.code).toBe(r.status);
      expect(RETRYABLE_BY_DEFAULT.has(r.code as never), r.code).toBe(r.retryable);
    }
    expect(isErrorCode('token_expired')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});

describe('reasonOf', () => {
  it.each([
    ['Detect face failed: no face detected in the face image', 'no_face'],
    ['More than two faces detected in the face image', 'multiple_faces'],
    ['Face compare score is below 85', 'face_mismatch'],
    ['1. Liveness check failed: Absolute face size is too small', 'liveness'],
    ['ID verification failed: the identity data does not match the Korean ID records', 'id_verification'],
    ['Something else entirely', 'unknown'],
    [undefined, 'unknown'],
  ])('maps %j to %s, one of the reason codes', (message, reason) => {
    expect(reasonOf(message)).toBe(reason);
    expect(isIncompleteReason(reason)).toBe(true);
  });

  it('knows six reasons and nothing else', () => {
    expect(INCOMPLETE_REASONS).toHaveLength(6);
    expect(isIncompleteReason('no_faces')).toBe(false);
  });
});

describe('numbers and tables', () => {
  it('say three attempts, 3 MiB per image and 249 countries, each with its alpha-2 twin', () => {
    expect(MAX_STEP2_ATTEMPTS).toBe(3);
    expect(MAX_IMAGE_BYTES).toBe(3_145_728);
    expect(ISO3_COUNTRIES.size).toBe(249);
    expect(alpha2Of('KOR')).toBe('KR');
    expect(alpha2Of('XKX')).toBeUndefined();
    for (const code of ISO3_COUNTRIES) expect(alpha2Of(code), code).toMatch(/^[A-Z]{2}$/);
  });

  it('judge images by their magic bytes', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });
});

describe('the package', () => {
  it('has no runtime dependencies, imports only its own files, and names no platform global', () => {
    const manifest = JSON.parse(readFileSync(join(here, '../package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const src = join(here, '../src');
    for (const file of readdirSync(src)) {
      const text = readFileSync(join(src, file), 'utf8');
      for (const m of text.matchAll(/\bfrom\s+'([^']+)'/g)) expect(m[1], file).toMatch(/^\.\/[a-z-]+\.ts$/);
      // The code without its comments. (DOM types are refused by its build config: lib ES2022 only.)
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(
        /\b(window|navigator|location|localStorage|indexedDB|process|Buffer|require|globalThis)\b/,
      );
    }
  });
});
