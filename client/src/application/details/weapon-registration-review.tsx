// weapon-registration review steps on the application page: the §18 outside-agency checks (asked with
// If-Match, each answer recorded; an unanswered check blocks approval: 409 external-check-unanswered),
// the §17 hand-over recipient (the applicant, or a proxy with a power of attorney) required before
// issue (409 weapon-recipient-not-recorded), and a link from the unit to the weapon register.
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { Alert, Anchor, Button, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call, callWithResponse, type Schemas } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/messages';
import { loadService } from '../../pages/catalogue';
import type { ModulePanelProps } from '../types';

const BASE = '/api/v1/weapons/applications/{id}';
/** The checks are asked while the application is open (WeaponChecks.OpenStatuses). */
const OPEN = ['submitted', 'in-review', 'suspended'];
/** The recipient is recorded after approval, before hand-over. */
const DECIDED = ['approved', 'ready-for-issue'];

/** The register page's address of a unit (it accepts ?make=&serial=); null without both. */
export function registerLink(unit: unknown): string | null {
  if (!unit || typeof unit !== 'object') return null;
  const { make, serial } = unit as Record<string, unknown>;
  if (typeof make !== 'string' || typeof serial !== 'string' || !make.trim() || !serial.trim()) return null;
  return `/desk/weapons?${new URLSearchParams({ make, serial }).toString()}`;
}

export interface RecipientForm {
  receivedBy: 'applicant' | 'proxy';
  fullName: string;
  iin: string;
  number: string;
  issuedOn: string;
  validUntil: string;
  issuedBy: string;
}

/** The PUT …/recipient body: a proxy only when the proxy receives (the API judges the fields). */
export function recipientBody(form: RecipientForm): Schemas['RecordRecipientRequest'] {
  if (form.receivedBy === 'applicant') return { receivedBy: 'applicant', proxy: null };
  const trim = (s: string) => s.trim() || null;
  return {
    receivedBy: 'proxy',
    proxy: {
      fullName: trim(form.fullName),
      iin: trim(form.iin),
      powerOfAttorney: { number: trim(form.number), issuedOn: trim(form.issuedOn), validUntil: trim(form.validUntil), issuedBy: trim(form.issuedBy) },
    },
  };
}

function Block({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

export function WeaponRegistrationReview({ application, busy, run }: ModulePanelProps) {
  const { t, pick, dateTime } = useI18n();
  const id = application.id;
  const service = useApi(() => loadService('weapon-registration'), []);
  const grounds = new Map((service.data?.refusalGrounds ?? []).map((g) => [g.code, g] as const));
  const groundName = (code: string) => {
    const ground = grounds.get(code);
    return ground ? `${pick(ground.text)} (${ground.source})` : code;
  };
  const checkName = (code: string) => {
    const key = `weapons.check.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  const checks = useApi(() => call(api.GET(`${BASE}/checks`, { params: { path: { id } } })), [id, application.version]);
  const [recorded, setRecipient] = useState<Schemas['RecipientView']>();
  // What was recorded before this page was opened (§17), until the clerk records anew.
  const stored = useApi(
    () => (DECIDED.includes(application.status) ? call(api.GET(`${BASE}/recipient`, { params: { path: { id } } })) : Promise.resolve(null)),
    [id, application.status],
  );
  const recipient = recorded ?? (stored.data?.receivedBy ? stored.data : undefined);
  const [form, setForm] = useState<RecipientForm>({ receivedBy: 'applicant', fullName: '', iin: '', number: '', issuedOn: '', validUntil: '', issuedBy: '' });
  const open = OPEN.includes(application.status);
  // §18 person-grounds: the agencies are not needed for an organisation (§13.10), and approval does not wait for them.
  const organisation = application.applicant.kind === 'legal-entity';
  const link = registerLink((application.moduleData as Record<string, unknown> | null | undefined)?.unit);

  const ask = () => run('weapon-external-checks', t('weapons.runChecks'), async (etag) =>
    callWithResponse(api.POST(`${BASE}/external-checks`, { params: { path: { id }, header: { 'If-Match': etag } } })));
  const record = () => run('weapon-recipient', t('weapons.recordRecipient'), async (etag) => {
    const { data } = await callWithResponse(api.PUT(`${BASE}/recipient`, {
      params: { path: { id }, header: { 'If-Match': etag } }, body: recipientBody(form),
    }));
    setRecipient(data);
  });
  const field = (name: keyof RecipientForm, label: string, { type, ...props }: Record<string, unknown> = {}) => (type === 'date'
    ? <DateField label={label} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} {...props} />
    : <TextInput label={label} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })} type={type as string | undefined} {...props} />
  );

  const view = checks.data;
  return (
    <>
      <Block title={t('weapons.checks')} testId="weapon-checks">
        <Stack gap="sm">
          {checks.problem && <ProblemAlert problem={checks.problem} onRetry={checks.reload} />}
          {open && (
            <Group>
              <Button onClick={ask} loading={busy === 'weapon-external-checks'} disabled={!!busy && busy !== 'weapon-external-checks'}>
                {t('weapons.runChecks')}
              </Button>
            </Group>
          )}
          {view && view.checks.length === 0 && <Text size="sm" c="dimmed" data-testid="weapon-checks-none">{t('weapons.checksNone')}</Text>}
          {view && view.checks.length > 0 && (
            <Table data-testid="weapon-external-checks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('weapons.check')}</Table.Th>
                  <Table.Th>{t('weapons.answer')}</Table.Th>
                  <Table.Th>{t('weapons.answeredAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.checks.map((check) => (
                  <Table.Tr key={`${check.check}-${check.subject}`} data-check={check.check} data-answer={check.answer ?? ''}>
                    <Table.Td>
                      {checkName(check.check)}
                      <Text size="xs" c="dimmed">{check.source}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={!check.answeredAt ? 'orange' : check.answer === 'found' ? 'red' : 'teal'}>
                        {!check.answeredAt ? t('weapons.unanswered') : check.answer === 'found' ? t('weapons.found', { ground: groundName(check.ground) }) : t('weapons.clear')}
                      </Text>
                      {check.error && <Text size="xs" c="dimmed">{check.error}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{check.answeredAt ? dateTime(check.answeredAt) : '—'}</Text>
                      <Text size="xs" c="dimmed">{t('weapons.askedAt', { at: dateTime(check.askedAt), attempts: String(check.attempts) })}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {organisation && <Text size="sm" c="dimmed" data-testid="weapon-checks-organisation">{t('weapons.checksOrganisation')}</Text>}
          {view && !organisation && view.unansweredChecks.length > 0 && (
            <Alert color="orange" data-testid="weapon-checks-blocking" title={t('weapons.approvalBlocked')}>
              <List size="sm">{view.unansweredChecks.map((c) => <List.Item key={c}>{checkName(c)}</List.Item>)}</List>
            </Alert>
          )}
          {view && view.checks.length > 0 && view.unansweredChecks.length === 0 && (
            <Text size="sm" c="teal" data-testid="weapon-checks-complete">{t('weapons.checksComplete')}</Text>
          )}
          {link && (
            <Anchor component={Link} to={link} size="sm" data-testid="weapon-register-link">{t('weapons.openInRegister')}</Anchor>
          )}
        </Stack>
      </Block>

      {DECIDED.includes(application.status) && (
        <Block title={t('weapons.recipient')} testId="weapon-recipient">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{t('weapons.recipientHint')}</Text>
            <SegmentedControl
              aria-label={t('weapons.recipient')}
              value={form.receivedBy}
              onChange={(value) => setForm({ ...form, receivedBy: value as RecipientForm['receivedBy'] })}
              data={[{ value: 'applicant', label: t('weapons.recipient.applicant') }, { value: 'proxy', label: t('weapons.recipient.proxy') }]}
            />
            {form.receivedBy === 'proxy' && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {field('fullName', t('weapons.proxy.fullName'))}
                {field('iin', t('weapons.proxy.iin'), { inputMode: 'numeric', maxLength: 12 })}
                {field('number', t('weapons.proxy.number'))}
                {field('issuedOn', t('weapons.proxy.issuedOn'), { type: 'date' })}
                {field('validUntil', t('weapons.proxy.validUntil'), { type: 'date' })}
                {field('issuedBy', t('weapons.proxy.issuedBy'))}
              </SimpleGrid>
            )}
            <Group>
              <Button onClick={record} loading={busy === 'weapon-recipient'} disabled={!!busy && busy !== 'weapon-recipient'}>
                {t('weapons.recordRecipient')}
              </Button>
            </Group>
            {recipient && (
              <Text size="sm" c="teal" data-testid="weapon-recipient-recorded" data-received-by={recipient.receivedBy}>
                {recipient.receivedBy === 'proxy'
                  ? t('weapons.recipientRecorded.proxy', { name: recipient.proxyName ?? '', number: recipient.powerOfAttorney?.number ?? '' })
                  : t('weapons.recipientRecorded.applicant')}
              </Text>
            )}
          </Stack>
        </Block>
      )}
    </>
  );
}
