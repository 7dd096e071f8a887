import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, isMessageKey, LANGUAGES, loadCatalogue, translate } from './messages';
import { catalogues } from './all';

describe('message catalogues', () => {
  const reference = Object.keys(catalogues.kk).sort();

  it.each(LANGUAGES)('%s has exactly the keys of the Kazakh catalogue, none empty', (language) => {
    const catalogue = catalogues[language];
    expect(Object.keys(catalogue).sort()).toEqual(reference);
    expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as Kazakh in every message', (language) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const different = reference.filter((key) =>
      JSON.stringify(placeholders(catalogues[language][key as keyof typeof catalogues.kk]))
        !== JSON.stringify(placeholders(catalogues.kk[key as keyof typeof catalogues.kk])));
    expect(different).toEqual([]);
  });

  it('defaults to Kazakh', () => {
    expect(DEFAULT_LANGUAGE).toBe('kk');
    expect(LANGUAGES).toEqual(['kk', 'ru', 'en']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ru', 'desk.welcome', { name: 'Айгерім' })).toBe('Добро пожаловать, Айгерім');
    expect(translate('kk', 'desk.welcome', { name: 'Айгерім' })).toBe('Қош келдіңіз, Айгерім');
    expect(translate('en', 'offices.shown', { count: 20 })).toBe('Shown: 20');
    expect(translate('en', 'desk.welcome', {})).toBe('Welcome, {name}');
  });

  it('tells the catalogues\' keys from other strings (a problem code read as a key)', async () => {
    await loadCatalogue('en');
    expect(isMessageKey('desk.welcome')).toBe(true);
    expect(isMessageKey('weapons.check.no-such-check')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});
