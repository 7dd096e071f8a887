import { describe, expect, it } from 'vitest';
import {
  combine, exportFileName, formatPercent, indicatorNumbers, indicatorSearch, noDataReason, periodEnd, periodLabel, periodStart,
  rank, recentPeriods, shiftPeriod, shownRows, standing, type IndicatorReport, type ShownRow,
} from './indicators';
import { visibleNav } from '../layout/AppLayout';

const NBSP = '\u00a0';

function row(partial: Partial<ShownRow>): ShownRow {
  return {
    service: 'citizenship', indicator: '1.1', text: 'share within term', value: null, numerator: 0, denominator: 0,
    normative: 99, nextYearTarget: 99, meetsNormative: null, noDataReason: null, ...partial,
  };
}

describe('periods', () => {
  it('finds the first day of the month, quarter and year holding a date', () => {
    expect(periodStart('month', '2026-03-10')).toBe('2026-03-01');
    expect(periodStart('quarter', '2026-03-10')).toBe('2026-01-01');
    expect(periodStart('quarter', '2026-04-01')).toBe('2026-04-01');
    expect(periodStart('quarter', '2026-12-31')).toBe('2026-10-01');
    expect(periodStart('year', '2026-03-10')).toBe('2026-01-01');
    expect(() => periodStart('month', '10.03.2026')).toThrow(RangeError);
  });

  it('ends a period on its last day, February of a leap year on the 29th', () => {
    expect(periodEnd('month', '2026-03-01')).toBe('2026-03-31');
    expect(periodEnd('month', '2026-02-01')).toBe('2026-02-28');
    expect(periodEnd('month', '2028-02-01')).toBe('2028-02-29');
    expect(periodEnd('quarter', '2026-01-01')).toBe('2026-03-31');
    expect(periodEnd('quarter', '2026-10-01')).toBe('2026-12-31');
    expect(periodEnd('year', '2026-01-01')).toBe('2026-12-31');
  });

  it('moves across year ends both ways', () => {
    expect(shiftPeriod('month', '2026-01-01', -1)).toBe('2025-12-01');
    expect(shiftPeriod('month', '2025-12-01', 1)).toBe('2026-01-01');
    expect(shiftPeriod('quarter', '2026-01-01', -1)).toBe('2025-10-01');
    expect(shiftPeriod('quarter', '2026-02-15', 2)).toBe('2026-07-01');
    expect(shiftPeriod('year', '2026-06-01', -3)).toBe('2023-01-01');
  });

  it('offers the current period first, then the ones before it', () => {
    expect(recentPeriods('month', '2026-03-10', 4)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01', '2025-12-01']);
    expect(recentPeriods('quarter', '2026-03-10', 3)).toEqual(['2026-01-01', '2025-10-01', '2025-07-01']);
    expect(recentPeriods('year', '2026-03-10', 2)).toEqual(['2026-01-01', '2025-01-01']);
  });

  it('names periods in each language', () => {
    expect(periodLabel('month', '2026-03-01', 'kk')).toMatch(/^2026 ж\. наурыз$|^наурыз 2026/);
    expect(periodLabel('month', '2026-03-01', 'ru')).toBe('март 2026 г.');
    expect(periodLabel('month', '2026-03-01', 'en')).toBe('March 2026');
    expect(periodLabel('quarter', '2026-04-01', 'kk')).toBe('2026 ж. II тоқсан');
    expect(periodLabel('quarter', '2026-04-01', 'ru')).toBe('II квартал 2026 г.');
    expect(periodLabel('quarter', '2026-12-01', 'en')).toBe('Q4 2026');
    expect(periodLabel('year', '2026-01-01', 'en')).toBe('2026');
  });
});

describe('values', () => {
  it('formats a percentage with at most one decimal', () => {
    expect(formatPercent(97.5, 'en')).toBe('97.5%');
    expect(formatPercent('100', 'en')).toBe('100%');
    expect(formatPercent(97.5, 'ru')).toBe(`97,5${NBSP}%`);
    expect(formatPercent(0, 'ru')).toBe(`0${NBSP}%`);
    expect(formatPercent(33.333, 'en')).toBe('33.3%');
  });

  it('has no number for a missing value: never 0, never 100', () => {
    expect(formatPercent(null, 'en')).toBeNull();
    expect(formatPercent(undefined, 'kk')).toBeNull();
    expect(formatPercent('', 'ru')).toBeNull();
  });

  it('gives the reason there is no value, the API\'s first', () => {
    expect(noDataReason(row({ value: 50 }))).toBeNull();
    expect(noDataReason(row({ value: 0 }))).toBeNull();
    expect(noDataReason(row({ value: null, noDataReason: 'no-source' }))).toBe('no-source');
    expect(noDataReason(row({ value: null }))).toBe('no-cases');
  });

  it('takes the standing from the API\'s verdict', () => {
    expect(standing(row({ value: 100, meetsNormative: true }))).toBe('meets');
    expect(standing(row({ value: 0, meetsNormative: false }))).toBe('below');
    expect(standing(row({ value: 80, normative: null, meetsNormative: null }))).toBe('no-norm');
    expect(standing(row({ value: null, meetsNormative: null }))).toBe('no-data');
  });
});

describe('the compact report', () => {
  const report: IndicatorReport = {
    period: { kind: 'month', start: '2026-07-01', end: '2026-07-31' },
    by: 'office',
    rows: [
      { officeId: 'a', region: 'astana', service: 'citizenship', indicator: '1.1', value: 75, numerator: 3, denominator: 4, meetsNormative: false, noDataReason: null },
      { officeId: 'a', region: 'astana', service: 'driver-licence', indicator: '1.1', value: null, numerator: 0, denominator: 0, meetsNormative: null, noDataReason: 'no-cases' },
      { officeId: 'b', region: 'almaty', service: 'citizenship', indicator: '2.2', value: null, numerator: null, denominator: null, meetsNormative: null, noDataReason: 'no-source' },
    ],
    indicators: [
      { service: 'citizenship', indicator: '1.1', group: 'Timeliness', text: 'within term', normative: 99, nextYearTarget: 99, seedLine: 14046 },
      { service: 'citizenship', indicator: '2.2', group: 'Quality', text: 'correctly executed', normative: '90', nextYearTarget: null, seedLine: 14076 },
      { service: 'driver-licence', indicator: '1.1', group: 'Timeliness', text: 'within term (no appendix)', normative: null, nextYearTarget: null, seedLine: null },
    ],
    offices: [{ id: 'a', name: 'Office A', region: 'astana' }, { id: 'b', name: 'Office B', region: 'almaty' }],
    regions: [{ code: 'almaty', name: 'Almaty city' }, { code: 'astana', name: 'Astana city' }],
  };

  it('joins each row with the names and texts given once, per service', () => {
    const shown = shownRows(report);
    expect(shown.map((r) => [r.officeName, r.regionName, r.text, r.normative, r.seedLine])).toEqual([
      ['Office A', 'Astana city', 'within term', 99, 14046],
      ['Office A', 'Astana city', 'within term (no appendix)', null, null],
      ['Office B', 'Almaty city', 'correctly executed', '90', 14076],
    ]);
    expect(shown[0]).toMatchObject({ value: 75, numerator: 3, denominator: 4, meetsNormative: false, group: 'Timeliness' });
    expect(standing(shown[0]!)).toBe('below');
    expect(standing(shown[1]!)).toBe('no-data');
    expect(noDataReason(shown[2]!)).toBe('no-source');
  });

  it('leaves a name or text the report does not give empty instead of failing', () => {
    const [shown] = shownRows({ ...report, rows: [{ ...report.rows[0]!, officeId: 'gone', region: null, indicator: '9.9' }] });
    expect(shown).toMatchObject({ officeName: null, regionName: null, text: '', normative: null });
  });
});

describe('grouping and ranking', () => {
  const rows: ShownRow[] = [
    row({ region: 'astana', regionName: 'Astana', service: 'citizenship', value: 100, numerator: 2, denominator: 2, meetsNormative: true }),
    row({ region: 'astana', regionName: 'Astana', service: 'residence-permit', value: 50, numerator: 1, denominator: 2, meetsNormative: false }),
    row({ region: 'almaty', regionName: 'Almaty', service: 'citizenship', value: 75, numerator: 3, denominator: 4, meetsNormative: false }),
    row({ region: 'shymkent', regionName: 'Shymkent', service: 'citizenship', value: null, noDataReason: 'no-cases' }),
    row({ region: 'abai', regionName: 'Abai', service: 'citizenship', value: 75, numerator: 6, denominator: 8, meetsNormative: false }),
    row({ indicator: '2.1', region: 'astana', regionName: 'Astana', value: 10, numerator: 1, denominator: 10 }),
  ];
  const name = (r: ShownRow) => r.regionName ?? '';

  it('adds up the cases of several services (a share of all cases, not a mean of shares)', () => {
    const lines = combine(rows, 'region', '1.1', name);
    const astana = lines.find((l) => l.key === 'astana')!;
    expect(astana.value).toBe(75);
    expect(astana.numerator).toBe(3);
    expect(astana.denominator).toBe(4);
    expect(astana.rows).toHaveLength(2);
    const shymkent = lines.find((l) => l.key === 'shymkent')!;
    expect(shymkent.value).toBeNull();
    expect(shymkent.noDataReason).toBe('no-cases');
    expect(lines.map((l) => l.key).sort()).toEqual(['abai', 'almaty', 'astana', 'shymkent']);
  });

  it('ranks best first, ties sharing a rank, no data last', () => {
    const ranked = rank([
      { name: 'Shymkent', value: null },
      { name: 'Almaty', value: 75 },
      { name: 'Astana', value: 90 },
      { name: 'Abai', value: 75 },
      { name: 'Aqtobe', value: 10 },
    ], (x) => x.value, (x) => x.name, 'en');
    expect(ranked.map((r) => [r.item.name, r.rank])).toEqual([
      ['Astana', 1], ['Abai', 2], ['Almaty', 2], ['Aqtobe', 4], ['Shymkent', null],
    ]);
  });

  it('lists indicators in their numeric order', () => {
    expect(indicatorNumbers([row({ indicator: '10.1' }), row({ indicator: '2.1' }), row({ indicator: '1.2' }), row({ indicator: '2.1' })]))
      .toEqual(['1.2', '2.1', '10.1']);
  });
});

describe('export', () => {
  it('sends the query of the table on screen', () => {
    expect(indicatorSearch({ period: 'month', start: '2026-03-01', by: 'office', officeId: 'x' }))
      .toEqual({ period: 'month', start: '2026-03-01', by: 'office', officeId: 'x' });
    expect(indicatorSearch({ period: 'year', start: '2026-01-01', by: 'region', region: '', service: 'citizenship' }))
      .toEqual({ period: 'year', start: '2026-01-01', by: 'region', service: 'citizenship' });
  });

  it('saves under the server\'s file name, else one of its own', () => {
    const query = { period: 'month', start: '2026-03-01', by: 'office' } as const;
    expect(exportFileName(query, 'csv', 'attachment; filename="indicators-2026-03.csv"')).toBe('indicators-2026-03.csv');
    expect(exportFileName(query, 'xlsx', "attachment; filename*=UTF-8''%D0%BF.xlsx")).toBe('п.xlsx');
    expect(exportFileName(query, 'csv', null)).toBe('indicators-office-month-2026-03.csv');
    expect(exportFileName({ ...query, period: 'year', start: '2026-01-01' }, 'xlsx')).toBe('indicators-office-year-2026.xlsx');
  });
});

describe('navigation', () => {
  it('puts the dashboard first for a unit head, the ministry view for an auditor, and keeps the workload', () => {
    const head = visibleNav([], 'unit-head').map((item) => item.to);
    expect(head.filter((to) => to.startsWith('/desk'))[0]).toBe('/desk/dashboard');
    expect(head).toContain('/desk/workload');
    expect(head).not.toContain('/desk/ministry');
    const auditor = visibleNav([], 'auditor').map((item) => item.to);
    expect(auditor.filter((to) => to.startsWith('/desk'))[0]).toBe('/desk/ministry');
    expect(auditor).not.toContain('/desk/dashboard');
    expect(visibleNav(['driver-licence'], 'clerk').map((item) => item.to)).not.toContain('/desk/dashboard');
  });
});
