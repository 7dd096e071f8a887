import '@mantine/charts/styles.css';
import { useMemo, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useSearchParams } from 'react-router-dom';
import { isApiProblem } from '../api/problem';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { downloadIndicators, loadDefinitions, loadIndicators } from './api';
import {
  PERIOD_CHOICES, PERIOD_KINDS, formatPercent, indicatorNumbers, isPeriodKind, noDataReason, numberOrNull, periodEnd,
  periodLabel, periodStart, recentPeriods, shownRows, standing, type IndicatorQuery, type IndicatorRow, type PeriodKind, type ShownRow,
  type Standing,
} from './indicators';

export interface Period {
  kind: PeriodKind;
  start: string;
}

/** The period of the page's address (?period=&start=), by default the current month in Almaty. */
export function usePeriod(): [Period, (next: Period) => void] {
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('period');
  const kind: PeriodKind = isPeriodKind(kindParam) ? kindParam : 'month';
  const startParam = params.get('start');
  const start = startParam && /^\d{4}-\d{2}-\d{2}$/.test(startParam) ? periodStart(kind, startParam) : periodStart(kind, todayInAlmaty());
  const set = (next: Period) => setParams((previous) => {
    const copy = new URLSearchParams(previous);
    copy.set('period', next.kind);
    copy.set('start', next.start);
    return copy;
  }, { replace: true });
  return [{ kind, start }, set];
}

/** Month, quarter or year, and which one (the current one and those before it). */
export function PeriodSwitch({ value, onChange }: { value: Period; onChange: (next: Period) => void }) {
  const { t, language } = useI18n();
  const today = todayInAlmaty();
  return (
    <Group gap="sm" align="end" wrap="wrap" data-testid="period-switch">
      <Select
        label={t('dash.period.kind')}
        data={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`dash.period.${kind}` as MessageKey) }))}
        value={value.kind}
        onChange={(kind) => isPeriodKind(kind) && onChange({ kind, start: periodStart(kind, today) })}
        allowDeselect={false}
        w={160}
        data-testid="period-kind"
      />
      <Select
        label={t('dash.period.which')}
        data={recentPeriods(value.kind, today, PERIOD_CHOICES[value.kind]).map((start) => ({ value: start, label: periodLabel(value.kind, start, language) }))}
        value={value.start}
        onChange={(start) => start && onChange({ kind: value.kind, start })}
        allowDeselect={false}
        w={200}
        data-testid="period-start"
      />
    </Group>
  );
}

/** CSV and XLSX of the table on screen: the export endpoint with the same query, saved as a file. */
export function ExportButtons({ query, testId }: { query: IndicatorQuery; testId?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [problem, setProblem] = useState<Parameters<typeof ProblemAlert>[0]['problem'] | null>(null);
  const save = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setProblem(null);
    try {
      await downloadIndicators(query, format);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else setProblem({ code: 'unexpected-response', title: String(error), status: 0 });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap={4} data-testid={testId ?? 'export'}>
      <Group gap="xs">
        <Button size="xs" variant="default" loading={busy === 'csv'} onClick={() => save('csv')} data-testid="export-csv">{t('dash.export.csv')}</Button>
        <Button size="xs" variant="default" loading={busy === 'xlsx'} onClick={() => save('xlsx')} data-testid="export-xlsx">{t('dash.export.xlsx')}</Button>
      </Group>
      {problem && <ProblemAlert problem={problem} />}
    </Stack>
  );
}

const STANDING_COLOR: Record<Standing, string> = { meets: 'green.9', below: 'red.9', 'no-norm': 'gray.8', 'no-data': 'gray.8' };

/** How a value stands, in words (never a colour alone). */
export function StandingBadge({ value }: { value: Standing }) {
  const { t } = useI18n();
  // The dot variant keeps the words in the text colour (a green or red text of badge size is below 4.5:1).
  return <Badge variant="dot" color={STANDING_COLOR[value]} c="dark.8" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} data-standing={value}>{t(`dash.standing.${value}` as MessageKey)}</Badge>;
}

/**
 * A table wider than a phone scrolls inside its own box, which the keyboard can reach and a screen
 * reader names (the page itself never gets wider than the screen).
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: React.ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}

/** A value, or "no data" in words with the reason. */
export function ValueText({ row }: { row: Pick<IndicatorRow, 'value' | 'noDataReason' | 'denominator'> }) {
  const { t, language } = useI18n();
  const text = formatPercent(row.value, language);
  if (text !== null) return <Text span fw={600} data-testid="indicator-value">{text}</Text>;
  const reason = noDataReason(row);
  return (
    <Text span c="gray.8" data-testid="indicator-no-data" data-reason={reason}>
      {t('dash.noData')}
      <Text span size="xs" display="block">{t(`dash.noData.${reason}` as MessageKey)}</Text>
    </Text>
  );
}

export function percentOrDash(value: ShownRow['normative'], language: Parameters<typeof formatPercent>[1]): string {
  return formatPercent(value, language) ?? '—';
}

/**
 * An office's indicators in a period against the normative and next year's target: a chart of one
 * service's values and the table (the dashboard's, and the ministry's last drill-down step).
 */
export function OfficeIndicators({ officeId, period, serviceNames }: { officeId: string; period: Period; serviceNames: Map<string, string> }) {
  const { t, language, pick } = useI18n();
  const [service, setService] = useState<string | null>(null);
  // How each number is computed: shown under its text when the definitions have loaded (the table stands without them).
  const definitions = useApi(loadDefinitions, []);
  const methods = new Map((definitions.data ?? []).map((d) => [d.number, pick(d.method)]));
  const query: IndicatorQuery = { period: period.kind, start: period.start, by: 'office', officeId };
  const report = useApi(() => loadIndicators(query), [officeId, period.kind, period.start]);
  // The report gives names and texts once; the table shows them beside each row.
  const rows = useMemo(() => (report.data ? shownRows(report.data) : []), [report.data]);
  const services = [...new Set(rows.map((row) => row.service))];
  // The chart shows one service at a time (norms differ per service): the chosen one, else the first measured.
  const chosen = service && services.includes(service) ? service
    : (rows.find((row) => numberOrNull(row.value) !== null)?.service ?? services[0] ?? null);
  const nameOf = (code: string | null | undefined) => (code ? serviceNames.get(code) ?? code : t('dash.allServices'));
  const shown = chosen === null ? rows : rows.filter((row) => row.service === chosen);

  return (
    <Stack gap="sm" data-testid="office-indicators">
      <Group justify="space-between" align="end" wrap="wrap">
        <Text size="sm" c="dimmed">{t('dash.period.range', { from: formatDate(period.start, language), to: formatDate(report.data?.period.end ?? periodEnd(period.kind, period.start), language) })}</Text>
        <ExportButtons query={query} testId="office-export" />
      </Group>
      {report.problem && <ProblemAlert problem={report.problem} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading />}
      {report.data && rows.length === 0 && <Alert color="gray">{t('dash.noRows')}</Alert>}
      {report.data && rows.length > 0 && (
        <>
          {services.length > 1 && (
            <Select
              label={t('dash.service')}
              data={services.map((code) => ({ value: code, label: nameOf(code) }))}
              value={chosen}
              onChange={setService}
              allowDeselect={false}
              maw={420}
              data-testid="indicator-service"
            />
          )}
          <IndicatorChart rows={shown} />
          <IndicatorTable rows={shown} showService={services.length > 1 && chosen === null} nameOf={nameOf} language={language} methods={methods} />
        </>
      )}
    </Stack>
  );
}

/** Values against normatives, one pair of bars per indicator; an indicator without data has no bar (and says so in the table). */
function IndicatorChart({ rows }: { rows: ShownRow[] }) {
  const { t, language } = useI18n();
  const numbers = indicatorNumbers(rows);
  const data = numbers.map((number) => {
    const row = rows.find((r) => r.indicator === number)!;
    return { indicator: number, value: numberOrNull(row.value), normative: numberOrNull(row.normative) };
  });
  if (!data.some((d) => d.value !== null)) return null;
  return (
    <Box role="figure" aria-label={t('dash.chart.label')} data-testid="indicator-chart" style={{ overflowX: 'auto' }}>
      <Box miw={Math.max(300, numbers.length * 44)}>
        <BarChart
          h={220}
          data={data}
          dataKey="indicator"
          series={[
            { name: 'value', label: t('dash.value'), color: 'blue.7' },
            { name: 'normative', label: t('dash.normative'), color: 'gray.5' },
          ]}
          yAxisProps={{ domain: [0, 100] }}
          valueFormatter={(value) => formatPercent(value, language) ?? t('dash.noData')}
          withLegend
          tickLine="y"
        />
      </Box>
    </Box>
  );
}

export function IndicatorTable({ rows, showService, nameOf, language, methods }: {
  rows: ShownRow[];
  methods?: Map<string, string>;
  showService: boolean;
  nameOf: (code: string | null | undefined) => string;
  language: Parameters<typeof formatPercent>[1];
}) {
  const { t } = useI18n();
  return (
    <ScrollTable minWidth={640} label={t('dash.indicators.title')}>
      <Table striped data-testid="indicator-table">
        <Table.Thead>
          <Table.Tr>
            {showService && <Table.Th>{t('dash.service')}</Table.Th>}
            <Table.Th>{t('dash.indicator')}</Table.Th>
            <Table.Th>{t('dash.value')}</Table.Th>
            <Table.Th>{t('dash.cases')}</Table.Th>
            <Table.Th>{t('dash.normative')}</Table.Th>
            <Table.Th>{t('dash.nextYearTarget')}</Table.Th>
            <Table.Th>{t('dash.standing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.service}:${row.indicator}`} data-indicator={row.indicator} data-service={row.service}>
              {showService && <Table.Td>{nameOf(row.service)}</Table.Td>}
              <Table.Td maw={360}>
                <Text size="sm" fw={600}>{row.indicator}</Text>
                <Text size="sm">{row.text}</Text>
                {methods?.get(row.indicator) && (
                  <Box component="details" mt={4}>
                    <Text component="summary" size="xs" c="blue.9" style={{ cursor: 'pointer' }}>{t('dash.method')}</Text>
                    <Text size="xs" c="gray.8">{methods.get(row.indicator)}</Text>
                  </Box>
                )}
              </Table.Td>
              <Table.Td><ValueText row={row} /></Table.Td>
              <Table.Td>{numberOrNull(row.denominator) ? `${row.numerator ?? 0} / ${row.denominator}` : '—'}</Table.Td>
              <Table.Td>{percentOrDash(row.normative, language)}</Table.Td>
              <Table.Td>{percentOrDash(row.nextYearTarget, language)}</Table.Td>
              <Table.Td><StandingBadge value={standing(row)} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

export function SectionTitle({ children }: { children: string }) {
  return <Title order={2} size="h3">{children}</Title>;
}
