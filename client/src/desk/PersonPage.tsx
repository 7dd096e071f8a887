import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { loadServices } from '../pages/catalogue';
import { StatusBadge } from './labels';

/** A person's page: the applications and register entries of an IIN the clerk may see (the API audits the look-up). */
export function PersonPage() {
  const { subject = '' } = useParams();
  const { t, pick, date, dateTime } = useI18n();
  const person = useApi(async () => {
    const [found, services] = await Promise.all([
      call(api.GET('/api/v1/people/{subject}', { params: { path: { subject } } })),
      loadServices(),
    ]);
    return { found, names: new Map(services.map((s) => [s.code, pick(s.name)])) };
  }, [subject]);

  return (
    <Stack gap="md">
      <PageTitle>{t('person.title', { subject })}</PageTitle>
      {person.problem && <ProblemAlert problem={person.problem} onRetry={person.reload} />}
      {person.loading && !person.data && <Loading />}
      {person.data && (
        <>
          {person.data.found.name && <Text fw={600} data-testid="person-name">{person.data.found.name}</Text>}
          <Title order={2} size="h3">{t('person.applications')}</Title>
          {person.data.found.applications.length === 0 ? <Text c="dimmed">{t('person.none')}</Text> : (
            <Table.ScrollContainer minWidth={320}>
              <Table data-testid="person-applications">
                <Table.Tbody>
                  {person.data.found.applications.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td><Anchor component={Link} to={`/desk/applications/${a.id}`} ff="monospace">{a.registrationNumber}</Anchor></Table.Td>
                      <Table.Td>{person.data!.names.get(a.service) ?? a.service}</Table.Td>
                      <Table.Td><StatusBadge status={a.status} /></Table.Td>
                      <Table.Td>{dateTime(a.acceptedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={2} size="h3">{t('person.records')}</Title>
          {person.data.found.records.length === 0 ? <Text c="dimmed">{t('person.none')}</Text> : (
            <Table.ScrollContainer minWidth={320}>
              <Table data-testid="person-records">
                <Table.Tbody>
                  {person.data.found.records.map((r) => (
                    <Table.Tr key={`${r.kind}:${r.reference}`}>
                      <Table.Td>{person.data!.names.get(r.service) ?? r.service}</Table.Td>
                      <Table.Td ff="monospace">{r.reference}</Table.Td>
                      <Table.Td>{r.summary}</Table.Td>
                      <Table.Td>{r.status}</Table.Td>
                      <Table.Td>{r.since ? date(r.since) : ''}{r.validUntil ? ` – ${date(r.validUntil)}` : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
