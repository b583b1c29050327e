// A list inside a sentence in the applicant's language (the quality notices name each issue).
import { describe, expect, it } from 'vitest';
import { listOf } from '../src/i18n/list.ts';

describe('listOf', () => {
  it('joins as the language writes a list, not with an English comma', () => {
    expect(listOf(['it is too dark', 'it is blurry'], 'en')).toBe('it is too dark and it is blurry');
    expect(listOf(['أ', 'ب'], 'ar')).toBe('أ وب');
    expect(listOf(['暗い', 'ぼやけている'], 'ja')).toBe('暗い、ぼやけている');
    expect(listOf(['one'], 'ko')).toBe('one');
  });

  it('falls back to a comma where Intl cannot read the tag', () => {
    expect(listOf(['a', 'b'], 'not a tag!')).toBe('a, b');
  });
});
