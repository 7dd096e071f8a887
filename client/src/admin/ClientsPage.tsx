import { useState, type FormEvent } from 'react';
import {
  Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, NumberInput, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { api, call, type Schemas } from '../api/client';
import { isApiProblem, type Problem } from '../api/problem';
import { useApi } from '../api/useApi';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime, formatNumber } from '../i18n/format';

type ApiClient = Schemas['ApiClientView'];
type Usage = Schemas['ApiClientUsage'];

/** A secret the server made: shown once, in a dialog that says so, with a copy button. */
interface ShownSecret { clientId: string; secret: string; previousUntil?: string | null }

/**
 * Integrator clients (administrators): who may call the API, with which scopes and limit; create,
 * disable or enable, rotate the secret with an overlap, delete; and each client's usage.
 */
export function ClientsPage() {
  const { t, language } = useI18n();
  const clients = useApi(() => call(api.GET('/api/v1/admin/clients')), []);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [usageOf, setUsageOf] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const act = async (action: () => Promise<void>) => {
    setProblem(null);
    try {
      await action();
      clients.reload();
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    }
  };

  const setDisabled = (client: ApiClient, disabled: boolean) => act(async () => {
    await call(api.PATCH('/api/v1/admin/clients/{clientId}', { params: { path: { clientId: client.clientId } }, body: { disabled } }));
  });

  const rotate = (client: ApiClient) => act(async () => {
    const rotated = await call(api.POST('/api/v1/admin/clients/{clientId}/secret', {
      params: { path: { clientId: client.clientId } }, body: { overlapHours: 24 },
    }));
    setShown({ clientId: client.clientId, secret: rotated.clientSecret, previousUntil: rotated.previousSecretValidUntil });
  });

  const remove = (clientId: string) => act(async () => {
    await call(api.DELETE('/api/v1/admin/clients/{clientId}', { params: { path: { clientId } } }));
    setConfirmDelete(null);
  });

  return (
    <Stack gap="md">
      <Title order={1}>{t('clients.title')}</Title>
      <Text c="dimmed">{t('clients.intro')}</Text>
      {problem && <ProblemAlert problem={problem} />}
      <CreateClientForm onCreated={(created) => {
        clients.reload();
        if (created.clientSecret) setShown({ clientId: created.client.clientId, secret: created.clientSecret });
      }} />
      {clients.loading && !clients.data && <Loading />}
      {clients.problem && <ProblemAlert problem={clients.problem} onRetry={clients.reload} />}
      {clients.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="clients-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.id')}</Table.Th>
                <Table.Th>{t('clients.scopes')}</Table.Th>
                <Table.Th>{t('clients.limit')}</Table.Th>
                <Table.Th>{t('clients.lastUsed')}</Table.Th>
                <Table.Th>{t('clients.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.data.items.map((client) => (
                <Table.Tr key={client.clientId} data-testid={`client-${client.clientId}`}>
                  <Table.Td>
                    <Text fw={600}>{client.clientId}</Text>
                    <Text size="sm">{client.displayName}</Text>
                    <Group gap={4}>
                      <Badge variant="light" color="gray">{client.authMethod}</Badge>
                      {client.disabled && <Badge color="red" data-testid="client-disabled">{t('clients.disabled')}</Badge>}
                    </Group>
                    {client.previousSecretValidUntil && (
                      <Text size="xs">{t('clients.overlapUntil', { time: formatDateTime(client.previousSecretValidUntil, language) })}</Text>
                    )}
                  </Table.Td>
                  <Table.Td><Text size="sm">{client.scopes.join(' ')}</Text></Table.Td>
                  <Table.Td>{client.rateLimitPerMinute ? t('clients.perMinute', { count: formatNumber(client.rateLimitPerMinute, language) }) : t('clients.defaultLimit')}</Table.Td>
                  <Table.Td>{client.lastUsedAt ? formatDateTime(client.lastUsedAt, language) : t('clients.never')}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Button size="xs" variant="default" onClick={() => setUsageOf(client.clientId)}>{t('clients.usage')}</Button>
                      {client.authMethod === 'client_secret' && (
                        <Button size="xs" variant="default" onClick={() => rotate(client)}>{t('clients.rotate')}</Button>
                      )}
                      <Button size="xs" variant="default" onClick={() => setDisabled(client, !client.disabled)}>
                        {client.disabled ? t('clients.enable') : t('clients.disable')}
                      </Button>
                      <Button size="xs" color="red" variant="light" onClick={() => setConfirmDelete(client.clientId)}>{t('clients.delete')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={t('clients.secretTitle', { id: shown?.clientId ?? '' })}>
        {shown && (
          <Stack gap="sm">
            <Alert color="yellow">{t('clients.secretOnce')}</Alert>
            <Code block data-testid="client-secret">{shown.secret}</Code>
            {shown.previousUntil && <Text size="sm">{t('clients.overlapUntil', { time: formatDateTime(shown.previousUntil, language) })}</Text>}
            <Group>
              <CopyButton value={shown.secret}>
                {({ copied, copy }) => <Button onClick={copy} variant="default">{copied ? t('clients.copied') : t('clients.copy')}</Button>}
              </CopyButton>
              <Button onClick={() => setShown(null)}>{t('clients.secretSaved')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={confirmDelete !== null} onClose={() => setConfirmDelete(null)} title={t('clients.deleteTitle', { id: confirmDelete ?? '' })}>
        <Stack gap="sm">
          <Text>{t('clients.deleteText')}</Text>
          <Group>
            <Button variant="default" onClick={() => setConfirmDelete(null)}>{t('confirm.cancel')}</Button>
            <Button color="red" data-testid="confirm-delete" onClick={() => confirmDelete && remove(confirmDelete)}>{t('clients.delete')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={usageOf !== null} onClose={() => setUsageOf(null)} size="lg" title={t('clients.usageTitle', { id: usageOf ?? '' })}>
        {usageOf && <UsagePanel clientId={usageOf} />}
      </Modal>
    </Stack>
  );
}

function CreateClientForm({ onCreated }: { onCreated: (created: Schemas['CreatedApiClient']) => void }) {
  const { t } = useI18n();
  const [clientId, setClientId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [scopes, setScopes] = useState('');
  const [limit, setLimit] = useState<number | string>('');
  const [method, setMethod] = useState<'client_secret' | 'private_key_jwt'>('client_secret');
  const [jwks, setJwks] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const fieldError = (field: string) => problem?.errors?.[field]?.join(' ');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let keys: Schemas['ClientPublicKeySet'] | undefined;
    if (method === 'private_key_jwt') {
      try {
        keys = JSON.parse(jwks) as Schemas['ClientPublicKeySet'];
      } catch {
        setProblem({ code: 'validation-failed', title: t('clients.jwksNotJson'), status: 400, errors: { jwks: [t('clients.jwksNotJson')] } });
        return;
      }
    }

    setBusy(true);
    try {
      const created = await call(api.POST('/api/v1/admin/clients', {
        body: {
          clientId: clientId.trim(),
          displayName: displayName.trim(),
          scopes: scopeList(scopes),
          rateLimitPerMinute: typeof limit === 'number' ? limit : null,
          authMethod: method,
          jwks: keys ?? null,
        },
      }));
      setClientId('');
      setDisplayName('');
      setScopes('');
      setLimit('');
      setJwks('');
      onCreated(created);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <form onSubmit={submit} data-testid="create-client-form">
        <Stack gap="sm">
          <Title order={2} size="h4">{t('clients.create')}</Title>
          {problem && !problem.errors && <ProblemAlert problem={problem} />}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('clients.id')} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} required
              description={t('clients.idHint')} error={fieldError('clientId')} name="clientId" />
            <TextInput label={t('clients.name')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required
              error={fieldError('displayName')} name="displayName" />
          </Group>
          <TextInput label={t('clients.scopes')} value={scopes} onChange={(e) => setScopes(e.currentTarget.value)} required
            description={t('clients.scopesHint')} name="scopes"
            error={fieldError('scopes') ?? itemErrors(problem, 'scopes', scopeList(scopes))} />
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput label={t('clients.limit')} value={limit} onChange={setLimit} min={1} max={100000} allowDecimal={false}
              description={t('clients.limitHint')} error={fieldError('rateLimitPerMinute')} name="rateLimitPerMinute" />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="auth-method-label">{t('clients.method')}</Text>
              <SegmentedControl aria-labelledby="auth-method-label" value={method} onChange={(value) => setMethod(value as typeof method)}
                data={[{ value: 'client_secret', label: t('clients.methodSecret') }, { value: 'private_key_jwt', label: t('clients.methodKey') }]} />
            </Stack>
          </Group>
          {method === 'private_key_jwt' && (
            <Textarea label={t('clients.jwks')} description={t('clients.jwksHint')} value={jwks} onChange={(e) => setJwks(e.currentTarget.value)}
              autosize minRows={3} required name="jwks"
              error={fieldError('jwks') ?? itemErrors(problem, 'jwks.keys', [])} />
          )}
          <Group>
            <Button type="submit" loading={busy}>{t('clients.createButton')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Scopes typed as a list separated by spaces or commas. */
function scopeList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The messages of a list's items (scopes[1], jwks.keys[0]) for the list's one field, each led by
 * the item it is about (the scope as typed, or the key's position), not by a JSON path.
 */
export function itemErrors(problem: Problem | null, list: string, items: readonly string[]): string | undefined {
  const messages = Object.entries(problem?.errors ?? {})
    .map(([key, texts]) => ({ match: new RegExp(`^${list.replace('.', '\\.')}\\[(\\d+)\\]$`).exec(key), texts }))
    .filter((entry) => entry.match !== null)
    .map(({ match, texts }) => {
      const index = Number(match![1]);
      return `${items[index] ?? `#${index + 1}`}: ${texts.join(' ')}`;
    });
  return messages.length > 0 ? messages.join('; ') : undefined;
}

function UsagePanel({ clientId }: { clientId: string }) {
  const { t, language } = useI18n();
  const usage = useApi<Usage>(() => call(api.GET('/api/v1/admin/clients/{clientId}/usage', { params: { path: { clientId }, query: { days: 30 } } })), [clientId]);
  if (usage.problem) return <ProblemAlert problem={usage.problem} onRetry={usage.reload} />;
  if (!usage.data) return <Loading />;
  const { totals, operations } = usage.data;
  return (
    <Stack gap="sm" data-testid="client-usage">
      <Text size="sm">{t('clients.usagePeriod', { from: usage.data.from, to: usage.data.to })}</Text>
      <Group gap="lg">
        <Text data-testid="usage-requests">{t('clients.requests')}: <b>{formatNumber(totals.requests, language)}</b></Text>
        <Text>{t('clients.clientErrors')}: <b>{formatNumber(totals.clientErrors, language)}</b></Text>
        <Text>{t('clients.serverErrors')}: <b>{formatNumber(totals.serverErrors, language)}</b></Text>
        <Text>{t('clients.rateLimited')}: <b>{formatNumber(totals.rateLimited, language)}</b></Text>
      </Group>
      <Text size="sm">{t('clients.lastUsed')}: {usage.data.lastUsedAt ? formatDateTime(usage.data.lastUsedAt, language) : t('clients.never')}</Text>
      {operations.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.operation')}</Table.Th>
                <Table.Th>{t('clients.requests')}</Table.Th>
                <Table.Th>{t('clients.clientErrors')}</Table.Th>
                <Table.Th>{t('clients.rateLimited')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {operations.map((operation) => (
                <Table.Tr key={operation.operation}>
                  <Table.Td><Code>{operation.operation}</Code></Table.Td>
                  <Table.Td>{formatNumber(operation.counts.requests, language)}</Table.Td>
                  <Table.Td>{formatNumber(operation.counts.clientErrors, language)}</Table.Td>
                  <Table.Td>{formatNumber(operation.counts.rateLimited, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
