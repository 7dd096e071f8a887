// Quality indicators (issue 21): the report's shape, the period arithmetic, the formatting of a
// value (a missing value is "no data", never 0 or 100) and the ranking of regions and offices.
// Pure functions only: the pages and the tests share them.
import { LOCALES, intlKnowsKazakh } from '../i18n/format';
import type { Language } from '../i18n/messages';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Breakdown = 'office' | 'region' | 'service';
export type NoDataReason = 'no-source' | 'no-cases';

type Num = number | string;

/** One line of GET /api/v1/indicators: an indicator of one office, region or service in the period (ids and numbers only). */
export interface IndicatorRow {
  officeId?: string | null;
  /** The region's code (by office and by region). */
  region?: string | null;
  service: string;
  indicator: string;
  value?: Num | null;
  numerator?: Num | null;
  denominator?: Num | null;
  meetsNormative?: boolean | null;
  /** no-source or no-cases (a string: the API may name a reason this client does not know yet). */
  noDataReason?: string | null;
}

/** An indicator as one service's standard prints it, given once per report. */
export interface IndicatorOfService {
  service: string;
  indicator: string;
  group: string;
  text: string;
  normative?: Num | null;
  nextYearTarget?: Num | null;
  seedLine?: Num | null;
}

export interface IndicatorReport {
  period: { kind: string; start: string; end: string };
  by: string;
  rows: IndicatorRow[];
  /** The texts and norms of each service's indicators in the rows. */
  indicators: IndicatorOfService[];
  /** The offices of the rows (by office), named in the request's language. */
  offices: { id: string; name: string; region?: string | null }[];
  /** The regions of the rows (by office and by region). */
  regions: { code: string; name: string }[];
}

/** A row with the names and texts the report gives once, as the pages show it. */
export interface ShownRow extends IndicatorRow {
  officeName?: string | null;
  regionName?: string | null;
  group?: string | null;
  text: string;
  normative?: Num | null;
  nextYearTarget?: Num | null;
  seedLine?: Num | null;
}

/** Joins each row with its office's and region's names and its service's text and norms (absent ones stay empty). */
export function shownRows(report: IndicatorReport): ShownRow[] {
  const offices = new Map(report.offices.map((office) => [office.id, office.name]));
  const regions = new Map(report.regions.map((region) => [region.code, region.name]));
  const texts = new Map(report.indicators.map((item) => [`${item.service}\u0000${item.indicator}`, item]));
  return report.rows.map((row) => {
    const item = texts.get(`${row.service}\u0000${row.indicator}`);
    return {
      ...row,
      officeName: row.officeId ? offices.get(row.officeId) ?? null : null,
      regionName: row.region ? regions.get(row.region) ?? null : null,
      group: item?.group ?? null,
      text: item?.text ?? '',
      normative: item?.normative ?? null,
      nextYearTarget: item?.nextYearTarget ?? null,
      seedLine: item?.seedLine ?? null,
    };
  });
}

export interface IndicatorQuery {
  period: PeriodKind;
  start: string;
  by: Breakdown;
  officeId?: string;
  region?: string;
  service?: string;
}

/** The query string of the report and of its export (the same one: the file is the table on screen). */
export function indicatorSearch(query: IndicatorQuery): Record<string, string> {
  const out: Record<string, string> = { period: query.period, start: query.start, by: query.by };
  if (query.officeId) out.officeId = query.officeId;
  if (query.region) out.region = query.region;
  if (query.service) out.service = query.service;
  return out;
}

// ---- periods -------------------------------------------------------------------------------------

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (yyyy-MM-dd): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTHS_OF: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/** The first day of the period of this kind that holds the date (2026-03-10, quarter → 2026-01-01). */
export function periodStart(kind: PeriodKind, date: string): string {
  const [year, month] = parts(date);
  if (kind === 'year') return iso(year, 1, 1);
  if (kind === 'quarter') return iso(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
  return iso(year, month, 1);
}

/** The start of the period `count` periods after (or, negative, before) the one starting at start. */
export function shiftPeriod(kind: PeriodKind, start: string, count: number): string {
  const [year, month] = parts(periodStart(kind, start));
  const index = year * 12 + (month - 1) + count * MONTHS_OF[kind];
  return iso(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The last day of the period starting at start (February of a leap year ends on the 29th). */
export function periodEnd(kind: PeriodKind, start: string): string {
  const [year, month] = parts(shiftPeriod(kind, start, 1));
  const last = new Date(Date.UTC(year, month - 1, 1) - 86_400_000);
  return iso(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate());
}

/** The periods to choose from: the current one (holding today) first, then `count - 1` before it. */
export function recentPeriods(kind: PeriodKind, today: string, count: number): string[] {
  const current = periodStart(kind, today);
  return Array.from({ length: count }, (_, index) => shiftPeriod(kind, current, -index));
}

/** How many periods of each kind the switch offers. */
export const PERIOD_CHOICES: Record<PeriodKind, number> = { month: 12, quarter: 8, year: 4 };

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The period's name: «наурыз 2026» / «март 2026 г.» / «March 2026»; «2026, I тоқсан» / «I квартал 2026» / «Q1 2026»; «2026». */
export function periodLabel(kind: PeriodKind, start: string, language: Language): string {
  const [year, month] = parts(periodStart(kind, start));
  if (kind === 'year') return String(year);
  if (kind === 'quarter') {
    const quarter = Math.floor((month - 1) / 3);
    if (language === 'kk') return `${year} ж. ${ROMAN[quarter]} тоқсан`;
    if (language === 'ru') return `${ROMAN[quarter]} квартал ${year} г.`;
    return `Q${quarter + 1} ${year}`;
  }
  if (language === 'kk' && !intlKnowsKazakh()) return `${year} ж. ${KK_MONTHS[month - 1]}`;
  return new Intl.DateTimeFormat(LOCALES[language], { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, 15)));
}

// ---- values --------------------------------------------------------------------------------------

/** A number of the API (int32 may come as a string), or null when there is none. */
export function numberOrNull(value: Num | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A percentage with at most one decimal: 97.5 → «97,5 %» (kk, ru) or «97.5%» (en); null → null. */
export function formatPercent(value: Num | null | undefined, language: Language): string | null {
  const number = numberOrNull(value);
  if (number === null) return null;
  const locale = language === 'kk' && !intlKnowsKazakh() ? LOCALES.ru : LOCALES[language];
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(number / 100);
}

export type Standing = 'meets' | 'below' | 'no-norm' | 'no-data';

/** How a value stands against its normative, from the API's own verdict (the norm's direction is the API's to know). */
export function standing(row: Pick<ShownRow, 'value' | 'normative' | 'meetsNormative'>): Standing {
  if (numberOrNull(row.value) === null) return 'no-data';
  if (numberOrNull(row.normative) === null || row.meetsNormative == null) return 'no-norm';
  return row.meetsNormative ? 'meets' : 'below';
}

/** The reason a row has no value; the API's, else "no cases" when nothing was counted. */
export function noDataReason(row: Pick<IndicatorRow, 'value' | 'noDataReason' | 'denominator'>): NoDataReason | null {
  if (numberOrNull(row.value) !== null) return null;
  if (row.noDataReason === 'no-source' || row.noDataReason === 'no-cases') return row.noDataReason;
  return 'no-cases';
}

// ---- grouping and ranking ------------------------------------------------------------------------

/** The key of a row in a breakdown: its office, region or service. */
export function keyOf(row: IndicatorRow, by: Breakdown): string {
  if (by === 'office') return row.officeId ?? '';
  if (by === 'region') return row.region ?? '';
  return row.service;
}

export interface Combined {
  key: string;
  name: string;
  value: number | null;
  numerator: number;
  denominator: number;
  noDataReason: NoDataReason | null;
  rows: ShownRow[];
}

/**
 * The rows of one indicator gathered per office, region or service: one row each, or, when the
 * API gives several (one per service), their cases added up (a share of all cases, not a mean of
 * shares). Without counts the single value stands; none of the rows measured → no data.
 */
export function combine(rows: ShownRow[], by: Breakdown, indicator: string, name: (row: ShownRow) => string): Combined[] {
  const groups = new Map<string, ShownRow[]>();
  for (const row of rows) {
    if (row.indicator !== indicator) continue;
    const key = keyOf(row, by);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const measured = group.filter((row) => numberOrNull(row.value) !== null);
    const numerator = measured.reduce((sum, row) => sum + (numberOrNull(row.numerator) ?? 0), 0);
    const denominator = measured.reduce((sum, row) => sum + (numberOrNull(row.denominator) ?? 0), 0);
    let value: number | null = null;
    if (measured.length === 1) value = numberOrNull(measured[0]!.value);
    else if (measured.length > 1 && denominator > 0) value = Math.round((numerator / denominator) * 1000) / 10;
    const reasons = group.map((row) => noDataReason(row));
    const reason = value !== null ? null : reasons.includes('no-cases') ? 'no-cases' : (reasons.find(Boolean) ?? 'no-cases');
    return { key, name: name(group[0]!), value, numerator, denominator, noDataReason: reason, rows: group };
  });
}

export interface Ranked<T> {
  item: T;
  /** 1 for the best; equal values share a rank (1, 1, 3); null for no data (listed last). */
  rank: number | null;
}

/** Best first (highest value), no data last in name order; ties share the rank. */
export function rank<T>(items: T[], value: (item: T) => number | null, name: (item: T) => string, language: Language): Ranked<T>[] {
  const collator = new Intl.Collator(LOCALES[language]);
  const sorted = [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return collator.compare(name(a), name(b));
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || collator.compare(name(a), name(b));
  });
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((item, index) => {
    const v = value(item);
    if (v === null) return { item, rank: null };
    const itemRank = previous !== null && v === previous ? previousRank : index + 1;
    previous = v;
    previousRank = itemRank;
    return { item, rank: itemRank };
  });
}

/** The indicators of a report in their order (1.1, 1.2, 2.1 … 10.1), each once. */
export function indicatorNumbers(rows: IndicatorRow[]): string[] {
  const numbers = [...new Set(rows.map((row) => row.indicator))];
  const key = (n: string) => n.split('.').map(Number);
  return numbers.sort((a, b) => {
    const [a1 = 0, a2 = 0] = key(a);
    const [b1 = 0, b2 = 0] = key(b);
    return a1 - b1 || a2 - b2;
  });
}

/** The file name an export is saved under: indicators-office-2026-03.csv. */
export function exportFileName(query: IndicatorQuery, format: 'csv' | 'xlsx', disposition?: string | null): string {
  const named = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  if (named?.[1]) return decodeURIComponent(named[1]);
  const start = query.period === 'year' ? query.start.slice(0, 4) : query.start.slice(0, 7);
  return `indicators-${query.by}-${query.period}-${start}.${format}`;
}
