// The time left until an application's due instant, or how long it is overdue, in words of the
// UI language: «осталось 22 часа», «просрочено на 1 день 3 часа». Calendar time, to the minute;
// from a day on, minutes are left out.
import { formatDuration, formatNumber } from '../i18n/format';
import { translate, type Language } from '../i18n/messages';
// In the applicant's language, which may not be the page's: all the catalogues (a desk chunk).
import '../i18n/all';

export interface Countdown {
  overdue: boolean;
  /** Whole minutes left (negative when overdue). */
  minutes: number;
  text: string;
}

/** The amount of time in words: days and hours, or hours and minutes under a day. */
export function formatSpan(totalMinutes: number, language: Language): string {
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (totalMinutes === 0) return `${formatNumber(0, language)} ${translate(language, 'unit.minute.many')}`;
  const iso = days > 0
    ? `P${days}D${hours > 0 ? `T${hours}H` : ''}`
    : `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}`;
  return formatDuration(iso, language);
}

export function countdown(dueAt: string, now: Date, language: Language): Countdown {
  const difference = Date.parse(dueAt) - now.getTime();
  // Due at 10:30 means overdue from 10:30 itself; time left is counted down to whole minutes.
  const overdue = difference <= 0;
  const minutes = overdue ? Math.floor(-difference / 60000) : Math.floor(difference / 60000);
  const span = formatSpan(minutes, language);
  return {
    overdue,
    minutes: overdue ? -minutes : minutes,
    text: translate(language, overdue ? 'countdown.overdue' : 'countdown.left', { time: span }),
  };
}
