import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { isApiProblem, type Problem } from '../api/problem';
import { useApi } from '../api/useApi';
import { useSession } from '../auth/auth';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';

type Ticket = Schemas['TicketResponse'];

const WINDOW_KEY = 'kazgov.queue.window';
const LINE_REFRESH_MS = 10_000;
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Almaty' });

/** The clerk's queue panel (/desk/queue): today's line for their services, "call next" to their window, served / no-show. */
export function QueueDeskPage() {
  const { t } = useI18n();
  const session = useSession();
  const officeId = session.status === 'signed-in' ? session.actor.officeId : null;
  const [window, setWindow] = useState(() => localStorage.getItem(WINDOW_KEY) ?? '');
  const [applicationIds, setApplicationIds] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const line = useApi(() => call(api.GET('/api/v1/queue/line')), []);
  const { reload } = line;
  useEffect(() => {
    const timer = setInterval(reload, LINE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const act = async (key: string, run: () => Promise<unknown>) => {
    setBusy(key);
    setProblem(null);
    try {
      await run();
      reload();
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(null);
    }
  };

  const callNext = () => act('call', async () => {
    localStorage.setItem(WINDOW_KEY, window.trim());
    await call(api.POST('/api/v1/queue/call-next', { body: { window: window.trim() } }));
  });
  const serve = (ticket: Ticket) => act(`serve:${ticket.id}`, () => call(api.POST('/api/v1/queue/tickets/{id}/serve', {
    params: { path: { id: ticket.id } },
    body: { applicationId: applicationIds[ticket.id]?.trim() || null },
  })));
  const noShow = (ticket: Ticket) => act(`no-show:${ticket.id}`, () => call(api.POST('/api/v1/queue/tickets/{id}/no-show', {
    params: { path: { id: ticket.id } },
  })));

  const waited = (ticket: Ticket) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{t('queue.desk.waited', { waited: ticket.waitedMinutes, norm: ticket.normMinutes ?? '—' })}</Text>
      {ticket.overNorm && <Badge color="red" size="sm">{t('queue.desk.overNorm')}</Badge>}
    </Group>
  );

  return (
    <Stack gap="md" data-testid="queue-desk">
      <Title order={1}>{t('queue.desk.title')}</Title>
      {officeId && (
        <Group gap="md">
          <Anchor component={Link} to={`/queue/${officeId}/kiosk`}>{t('queue.desk.kioskLink')}</Anchor>
          <Anchor component={Link} to={`/queue/${officeId}/display`}>{t('queue.desk.displayLink')}</Anchor>
        </Group>
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('queue.desk.window')} value={window} onChange={(e) => setWindow(e.currentTarget.value)} w={140} data-testid="queue-window" />
        <Button onClick={callNext} loading={busy === 'call'} disabled={!window.trim()} data-testid="queue-call-next">{t('queue.desk.callNext')}</Button>
      </Group>
      {problem && <ProblemAlert problem={problem} />}
      {line.problem && <ProblemAlert problem={line.problem} onRetry={reload} />}
      {!line.data ? <Loading /> : (
        <>
          <Title order={2} size="h3">{t('queue.desk.called')}</Title>
          {line.data.called.map((ticket) => (
            <Card key={ticket.id} withBorder data-testid="queue-called" data-number={ticket.number}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="wrap">
                  <Text fw={800} fz="xl">{ticket.number} → {ticket.window}</Text>
                  {waited(ticket)}
                </Group>
                <Text size="sm">{ticket.serviceCode} · {t(`queue.purpose.${ticket.purpose as 'submission' | 'pick-up'}`)}</Text>
                <TextInput
                  label={t('queue.desk.application')}
                  value={applicationIds[ticket.id] ?? ''}
                  onChange={(e) => setApplicationIds({ ...applicationIds, [ticket.id]: e.currentTarget.value })}
                />
                <Group gap="sm" wrap="wrap">
                  <Button color="green" onClick={() => serve(ticket)} loading={busy === `serve:${ticket.id}`} data-testid="queue-served">{t('queue.desk.served')}</Button>
                  <Button variant="default" onClick={() => noShow(ticket)} loading={busy === `no-show:${ticket.id}`} data-testid="queue-no-show">{t('queue.desk.noShow')}</Button>
                </Group>
              </Stack>
            </Card>
          ))}
          <Title order={2} size="h3">{t('queue.desk.waiting')}</Title>
          {line.data.waiting.length === 0 ? <Text c="dimmed" data-testid="queue-empty">{t('queue.desk.empty')}</Text> : (
            <Table.ScrollContainer minWidth={320}>
              <Table striped data-testid="queue-waiting">
                <Table.Tbody>
                  {line.data.waiting.map((ticket) => (
                    <Table.Tr key={ticket.id} data-number={ticket.number} c={ticket.overNorm ? 'red' : undefined}>
                      <Table.Td fw={700}>{ticket.number}</Table.Td>
                      <Table.Td>{CLOCK.format(new Date(ticket.takenAt))}</Table.Td>
                      <Table.Td>{waited(ticket)}</Table.Td>
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
