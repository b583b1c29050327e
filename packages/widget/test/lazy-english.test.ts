// English a lazy chunk carries for its own screen (addEnglish): an element made before
// the chunk loaded speaks it as soon as it arrives, and so does every later one.
import { describe, expect, it } from 'vitest';
import { addEnglish, createI18n } from '../src/i18n/i18n.ts';

describe('addEnglish', () => {
  it('reaches instances made before and after, beside the English already there', () => {
    const before = createI18n('en');
    expect(before.t('lazyTest.title')).toBe('lazyTest.title');
    addEnglish({ lazyTest: { title: 'From the chunk' }, review: { extraTest: 'Extra' } });
    const after = createI18n('en');
    for (const instance of [before, after]) {
      expect(instance.t('lazyTest.title')).toBe('From the chunk');
      // Merged deep: the review's summary, from en.ts, is still there.
      expect(instance.t('review.extraTest')).toBe('Extra');
      expect(instance.t('review.summary', { count: 2 })).toBe('Please correct 2 fields.');
    }
  });

  it('is English only: a Korean instance falls back to it only for keys Korean lacks', () => {
    addEnglish({ lazyKo: { only: 'English only' } });
    const instance = createI18n('en');
    expect(instance.t('lazyKo.only', { lng: 'ko' })).toBe('English only');
  });
});
