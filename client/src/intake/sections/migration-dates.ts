// Calendar arithmetic on yyyy-MM-dd days for the migration sections, the way the API reads it
// (NodaTime): a month added to 31 August gives the last day of February; someone born on
// 29 February has his anniversary on 28 February of a common year.

const parse = (day: string) => day.split('-').map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, '0');
const format = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** NodaTime PlusMonths: the day of month kept, or the month's last day when it has fewer. */
export function plusMonths(day: string, months: number): string {
  const [y, m, d] = parse(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Whole days from one day to another (negative when the second is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether someone born on birthDate is at least `years` old on `today` (NodaTime PlusYears anniversary). */
export function isAtLeast(birthDate: string, years: number, today: string): boolean {
  return plusMonths(birthDate, years * 12) <= today;
}

/** An ISO period of days or months (P90D, P1M, P3M) added to a day; null when not understood. */
export function plusPeriod(day: string, period: string): string | null {
  const match = /^P(?:(\d+)M)?(?:(\d+)D)?$/.exec(period);
  if (!match || (!match[1] && !match[2])) return null;
  return plusDays(plusMonths(day, Number(match[1] ?? 0)), Number(match[2] ?? 0));
}

/** The last day of a term of `period` whose first day is `from` (90 days from 10 March end on 7 June). */
export function lastDay(from: string, period: string): string | null {
  const end = plusPeriod(from, period);
  return end === null ? null : plusDays(end, -1);
}
