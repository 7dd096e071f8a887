import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, call, type Schemas } from '../api/client';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { loadServices } from './catalogue';

type Lookup = Schemas['ApplicationStatusLookup'];

/**
 * "Check my application" (public): the registration number from the acknowledgement slip and the
 * applicant's IIN give the service, the status, the due date and the next step, nothing else.
 */
export function StatusCheckPage() {
  const { t, pick, language } = useI18n();
  // The slip's QR code opens /status?number=…: the number is filled in, the IIN is typed.
  const [params] = useSearchParams();
  const [number, setNumber] = useState(() => params.get('number') ?? '');
  const [iin, setIin] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ lookup: Lookup; serviceName: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const lookup = await call(api.GET('/api/v1/applications/status', {
        params: { query: { number: number.trim(), iin: iin.trim() } },
      }));
      const services = await loadServices().catch(() => []);
      const service = services.find((entry) => entry.code === lookup.service);
      setResult({ lookup, serviceName: service ? pick(service.name) : lookup.service });
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('statusCheck.title')}</Title>
      <Text>{t('statusCheck.intro')}</Text>
      <form onSubmit={submit} data-testid="status-check-form">
        <Stack gap="sm">
          <TextInput label={t('statusCheck.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} required />
          <TextInput label={t('statusCheck.iin')} value={iin} onChange={(e) => setIin(e.currentTarget.value)} required
            inputMode="numeric" maxLength={12} />
          <Group>
            <Button type="submit" loading={busy}>{t('statusCheck.submit')}</Button>
          </Group>
        </Stack>
      </form>
      {problem && <ProblemAlert problem={problem} />}
      {result && (
        <Card withBorder data-testid="status-check-result" data-status={result.lookup.status}>
          <Stack gap={6}>
            <Text fw={600}>{result.serviceName}</Text>
            <Group gap="xs">
              <Text size="sm">{t('statusCheck.status')}:</Text>
              <Badge data-testid="status-check-status">{t(`status.${result.lookup.status}` as MessageKey)}</Badge>
            </Group>
            <Text size="sm" data-testid="status-check-due">{t('statusCheck.due', { date: formatDate(result.lookup.dueDate, language) })}</Text>
            <Text size="sm" data-testid="status-check-next">{result.lookup.nextStep.text}</Text>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
