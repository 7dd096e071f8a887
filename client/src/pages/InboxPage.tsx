import { useEffect, useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { useSession } from '../auth/auth';
import type { ActorProfile } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { STATUSES, type ApplicationSummary } from '../desk/applications';
import { StatusBadge, statusLabel } from '../desk/labels';
import { useI18n } from '../i18n/I18nProvider';
import { loadServices } from './catalogue';

/** The page sizes the clerk may pick (?size=); the first is the default. */
export const PAGE_SIZES = [25, 50, 100] as const;

export function pageSizeOf(value: string | null): number {
  const size = Number(value);
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0];
}

async function listApplications(service: string, status: string, q: string, overdue: boolean, size: number, cursor?: string) {
  return call(api.GET('/api/v1/applications', {
    params: {
      query: {
        service: service || undefined, status: status || undefined, q: q || undefined, overdue: overdue || undefined, limit: String(size), cursor,
      },
    },
  }));
}

/** The clerk's landing page: the office's applications by due date, overdue and due today marked. */
export function InboxPage() {
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  return <Inbox actor={state.actor} />;
}

function Inbox({ actor }: { actor: ActorProfile }) {
  const { t, pick, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const service = params.get('service') ?? '';
  const status = params.get('status') ?? '';
  // One box finds an IIN/BIN, a registration number or a name, in every status unless one is chosen.
  const q = params.get('q') ?? '';
  // The overdue count is a filter too: a click lists only the overdue ones.
  const overdue = params.get('overdue') === 'true';
  const size = pageSizeOf(params.get('size'));
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);

  const services = useApi(loadServices, []);
  const first = useApi(() => listApplications(service, status, q, overdue, size), [service, status, q, overdue, size]);
  const [more, setMore] = useState<{ items: ApplicationSummary[]; cursor: string | null; problem?: Problem }>({ items: [], cursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore({ items: [], cursor: null }), [service, status, q, overdue, size, first.data]);
  const cursor = more.cursor ?? first.data?.nextCursor ?? null;
  const items = [...(first.data?.items ?? []), ...more.items];

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await listApplications(service, status, q, overdue, size, cursor);
      setMore((previous) => ({ items: [...previous.items, ...page.items], cursor: page.nextCursor ?? '' }));
    } catch (error) {
      if (isApiProblem(error)) setMore((previous) => ({ ...previous, problem: error.problem }));
    } finally {
      setLoadingMore(false);
    }
  };

  const serviceNames = new Map((services.data ?? []).map((s) => [s.code, pick(s.name)]));
  const serviceChoices = actor.services.length > 0 ? actor.services : [...serviceNames.keys()];
  const overdueCount = Number(first.data?.overdueCount ?? 0);
  // The total of the first page's answer: every application under the same filter, all pages.
  const total = first.data ? Number(first.data.total ?? items.length) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <div>
          <PageTitle>{t('inbox.title')}</PageTitle>
          <Text c="dimmed">{t('inbox.intro')}</Text>
        </div>
        {actor.officeId && actor.services.length > 0 && (
          <Group gap="sm">
            {actor.services.includes('driver-licence') && (
              <Button component={Link} to="/desk/intake/driver-licence">{t('inbox.newDriverLicence')}</Button>
            )}
            <Button component={Link} to="/desk/intake" variant="light">{t('inbox.newApplication')}</Button>
          </Group>
        )}
      </Group>
      <Group align="end" gap="sm">
        <form
          role="search"
          onSubmit={(event) => { event.preventDefault(); update('q', typed.trim() || null); }}
          style={{ display: 'flex', gap: 'var(--mantine-spacing-xs)', alignItems: 'flex-end', maxWidth: '100%' }}
        >
          <TextInput
            label={t('inbox.search')}
            placeholder={t('inbox.searchHint')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            w={300}
            maw="calc(100vw - 120px)"
            maxLength={100}
            data-testid="inbox-search"
          />
          <Button type="submit" variant="light">{t('inbox.find')}</Button>
          {/^\d{12}$/.test(q.replace(/\s/g, '')) && (
            <Anchor component={Link} to={`/desk/people/${q.replace(/\s/g, '')}`} size="sm" data-testid="inbox-person-link">{t('person.open')}</Anchor>
          )}
        </form>
        <Select
          label={t('inbox.service')}
          data={[{ value: '', label: t('inbox.allServices') }, ...serviceChoices.map((code) => ({ value: code, label: serviceNames.get(code) ?? code }))]}
          value={service}
          onChange={(value) => update('service', value)}
          w={{ base: '100%', xs: 360 }}
          comboboxProps={{ width: 'target' }}
          allowDeselect={false}
        />
        <Select
          label={t('inbox.status')}
          data={[
            // The API lists open applications unless asked otherwise (status=open|closed|all or one status).
            { value: '', label: q ? t('inbox.allStatuses') : t('inbox.openStatuses') },
            { value: 'closed', label: t('inbox.closedStatuses') },
            { value: 'all', label: t('inbox.allStatuses') },
            ...STATUSES.map((code) => ({ value: code, label: statusLabel(code, t) })),
          ]}
          value={status}
          onChange={(value) => update('status', value)}
          w={{ base: '100%', xs: 220 }}
          allowDeselect={false}
        />
        {first.data && (
          <Badge
            component="button"
            type="button"
            size="lg"
            color={overdueCount > 0 ? 'red' : 'gray'}
            variant={overdueCount > 0 || overdue ? 'filled' : 'light'}
            tt="none"
            style={{ cursor: 'pointer', border: 0 }}
            aria-pressed={overdue}
            title={overdue ? t('inbox.showAll') : t('inbox.showOverdue')}
            onClick={() => update('overdue', overdue ? null : 'true')}
            data-testid="overdue-count"
          >
            {t('inbox.overdueCount', { count: overdueCount })}
          </Badge>
        )}
      </Group>
      {first.problem && <ProblemAlert problem={first.problem} onRetry={first.reload} />}
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Text c="dimmed" data-testid="inbox-empty">{t('inbox.none')}</Text>}
      {items.length > 0 && (
        <Table highlightOnHover withTableBorder data-testid="inbox" data-cards>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inbox.number')}</Table.Th>
              {!actor.officeId && <Table.Th>{t('inbox.office')}</Table.Th>}
              <Table.Th>{t('inbox.service')}</Table.Th>
              <Table.Th>{t('inbox.applicant')}</Table.Th>
              <Table.Th>{t('inbox.status')}</Table.Th>
              <Table.Th>{t('inbox.acceptedAt')}</Table.Th>
              <Table.Th>{t('inbox.dueAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr
                key={item.id}
                data-application={item.id}
                data-overdue={item.overdue || undefined}
                data-due-today={item.dueToday || undefined}
                bg={item.overdue ? 'var(--mantine-color-red-light)' : item.dueToday ? 'var(--mantine-color-yellow-light)' : undefined}
              >
                <Table.Td data-label={t('inbox.number')}>
                  <Anchor component={Link} to={`/desk/applications/${item.id}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>{item.registrationNumber}</Anchor>
                </Table.Td>
                {!actor.officeId && <Table.Td data-label={t('inbox.office')}><Text size="sm" ff="monospace" data-testid="inbox-office">{item.officeId}</Text></Table.Td>}
                <Table.Td data-label={t('inbox.service')}><Text size="sm" lineClamp={2}>{serviceNames.get(item.service) ?? item.service}</Text></Table.Td>
                <Table.Td data-label={t('inbox.applicant')}><Text size="sm">{item.applicantName}</Text></Table.Td>
                <Table.Td data-label={t('inbox.status')} style={{ whiteSpace: 'nowrap' }}><StatusBadge status={item.status} /></Table.Td>
                <Table.Td data-label={t('inbox.acceptedAt')} style={{ whiteSpace: 'nowrap' }}><Text size="sm">{dateTime(item.acceptedAt)}</Text></Table.Td>
                <Table.Td data-label={t('inbox.dueAt')}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={item.overdue || item.dueToday ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>{dateTime(item.dueAt)}</Text>
                    {item.overdue && <Badge color="red" size="xs">{t('inbox.overdue')}</Badge>}
                    {!item.overdue && item.dueToday && <Badge color="yellow" size="xs">{t('inbox.dueToday')}</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {more.problem && <ProblemAlert problem={more.problem} />}
      {first.data && (
        <Group gap="md" align="center">
          <Text size="sm" data-testid="inbox-total" data-total={total ?? undefined}>
            {items.length < (total ?? 0) ? t('inbox.shown', { shown: items.length, total: total ?? 0 }) : t('inbox.total', { count: total ?? 0 })}
          </Text>
          {cursor && <Button variant="default" onClick={loadMore} loading={loadingMore}>{t('inbox.more')}</Button>}
          <Select
            label={t('inbox.pageSize')}
            data={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
            value={String(size)}
            onChange={(value) => update('size', value && value !== String(PAGE_SIZES[0]) ? value : null)}
            w={120}
            allowDeselect={false}
            data-testid="inbox-page-size"
          />
        </Group>
      )}
    </Stack>
  );
}
