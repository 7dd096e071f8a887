import { Anchor, Breadcrumbs, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import { loadIndicators } from './api';
import { useServiceNames } from './DashboardPage';
import { ExportButtons, OfficeIndicators, PeriodSwitch, ScrollTable, SectionTitle, StandingBadge, ValueText, percentOrDash, usePeriod, type Period } from './IndicatorSection';
import {
  combine, indicatorNumbers, numberOrNull, rank, shownRows, standing, type Breakdown, type Combined, type IndicatorQuery, type ShownRow,
  type Standing,
} from './indicators';

/** The default ranking: indicator 1.1, the share of cases served within the standard's term. */
const DEFAULT_INDICATOR = '1.1';

/** The ministry's view (auditors): regions ranked by an indicator → a region's offices → an office's indicators; and per service nationally. */
export function MinistryPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriod();
  const names = useServiceNames();
  const region = params.get('region') ?? '';
  const office = params.get('office') ?? '';
  const indicator = params.get('indicator') ?? DEFAULT_INDICATOR;
  const service = params.get('service') ?? '';

  const go = (changes: Record<string, string | null>) => setParams((previous) => {
    const copy = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) {
      if (value) copy.set(key, value);
      else copy.delete(key);
    }
    return copy;
  });

  return (
    <Stack gap="xl">
      <PageTitle>{t('ministry.title')}</PageTitle>
      <Group gap="sm" align="end" wrap="wrap">
        <PeriodSwitch value={period} onChange={setPeriod} />
      </Group>
      <Stack gap="sm" component="section" aria-labelledby="ministry-ranking">
        <div id="ministry-ranking"><SectionTitle>{t('ministry.ranking.title')}</SectionTitle></div>
        <Drill region={region} office={office} period={period} indicator={indicator} service={service} names={names} go={go} />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="ministry-services">
        <div id="ministry-services"><SectionTitle>{t('ministry.services.title')}</SectionTitle></div>
        <ServicesTable period={period} indicator={indicator} names={names} />
      </Stack>
    </Stack>
  );
}

type Go = (changes: Record<string, string | null>) => void;

function Drill({ region, office, period, indicator, service, names, go }: {
  region: string; office: string; period: Period; indicator: string; service: string; names: Map<string, string>; go: Go;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const by: Breakdown = region ? 'office' : 'region';
  const query: IndicatorQuery = { period: period.kind, start: period.start, by, region: region || undefined, service: service || undefined };
  const report = useApi(() => loadIndicators(query), [by, region, service, period.kind, period.start]);
  const rows = useMemo(() => (report.data ? shownRows(report.data) : []), [report.data]);
  const regionName = report.data?.regions.find((item) => item.code === region)?.name ?? region;
  const officeName = report.data?.offices.find((item) => item.id === office)?.name ?? office;

  const crumbs = [
    <Anchor key="all" component={Link} to={hrefWith({ region: null, office: null })} data-testid="crumb-all">{t('ministry.allRegions')}</Anchor>,
  ];
  if (region) crumbs.push(<Anchor key="region" component={Link} to={hrefWith({ office: null })} data-testid="crumb-region">{regionName}</Anchor>);
  if (office) crumbs.push(<Text key="office" span data-testid="crumb-office">{officeName}</Text>);

  if (office) {
    return (
      <Stack gap="sm" data-testid="ministry-office">
        <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>{crumbs}</Breadcrumbs>
        <OfficeIndicators officeId={office} period={period} serviceNames={names} />
      </Stack>
    );
  }
  const numbers = indicatorNumbers(rows);
  const choices = numbers.length > 0 ? numbers : [indicator];
  const textOf = (number: string) => rows.find((row) => row.indicator === number)?.text ?? '';
  return (
    <Stack gap="sm" data-testid={region ? 'ministry-region' : 'ministry-regions'}>
      <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>{crumbs}</Breadcrumbs>
      <Group gap="sm" align="end" wrap="wrap">
        <Select
          label={t('ministry.rankBy')}
          data={choices.map((number) => ({ value: number, label: `${number} ${textOf(number)}`.trim() }))}
          value={choices.includes(indicator) ? indicator : choices[0]}
          onChange={(value) => go({ indicator: value })}
          allowDeselect={false}
          maw={520}
          w="100%"
          comboboxProps={{ width: 'target' }}
          data-testid="rank-indicator"
        />
        <Select
          label={t('dash.service')}
          data={[{ value: '', label: t('dash.allServices') }, ...[...names.entries()].map(([code, name]) => ({ value: code, label: name }))]}
          value={service}
          onChange={(value) => go({ service: value || null })}
          allowDeselect={false}
          maw={360}
          w="100%"
          data-testid="rank-service"
        />
      </Group>
      <ExportButtons query={query} testId={region ? 'offices-export' : 'regions-export'} />
      {report.problem && <ProblemAlert problem={report.problem} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading />}
      {report.data && (
        <RankedTable
          rows={rows}
          by={by}
          indicator={choices.includes(indicator) ? indicator : choices[0]!}
          testId={region ? 'offices-table' : 'regions-table'}
          hrefOf={(key) => hrefWith(region ? { office: key } : { region: key, office: null })}
        />
      )}
    </Stack>
  );

  function hrefWith(changes: Record<string, string | null>) {
    const copy = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) copy.set(key, value);
      else copy.delete(key);
    }
    const search = copy.toString();
    return `/desk/ministry${search ? `?${search}` : ''}`;
  }
}

/** A combined line's standing: the API's verdict for one row; for several, below if any is below, meets if all measured meet. */
function combinedStanding(line: Combined): Standing {
  const measured = line.rows.filter((row) => numberOrNull(row.value) !== null);
  if (line.value === null || measured.length === 0) return 'no-data';
  if (measured.some((row) => row.meetsNormative === false)) return 'below';
  if (measured.every((row) => row.meetsNormative === true)) return 'meets';
  return 'no-norm';
}

/** The normative of a combined line when its rows agree on one; otherwise none is shown. */
function combinedNormative(line: Combined): ShownRow['normative'] {
  const norms = [...new Set(line.rows.map((row) => numberOrNull(row.normative)))];
  return norms.length === 1 ? norms[0]! : null;
}

function RankedTable({ rows, by, indicator, testId, hrefOf }: {
  rows: ShownRow[]; by: Breakdown; indicator: string; testId: string; hrefOf: (key: string) => string;
}) {
  const { t, language } = useI18n();
  const nameOf = (row: ShownRow) => (by === 'region' ? row.regionName ?? row.region ?? '' : row.officeName ?? row.officeId ?? '');
  const lines = rank(combine(rows, by, indicator, nameOf), (line) => line.value, (line) => line.name, language);
  if (lines.length === 0) return <Text c="gray.8">{t('dash.noRows')}</Text>;
  return (
    <ScrollTable minWidth={520} label={by === 'region' ? t('ministry.ranking.title') : t('ministry.office')}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ministry.rank')}</Table.Th>
            <Table.Th>{by === 'region' ? t('ministry.region') : t('ministry.office')}</Table.Th>
            <Table.Th>{t('dash.value')}</Table.Th>
            <Table.Th>{t('dash.cases')}</Table.Th>
            <Table.Th>{t('dash.normative')}</Table.Th>
            <Table.Th>{t('dash.standing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map(({ item: line, rank: place }) => (
            <Table.Tr key={line.key} data-key={line.key}>
              <Table.Td>{place ?? '—'}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={hrefOf(line.key)} data-testid="drill">{line.name}</Anchor>
              </Table.Td>
              <Table.Td><ValueText row={{ value: line.value, noDataReason: line.noDataReason, denominator: line.denominator }} /></Table.Td>
              <Table.Td>{line.denominator > 0 ? `${line.numerator} / ${line.denominator}` : '—'}</Table.Td>
              <Table.Td>{percentOrDash(combinedNormative(line), language)}</Table.Td>
              <Table.Td><StandingBadge value={combinedStanding(line)} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** The country per service: the chosen indicator of every service against its normative. */
function ServicesTable({ period, indicator, names }: { period: Period; indicator: string; names: Map<string, string> }) {
  const { t, language } = useI18n();
  const query: IndicatorQuery = { period: period.kind, start: period.start, by: 'service' };
  const report = useApi(() => loadIndicators(query), [period.kind, period.start]);
  const rows = useMemo(() => (report.data ? shownRows(report.data) : []), [report.data]).filter((row) => row.indicator === indicator);
  return (
    <Stack gap="sm" data-testid="ministry-services">
      <Text size="sm" c="gray.8">{t('ministry.services.intro', { indicator })}</Text>
      <ExportButtons query={query} testId="services-export" />
      {report.problem && <ProblemAlert problem={report.problem} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading />}
      {report.data && rows.length === 0 && <Text c="gray.8">{t('dash.noRows')}</Text>}
      {rows.length > 0 && (
        <ScrollTable minWidth={560} label={t('ministry.services.title')}>
          <Table striped data-testid="services-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dash.service')}</Table.Th>
                <Table.Th>{t('dash.value')}</Table.Th>
                <Table.Th>{t('dash.cases')}</Table.Th>
                <Table.Th>{t('dash.normative')}</Table.Th>
                <Table.Th>{t('dash.nextYearTarget')}</Table.Th>
                <Table.Th>{t('dash.standing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.service} data-service={row.service}>
                  <Table.Td>{names.get(row.service) ?? row.service}</Table.Td>
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
      )}
    </Stack>
  );
}
