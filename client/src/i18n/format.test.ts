import { describe, expect, it } from 'vitest';
import {
  almatyLocalDateTime, almatyToInstant, formatDate, formatDateTime, formatDuration, formatKzt, intlKnowsKazakh, pluralCategory,
  kazakhLongDate, kazakhMediumDateTime, todayInAlmaty,
} from './format';

// Intl puts a no-break space (U+00A0) between thousands and before the tenge sign in kk and ru.
const NBSP = '\u00a0';

describe('formatKzt', () => {
  it('writes the driver-licence duty (125% of the 2026 MCI of 4 325) for each language', () => {
    expect(formatKzt(5406.25, 'kk')).toBe(`5${NBSP}406,25${NBSP}₸`);
    expect(formatKzt(5406.25, 'ru')).toBe(`5${NBSP}406,25${NBSP}₸`);
    expect(formatKzt(5406.25, 'en')).toBe('₸5,406.25');
  });

  it('drops the decimals of whole amounts and keeps two otherwise', () => {
    expect(formatKzt(4325, 'ru')).toBe(`4${NBSP}325${NBSP}₸`);
    expect(formatKzt(1081250, 'kk')).toBe(`1${NBSP}081${NBSP}250${NBSP}₸`);
    expect(formatKzt(432.5, 'en')).toBe('₸432.50');
    expect(formatKzt('432.5', 'ru')).toBe(`432,50${NBSP}₸`);
    expect(formatKzt(0, 'en')).toBe('₸0');
  });
});

describe('formatDate', () => {
  it('writes a calendar date in each language without moving it across zones', () => {
    expect(formatDate('2026-11-30', 'kk')).toBe('2026 ж. 30 қараша');
    expect(formatDate('2026-11-30', 'ru')).toBe('30 ноября 2026 г.');
    expect(formatDate('2026-11-30', 'en')).toBe('November 30, 2026');
    expect(formatDate('2026-01-01', 'ru')).toBe('1 января 2026 г.');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => formatDate('30.11.2026', 'ru')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows instants in Almaty time (UTC+5), 24-hour clock', () => {
    expect(formatDateTime('2026-11-30T08:45:00Z', 'kk')).toBe('2026 ж. 30 қар., 13:45');
    expect(formatDateTime('2026-11-30T08:45:00Z', 'ru')).toBe('30 нояб. 2026 г., 13:45');
    expect(formatDateTime('2026-11-30T08:45:00Z', 'en')).toBe('Nov 30, 2026, 13:45');
  });

  it('moves to the next Almaty day after 19:00 UTC', () => {
    expect(formatDateTime('2026-12-31T19:30:00Z', 'ru')).toBe('1 янв. 2027 г., 00:30');
  });
});

describe('Almaty dates and times', () => {
  it('knows today in Almaty, which starts five hours before UTC midnight', () => {
    expect(todayInAlmaty(new Date('2026-11-27T18:59:00Z'))).toBe('2026-11-27');
    expect(todayInAlmaty(new Date('2026-11-27T19:00:00Z'))).toBe('2026-11-28');
  });

  it('turns Almaty wall-clock time into an instant and back', () => {
    expect(almatyLocalDateTime(new Date('2026-11-27T05:30:00Z'))).toBe('2026-11-27T10:30');
    expect(almatyToInstant('2026-11-27T10:30')).toBe('2026-11-27T05:30:00Z');
    expect(almatyToInstant('2027-01-01T00:15')).toBe('2026-12-31T19:15:00Z');
  });
});

describe('pluralCategory', () => {
  it('gives Intl.PluralRules’ category for every whole count to 1 000 in kk, ru and en', () => {
    for (const [language, locale] of [['kk', 'kk-KZ'], ['ru', 'ru-KZ'], ['en', 'en']] as const) {
      const rules = new Intl.PluralRules(locale);
      for (let count = 0; count <= 1000; count++) {
        expect(`${language} ${count} ${pluralCategory(count, language)}`).toBe(`${language} ${count} ${rules.select(count)}`);
      }
    }
  });
});

describe('formatDuration', () => {
  it('writes the terms of the standards with each language’s plural forms', () => {
    expect(formatDuration('PT6H', 'kk')).toBe('6 сағат');
    expect(formatDuration('PT6H', 'ru')).toBe('6 часов');
    expect(formatDuration('PT6H', 'en')).toBe('6 hours');
    expect(formatDuration('PT3H', 'ru')).toBe('3 часа');
    expect(formatDuration('P1M', 'ru')).toBe('1 месяц');
    expect(formatDuration('P1M', 'en')).toBe('1 month');
    expect(formatDuration('P2M', 'kk')).toBe('2 ай');
    expect(formatDuration('P5D', 'ru')).toBe('5 дней');
    expect(formatDuration('PT48H', 'ru')).toBe('48 часов');
    expect(formatDuration('PT40M', 'ru')).toBe('40 минут');
    expect(formatDuration('PT21M', 'ru')).toBe('21 минута');
    expect(formatDuration('PT1H30M', 'en')).toBe('1 hour 30 minutes');
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatDuration('six hours', 'en')).toBe('six hours');
    expect(formatDuration('P', 'en')).toBe('P');
  });
});

describe('Kazakh without Kazakh ICU data (Chromium)', () => {
  it('runs these tests on a full ICU, so the fallbacks are compared with the real thing', () => {
    expect(intlKnowsKazakh()).toBe(true);
  });

  it.each(Array.from({ length: 12 }, (_, month) => month))('writes month %i as CLDR Kazakh does', (month) => {
    const instant = new Date(Date.UTC(2026, month, 5, 8, 45));
    expect(kazakhLongDate(instant, 'UTC'))
      .toBe(new Intl.DateTimeFormat('kk-KZ', { dateStyle: 'long', timeZone: 'UTC' }).format(instant));
    expect(kazakhMediumDateTime(instant, 'Asia/Almaty'))
      .toBe(new Intl.DateTimeFormat('kk-KZ', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'Asia/Almaty' }).format(instant));
  });

  it('writes Kazakh amounts as ru-KZ does, the locale it falls back to for numbers', () => {
    const kzt = (locale: string, amount: number) => new Intl.NumberFormat(locale, {
      style: 'currency', currency: 'KZT', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 2,
    }).format(amount);
    for (const amount of [0, 5406.25, 1081250, 432.5]) expect(kzt('kk-KZ', amount)).toBe(kzt('ru-KZ', amount));
  });
});
