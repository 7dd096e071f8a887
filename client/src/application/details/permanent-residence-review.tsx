// permanent-residence review steps on the application page: the §18 outside-agency checks (asked with
// If-Match, each answer recorded), the clerk's judgement of the grounds no agency answers, what still
// blocks approval (an unanswered check: 409 external-check-unanswered), the §17 documents handed in
// after the positive decision, and the registration stamp (§5) once approved.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, List, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { api, call, callWithResponse, type Schemas } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { loadService } from '../../pages/catalogue';
import type { ModulePanelProps } from '../types';

type Checks = Schemas['PermanentResidenceChecksView'];
const BASE = '/api/v1/migration/permanent-residence/applications/{id}';
/** The checks are asked and recorded while the application is open (PermanentResidenceChecks.OpenStatuses). */
const OPEN = ['submitted', 'in-review', 'suspended'];
/** §17 documents are recorded after approval, before hand-over. */
const DECIDED = ['approved', 'ready-for-issue'];
/**
 * The outside checks in the order of §18 (the API orders them by asked_at, id: checks asked in the
 * same instant come back in no fixed order).
 */
const CHECK_ORDER = ['criminal-record', 'epidemic-disease', 'expulsion', 'national-security'];
const checkRank = (code: string) => (CHECK_ORDER.includes(code) ? CHECK_ORDER.indexOf(code) : CHECK_ORDER.length);
const AFTER_DECISION_GROUP = 'after-positive-decision';
/** The duty receipt of §17.2 is a receipt (Fees), not a document of this list. */
const FEE_RECEIPT = 'fee-receipt';

function Block({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

export function PermanentResidenceReview({ application, busy, run }: ModulePanelProps) {
  const { t, pick, dateTime, date } = useI18n();
  const id = application.id;
  const checks = useApi(() => call(api.GET(`${BASE}/checks`, { params: { path: { id } } })), [id, application.version]);
  const service = useApi(() => loadService('permanent-residence'), []);
  const registration = useApi(
    () => (application.resultReference ? call(api.GET(`${BASE}/registration`, { params: { path: { id } } })) : Promise.resolve(null)),
    [id, application.version, application.resultReference],
  );
  // What is recorded so far, read again after each change (the page reloads the application: a new version).
  const afterDecision = useApi(
    () => (DECIDED.includes(application.status) || application.status === 'issued'
      ? call(api.GET(`${BASE}/after-decision-documents`, { params: { path: { id } } }))
      : Promise.resolve(null)),
    [id, application.version, application.status],
  );
  const recorded = afterDecision.data?.recorded ?? [];
  const [ticked, setTicked] = useState<string[]>([]);
  const open = OPEN.includes(application.status);
  const grounds = new Map((service.data?.refusalGrounds ?? []).map((g) => [g.code, g] as const));
  const groundName = (code: string) => {
    const ground = grounds.get(code);
    return ground ? `${pick(ground.text)} (${ground.source})` : code;
  };
  const afterItems = (service.data?.documents.find((g) => g.applicantType === AFTER_DECISION_GROUP)?.items ?? [])
    .filter((item) => item.code !== FEE_RECEIPT);

  const ask = () => run('pr-external-checks', t('permanent-residence.runChecks'), async (etag) =>
    callWithResponse(api.POST(`${BASE}/external-checks`, { params: { path: { id }, header: { 'If-Match': etag } } })));
  const recordDocuments = async () => {
    const done = await run('pr-after-decision', t('permanent-residence.recordDocuments'), async (etag) =>
      callWithResponse(api.POST(`${BASE}/after-decision-documents`, {
        params: { path: { id }, header: { 'If-Match': etag } }, body: { documents: ticked },
      })));
    if (done) setTicked([]);
  };

  const view = checks.data;
  const blocking = view ? [...view.unansweredChecks.map((c) => t(`permanent-residence.check.${c as 'criminal-record'}`)), ...view.missingClerkGrounds.map(groundName)] : [];
  return (
    <>
      <Block title={t('permanent-residence.checks')} testId="pr-checks">
        <Stack gap="sm">
          {checks.problem && <ProblemAlert problem={checks.problem} onRetry={checks.reload} />}
          {open && (
            <Group>
              <Button onClick={ask} loading={busy === 'pr-external-checks'} disabled={!!busy && busy !== 'pr-external-checks'}>
                {t('permanent-residence.runChecks')}
              </Button>
            </Group>
          )}
          {view && view.external.length > 0 && (
            <Table data-testid="external-checks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('permanent-residence.check')}</Table.Th>
                  <Table.Th>{t('permanent-residence.answer')}</Table.Th>
                  <Table.Th>{t('permanent-residence.answeredAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...view.external].sort((a, b) => checkRank(a.check) - checkRank(b.check)).map((check) => (
                  <Table.Tr key={check.check} data-check={check.check} data-answer={check.answer ?? ''}>
                    <Table.Td>
                      {t(`permanent-residence.check.${check.check as 'criminal-record'}`)}
                      <Text size="xs" c="dimmed">{check.source}</Text>
                    </Table.Td>
                    <Table.Td>
                      {check.answeredAt
                        ? (check.foundGrounds.length > 0
                          ? <Text size="sm" c="red">{t('permanent-residence.found', { grounds: check.foundGrounds.map(groundName).join('; ') })}</Text>
                          : <Text size="sm" fw={600} c="teal">{t('permanent-residence.clear')}</Text>)
                        : <Text size="sm" fw={600} c="orange">{t('permanent-residence.unanswered')}</Text>}
                      {check.error && <Text size="xs" c="dimmed">{check.error}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{check.answeredAt ? dateTime(check.answeredAt) : '—'}</Text>
                      <Text size="xs" c="dimmed">{t('permanent-residence.askedAt', { at: dateTime(check.askedAt), attempts: String(check.attempts) })}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {view && (
            <ClerkChecks view={view} open={open} busy={busy} groundName={groundName} run={run} id={id} />
          )}
          {view && blocking.length > 0 && (
            <Alert color="orange" data-testid="checks-blocking" title={t('permanent-residence.approvalBlocked')}>
              <List size="sm">{blocking.map((item) => <List.Item key={item}>{item}</List.Item>)}</List>
            </Alert>
          )}
          {view && blocking.length === 0 && (
            <Text size="sm" c="teal" data-testid="checks-complete">{t('permanent-residence.checksComplete')}</Text>
          )}
        </Stack>
      </Block>

      {(DECIDED.includes(application.status) || application.status === 'issued') && (
        <Block title={t('permanent-residence.afterDecision')} testId="pr-after-decision">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">{t('permanent-residence.afterDecisionHint')}</Text>
            {DECIDED.includes(application.status) && (
              <>
                {afterItems.map((item) => (
                  <Checkbox
                    key={item.code}
                    data-after-document={item.code}
                    label={pick(item.text)}
                    // Recorded documents stay ticked and cannot be taken back (the API only adds).
                    checked={recorded.includes(item.code) || ticked.includes(item.code)}
                    disabled={recorded.includes(item.code)}
                    onChange={(e) => setTicked(e.currentTarget.checked ? [...ticked, item.code] : ticked.filter((c) => c !== item.code))}
                  />
                ))}
                <Group>
                  <Button onClick={recordDocuments} disabled={ticked.length === 0 || (!!busy && busy !== 'pr-after-decision')} loading={busy === 'pr-after-decision'}>
                    {t('permanent-residence.recordDocuments')}
                  </Button>
                </Group>
              </>
            )}
            {afterDecision.problem && <ProblemAlert problem={afterDecision.problem} onRetry={afterDecision.reload} />}
            {afterDecision.data && (
              <Text size="sm" data-testid="after-decision-missing" data-missing={afterDecision.data.missing.join(',')} data-recorded={recorded.join(',')}>
                {afterDecision.data.missing.length === 0
                  ? t('permanent-residence.afterDecisionComplete')
                  : t('permanent-residence.afterDecisionMissing', {
                    list: afterDecision.data.missing.map((code) => pick(afterItems.find((i) => i.code === code)?.text ?? { kk: code, ru: code, en: code })).join('; '),
                  })}
              </Text>
            )}
          </Stack>
        </Block>
      )}

      {registration.data && (
        <Block title={t('permanent-residence.stamp')} testId="pr-registration">
          <Stack gap={4}>
            <Text fw={700} data-testid="stamp-number">{t('permanent-residence.result', { number: registration.data.stampNumber })}</Text>
            <Text size="sm">{t('permanent-residence.approvedOn', { date: date(registration.data.approvedOn) })}</Text>
            <Text size="sm" data-testid="registered-on">
              {registration.data.registeredOn
                ? t('permanent-residence.registeredOn', { date: date(registration.data.registeredOn) })
                : t('permanent-residence.registeredAtHandOver')}
            </Text>
            <Text size="sm" c="dimmed">{registration.data.settlement}, {registration.data.address}</Text>
          </Stack>
        </Block>
      )}
    </>
  );
}

function ClerkChecks({ view, open, busy, groundName, run, id }: {
  view: Checks;
  open: boolean;
  busy: string | undefined;
  groundName: (code: string) => string;
  run: ModulePanelProps['run'];
  id: string;
}) {
  const { t, dateTime } = useI18n();
  const recorded = new Map(view.clerk.map((c) => [c.ground, c] as const));
  const all = [...new Set([...view.clerk.map((c) => c.ground), ...view.missingClerkGrounds])];
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const [note, setNote] = useState<Record<string, string>>({});
  return (
    <Stack gap="xs" data-testid="clerk-checks">
      <Text size="sm" fw={600}>{t('permanent-residence.clerkChecks')}</Text>
      {all.map((ground) => {
        const current = recorded.get(ground);
        const chosen = outcome[ground] ?? '';
        const key = `pr-clerk-${ground}`;
        return (
          <Stack key={ground} gap={4} data-clerk-ground={ground} data-outcome={current?.outcome ?? ''}>
            <Text size="sm">{groundName(ground)}</Text>
            {current && (
              <Text size="xs" c={current.outcome === 'found' ? 'red' : 'teal'}>
                {t(current.outcome === 'found' ? 'permanent-residence.clerkFound' : 'permanent-residence.clerkClear', {
                  at: dateTime(current.recordedAt), by: current.recordedBy,
                })}{current.note ? ` — ${current.note}` : ''}
              </Text>
            )}
            {open && (
              <Group align="end" gap="sm">
                <Select
                  w={200}
                  aria-label={t('permanent-residence.outcome')}
                  placeholder={t('permanent-residence.outcome')}
                  data={[{ value: 'clear', label: t('permanent-residence.clear') }, { value: 'found', label: t('permanent-residence.foundShort') }]}
                  value={chosen || null}
                  onChange={(value) => setOutcome({ ...outcome, [ground]: value ?? '' })}
                />
                <TextInput w={320} aria-label={t('permanent-residence.note')} placeholder={t('permanent-residence.note')} value={note[ground] ?? ''}
                  onChange={(e) => setNote({ ...note, [ground]: e.currentTarget.value })} />
                <Button
                  variant="default"
                  loading={busy === key}
                  // A found ground needs a note (the API's 400 otherwise).
                  disabled={!chosen || (chosen === 'found' && !(note[ground] ?? '').trim()) || (!!busy && busy !== key)}
                  onClick={() => run(key, t('permanent-residence.recordClerkCheck'), async (etag) => callWithResponse(api.PUT(`${BASE}/clerk-checks/{ground}`, {
                    params: { path: { id, ground }, header: { 'If-Match': etag } },
                    body: { outcome: chosen, note: (note[ground] ?? '').trim() || null },
                  })))}
                >
                  {t('permanent-residence.recordClerkCheck')}
                </Button>
              </Group>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

