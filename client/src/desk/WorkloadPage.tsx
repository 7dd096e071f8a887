import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { useSession } from '../auth/auth';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { loadServices } from '../pages/catalogue';

type Workload = Schemas['OfficeWorkloadResponse'];

/** A unit head's page: the office's open and overdue applications per clerk and service, and reassignment. */
export function WorkloadPage() {
  const state = useSession();
  const { t, pick } = useI18n();
  const officeId = state.status === 'signed-in' ? state.actor.officeId ?? null : null;
  const workload = useApi(async () => {
    if (!officeId) return null;
    const [office, services] = await Promise.all([
      call(api.GET('/api/v1/offices/{id}/workload', { params: { path: { id: officeId } } })),
      loadServices(),
    ]);
    return { office, names: new Map(services.map((s) => [s.code, pick(s.name)])) };
  }, [officeId]);

  if (!officeId) return <Alert color="yellow">{t('workload.noOffice')}</Alert>;
  return (
    <Stack gap="md">
      <PageTitle>{t('workload.title')}</PageTitle>
      {workload.problem && <ProblemAlert problem={workload.problem} onRetry={workload.reload} />}
      {workload.loading && !workload.data && <Loading />}
      {workload.data?.office && (
        <>
          <Text data-testid="workload-total">{t('workload.total', { open: workload.data.office.open, overdue: workload.data.office.overdue })}</Text>
          <WorkloadTable workload={workload.data.office} names={workload.data.names} />
          <Reassign workload={workload.data.office} onDone={workload.reload} />
        </>
      )}
    </Stack>
  );
}

function WorkloadTable({ workload, names }: { workload: Workload; names: Map<string, string> }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped data-testid="workload-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workload.clerk')}</Table.Th>
            <Table.Th>{t('workload.open')}</Table.Th>
            <Table.Th>{t('workload.overdue')}</Table.Th>
            <Table.Th>{t('workload.byService')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workload.clerks.map((clerk) => (
            <Table.Tr key={clerk.login} data-clerk={clerk.login}>
              <Table.Td>{clerk.fullName}<Text size="xs" c="dimmed">{clerk.login}</Text></Table.Td>
              <Table.Td data-testid="clerk-open">{clerk.open}</Table.Td>
              <Table.Td data-testid="clerk-overdue" c={Number(clerk.overdue) > 0 ? 'red.9' : undefined} fw={Number(clerk.overdue) > 0 ? 700 : undefined}>{clerk.overdue}</Table.Td>
              <Table.Td>
                {clerk.services.map((s) => (
                  <Text key={s.service} size="sm">{names.get(s.service) ?? s.service}: {s.open}{Number(s.overdue) > 0 ? ` (${t('workload.overdue').toLowerCase()} ${s.overdue})` : ''}</Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Reassign({ workload, onDone }: { workload: Workload; onDone: () => void }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [application, setApplication] = useState(params.get('application') ?? '');
  const [clerk, setClerk] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const result = await call(api.POST('/api/v1/applications/{id}/reassign', {
        params: { path: { id: application.trim() } },
        body: { clerk: clerk ?? '' },
      }));
      setDone(t('workload.reassigned', { number: result.registrationNumber, name: result.assignedToName }));
      onDone();
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="reassign">
      <Title order={2} size="h3">{t('workload.reassign')}</Title>
      <Group align="end" wrap="wrap">
        <TextInput label={t('workload.application')} value={application} onChange={(e) => setApplication(e.currentTarget.value)} w={340} />
        <Select
          label={t('workload.to')}
          data={workload.clerks.map((c) => ({ value: c.login, label: `${c.fullName} (${c.login})` }))}
          value={clerk}
          onChange={setClerk}
          searchable
          w={300}
        />
        <Button onClick={submit} loading={busy} disabled={!application.trim() || !clerk}>{t('workload.reassignButton')}</Button>
      </Group>
      {problem && <ProblemAlert problem={problem} />}
      {done && <Alert color="green" data-testid="reassigned">{done}</Alert>}
    </Stack>
  );
}
