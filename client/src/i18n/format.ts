// Dates, times and amounts for the UI language, all through Intl. Instants are shown in
// Asia/Almaty (the zone every deadline of the standards is counted in), whatever the browser's
// zone; calendar dates (yyyy-MM-dd, no zone) are shown as they are.
//
// Chromium's own ICU data has no Kazakh: there Intl formats kk-KZ with the root locale
// («₸ 5,406.25», «2026 M11 30»). When that is so, Kazakh dates are written from CLDR's Kazakh
// patterns below, and Kazakh numbers with ru-KZ's symbols, which CLDR gives Kazakh too
// (no-break space between thousands, decimal comma, ₸ after the amount). format.test.ts checks
// both against full ICU.
import { translate, type Language, type MessageKey } from './messages';

export const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en' };
export const TIME_ZONE = 'Asia/Almaty';

const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const KK_MONTHS_SHORT = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];

let kazakhData: boolean | undefined;

/** Whether this runtime's Intl knows Kazakh (full ICU does, Chromium's does not). */
export function intlKnowsKazakh(): boolean {
  kazakhData ??= new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 15))).toLowerCase() === 'қараша';
  return kazakhData;
}

function numberLocale(language: Language): string {
  return language === 'kk' && !intlKnowsKazakh() ? LOCALES.ru : LOCALES[language];
}

function partsIn(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: Number(part('month')), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** CLDR Kazakh, long date: «y 'ж'. d MMMM» → 2026 ж. 30 қараша. */
export function kazakhLongDate(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${p.year} ж. ${Number(p.day)} ${KK_MONTHS[p.month - 1]}`;
}

/** CLDR Kazakh, medium date and short time: «y 'ж'. dd MMM, HH:mm» → 2026 ж. 30 қар., 13:45. */
export function kazakhMediumDateTime(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${p.year} ж. ${p.day} ${KK_MONTHS_SHORT[p.month - 1]}, ${p.hour}:${p.minute}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateFromIso(date: string): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (yyyy-MM-dd): ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A calendar date, e.g. 2026-11-30 → «30 ноября 2026 г.» (ru). */
export function formatDate(date: string, language: Language): string {
  // The date is pinned to UTC midnight and formatted in UTC, so no zone can move it a day.
  if (language === 'kk' && !intlKnowsKazakh()) return kazakhLongDate(dateFromIso(date), 'UTC');
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(dateFromIso(date));
}

/** An instant, in Almaty time, e.g. 2026-11-30T08:45:00Z → «30 нояб. 2026 г., 13:45» (ru). */
export function formatDateTime(instant: string | Date, language: Language): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (language === 'kk' && !intlKnowsKazakh()) return kazakhMediumDateTime(date, TIME_ZONE);
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(date);
}

/** Tenge: whole amounts without decimals, others with two, e.g. 5406.25 → «5 406,25 ₸» (ru). */
export function formatKzt(amount: number | string, language: Language): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  return new Intl.NumberFormat(numberLocale(language), {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}

export function formatNumber(value: number | string, language: Language): string {
  return new Intl.NumberFormat(numberLocale(language), { maximumFractionDigits: 2 }).format(Number(value));
}

/** Today's date in Almaty as yyyy-MM-dd (the date a fee paid now is paid on). */
export function todayInAlmaty(now: Date = new Date()): string {
  const p = partsIn(now, TIME_ZONE);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${p.day}`;
}

/** The Almaty wall-clock time of an instant as yyyy-MM-ddTHH:mm (what a datetime-local input holds). */
export function almatyLocalDateTime(now: Date = new Date()): string {
  const p = partsIn(now, TIME_ZONE);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * An Almaty wall-clock time (yyyy-MM-ddTHH:mm) as an ISO instant. Kazakhstan has kept one
 * offset all year since 2024 (UTC+5), so the offset of the moment itself is asked of Intl
 * rather than assumed.
 */
export function almatyToInstant(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new RangeError(`Not a local date and time (yyyy-MM-ddTHH:mm): ${local}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const offsetMinutes = (at: number) => {
    const shown = almatyLocalDateTime(new Date(at));
    const [date, time] = shown.split('T') as [string, string];
    const [sy, sm, sd] = date.split('-').map(Number) as [number, number, number];
    const [sh, smi] = time.split(':').map(Number) as [number, number];
    return (Date.UTC(sy, sm - 1, sd, sh, smi) - at) / 60000;
  };
  const instant = guess - offsetMinutes(guess) * 60000;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;

/**
 * CLDR's plural category of a count: for whole numbers the rules of the three languages written
 * out (ru: one/few/many; kk and en: one/other), so that a term needs no Intl.PluralRules; any other
 * number asks Intl. format.test.ts checks the rules against Intl for 0–1 000.
 */
export function pluralCategory(count: number, language: Language): Intl.LDMLPluralRule {
  if (!Number.isInteger(count) || count < 0) return new Intl.PluralRules(LOCALES[language]).select(count);
  if (language !== 'ru') return count === 1 ? 'one' : 'other';
  const last = count % 10;
  const lastTwo = count % 100;
  if (last === 1 && lastTwo !== 11) return 'one';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

/**
 * An ISO-8601 duration in words: PT6H → «6 часов» (ru), P2M → «2 ай» (kk), PT48H → «48 hours».
 * Returns the input unchanged when it is not a duration the standards use.
 */
export function formatDuration(duration: string, language: Language): string {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return duration;
  const words = UNITS.flatMap((unit, index) => {
    const raw = match[index + 1];
    if (raw === undefined) return [];
    const count = Number(raw);
    if (count === 0) return [];
    const key = `unit.${unit}.${pluralCategory(count, language)}` as MessageKey;
    // A whole number under 1 000 is written the same in every locale: no Intl object (and no ICU
    // data loaded) for the catalogue's first paint, where every card shows a term (issue 22, 4G).
    const written = Number.isInteger(count) && count < 1000 ? String(count) : formatNumber(count, language);
    return [`${written} ${translate(language, key)}`];
  });
  return words.length === 0 ? `0 ${translate(language, 'unit.day.many')}` : words.join(' ');
}

/** The Almaty time of day of an instant, e.g. 2026-03-10T07:00:00Z → «12:00». */
export function formatTime(instant: string | Date, language: Language): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(LOCALES[language], {
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE,
  }).format(date);
}
