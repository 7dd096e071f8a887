import { useState } from 'react';
import { flushSync } from 'react-dom';
import { DateField } from '../components/DateField';
import { PageTitle } from '../components/PageTitle';
import {
  Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { Source } from '../components/Source';
import {
  EXAM_STATUSES, changeStatus, loadApplication, loadExams, loadHistory, loadWorkingDays, recordExam, recordReceipt,
  type Acknowledgement, type Action, type ActionBody, type Application, type ExamRequest, type Exams, type HistoryEvent,
} from '../desk/applications';
import { countdown } from '../desk/countdown';
import { StatusBadge, actionLabel, eventLabel, statusLabel } from '../desk/labels';
import { useNow } from '../desk/useNow';
import {
  addDays, datedWindowState, isWeekday, serviceWindows, windowState, type DatedWindow, type WindowInstants,
} from '../desk/windows';
import { drafts, useDraft } from '../forms/drafts';
import { formatTime, todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { isLanguage } from '../i18n/messages';
import { loadService, type ServiceEntry } from './catalogue';
import { detailsFor, moduleRows } from '../application/registry';
import type { ModulePanelProps } from '../application/types';
import { Slip } from '../intake/Slip';
import { NoticePaper } from '../application/NoticePaper';
import { printPaper } from '../components/printPaper';

type Office = Schemas['OfficeResponse'];

interface Loaded {
  application: Application;
  etag: string;
  history: HistoryEvent[];
  service: ServiceEntry;
  office: Office | null;
  workingDays: Map<string, boolean>;
  /** The dated hand-over windows when the office receives for the service by sessions (weapon-registration §10). */
  sessions: DatedWindow[] | null;
  /** driver-licence only: the exams recorded after intake (§14–15). */
  exams: Exams | null;
}

async function loadAll(id: string): Promise<Loaded> {
  const { application, etag } = await loadApplication(id);
  const today = todayInAlmaty();
  const [history, service, office, workingDays, exams] = await Promise.all([
    loadHistory(id),
    loadService(application.service),
    call(api.GET('/api/v1/offices/{id}', { params: { path: { id: application.officeId } } })).catch(() => null),
    loadWorkingDays(today, addDays(today, 30)).catch(() => new Map<string, boolean>()),
    application.service === 'driver-licence' ? loadExams(id) : Promise.resolve(null),
  ]);
  const bySessions = office?.schedule?.receptions?.some((r) => r.service === application.service) ?? false;
  const sessions = bySessions
    ? await call(api.GET('/api/v1/offices/{id}/hand-over-windows', {
      params: { path: { id: application.officeId }, query: { service: application.service, days: 62 } },
    })).then((r) => r.windows).catch(() => null)
    : null;
  return { application, etag, history, service, office, workingDays, sessions, exams };
}

/** What happened to the last thing the clerk did, shown above the decision panel. */
type Outcome =
  | { kind: 'done'; action: Action | 'receipt' | 'exam' | string; label?: string }
  | { kind: 'stale' }
  | { kind: 'problem'; problem: Problem };

export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const loaded = useApi(() => loadAll(id), [id]);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState<string>();

  /** Runs a change with the ETag held; on 412 the page loads the new version and says so. */
  const run = async (key: Action | 'receipt' | 'exam' | string, change: (etag: string) => Promise<unknown>, label?: string): Promise<boolean> => {
    if (!loaded.data) return false;
    setBusy(key);
    setOutcome(undefined);
    try {
      await change(loaded.data.etag);
      setOutcome({ kind: 'done', action: key, label });
      loaded.reload();
      return true;
    } catch (error) {
      if (isApiProblem(error) && error.problem.status === 412) {
        setOutcome({ kind: 'stale' });
        loaded.reload();
      } else if (isApiProblem(error)) {
        setOutcome({ kind: 'problem', problem: error.problem });
      } else {
        throw error;
      }
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  const act = (action: Action, body?: ActionBody) =>
    run(action, (etag) => changeStatus(id, action, etag, body));

  const data = loaded.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/desk/inbox" size="sm">{t('application.back')}</Anchor>
      {loaded.problem && <ProblemAlert problem={loaded.problem} onRetry={loaded.reload} />}
      {loaded.loading && !data && <Loading />}
      {data && (
        <ApplicationView
          data={data}
          outcome={outcome}
          busy={busy}
          act={act}
          addReceipt={(receipt) => run('receipt', (etag) => recordReceipt(id, etag, receipt))}
          addExam={(exam) => run('exam', (etag) => recordExam(id, etag, exam))}
          runStep={(key, label, change) => run(key, change, label)}
        />
      )}
    </Stack>
  );
}

function ApplicationView({ data, outcome, busy, act, addReceipt, addExam, runStep }: {
  data: Loaded;
  runStep: ModulePanelProps['run'];
  outcome: Outcome | undefined;
  busy: string | undefined;
  act: (action: Action, body?: ActionBody) => Promise<boolean>;
  addReceipt: (receipt: Schemas['ReceiptRequest']) => Promise<boolean>;
  addExam: (exam: ExamRequest) => Promise<boolean>;
}) {
  const { t, pick, language } = useI18n();
  const { application, service } = data;
  const ModulePanel = detailsFor(application.service).Panel;
  const [printProblem, setPrintProblem] = useState<Problem>();
  // The slip again, on the page in the applicant's language, then the browser's print dialog (issue 22).
  const [slip, setSlip] = useState<Acknowledgement>();
  const print = async () => {
    setPrintProblem(undefined);
    try {
      const again = slip ?? await call(api.GET('/api/v1/applications/{id}/acknowledgement', { params: { path: { id: application.id } } }));
      flushSync(() => setSlip(again));
      printPaper(document.querySelector('[data-testid="slip-paper"]'));
    } catch (error) {
      if (isApiProblem(error)) setPrintProblem(error.problem);
    }
  };
  return (
    <Stack gap="md" data-testid="application" data-status={application.status}>
      <Group justify="space-between" align="start">
        <div>
          <Group gap="sm">
            <PageTitle size="h2">{t('application.title', { number: application.registrationNumber })}</PageTitle>
            <StatusBadge status={application.status} />
          </Group>
          <Text c="dimmed">{pick(service.name)}</Text>
        </div>
        <Button variant="default" onClick={print}>{t('application.printSlip')}</Button>
      </Group>
      {printProblem && <ProblemAlert problem={printProblem} />}
      {slip && <Slip slip={slip} service={service} language={isLanguage(application.applicant.language) ? application.applicant.language : language} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Details application={application} service={service} />
        <Deadline application={application} />
      </SimpleGrid>
      <Fees application={application} service={service} busy={busy === 'receipt'} addReceipt={addReceipt} />
      {data.exams && <ExamsSection application={application} exams={data.exams} busy={busy === 'exam'} addExam={addExam} />}
      {application.eligibilityFindings.length > 0 && (
        <Alert color="yellow" title={t('application.findings')} data-testid="findings">
          <List size="sm">
            {application.eligibilityFindings.map((finding) => (
              <List.Item key={finding.refusalGround} data-ground={finding.refusalGround}>{pick(finding.explanation)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {(application.resultReference || application.issuance) && <Result application={application} />}
      {application.refusal && <Refusal application={application} service={service} />}
      {ModulePanel && <ModulePanel application={application} busy={busy} run={runStep} />}
      <Decision data={data} outcome={outcome} busy={busy} act={act} />
      <History events={data.history} service={data.service} />
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" component="section" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

function Details({ application, service }: { application: Application; service: ServiceEntry }) {
  const i18n = useI18n();
  const { t, pick, date } = i18n;
  const applicant = application.applicant;
  const names = new Map(service.documents.flatMap((group) => group.items.map((item) => [item.code, pick(item.text)] as const)));
  const group = service.documents.find((g) => g.applicantType === application.applicantType);
  const travel = applicant.travelDocument;
  const rows: [string, React.ReactNode][] = [
    [t('inbox.applicant'), applicant.fullName ?? [applicant.lastName, applicant.firstName, applicant.middleName].filter(Boolean).join(' ')],
    [t('intake.iin'), applicant.iin && <Anchor component={Link} to={`/desk/people/${applicant.iin}`} ff="monospace" size="sm" data-testid="person-link">{applicant.iin}</Anchor>],
    [t('application.bin'), applicant.bin && <Text span ff="monospace" size="sm">{applicant.bin}</Text>],
    [t('application.travelDocument'), travel?.number && t('application.travelDocumentValue', {
      number: travel.number, country: travel.country ?? '', expiresOn: travel.expiresOn ? date(travel.expiresOn) : '',
    })],
    [t('application.citizenship'), applicant.citizenship],
    [t('application.birthDate'), applicant.birthDate && date(applicant.birthDate)],
    [t('intake.phone'), [applicant.phone, applicant.email].filter(Boolean).join(', ')],
    [t('intake.language'), t(`lang.${applicant.language}`)],
    [t('application.applicantType'), group ? pick(group.text) : application.applicantType],
  ];
  const moduleData = moduleRows(application.service, application.moduleData, i18n);
  return (
    <Section title={t('application.details')} testId="details">
      <Table>
        <Table.Tbody>
          {rows.filter(([, value]) => value).map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="40%">{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {moduleData.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">{t('application.moduleData')}</Text>
          <Table data-testid="module-details" data-service={application.service}>
            <Table.Tbody>
              {moduleData.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w="40%">{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Text size="sm" fw={600} mt="sm">{t('application.documents')}</Text>
      <List size="sm">
        {application.documents.map((code) => <List.Item key={code}>{names.get(code) ?? code}</List.Item>)}
      </List>
    </Section>
  );
}

function Deadline({ application }: { application: Application }) {
  const { t, dateTime, language } = useI18n();
  const now = useNow();
  const finished = ['issued', 'refused', 'withdrawn'].includes(application.status);
  const left = countdown(application.dueAt, now, language);
  return (
    <Section title={t('application.deadline')} testId="deadline">
      <Stack gap={6}>
        <Text size="sm">{t('application.acceptedAt', { at: dateTime(application.acceptedAt), by: application.acceptedBy.fullName })}</Text>
        <Text fw={700} data-testid="due-at">{t('deadline.dueAt', { dueAt: dateTime(application.dueAt) })}</Text>
        {!finished && (
          <Text fw={700} c={left.overdue ? 'red' : left.minutes < 24 * 60 ? 'orange' : 'teal'} data-testid="countdown" data-overdue={left.overdue || undefined}>
            {left.text}
          </Text>
        )}
        {application.suspendedSince && (
          <Text size="sm" c="orange">{t('application.suspended', { since: dateTime(application.suspendedSince) })}</Text>
        )}
      </Stack>
    </Section>
  );
}

interface ReceiptDraft {
  bank: string;
  receiptNumber: string;
  paidOn: string;
  amount: string;
}

function Fees({ application, service, busy, addReceipt }: {
  application: Application;
  service: ServiceEntry;
  busy: boolean;
  addReceipt: (receipt: Schemas['ReceiptRequest']) => Promise<boolean>;
}) {
  const { t, kzt, date, number, pick } = useI18n();
  const fees = application.fees;
  const itemTexts = new Map(service.fees.items.map((item) => [item.code, pick(item.text)] as const));
  const unpaid = Number(fees.totalDue) - Number(fees.totalPaid);
  const open = fees.items.find((item) => !item.settled);
  const [draft, update, clear] = useDraft<ReceiptDraft>(`application:${application.id}:receipt`, {
    bank: '', receiptNumber: '', paidOn: todayInAlmaty(), amount: '',
  });
  const canRecord = open && !['issued', 'refused', 'withdrawn'].includes(application.status);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!open) return;
    const amount = draft.amount || String(Number(open.amountDue) - Number(open.paid));
    const ok = await addReceipt({ item: open.item, bank: draft.bank.trim(), receiptNumber: draft.receiptNumber.trim(), paidOn: draft.paidOn, amount: Number(amount.replace(',', '.')) });
    if (ok) clear();
  };
  if (fees.free) return null;
  return (
    <Section title={t('application.fees')} testId="fees">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('service.feeItem')}</Table.Th>
            <Table.Th>{t('service.amount')}</Table.Th>
            <Table.Th>{t('application.paid')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fees.items.map((item) => (
            <Table.Tr key={item.item}>
              <Table.Td>
                {itemTexts.get(item.item) ?? item.item}{' '}
                <Text span size="xs" c="dimmed">{t('service.feePercent', { percent: number(item.percentOfMci) })}, {date(item.priceDate)}</Text>
              </Table.Td>
              <Table.Td>{kzt(item.amountDue)}</Table.Td>
              <Table.Td>{kzt(item.paid)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text mt="xs" fw={700} c={fees.settled ? 'teal' : 'red'} data-testid="fees-status">
        {fees.settled ? t('application.settled') : t('application.unsettled', { amount: kzt(unpaid) })}
      </Text>
      {application.receipts.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">{t('application.receipts')}</Text>
          <List size="sm" data-testid="receipts">
            {application.receipts.map((receipt) => (
              <List.Item key={receipt.id}>
                {receipt.bank}, № {receipt.receiptNumber}, {date(receipt.paidOn)}: {kzt(receipt.amount)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {canRecord && (
        <form onSubmit={submit}>
          <Group align="end" gap="sm" mt="sm">
            <TextInput label={t('intake.bank')} value={draft.bank} onChange={(e) => update({ bank: e.currentTarget.value })} w={180} />
            <TextInput label={t('intake.receiptNumber')} value={draft.receiptNumber} onChange={(e) => update({ receiptNumber: e.currentTarget.value })} w={160} />
            <DateField label={t('intake.paidOn')} value={draft.paidOn} onChange={(value) => update({ paidOn: value })} w={170} />
            <TextInput
              label={t('intake.amount')}
              value={draft.amount || String(Number(open.amountDue) - Number(open.paid))}
              onChange={(e) => update({ amount: e.currentTarget.value })}
              w={140}
            />
            <Button type="submit" variant="light" loading={busy} disabled={!draft.bank.trim() || !draft.receiptNumber.trim()}>
              {t('application.addReceipt')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}

function Result({ application }: { application: Application }) {
  const { t, dateTime } = useI18n();
  const issuance = application.issuance;
  return (
    <Section title={t('application.result')} testId="result">
      <Stack gap={4}>
        {application.resultReference && (
          <Text fw={700} data-testid="result-reference">
            {t(detailsFor(application.service).resultLabel ?? 'application.licence', { number: application.resultReference })}
          </Text>
        )}
        {issuance && (
          <Text size="sm" data-testid="issuance">
            {t('application.issued', { at: dateTime(issuance.issuedAt), receivedBy: issuance.receivedBy, document: issuance.identityDocument })}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function Refusal({ application, service }: { application: Application; service: ServiceEntry }) {
  const { t, pick, dateTime, language } = useI18n();
  const refusal = application.refusal!;
  const texts = new Map(service.refusalGrounds.map((ground) => [ground.code, ground] as const));
  const noticeLanguage = isLanguage(refusal.noticeLanguage) ? refusal.noticeLanguage : language;
  return (
    <Section title={t('application.notice')} testId="refusal">
      <Stack gap="xs">
        <Text size="sm">{statusLabel('refused', t)}: {dateTime(refusal.refusedAt)}</Text>
        <List size="sm" data-testid="refusal-grounds">
          {refusal.grounds.map((code) => {
            const ground = texts.get(code);
            return (
              <List.Item key={code} data-ground={code}>
                {ground ? pick(ground.text) : code} {ground && <Source source={ground.source} />}
              </List.Item>
            );
          })}
        </List>
        <Text size="sm"><b>{t('application.explanation')}:</b> {refusal.explanation}</Text>
        <Text size="xs" c="dimmed">
          {t('application.noticeLanguage', { language: isLanguage(refusal.noticeLanguage) ? t(`lang.${refusal.noticeLanguage}`) : refusal.noticeLanguage })}
        </Text>
        {/* The notice in the page, printed from it with the print dialog (no new tab), word for word. */}
        <Card withBorder padding="md">
          <NoticePaper registrationNumber={application.registrationNumber} text={refusal.notice} language={noticeLanguage} />
        </Card>
        <div>
          <Button onClick={(event) => printPaper(event.currentTarget.closest('[data-testid="refusal"]')?.querySelector('[data-paper]'))} data-testid="notice-print">
            {t('slip.print')}
          </Button>
        </div>
      </Stack>
    </Section>
  );
}

/** driver-licence §14–15: the theory and practical exams, recorded after intake; approval needs both passed. */
function ExamsSection({ application, exams, busy, addExam }: {
  application: Application;
  exams: Exams;
  busy: boolean;
  addExam: (exam: ExamRequest) => Promise<boolean>;
}) {
  const { t, date } = useI18n();
  const [kind, setKind] = useState<'theory' | 'practical'>(exams.theory?.passed ? 'practical' : 'theory');
  const [passed, setPassed] = useState(false);
  const [examDate, setExamDate] = useState(todayInAlmaty());
  const [sheet, setSheet] = useState('');
  const open = EXAM_STATUSES.includes(application.status);
  const latest = { theory: exams.theory, practical: exams.practical } as const;
  return (
    <Section title={t('exams.title')} testId="exams">
      <Table data-testid="exam-results" data-both-passed={exams.bothPassed ? 'true' : 'false'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exams.kind')}</Table.Th>
            <Table.Th>{t('exams.result')}</Table.Th>
            <Table.Th>{t('exams.date')}</Table.Th>
            <Table.Th>{t('exams.sheet')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(['theory', 'practical'] as const).map((k) => {
            const result = latest[k];
            return (
              <Table.Tr key={k} data-exam={k} data-passed={result ? String(result.passed) : 'none'}>
                <Table.Td>{t(`exams.kind.${k}`)}</Table.Td>
                <Table.Td>
                  {!result ? <Text span c="dimmed" size="sm">{t('exams.none')}</Text>
                    : <Badge color={result.passed ? 'teal' : 'red'} variant="light">{t(result.passed ? 'exams.passed' : 'exams.failed')}</Badge>}
                </Table.Td>
                <Table.Td>{result ? date(result.examDate) : ''}</Table.Td>
                <Table.Td>{result?.examSheetNumber ?? ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {exams.history.length > 0 && <Text size="xs" c="dimmed" mt="xs">{t('exams.history', { count: exams.history.length })}</Text>}
      {open && (
        <Group align="end" gap="sm" mt="sm" data-testid="exam-form">
          <Select
            label={t('exams.kind')}
            data={[{ value: 'theory', label: t('exams.kind.theory') }, { value: 'practical', label: t('exams.kind.practical') }]}
            value={kind}
            onChange={(value) => value && setKind(value as 'theory' | 'practical')}
            allowDeselect={false}
            w={180}
          />
          <DateField label={t('exams.date')} value={examDate} max={todayInAlmaty()} onChange={(value) => setExamDate(value)} w={170} />
          <TextInput label={t('exams.sheet')} value={sheet} onChange={(e) => setSheet(e.currentTarget.value)} w={200} />
          <Checkbox mb={8} label={t('exams.passedBox')} checked={passed} onChange={(e) => setPassed(e.currentTarget.checked)} />
          <Button
            variant="default"
            loading={busy}
            disabled={!examDate}
            onClick={async () => {
              const ok = await addExam({ kind, passed, date: examDate, examSheetNumber: sheet.trim() || null });
              if (ok) {
                setPassed(false);
                if (kind === 'theory' && passed) setKind('practical');
              }
            }}
          >
            {t('exams.record')}
          </Button>
        </Group>
      )}
    </Section>
  );
}

/**
 * The window state of a service that hands over only in its windows: the catalogue entry's
 * issuanceWindows (e.g. driver-licence §7 note), the office's own for the service, or the office's
 * reception sessions (weapon-registration §10, dated by the API); null when the service has none.
 */
function handOver(data: Loaded, now: Date) {
  if (data.sessions) return datedWindowState(data.sessions, now);
  const windows = serviceWindows(data.service.issuanceWindows ?? [], data.office?.schedule?.serviceWindows ?? [], data.application.service);
  if (windows.length === 0) return null;
  return windowState(windows, (day) => data.workingDays.get(day) ?? isWeekday(day), now);
}

function Decision({ data, outcome, busy, act }: {
  data: Loaded;
  outcome: Outcome | undefined;
  busy: string | undefined;
  act: (action: Action, body?: ActionBody) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const { application } = data;
  const allowed = new Set(application.allowedActions);
  const simple = (['start-review', 'approve', 'mark-ready', 'resume'] as const).filter((a) => allowed.has(a));
  const [reason, setReason] = useState('');
  const problem = outcome?.kind === 'problem' ? outcome.problem : undefined;
  // driver-licence §15: approval needs both exams passed (the API answers 409 eligibility-failed otherwise).
  const examsBlock = data.exams !== null && !data.exams.bothPassed;
  const suggested = problem?.code === 'eligibility-failed' && Array.isArray(problem.refusalGrounds)
    ? (problem.refusalGrounds as string[])
    : [];
  // Approval and refusal are final for the clerk: each waits for a confirmation naming the
  // application and the action. The refusal panel stays closed until the clerk opens it (or a
  // refusal begun before, kept in the drafts, is on its way).
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const refuseDraft = drafts.get<RefuseDraft>(`application:${application.id}:refuse`);
  const [refusing, setRefusing] = useState(() => !!refuseDraft && (refuseDraft.grounds.length > 0 || refuseDraft.explanation.trim() !== ''));
  const confirmed = async () => {
    const current = confirming;
    setConfirming(null);
    if (current) await current.run();
  };

  return (
    <Section title={t('application.actions')} testId="decision">
      <Stack gap="md">
        {outcome?.kind === 'done' && (
          <Alert color="teal" data-testid="action-done">
            {t('application.done', {
              action: outcome.label ? outcome.label : outcome.action === 'receipt' ? t('application.addReceipt')
                : outcome.action === 'exam' ? t('exams.record')
                  : actionLabel(outcome.action as Action, t),
            })}
          </Alert>
        )}
        {outcome?.kind === 'stale' && <Alert color="yellow" data-testid="stale">{t('application.stale')}</Alert>}
        {problem && <ProblemAlert problem={problem} />}
        {problem?.code === 'outside-issuance-window' && <ApiNextWindow problem={problem} />}
        {application.allowedActions.length === 0 && <Text c="dimmed">{t('application.noActions')}</Text>}
        {simple.length > 0 && (
          <Group>
            {simple.map((action) => (
              <Button
                key={action}
                onClick={() => (action === 'approve'
                  ? setConfirming({ action, run: () => act(action) })
                  : act(action))}
                loading={busy === action}
                disabled={(!!busy && busy !== action) || (action === 'approve' && examsBlock)}
              >
                {actionLabel(action, t)}
              </Button>
            ))}
          </Group>
        )}
        {allowed.has('approve') && examsBlock && (
          <Text size="sm" c="orange" data-testid="approve-blocked">{t('exams.approveBlocked')}</Text>
        )}
        {allowed.has('issue') && <IssueForm data={data} busy={busy === 'issue'} act={act} />}
        {allowed.has('refuse') && !refusing && (
          <div>
            <Button variant="light" color="red" onClick={() => setRefusing(true)} data-testid="open-refusal">{t('application.openRefusal')}</Button>
          </div>
        )}
        {allowed.has('refuse') && refusing && (
          <RefuseForm
            data={data}
            busy={busy === 'refuse'}
            suggested={suggested}
            onClose={() => setRefusing(false)}
            onRefuse={(body, done) => setConfirming({
              action: 'refuse',
              grounds: body.grounds,
              run: async () => {
                if (await act('refuse', body)) {
                  done();
                  setRefusing(false);
                }
              },
            })}
          />
        )}
        <ConfirmModal data={data} confirming={confirming} onCancel={() => setConfirming(null)} onConfirm={confirmed} />
        {(allowed.has('withdraw') || allowed.has('suspend')) && (
          <Group align="end" gap="sm">
            <TextInput label={t('application.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} />
            {(['suspend', 'withdraw'] as const).filter((a) => allowed.has(a)).map((action) => (
              <Button
                key={action}
                variant="default"
                disabled={!reason.trim()}
                loading={busy === action}
                onClick={async () => {
                  if (await act(action, { reason: reason.trim() })) setReason('');
                }}
              >
                {actionLabel(action, t)}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Section>
  );
}

function ApiNextWindow({ problem }: { problem: Problem }) {
  const { t, dateTime, language } = useI18n();
  const next = problem.nextWindow as Partial<WindowInstants> | undefined;
  if (!next?.from || !next.to) return null;
  return (
    <Text size="sm" fw={600} data-testid="api-next-window">
      {t('application.apiNextWindow', { from: dateTime(next.from), to: formatTime(next.to, language) })}
    </Text>
  );
}

interface IssueDraft {
  receivedBy: string;
  identityDocument: string;
  signatureTaken: boolean;
}

function IssueForm({ data, busy, act }: { data: Loaded; busy: boolean; act: (action: Action, body?: ActionBody) => Promise<boolean> }) {
  const { t, dateTime, language } = useI18n();
  const now = useNow();
  const { application } = data;
  const [draft, update, clear] = useDraft<IssueDraft>(`application:${application.id}:issue`, {
    receivedBy: application.applicant.fullName ?? '', identityDocument: '', signatureTaken: false,
  });
  const windows = handOver(data, now);
  const closed = windows !== null && windows.open === null;
  const ready = draft.receivedBy.trim() && draft.identityDocument.trim() && draft.signatureTaken;
  const issue = async () => {
    if (await act('issue', { receivedBy: draft.receivedBy.trim(), identityDocument: draft.identityDocument.trim(), signatureTaken: true })) clear();
  };
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-gray-light)" data-testid="issue">
      <Text fw={600} mb="xs">{t('application.issueTitle')}</Text>
      {windows?.open && (
        <Text size="sm" c="teal" mb="xs" data-testid="window-state" data-open="true">
          {t('application.windowOpen', { from: formatTime(windows.open.from, language), to: formatTime(windows.open.to, language) })}
        </Text>
      )}
      {closed && (
        <Text size="sm" c="orange" fw={600} mb="xs" data-testid="window-state" data-open="false">
          {windows.next
            ? t('application.windowClosed', { from: dateTime(windows.next.from), to: formatTime(windows.next.to, language) })
            : t('application.windowClosed', { from: '—', to: '—' })}
        </Text>
      )}
      <Group align="end" gap="sm">
        <TextInput label={t('application.receivedBy')} value={draft.receivedBy} onChange={(e) => update({ receivedBy: e.currentTarget.value })} w={260} />
        <TextInput label={t('application.identityDocument')} value={draft.identityDocument} onChange={(e) => update({ identityDocument: e.currentTarget.value })} w={220} />
        <Checkbox mb={8} label={t('application.signatureTaken')} checked={draft.signatureTaken} onChange={(e) => update({ signatureTaken: e.currentTarget.checked })} />
        <Button color="green" onClick={issue} loading={busy} disabled={closed || !ready}>{t('action.issue')}</Button>
      </Group>
    </Card>
  );
}

interface RefuseDraft {
  grounds: string[];
  explanation: string;
}

interface Confirmation {
  action: 'approve' | 'refuse';
  /** The refusal's grounds, named in the confirmation. */
  grounds?: string[];
  run: () => Promise<unknown>;
}

/** «Confirm: Refuse» — the application's number, the applicant, the action and, for a refusal, its grounds. */
function ConfirmModal({ data, confirming, onCancel, onConfirm }: {
  data: Loaded;
  confirming: Confirmation | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, pick } = useI18n();
  const { application, service } = data;
  const action = confirming ? actionLabel(confirming.action, t) : '';
  const texts = new Map(service.refusalGrounds.map((ground) => [ground.code, ground] as const));
  return (
    <Modal opened={confirming !== null} onClose={onCancel} title={t('confirm.title', { action })} centered data-testid="confirm">
      <Stack gap="sm">
        <Text size="sm" data-testid="confirm-text">
          {t('confirm.text', { number: application.registrationNumber, applicant: application.applicant.fullName ?? '—', action })}
        </Text>
        {confirming?.grounds && confirming.grounds.length > 0 && (
          <div>
            <Text size="sm" fw={600}>{t('confirm.grounds')}</Text>
            <List size="sm">
              {confirming.grounds.map((code) => {
                const ground = texts.get(code);
                return <List.Item key={code}>{ground ? pick(ground.text) : code}</List.Item>;
              })}
            </List>
          </div>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>{t('confirm.cancel')}</Button>
          <Button color={confirming?.action === 'refuse' ? 'red' : undefined} onClick={onConfirm} data-autofocus>{action}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RefuseForm({ data, busy, suggested, onRefuse, onClose }: {
  data: Loaded;
  busy: boolean;
  suggested: string[];
  /** Asks for the confirmation; done() clears the draft once the refusal went through. */
  onRefuse: (body: { grounds: string[]; explanation: string }, done: () => void) => void;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const { application, service } = data;
  const [draft, update, clear] = useDraft<RefuseDraft>(`application:${application.id}:refuse`, { grounds: [], explanation: '' });
  const found = new Set([...application.eligibilityFindings.map((f) => f.refusalGround), ...suggested]);
  const ready = draft.grounds.length > 0 && draft.explanation.trim() !== '';
  const refuse = () => onRefuse({ grounds: draft.grounds, explanation: draft.explanation.trim() }, clear);
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-red-light)" data-testid="refuse">
      <Text fw={600} mb="xs">{t('application.refuseTitle')}</Text>
      <Text size="sm" mb={4}>{t('application.grounds')}</Text>
      <Stack gap={6} mb="sm">
        {service.refusalGrounds.map((ground) => (
          <div key={ground.code} data-ground={ground.code}>
          <Checkbox
            checked={draft.grounds.includes(ground.code)}
            onChange={(e) => update({
              grounds: e.currentTarget.checked
                ? [...new Set([...draft.grounds, ground.code])]
                : draft.grounds.filter((g) => g !== ground.code),
            })}
            label={(
              <span>
                {pick(ground.text)} <Source source={ground.source} />
                {found.has(ground.code) && <> <Badge size="xs" color="orange" tt="none">{t('application.foundByCheck')}</Badge></>}
              </span>
            )}
          />
          </div>
        ))}
      </Stack>
      <Textarea
        label={t('application.explanation')}
        autosize
        minRows={2}
        value={draft.explanation}
        onChange={(e) => update({ explanation: e.currentTarget.value })}
      />
      <Group mt="sm" gap="sm">
        <Button color="red" onClick={refuse} loading={busy} disabled={!ready}>{t('action.refuse')}</Button>
        <Button variant="subtle" color="gray" onClick={onClose}>{t('application.closeRefusal')}</Button>
        {!ready && <Text size="sm" c="dimmed">{t('application.refuseBlocked')}</Text>}
      </Group>
    </Card>
  );
}

/**
 * What an event's reason says in the page's language: a refusal's reason is its ground codes
 * (Refuse writes them, comma-separated), shown as the catalogue's texts of those grounds; any
 * other reason is the clerk's own words.
 */
export function eventReason(event: Pick<HistoryEvent, 'action' | 'reason'>, service: Pick<ServiceEntry, 'refusalGrounds'>, pick: (text: { kk: string; ru: string; en: string }) => string): string | null {
  if (!event.reason) return null;
  if (event.action !== 'refuse') return event.reason;
  const texts = new Map(service.refusalGrounds.map((ground) => [ground.code, ground.text] as const));
  return event.reason.split(',').map((code) => code.trim()).map((code) => {
    const text = texts.get(code);
    return text ? pick(text) : code;
  }).join('; ');
}

function History({ events, service }: { events: HistoryEvent[]; service: ServiceEntry }) {
  const { t, dateTime, pick } = useI18n();
  return (
    <Section title={t('application.history')} testId="history">
      <Table data-cards>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('application.historyAt')}</Table.Th>
            <Table.Th>{t('application.historyWho')}</Table.Th>
            <Table.Th>{t('application.historyWhat')}</Table.Th>
            <Table.Th>{t('application.historyStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={String(event.id)} data-action={event.action}>
              <Table.Td data-label={t('application.historyAt')}>{dateTime(event.at)}</Table.Td>
              <Table.Td data-label={t('application.historyWho')}>{event.actorName}</Table.Td>
              <Table.Td data-label={t('application.historyWhat')}>{eventLabel(event.action, t)}{event.reason ? `: ${eventReason(event, service, pick)}` : ''}</Table.Td>
              <Table.Td data-label={t('application.historyStatus')}>
                {event.fromStatus ? `${statusLabel(event.fromStatus, t)} → ` : ''}{statusLabel(event.toStatus, t)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
