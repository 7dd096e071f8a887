import { useState } from 'react';
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { isApiProblem, type Problem } from '../api/problem';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import { loadServices } from '../pages/catalogue';

type Ticket = Schemas['TicketResponse'];
type Purpose = 'submission' | 'pick-up';

/**
 * The office's kiosk (public, /queue/{office}/kiosk): a ticket per service and purpose in today's
 * queue. The purposes offered are those the standard sets a queue norm for (catalogue terms.queue).
 */
export function KioskPage() {
  const { officeId = '' } = useParams();
  const { t, pick } = useI18n();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const state = useApi(async () => {
    const office = await call(api.GET('/api/v1/offices/{id}', { params: { path: { id: officeId } } }));
    const services = await loadServices();
    return { office, services: services.filter((service) => office.services.includes(service.code)) };
  }, [officeId]);

  const take = async (serviceCode: string, purpose: Purpose) => {
    setBusy(`${serviceCode}:${purpose}`);
    setProblem(null);
    try {
      setTicket(await call(api.POST('/api/v1/offices/{id}/queue/tickets', {
        params: { path: { id: officeId } },
        body: { serviceCode, purpose },
      })));
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(null);
    }
  };

  if (state.problem) return <ProblemAlert problem={state.problem} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const { office, services } = state.data;

  if (ticket) {
    return (
      <Stack align="center" gap="md" data-testid="kiosk-ticket" data-number={ticket.number}>
        <Text size="lg">{t('queue.kiosk.ticket')}</Text>
        <Title order={1} fz={64} data-testid="kiosk-ticket-number">{ticket.number}</Title>
        <Text>{pick(services.find((s) => s.code === ticket.serviceCode)?.name ?? { kk: ticket.serviceCode, ru: ticket.serviceCode, en: ticket.serviceCode })}</Text>
        <Text>{t(`queue.purpose.${ticket.purpose as Purpose}`)}</Text>
        <Text data-testid="kiosk-ahead">{t('queue.kiosk.ahead', { count: ticket.peopleAhead ?? 0 })}</Text>
        {ticket.normMinutes != null && <Text c="dimmed">{t('queue.kiosk.norm', { minutes: ticket.normMinutes })}</Text>}
        <Button size="lg" onClick={() => setTicket(null)}>{t('queue.kiosk.another')}</Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={1}>{t('queue.kiosk.title')}</Title>
      <Text fw={600}>{office.name}</Text>
      <Text>{t('queue.kiosk.intro')}</Text>
      {problem && <ProblemAlert problem={problem} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {services.map((service) => (
          <Card key={service.code} withBorder data-testid={`kiosk-service-${service.code}`}>
            <Stack gap="sm">
              <Text fw={600}>{pick(service.name)}</Text>
              <Group gap="sm" grow wrap="wrap">
                {(['submission', 'pick-up'] as const)
                  .filter((purpose) => purpose === 'submission' || service.terms.queue?.pickUp)
                  .map((purpose) => (
                    <Button
                      key={purpose}
                      size="md"
                      variant={purpose === 'submission' ? 'filled' : 'light'}
                      loading={busy === `${service.code}:${purpose}`}
                      onClick={() => take(service.code, purpose)}
                      data-testid={`kiosk-take-${service.code}-${purpose}`}
                    >
                      {t(`queue.purpose.${purpose}`)}
                    </Button>
                  ))}
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
