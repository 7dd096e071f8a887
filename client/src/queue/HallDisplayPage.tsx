import { useEffect } from 'react';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { translate } from '../i18n/messages';
// Kazakh and Russian whatever the page's language (a lazy chunk).
import '../i18n/all';

/** How often the hall display asks again. */
export const DISPLAY_REFRESH_MS = 5_000;

/** Kazakh and Russian side by side, whatever the UI language: the hall reads both. */
function Both({ id, values }: { id: Parameters<typeof translate>[1]; values?: Record<string, string | number> }) {
  return (
    <>
      <span lang="kk">{translate('kk', id, values)}</span>
      {' / '}
      <span lang="ru">{translate('ru', id, values)}</span>
    </>
  );
}

/** The hall display (public, /queue/{office}/display): the tickets at a window now, refreshed on its own. */
export function HallDisplayPage() {
  const { officeId = '' } = useParams();
  const state = useApi(() => call(api.GET('/api/v1/offices/{id}/queue/display', { params: { path: { id: officeId } } })), [officeId]);
  const { reload } = state;
  useEffect(() => {
    const timer = setInterval(reload, DISPLAY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (state.problem && !state.data) return <ProblemAlert problem={state.problem} onRetry={reload} />;
  if (!state.data) return <Loading />;
  const display = state.data;
  return (
    <Stack gap="md" data-testid="hall-display">
      <Title order={1}><Both id="queue.display.title" /></Title>
      <Text fw={600} data-testid="hall-display-office">
        <span lang="kk">{display.officeNames.kk}</span>
        {display.officeNames.ru !== display.officeNames.kk && <>{' / '}<span lang="ru">{display.officeNames.ru}</span></>}
      </Text>
      <Group justify="space-between" px="sm">
        <Text fw={700}><Both id="queue.display.ticket" /></Text>
        <Text fw={700}><Both id="queue.display.window" /></Text>
      </Group>
      {display.called.length === 0 && <Text c="dimmed"><Both id="queue.display.empty" /></Text>}
      <SimpleGrid cols={1} spacing="xs">
        {display.called.map((ticket, index) => (
          <Card key={ticket.number} withBorder bg={index === 0 ? 'yellow.1' : undefined} data-testid="hall-display-row" data-number={ticket.number} data-window={ticket.window}>
            <Group justify="space-between" wrap="nowrap">
              <Text fz={{ base: 28, sm: 44 }} fw={800}>{ticket.number}</Text>
              <Text fz={{ base: 28, sm: 44 }} fw={800}>→ {ticket.window}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <Text><Both id="queue.display.waiting" values={{ count: display.waiting }} /></Text>
    </Stack>
  );
}
