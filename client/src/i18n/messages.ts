// The app's own texts. Kazakh is the default language and the reference catalogue (kk.ts): its keys
// are the keys of every catalogue, so the compiler (and messages.test.ts at run time) refuse a
// language that misses one. {name} placeholders are filled by t(key, { name }).
// Plural forms follow Intl.PluralRules categories: Russian needs one/few/many, Kazakh and
// English use one/other; every unit key has all four so that each language finds its form.
//
// Each language is a chunk of its own (kk.ts, ru.ts, en.ts; issue 22, 4G): the page loads its
// language's before the first render (main.tsx, with a preload from index.html) and another one
// when the user switches (I18nProvider). translate() stays synchronous, so code that prints in a
// language other than the page's (the applicant's papers, the hall display) imports ./all, which
// registers the three; the desk's chunks are lazy, so that costs the catalogue page nothing.

import type { kk } from './kk';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'kk';

export type MessageKey = keyof typeof kk;
export type Catalogue = Record<MessageKey, string>;

const loaded: Partial<Record<Language, Catalogue>> = {};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Makes catalogues available to translate() (./all, tests). */
export function registerCatalogues(catalogues: Partial<Record<Language, Catalogue>>): void {
  Object.assign(loaded, catalogues);
}

export function isCatalogueLoaded(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** Loads a language's catalogue (its own chunk) once; resolves when translate() can use it. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (loaded[language]) return;
  const catalogue: Catalogue =
    language === 'ru' ? (await import('./ru')).ru
      : language === 'en' ? (await import('./en')).en
        : (await import('./kk')).kk;
  loaded[language] = catalogue;
}

/** Whether a (run-time, e.g. a problem code's) key is one of the catalogues' keys. */
export function isMessageKey(key: string): key is MessageKey {
  const catalogue = loaded[DEFAULT_LANGUAGE] ?? Object.values(loaded)[0];
  return catalogue !== undefined && Object.prototype.hasOwnProperty.call(catalogue, key);
}

/** The message in the language, with {name} placeholders filled; an unknown placeholder stays visible. */
export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  // A catalogue not loaded yet is a programming error (a paper in another language must import
  // ./all); rather than a blank page, the text falls back to a loaded language.
  const catalogue = loaded[language] ?? loaded[DEFAULT_LANGUAGE] ?? Object.values(loaded)[0];
  const template = catalogue?.[key] ?? key;
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}
