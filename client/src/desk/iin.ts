// The IIN (ЖСН / ИИН) checked as the clerk types, by the same rules as the API
// (modules/Kazgov.Kernel/Identifiers/Iin.cs and CheckDigit.cs): YYMMDD of birth, a digit for
// century and sex (1/2 the 1800s, 3/4 the 1900s, 5/6 the 2000s; odd male, even female), four
// serial digits and a control digit.

export type IinError = 'not-twelve-digits' | 'bad-century-digit' | 'bad-birth-date' | 'born-in-future' | 'bad-check-digit';

export interface IinCheck {
  valid: boolean;
  error?: IinError;
  /** yyyy-MM-dd, as soon as the first seven digits give a real date (also while typing). */
  birthDate?: string;
  male?: boolean;
}

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weighted(digits: string, weights: number[]): number {
  return weights.reduce((sum, weight, i) => sum + Number(digits[i]) * weight, 0);
}

/**
 * The control digit of eleven digits: weights 1…11, sum modulo 11; when that gives 10, a second
 * pass with weights 3…11, 1, 2; when that gives 10 again the number is never issued (null).
 */
export function iinCheckDigit(elevenDigits: string): number | null {
  const first = weighted(elevenDigits, FIRST_WEIGHTS) % 11;
  if (first !== 10) return first;
  const second = weighted(elevenDigits, SECOND_WEIGHTS) % 11;
  return second === 10 ? null : second;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Checks a whole or partly typed IIN; the first error in the API's order wins. With `today`
 * (yyyy-MM-dd, Almaty) a birth date after it is refused, as the API refuses it.
 */
export function checkIin(value: string, today?: string): IinCheck {
  const digits = value.trim();
  if (!/^\d*$/.test(digits)) return { valid: false, error: 'not-twelve-digits' };
  let birthDate: string | undefined;
  let male: boolean | undefined;
  if (digits.length >= 7) {
    const centuryDigit = Number(digits[6]);
    if (centuryDigit < 1 || centuryDigit > 6) return { valid: false, error: 'bad-century-digit' };
    const year = 1800 + Math.floor((centuryDigit - 1) / 2) * 100 + Number(digits.slice(0, 2));
    const month = Number(digits.slice(2, 4));
    const day = Number(digits.slice(4, 6));
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return { valid: false, error: 'bad-birth-date' };
    }
    birthDate = `${String(year).padStart(4, '0')}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
    male = centuryDigit % 2 === 1;
    if (today !== undefined && birthDate > today) return { valid: false, error: 'born-in-future', birthDate, male };
  }
  if (digits.length !== 12) return { valid: false, error: 'not-twelve-digits', birthDate, male };
  if (iinCheckDigit(digits) !== Number(digits[11])) return { valid: false, error: 'bad-check-digit', birthDate, male };
  return { valid: true, birthDate, male };
}

/** Whole years between a birth date and a day (both yyyy-MM-dd). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
