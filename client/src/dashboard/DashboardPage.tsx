import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { useSession } from '../auth/auth';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { loadServices } from '../pages/catalogue';
import { loadTodayQueue, type TodayQueue } from './api';
import { OfficeIndicators, PeriodSwitch, ScrollTable, SectionTitle, usePeriod } from './IndicatorSection';
import { numberOrNull } from './indicators';

/** The service names of the catalogue in the UI language (the API's rows carry codes). */
export function useServiceNames(): Map<string, string> {
  const { pick } = useI18n();
  const services = useApi(loadServices, []);
  return new Map((services.data ?? []).map((s) => [s.code, pick(s.name)]));
}

/** The unit head's page: today's queue, the applications per clerk, the period's indicators. */
export function DashboardPage() {
  const state = useSession();
  const { t } = useI18n();
  const officeId = state.status === 'signed-in' ? state.actor.officeId ?? null : null;
  const names = useServiceNames();
  const [period, setPeriod] = usePeriod();

  if (!officeId) return <Alert color="yellow">{t('workload.noOffice')}</Alert>;
  return (
    <Stack gap="xl">
      <PageTitle>{t('dash.title')}</PageTitle>
      <Stack gap="sm" component="section" aria-labelledby="dash-today">
        <SectionHeading id="dash-today">{t('dash.today.title')}</SectionHeading>
        <TodaySection officeId={officeId} names={names} />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="dash-clerks">
        <SectionHeading id="dash-clerks">{t('dash.clerks.title')}</SectionHeading>
        <ClerksSection officeId={officeId} />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="dash-indicators">
        <SectionHeading id="dash-indicators">{t('dash.indicators.title')}</SectionHeading>
        <PeriodSwitch value={period} onChange={setPeriod} />
        <OfficeIndicators officeId={officeId} period={period} serviceNames={names} />
      </Stack>
    </Stack>
  );
}

function SectionHeading({ id, children }: { id: string; children: string }) {
  return <div id={id}><SectionTitle>{children}</SectionTitle></div>;
}

function Figure({ label, value, testId, alert }: { label: string; value: string; testId: string; alert?: boolean }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="gray.8">{label}</Text>
      <Text fz="xl" fw={700} c={alert ? 'red.9' : undefined} data-testid={`${testId}-value`}>{value}</Text>
    </Paper>
  );
}

function minutes(value: TodayQueue['averageWaitMinutes'], t: (key: MessageKey, values?: Record<string, string | number>) => string, language: Parameters<typeof formatNumber>[1]): string {
  const number = numberOrNull(value);
  return number === null ? t('dash.noData') : t('dash.minutes', { minutes: formatNumber(Math.round(number), language) });
}

function TodaySection({ officeId, names }: { officeId: string; names: Map<string, string> }) {
  const { t, language } = useI18n();
  const today = useApi(() => loadTodayQueue(officeId), [officeId]);
  if (today.problem) return <ProblemAlert problem={today.problem} onRetry={today.reload} />;
  if (!today.data) return <Loading />;
  const q = today.data;
  const n = (value: number | string) => formatNumber(value, language);
  return (
    <Stack gap="sm" data-testid="dash-today">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm">
        <Figure label={t('dash.today.waiting')} value={n(q.waiting)} testId="today-waiting" />
        <Figure label={t('dash.today.called')} value={n(q.called)} testId="today-called" />
        <Figure label={t('dash.today.served')} value={n(q.served)} testId="today-served" />
        <Figure label={t('dash.today.noShow')} value={n(q.noShow)} testId="today-no-show" />
        <Figure label={t('dash.today.averageWait')} value={minutes(q.averageWaitMinutes, t, language)} testId="today-average" />
        <Figure label={t('dash.today.longestWait')} value={minutes(q.longestWaitingMinutes, t, language)} testId="today-longest" />
        <Figure label={t('dash.today.overNorm')} value={n(q.overNorm)} testId="today-over-norm" alert={Number(q.overNorm) > 0} />
      </SimpleGrid>
      {q.byService.length === 0 ? <Text c="gray.8">{t('dash.today.none')}</Text> : (
        <ScrollTable minWidth={520} label={t('dash.today.title')}>
          <Table striped data-testid="today-by-service">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dash.service')}</Table.Th>
                <Table.Th>{t('dash.today.purpose')}</Table.Th>
                <Table.Th>{t('dash.today.waiting')}</Table.Th>
                <Table.Th>{t('dash.today.served')}</Table.Th>
                <Table.Th>{t('dash.today.averageVsNorm')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.byService.map((line) => {
                const average = numberOrNull(line.averageWaitMinutes);
                const norm = numberOrNull(line.normMinutes);
                const over = average !== null && norm !== null && average > norm;
                return (
                  <Table.Tr key={`${line.service}:${line.purpose}`} data-service={line.service} data-purpose={line.purpose}>
                    <Table.Td>{names.get(line.service) ?? line.service}</Table.Td>
                    <Table.Td>{line.purpose === 'submission' || line.purpose === 'pick-up' ? t(`queue.purpose.${line.purpose}` as MessageKey) : line.purpose}</Table.Td>
                    <Table.Td>{n(line.waiting)}</Table.Td>
                    <Table.Td>{n(line.served)}</Table.Td>
                    <Table.Td c={over ? 'red.9' : undefined} fw={over ? 700 : undefined}>
                      {minutes(line.averageWaitMinutes, t, language)}
                      {norm !== null && ` / ${t('dash.minutes', { minutes: n(norm) })}`}
                      {over && ` — ${t('dash.today.overNormShort')}`}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Open, overdue and due-later-today applications per clerk (the workload). */
function ClerksSection({ officeId }: { officeId: string }) {
  const { t, language } = useI18n();
  const data = useApi(() => call(api.GET('/api/v1/offices/{id}/workload', { params: { path: { id: officeId } } })), [officeId]);
  if (data.problem) return <ProblemAlert problem={data.problem} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const workload = data.data;
  const n = (value: number | string) => formatNumber(value, language);
  return (
    <Stack gap="sm" data-testid="dash-clerks">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure label={t('workload.open')} value={n(workload.open)} testId="clerks-open" />
        <Figure label={t('workload.overdue')} value={n(workload.overdue)} testId="clerks-overdue" alert={Number(workload.overdue) > 0} />
        <Figure label={t('dash.clerks.dueToday')} value={n(workload.dueToday)} testId="clerks-due-today" />
      </SimpleGrid>
      <Group gap="md">
        <Anchor component={Link} to="/desk/inbox?overdue=true" data-testid="link-overdue">{t('dash.clerks.overdueLink')}</Anchor>
        <Anchor component={Link} to="/desk/workload" data-testid="link-workload">{t('dash.clerks.workloadLink')}</Anchor>
      </Group>
      {workload.clerks.length === 0 ? <Text c="gray.8">{t('dash.clerks.none')}</Text> : (
        <ScrollTable minWidth={320} label={t('dash.clerks.title')}>
          <Table striped data-testid="clerks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workload.clerk')}</Table.Th>
                <Table.Th>{t('workload.open')}</Table.Th>
                <Table.Th>{t('workload.overdue')}</Table.Th>
                <Table.Th>{t('dash.clerks.dueTodayShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workload.clerks.map((clerk) => (
                <Table.Tr key={clerk.login} data-clerk={clerk.login}>
                  <Table.Td>{clerk.fullName}<Text size="xs" c="gray.8">{clerk.login}</Text></Table.Td>
                  <Table.Td>{n(clerk.open)}</Table.Td>
                  <Table.Td c={Number(clerk.overdue) > 0 ? 'red.9' : undefined} fw={Number(clerk.overdue) > 0 ? 700 : undefined} data-testid="clerk-overdue">{n(clerk.overdue)}</Table.Td>
                  <Table.Td data-testid="clerk-due-today">{n(clerk.dueToday)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
