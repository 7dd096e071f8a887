// citizenship on the application page: the outside checks (§18/§19), the commission step
// (in review → sent to the commission → decided, with the decree/decision number and date), the
// previous identity documents handed in before the certificate (§17), and the certificate.
import { useState } from 'react';
import { DateField } from '../components/DateField';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { api, call, callWithResponse, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { ModulePanelProps } from './types';

type CaseView = Schemas['CitizenshipCaseView'];

const post = (path: string, id: string, etag: string, body: unknown) =>
  callWithResponse(api.POST(path as never, { params: { path: { id } }, headers: { 'If-Match': etag }, body } as never));

/** The module panel of citizenship; its steps run with the ETag the page holds (If-Match), then the page reloads. */
export function CitizenshipSteps({ application, busy: running, run }: ModulePanelProps) {
  const { id: applicationId, status, version } = application;
  const busy = running === 'citizenship';
  const { t, date } = useI18n();
  const loaded = useApi(() => call(api.GET('/api/v1/citizenship/applications/{id}', { params: { path: { id: applicationId } } })), [applicationId, version]);
  const [outcome, setOutcome] = useState<'granted' | 'rejected'>('granted');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayInAlmaty());
  const [documentKind, setDocumentKind] = useState<string | null>(null);
  const [documentNumber, setDocumentNumber] = useState('');
  const view: CaseView | undefined = loaded.data;
  if (!view) return null;
  const open = ['submitted', 'in-review', 'suspended'].includes(status);
  const step = (path: string, body: unknown) => run('citizenship', t('citizenship.steps'), (etag) => post(`/api/v1/citizenship/applications/{id}/${path}`, applicationId, etag, body));
  return (
    <Card withBorder padding="md" component="section" data-testid="citizenship-steps" data-stage={view.stage}>
      <Title order={2} size="h4" mb="sm">{t('citizenship.steps')}</Title>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm" fw={600}>{t('citizenship.stage')}:</Text>
          <Badge variant="light" data-testid="citizenship-stage">{t(`citizenship.stage.${view.stage}` as never)}</Badge>
        </Group>

        <Text size="sm" fw={600}>{t('citizenship.checks')}</Text>
        {view.externalChecks.length > 0 && (
          <Table data-testid="citizenship-checks">
            <Table.Tbody>
              {view.externalChecks.map((c) => (
                <Table.Tr key={`${c.check}-${c.askedAt}`} data-check={c.check} data-answer={c.answer ?? 'none'}>
                  <Table.Td>{c.check}</Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">{c.source}</Text></Table.Td>
                  <Table.Td>{c.answer ?? t('citizenship.unanswered')}{c.foundGrounds.length > 0 ? `: ${c.foundGrounds.join(', ')}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {open && view.unansweredChecks.length > 0 && (
          <Button variant="default" w="fit-content" loading={busy} data-testid="run-checks" onClick={() => step('external-checks', undefined)}>
            {t('citizenship.runChecks', { checks: view.unansweredChecks.join(', ') })}
          </Button>
        )}

        <Text size="sm" fw={600}>{t('citizenship.commission')}</Text>
        {view.commission ? (
          <Text size="sm" data-testid="commission">
            {t('citizenship.sentAt', { at: date(view.commission.sentAt.slice(0, 10)) })}
            {view.commission.outcome && ` · ${t(`citizenship.outcome.${view.commission.outcome}` as never)} · ${view.commission.decisionNumber} · ${date(view.commission.decidedOn!)}`}
          </Text>
        ) : status === 'in-review' ? (
          <Button variant="default" w="fit-content" loading={busy} data-testid="send-to-commission" onClick={() => step('commission', { note: null })}>
            {t('citizenship.sendToCommission')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">{t('citizenship.commissionAfterReview')}</Text>
        )}
        {view.commission && !view.commission.outcome && status === 'in-review' && (
          <Group align="end" gap="sm" data-testid="commission-decision">
            <Select w={180} label={t('citizenship.outcome')} allowDeselect={false} value={outcome}
              data={[{ value: 'granted', label: t('citizenship.outcome.granted') }, { value: 'rejected', label: t('citizenship.outcome.rejected') }]}
              onChange={(value) => value && setOutcome(value as 'granted' | 'rejected')} />
            <TextInput w={220} label={t('citizenship.decisionNumber')} value={decisionNumber} onChange={(e) => setDecisionNumber(e.currentTarget.value)} />
            <DateField w={170} label={t('citizenship.decidedOn')} value={decidedOn} max={todayInAlmaty()} onChange={(value) => setDecidedOn(value)} />
            <Button variant="default" loading={busy} disabled={!decisionNumber.trim() || !decidedOn}
              onClick={() => step('commission-decision', { outcome, decisionNumber: decisionNumber.trim(), decidedOn })}>
              {t('citizenship.recordDecision')}
            </Button>
          </Group>
        )}

        <Text size="sm" fw={600}>{t('citizenship.handedIn')}</Text>
        {view.identityDocumentsHandedIn.length > 0 ? (
          <Text size="sm" data-testid="handed-in">
            {view.identityDocumentsHandedIn.map((d) => `${t(`citizenship.document.${d.kind}` as never)} ${d.number}`).join('; ')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">{t('citizenship.handInBeforeCertificate')}</Text>
        )}
        {(status === 'approved' || status === 'ready-for-issue') && (
          <Group align="end" gap="sm" data-testid="hand-in">
            <Select w={240} label={t('citizenship.documentKind')} value={documentKind}
              data={view.identityDocumentKinds.map((k) => ({ value: k, label: t(`citizenship.document.${k}` as never) }))}
              onChange={setDocumentKind} />
            <TextInput w={200} label={t('citizenship.documentNumber')} value={documentNumber} onChange={(e) => setDocumentNumber(e.currentTarget.value)} />
            <Button variant="default" loading={busy} disabled={!documentKind || !documentNumber.trim()}
              onClick={async () => {
                if (await step('identity-documents', { documents: [{ kind: documentKind, number: documentNumber.trim() }] })) setDocumentNumber('');
              }}>
              {t('citizenship.handIn')}
            </Button>
          </Group>
        )}

        {view.certificate && (
          <Text size="sm" data-testid="certificate" data-state={view.certificate.state}>
            {t('citizenship.certificate', { number: view.certificate.number })}
            {view.certificate.issuedOn ? ` · ${date(view.certificate.issuedOn)}` : ` · ${t('citizenship.certificateReserved')}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
