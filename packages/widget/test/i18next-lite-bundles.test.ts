// The script tag's i18next stand-in adds resource bundles as i18next does: deep merges
// keep what is there (a lazy chunk's English added to the first screens'), a plain add
// replaces. Without the deep merge, the first lazy chunk to bring its English wiped the
// rest of it: the document screen showed its keys (seen in e2e/tests/cross-origin.spec.ts).
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import lite from '../build/script/i18next-lite.ts';

const base = { document: { title: 'Your ID document', type: { passport: 'Passport' } } };
const chunk = { document: { type: { visa: 'Visa' }, title: 'Not this' }, selfie: { title: 'Take a selfie' } };

function both() {
  return [i18next.createInstance(), lite.createInstance()].map((instance) => {
    void instance.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: { en: { translation: base } },
      initAsync: false,
    });
    return instance;
  });
}

describe('i18next-lite resource bundles', () => {
  it('a deep add keeps every string there and adds the new ones, as i18next does', () => {
    for (const instance of both()) {
      instance.addResourceBundle('en', 'translation', chunk, true, false);
      const t = instance.getFixedT('en');
      expect([
        t('document.title'),
        t('document.type.passport'),
        t('document.type.visa'),
        t('selfie.title'),
      ]).toEqual(['Your ID document', 'Passport', 'Visa', 'Take a selfie']);
    }
  });

  it('a deep add with overwrite replaces a string; a plain add replaces the bundle', () => {
    const [, ours] = both();
    ours!.addResourceBundle('en', 'translation', chunk, true, true);
    expect(ours!.getFixedT('en')('document.title')).toBe('Not this');
    ours!.addResourceBundle('en', 'translation', { other: 'x' });
    expect(ours!.getFixedT('en')('document.title', { defaultValue: 'gone' })).toBe('gone');
  });
});
