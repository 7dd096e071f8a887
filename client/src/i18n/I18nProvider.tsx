import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_LANGUAGE, isCatalogueLoaded, isLanguage, loadCatalogue, translate, type Language, type MessageKey } from './messages';
import { formatDate, formatDateTime, formatDuration, formatKzt, formatNumber } from './format';
import { setApiLanguage } from '../api/client';

const STORAGE_KEY = 'kazgov.language';

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  date: (date: string) => string;
  dateTime: (instant: string | Date) => string;
  kzt: (amount: number | string) => string;
  number: (value: number | string) => string;
  duration: (duration: string) => string;
  /** Picks the UI language's text of a {kk, ru, en} object from the API. */
  pick: (text: { kk: string; ru: string; en: string }) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initial ?? storedLanguage());
  const wanted = useRef(language);

  // The API client sends Accept-Language from here, so problems come back in the same language.
  setApiLanguage(language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    // Each language is a chunk of its own (messages.ts): the page switches once its texts are in,
    // unless another language was chosen meanwhile.
    wanted.current = next;
    if (isCatalogueLoaded(next)) setLanguageState(next);
    else loadCatalogue(next).then(() => wanted.current === next && setLanguageState(next), () => undefined);
  }, []);

  const value = useMemo<I18n>(() => ({
    language,
    setLanguage,
    t: (key, values) => translate(language, key, values),
    date: (date) => formatDate(date, language),
    dateTime: (instant) => formatDateTime(instant, language),
    kzt: (amount) => formatKzt(amount, language),
    number: (n) => formatNumber(n, language),
    duration: (d) => formatDuration(d, language),
    pick: (text) => text[language],
  }), [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}
