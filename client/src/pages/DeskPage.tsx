import { useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Anchor, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { useSession } from '../auth/auth';
import type { ActorProfile } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useDraft } from '../forms/drafts';
import { almatyLocalDateTime, almatyToInstant, todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { loadServices, type ServiceEntry } from './catalogue';
import { TermText } from './TermText';

/** The MCI row in force on a date: the latest one that starts on or before it. */
export function mciInForce(rows: Schemas['MciRateResponse'][], date: string): Schemas['MciRateResponse'] | undefined {
  return rows.filter((row) => row.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

// The clerk's home. The inbox, the intake forms and the application pages hang off this page.
export function DeskPage() {
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  return <Desk actor={state.actor} />;
}

function Desk({ actor }: { actor: ActorProfile }) {
  const { t, pick, kzt, date } = useI18n();
  const desk = useApi(async () => {
    // /reference/mci is for staff only: a session the API no longer accepts ends here.
    const [office, services, mci] = await Promise.all([
      actor.officeId ? call(api.GET('/api/v1/offices/{id}', { params: { path: { id: actor.officeId } } })) : null,
      loadServices(),
      call(api.GET('/api/v1/reference/mci')),
    ]);
    return { office, services, mci: mciInForce(mci.items, todayInAlmaty()) };
  }, [actor.id, actor.officeId]);

  const mine = (desk.data?.services ?? []).filter((service) => actor.services.includes(service.code));
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('desk.welcome', { name: actor.displayName })}</PageTitle>
        <Text c="dimmed">
          {[actor.positions ? pick(actor.positions) : actor.position, roleLabel(actor.role ?? null, t)].filter(Boolean).join(' · ')}
        </Text>
      </div>
      {desk.problem && <ProblemAlert problem={desk.problem} onRetry={desk.reload} />}
      {desk.loading && !desk.data && <Loading />}
      {desk.data && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Card withBorder data-testid="desk-office">
            <Text size="xs" c="dimmed" tt="uppercase">{t('desk.office')}</Text>
            {desk.data.office ? (
              <Stack gap={2}>
                <Text fw={600}>{desk.data.office.name}</Text>
                <Text size="sm">{desk.data.office.address}</Text>
                <Text size="xs" c="dimmed">{pick(desk.data.office.region.names)}</Text>
                {/* the office's electronic queue: the clerk's panel */}
                <Anchor component={Link} to="/desk/queue" size="sm" data-testid="desk-queue-link">{t('nav.queue')}</Anchor>
              </Stack>
            ) : (
              <Text fw={600}>{t('desk.allOffices')}</Text>
            )}
          </Card>
          <Card withBorder data-testid="desk-modules">
            <Text size="xs" c="dimmed" tt="uppercase">{t('desk.modules')}</Text>
            {mine.length === 0 ? (
              <Text size="sm">{t('desk.noModules')}</Text>
            ) : (
              <List size="sm" spacing={4}>
                {mine.map((service) => (
                  <List.Item key={service.code} data-module={service.code}>
                    <Anchor component={Link} to={`/catalogue/${service.code}`} size="sm">{pick(service.name)}</Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
          <Card withBorder data-testid="desk-mci">
            <Text size="xs" c="dimmed" tt="uppercase">{t('desk.mci')}</Text>
            {desk.data.mci && (
              <Text fw={600}>{t('desk.mciValue', { value: kzt(desk.data.mci.value), date: date(desk.data.mci.effectiveFrom) })}</Text>
            )}
          </Card>
        </SimpleGrid>
      )}
      {desk.data && <DeadlineCalculator services={mine.length > 0 ? mine : desk.data.services} />}
    </Stack>
  );
}

const ROLES = ['clerk', 'unit-head', 'auditor', 'admin'] as const;

function roleLabel(role: string | null, t: (key: MessageKey) => string): string | null {
  if (!role) return null;
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as (typeof ROLES)[number]}`) : role;
}

interface DeadlineDraft {
  service: string;
  variant: string;
  acceptedAt: string;
}

function DeadlineCalculator({ services }: { services: ServiceEntry[] }) {
  const { t, pick, dateTime } = useI18n();
  const [draft, update] = useDraft<DeadlineDraft>('desk:deadline', {
    service: services[0]?.code ?? '',
    variant: '',
    acceptedAt: almatyLocalDateTime(),
  });
  const [result, setResult] = useState<Schemas['DeadlineResponse']>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const service = services.find((s) => s.code === draft.service);
  const variants = service?.terms.variants ?? [];

  const calculate = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      const acceptedAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(draft.acceptedAt) ? almatyToInstant(draft.acceptedAt) : draft.acceptedAt;
      setResult(await call(api.GET('/api/v1/services/{code}/deadline', {
        params: { path: { code: draft.service }, query: { acceptedAt, variant: draft.variant || undefined } },
      })));
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" data-testid="deadline-calculator">
      <Title order={2} size="h4">{t('deadline.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('deadline.intro')}</Text>
      <form onSubmit={calculate}>
        <Group align="end" gap="sm">
          <Select
            label={t('deadline.service')}
            data={services.map((s) => ({ value: s.code, label: pick(s.name) }))}
            value={draft.service || null}
            onChange={(value) => update({ service: value ?? '', variant: '' })}
            w={320}
            comboboxProps={{ width: 480 }}
            allowDeselect={false}
          />
          {variants.length > 1 && (
            <Select
              label={t('deadline.variant')}
              data={variants.map((v) => ({ value: v.code, label: `${pick(v.text).slice(0, 80)}` }))}
              value={draft.variant || variants[0]?.code || null}
              onChange={(value) => update({ variant: value ?? '' })}
              w={320}
              comboboxProps={{ width: 560 }}
              allowDeselect={false}
            />
          )}
          <TextInput
            type="datetime-local"
            label={t('deadline.acceptedAt')}
            name="acceptedAt"
            value={draft.acceptedAt}
            onChange={(event) => update({ acceptedAt: event.currentTarget.value })}
            w={220}
          />
          <Button type="submit" loading={busy}>{t('deadline.calculate')}</Button>
        </Group>
      </form>
      {problem && <Stack mt="sm"><ProblemAlert problem={problem} /></Stack>}
      {result && (
        <Stack gap={4} mt="md" data-testid="deadline-result">
          <Text fw={700}>{t('deadline.dueAt', { dueAt: dateTime(result.dueAt) })}</Text>
          <Text size="sm"><TermText term={result.term} clock={result.clock} /></Text>
          <Text size="sm" c="dimmed">{result.rule}</Text>
        </Stack>
      )}
    </Card>
  );
}
