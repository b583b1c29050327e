// An error the applicant can get past by trying again must say what happened in its
// own words, never the generic "unexpected error": the endpoint's retryable codes each
// have a message in every language the widget ships.
import { RETRYABLE_BY_DEFAULT } from '../../protocol/src/errors.ts';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import ko from '../src/i18n/locales/ko.ts';

describe('error messages', () => {
  it.each([
    ['en', en],
    ['ko', ko],
  ] as const)('%s: every retryable protocol code has a message of its own', (_name, strings) => {
    const messages: Record<string, string> = strings.error.code;
    for (const code of RETRYABLE_BY_DEFAULT) {
      expect(messages[code], code).toEqual(expect.any(String));
      expect(messages[code], code).not.toBe(messages.default);
    }
  });
});
