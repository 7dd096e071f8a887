import { useEffect, useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { loadServices } from './catalogue';

type Office = Schemas['OfficeResponse'];
const PAGE = 20;

async function searchOffices(region: string, service: string, q: string, cursor?: string) {
  return call(api.GET('/api/v1/offices', {
    params: {
      query: {
        region: region || undefined,
        service: service || undefined,
        q: q || undefined,
        limit: String(PAGE),
        cursor,
      },
    },
  }));
}

export function OfficesPage() {
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const service = params.get('service') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const choices = useApi(async () => {
    const [regions, services] = await Promise.all([call(api.GET('/api/v1/regions')), loadServices()]);
    return { regions: regions.items, services };
  }, []);
  const first = useApi(() => searchOffices(region, service, q), [region, service, q]);

  // Further pages are kept apart from the first, and dropped when the search changes.
  const [more, setMore] = useState<{ items: Office[]; cursor: string | null; problem?: Problem }>({ items: [], cursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore({ items: [], cursor: null }), [region, service, q]);
  const cursor = more.cursor ?? first.data?.nextCursor ?? null;
  const offices = [...(first.data?.items ?? []), ...more.items];

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await searchOffices(region, service, q, cursor);
      setMore((previous) => ({ items: [...previous.items, ...page.items], cursor: page.nextCursor ?? '' }));
    } catch (error) {
      if (isApiProblem(error)) setMore((previous) => ({ ...previous, problem: error.problem }));
    } finally {
      setLoadingMore(false);
    }
  };

  const regionNames = new Map((choices.data?.regions ?? []).map((r) => [r.code, pick(r.names)]));
  const serviceNames = new Map((choices.data?.services ?? []).map((s) => [s.code, pick(s.name)]));

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('offices.title')}</PageTitle>
        <Text c="dimmed">{t('offices.intro')}</Text>
      </div>
      {choices.problem && <ProblemAlert problem={choices.problem} onRetry={choices.reload} />}
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: text.trim() });
        }}
      >
        <Group align="end" gap="sm">
          <Select
            label={t('offices.region')}
            placeholder={t('offices.allRegions')}
            data={(choices.data?.regions ?? []).map((r) => ({ value: r.code, label: pick(r.names) }))}
            value={region || null}
            onChange={(value) => update({ region: value ?? '' })}
            clearable
            searchable
            w={260}
            data-testid="region-select"
          />
          <Select
            label={t('offices.service')}
            placeholder={t('offices.allServices')}
            data={(choices.data?.services ?? []).map((s) => ({ value: s.code, label: pick(s.name) }))}
            value={service || null}
            onChange={(value) => update({ service: value ?? '' })}
            clearable
            w={300}
            comboboxProps={{ width: 480 }}
          />
          <TextInput
            label={t('offices.query')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={240}
            name="q"
          />
          <Button type="submit">{t('offices.search')}</Button>
        </Group>
      </form>
      {first.problem && <ProblemAlert problem={first.problem} />}
      {first.loading && !first.data && <Loading />}
      {first.data && (
        <>
          <Text size="sm" c="dimmed" data-testid="offices-shown">{t('offices.shown', { count: offices.length })}</Text>
          {offices.length === 0 && <Text>{t('offices.none')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {offices.map((office) => (
              <OfficeCard key={office.id} office={office} regionName={regionNames.get(office.region.code) ?? pick(office.region.names)} serviceNames={serviceNames} />
            ))}
          </SimpleGrid>
          {more.problem && <ProblemAlert problem={more.problem} />}
          {cursor && (
            <Group>
              <Button variant="light" onClick={loadMore} loading={loadingMore}>{t('offices.more')}</Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function OfficeCard({ office, regionName, serviceNames }: { office: Office; regionName: string; serviceNames: Map<string, string> }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" data-office={office.id}>
      <Stack gap={4}>
        <Text fw={600}>{office.name}</Text>
        <Text size="sm">{[office.address, office.town].filter(Boolean).join(', ')}</Text>
        <Text size="xs" c="dimmed">{regionName}</Text>
        {office.phones.length > 0 && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">{t('offices.phones')}: </Text>
            {office.phones.map((phone) => phone.raw).join(', ')}
          </Text>
        )}
        <Group gap={4}>
          {office.services.map((code) => (
            <Badge key={code} size="xs" variant="light" tt="none" maw={260} title={serviceNames.get(code)}>{serviceNames.get(code) ?? code}</Badge>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
