import { useRef, useState } from 'react';
import {
  Alert, Badge, Button, Card, Checkbox, Group, List, Select, SimpleGrid, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, callWithResponse, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { useSession } from '../auth/auth';
import type { ActorProfile } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { Source } from '../components/Source';
import { openPrintable, type Acknowledgement } from '../desk/applications';
import { ageOn, checkIin, type IinCheck } from '../desk/iin';
import { drafts, useDraft } from '../forms/drafts';
import { todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { LANGUAGES, type Language, type MessageKey } from '../i18n/messages';
import { loadService, quoteToday, type FeeQuote, type ServiceEntry } from './catalogue';

const SERVICE = 'driver-licence';
const CATEGORIES = ['A', 'B', 'C', 'D', 'E'] as const;
const DRAFT_KEY = 'intake:driver-licence';

export interface IntakeDraft {
  /** The Idempotency-Key of this form: made at the first submit, kept until the form is done. */
  idempotencyKey: string;
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  phone: string;
  email: string;
  language: Language;
  categories: string[];
  documents: string[];
  medicalDecisionPreventsDriving: boolean;
  drivingExperienceMonths: string;
  bank: string;
  receiptNumber: string;
  paidOn: string;
  /** Null while the clerk has not changed it: the amount is then today's quote. */
  amount: string | null;
}

export function emptyIntake(language: Language, today: string): IntakeDraft {
  return {
    idempotencyKey: '', iin: '', lastName: '', firstName: '', middleName: '', phone: '', email: '', language,
    categories: [], documents: [],
    medicalDecisionPreventsDriving: false, drivingExperienceMonths: '',
    bank: '', receiptNumber: '', paidOn: today, amount: null,
  };
}

type DocumentItem = Schemas['DocumentItem'];

/** What still stops the form from being sent, in the order the clerk fills it in. */
export function blockingReasons(
  draft: IntakeDraft,
  documents: DocumentItem[],
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  pick: (text: { kk: string; ru: string; en: string }) => string,
): string[] {
  const reasons: string[] = [];
  if (!checkIin(draft.iin, todayInAlmaty()).valid) reasons.push(t('intake.blocked.iin'));
  if (!draft.lastName.trim() || !draft.firstName.trim()) reasons.push(t('intake.blocked.name'));
  if (!draft.phone.trim()) reasons.push(t('intake.blocked.phone'));
  if (draft.categories.length === 0) reasons.push(t('intake.blocked.categories'));
  // driver-licence §17.1: the documents of §12 must all be there; the API refuses without them too.
  const missing = documents.filter((d) => d.mandatory && !draft.documents.includes(d.code));
  if (missing.length > 0) reasons.push(t('intake.blocked.documents', { list: missing.map((d) => `«${pick(d.text)}»`).join('; ') }));
  const receipt = [draft.bank.trim(), draft.receiptNumber.trim()];
  if (receipt.some(Boolean) && !receipt.every(Boolean)) reasons.push(t('intake.blocked.receipt'));
  return reasons;
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function IntakePage() {
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  return <Intake actor={state.actor} />;
}

function Intake({ actor }: { actor: ActorProfile }) {
  const { t } = useI18n();
  const loaded = useApi(async () => {
    const service = await loadService(SERVICE);
    return { service, quote: await quoteToday(service) };
  }, []);
  const [submitted, setSubmitted] = useState<Acknowledgement>();

  return (
    <Stack gap="md">
      <Title order={1}>{t('intake.title')}</Title>
      {!actor.officeId && <Alert color="yellow">{t('intake.noOffice')}</Alert>}
      {loaded.problem && <ProblemAlert problem={loaded.problem} onRetry={loaded.reload} />}
      {loaded.loading && !loaded.data && <Loading />}
      {submitted && loaded.data && (
        <Slip slip={submitted} service={loaded.data.service} onNext={() => setSubmitted(undefined)} />
      )}
      {!submitted && loaded.data && actor.officeId && (
        <IntakeForm officeId={actor.officeId} service={loaded.data.service} quote={loaded.data.quote} onSubmitted={setSubmitted} />
      )}
    </Stack>
  );
}

function IinHint({ check, length }: { check: IinCheck; length: number }) {
  const { t, date } = useI18n();
  const born = check.birthDate && check.error !== 'born-in-future'
    ? t('intake.born', { date: date(check.birthDate), age: ageOn(check.birthDate, todayInAlmaty()) })
    : undefined;
  if (check.valid) return <Text size="sm" c="teal" data-testid="iin-hint" data-valid="true">✓ {born}</Text>;
  const error = check.error === 'not-twelve-digits'
    ? t('intake.iin.digits', { count: length })
    : check.error === 'bad-century-digit'
      ? t('intake.iin.century')
      : check.error === 'bad-birth-date'
        ? t('intake.iin.date')
        : check.error === 'born-in-future'
          ? t('intake.iin.future')
          : t('intake.iin.check');
  return (
    <Text size="sm" c={check.error === 'not-twelve-digits' ? 'dimmed' : 'red'} data-testid="iin-hint" data-valid="false" data-error={check.error}>
      {[born, error].filter(Boolean).join(' · ')}
    </Text>
  );
}

export function IntakeForm({ officeId, service, quote, onSubmitted }: {
  officeId: string;
  service: ServiceEntry;
  quote: FeeQuote | null;
  onSubmitted: (slip: Acknowledgement) => void;
}) {
  const { t, pick, kzt, date, number, language } = useI18n();
  const today = todayInAlmaty();
  const [draft, update, clear] = useDraft<IntakeDraft>(DRAFT_KEY, emptyIntake(language, today));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // Set at once (state would only be seen at the next render): a double click sends one request.
  const sending = useRef(false);
  const documents = service.documents.find((group) => group.applicantType === 'individual')?.items ?? [];
  const iin = checkIin(draft.iin, today);
  const reasons = blockingReasons(draft, documents, t, pick);
  const amount = draft.amount ?? (quote ? String(quote.total) : '');
  const licenceLine = quote?.lines.find((line) => line.item === 'licence');

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current || reasons.length > 0) return;
    sending.current = true;
    setBusy(true);
    setProblem(undefined);
    // One key per form, kept in the draft: a retry after a lost answer, or after signing in
    // again, replays the first registration instead of making a second one.
    const idempotencyKey = drafts.get<IntakeDraft>(DRAFT_KEY)?.idempotencyKey || newKey();
    update({ idempotencyKey });
    const withReceipt = draft.bank.trim() !== '' && draft.receiptNumber.trim() !== '';
    try {
      const { data } = await callWithResponse(api.POST('/api/v1/driver-licences/applications', {
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          officeId,
          channel: null,
          applicant: {
            kind: 'individual',
            iin: draft.iin.trim(),
            bin: null,
            travelDocument: null,
            lastName: draft.lastName.trim(),
            firstName: draft.firstName.trim(),
            middleName: draft.middleName.trim() || null,
            organisationName: null,
            birthDate: null,
            citizenship: null,
            phone: draft.phone.trim(),
            email: draft.email.trim() || null,
            language: draft.language,
          },
          representative: null,
          categories: draft.categories,
          documents: draft.documents,
          medicalDecisionPreventsDriving: draft.medicalDecisionPreventsDriving,
          drivingExperienceMonths: draft.drivingExperienceMonths ? Number(draft.drivingExperienceMonths) : null,
          receipts: withReceipt
            ? [{ item: 'licence', bank: draft.bank.trim(), receiptNumber: draft.receiptNumber.trim(), paidOn: draft.paidOn, amount: Number(amount.replace(',', '.')) }]
            : [],
          feeExemption: null,
        },
      }));
      clear();
      onSubmitted(data.acknowledgement);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="intake-form">
      <Stack gap="md">
        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm">{t('intake.applicant')}</Title>
          <Stack gap="sm">
            <Group align="start" gap="sm">
              <TextInput
                label={t('intake.iin')}
                name="iin"
                inputMode="numeric"
                value={draft.iin}
                // Digits only, at most twelve: a pasted "900 512 300 011" keeps all twelve.
                onChange={(event) => update({ iin: event.currentTarget.value.replace(/\D/g, '').slice(0, 12) })}
                error={!iin.valid && iin.error !== 'not-twelve-digits'}
                w={200}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
              <Stack gap={0} pt={28}><IinHint check={iin} length={draft.iin.length} /></Stack>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('intake.lastName')} name="lastName" value={draft.lastName} onChange={(e) => update({ lastName: e.currentTarget.value })} />
              <TextInput label={t('intake.firstName')} name="firstName" value={draft.firstName} onChange={(e) => update({ firstName: e.currentTarget.value })} />
              <TextInput label={t('intake.middleName')} name="middleName" value={draft.middleName} onChange={(e) => update({ middleName: e.currentTarget.value })} />
              <TextInput label={t('intake.phone')} name="phone" type="tel" value={draft.phone} onChange={(e) => update({ phone: e.currentTarget.value })} />
              <TextInput label={t('intake.email')} name="email" type="email" value={draft.email} onChange={(e) => update({ email: e.currentTarget.value })} />
              <Select
                label={t('intake.language')}
                data={LANGUAGES.map((code) => ({ value: code, label: t(`lang.${code}`) }))}
                value={draft.language}
                onChange={(value) => value && update({ language: value as Language })}
                allowDeselect={false}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm">{t('intake.categories')}</Title>
          <Group gap="lg" data-testid="categories">
            {CATEGORIES.map((category) => (
              <Checkbox
                key={category}
                label={category}
                checked={draft.categories.includes(category)}
                onChange={(e) => update({ categories: toggle(draft.categories, category, e.currentTarget.checked) })}
              />
            ))}
          </Group>
          {draft.categories.includes('E') && (
            <TextInput
              mt="sm"
              w={320}
              type="number"
              min={0}
              label={t('intake.experience')}
              value={draft.drivingExperienceMonths}
              onChange={(e) => update({ drivingExperienceMonths: e.currentTarget.value })}
            />
          )}
        </Card>

        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm">{t('intake.documents')}</Title>
          <Stack gap="xs" data-testid="checklist">
            {documents.map((item) => (
              <Checkbox
                key={item.code}
                data-document={item.code}
                checked={draft.documents.includes(item.code)}
                onChange={(e) => update({ documents: toggle(draft.documents, item.code, e.currentTarget.checked) })}
                label={(
                  <span>
                    {pick(item.text)}{' '}
                    <Badge size="xs" variant="light" color={item.mandatory ? 'red' : 'gray'}>
                      {t(item.mandatory ? 'service.mandatory' : 'service.optional')}
                    </Badge>{' '}
                    <Source source={item.source} />
                  </span>
                )}
              />
            ))}
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm">{t('intake.exam')}</Title>
          <Text size="sm" c="dimmed" data-testid="exams-later">{t('intake.examsLater')}</Text>
          <Checkbox
            mt="sm"
            label={t('intake.medical')}
            checked={draft.medicalDecisionPreventsDriving}
            onChange={(e) => update({ medicalDecisionPreventsDriving: e.currentTarget.checked })}
          />
        </Card>

        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="xs">{t('intake.fee')}</Title>
          {quote && licenceLine && (
            <Text fw={600} data-testid="fee-quote">
              {t('intake.feeQuote', {
                date: date(quote.paymentDate),
                amount: kzt(licenceLine.amount),
                percent: number(licenceLine.percentOfMci),
                mci: kzt(quote.mci.value),
              })}
            </Text>
          )}
          <Text size="sm" c="dimmed" mb="sm">{t('intake.receiptLater')}</Text>
          <Group align="end" gap="sm">
            <TextInput label={t('intake.bank')} name="bank" value={draft.bank} onChange={(e) => update({ bank: e.currentTarget.value })} w={200} />
            <TextInput label={t('intake.receiptNumber')} name="receiptNumber" value={draft.receiptNumber} onChange={(e) => update({ receiptNumber: e.currentTarget.value })} w={180} />
            <TextInput label={t('intake.paidOn')} name="paidOn" type="date" value={draft.paidOn} onChange={(e) => update({ paidOn: e.currentTarget.value })} w={180} />
            <TextInput label={t('intake.amount')} name="amount" inputMode="decimal" value={amount} onChange={(e) => update({ amount: e.currentTarget.value })} w={160} />
          </Group>
        </Card>

        {problem && <ProblemAlert problem={problem} />}
        <Group align="start" gap="md">
          <Button type="submit" size="md" disabled={reasons.length > 0} loading={busy} title={reasons.join('\n') || undefined}>
            {t('intake.submit')}
          </Button>
          {reasons.length > 0 && (
            <div data-testid="submit-blocked">
              <Text size="sm" fw={600}>{t('intake.blockedTitle')}</Text>
              <List size="sm">
                {reasons.map((reason) => <List.Item key={reason}>{reason}</List.Item>)}
              </List>
            </div>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function Slip({ slip, service, onNext }: { slip: Acknowledgement; service: ServiceEntry; onNext: () => void }) {
  const { t, pick, dateTime, language } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const names = new Map(service.documents.flatMap((group) => group.items.map((item) => [item.code, pick(item.text)] as const)));
  const print = async () => {
    setProblem(undefined);
    try {
      await openPrintable(slip.applicationId, 'acknowledgement', language);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
    }
  };
  const rows: [string, React.ReactNode][] = [
    [t('slip.number'), <Text span ff="monospace" fw={700} data-testid="slip-number">{slip.registrationNumber}</Text>],
    [t('slip.service'), pick(slip.serviceName)],
    [t('slip.office'), `${slip.office.name}, ${slip.office.address}`],
    [t('slip.acceptedBy'), [slip.acceptedBy.position, slip.acceptedBy.fullName].filter(Boolean).join(', ')],
    [t('slip.acceptedAt'), dateTime(slip.acceptedAt)],
    [t('slip.applicant'), slip.applicantName],
    [t('slip.dueAt'), <span data-testid="slip-due">{dateTime(slip.dueAt)}</span>],
    [t('slip.documents'), <List size="sm">{slip.documents.map((code) => <List.Item key={code}>{names.get(code) ?? code}</List.Item>)}</List>],
  ];
  return (
    <Card withBorder padding="lg" data-testid="slip">
      <Title order={2} size="h3" mb="sm">{t('slip.title')}</Title>
      <Table>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="30%" style={{ verticalAlign: 'top' }}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="sm" data-testid="slip-next-steps">{pick(slip.nextSteps)}</Text>
      {problem && <Stack mt="sm"><ProblemAlert problem={problem} /></Stack>}
      <Group mt="md">
        <Button onClick={print}>{t('slip.print')}</Button>
        <Button component={Link} to={`/desk/applications/${slip.applicationId}`} variant="light">{t('slip.open')}</Button>
        <Button variant="default" onClick={onNext}>{t('slip.another')}</Button>
      </Group>
    </Card>
  );
}
