// address-certificate: the address bureau operator's desk. Registers a request of one of the kinds of
// §7 (in person, a priority agency in writing or by telephone with its password, another organisation),
// then, under that request only, looks a person up by IIN and issues the certificate (printed at once),
// or answers a list (§16): a certificate for each person found, «жоқ» against the rest.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { api, call, type Schemas } from '../api/client';
import { ApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../auth/auth';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

type Submitted = Schemas['SubmittedApplication'];
type Certificate = Schemas['AddressCertificateView'];
type ListAnswer = Schemas['AddressListAnswer'];
type Agency = Schemas['AddressAgencyView'];
type Person = Schemas['AddressPersonView'];

const KINDS = ['in-person', 'agency-written', 'agency-phone', 'organisation'] as const;
type Kind = (typeof KINDS)[number];

/** One line of a list: an IIN, or "Surname Name [Patronymic] YYYY-MM-DD". */
export function parseListLine(line: string): Schemas['AddressListEntry'] | null {
  const text = line.trim();
  if (!text) return null;
  if (/^\d{12}$/.test(text)) return { iin: text, lastName: null, firstName: null, middleName: null, birthDate: null };
  const parts = text.split(/\s+/);
  const birthDate = parts.at(-1) ?? '';
  const names = parts.slice(0, -1);
  return { iin: null, lastName: names[0] ?? null, firstName: names[1] ?? null, middleName: names[2] ?? null, birthDate: /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : null };
}

async function guard<T>(run: () => Promise<T>, setProblem: (p: Problem | null) => void): Promise<T | null> {
  setProblem(null);
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiProblem) {
      setProblem(error.problem);
      return null;
    }
    throw error;
  }
}

/** One line of an address part: settlement, street, house, flat. */
const addressLine = (a: Schemas['AddressPartView'] | null | undefined) =>
  a ? [a.settlement, a.street, a.house, a.flat].filter(Boolean).join(', ') : '';

/**
 * Opens the certificate's PDF in a new window. The API needs the bearer token, so the PDF is
 * fetched here and shown from a blob URL; the window is opened first, while the click still counts
 * as the clerk's own (one opened after an await is a pop-up the browser may block).
 */
async function openPdf(number: string, setProblem: (p: Problem | null) => void) {
  const target = window.open('', '_blank');
  const pdf = await guard(() => call(api.GET('/api/v1/address-bureau/certificates/{number}.pdf', {
    params: { path: { number } },
    parseAs: 'blob',
  })), setProblem);
  if (!pdf) {
    target?.close();
    return;
  }
  const url = URL.createObjectURL(pdf);
  if (target) target.location.href = url;
  else window.location.href = url;
  // The window has loaded it (or is loading it) by then; the URL is only a handle.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function CertificateCard({ certificate }: { certificate: Certificate }) {
  const { t, date } = useI18n();
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const a = certificate.address;
  const print = async () => {
    const { data } = await api.GET('/api/v1/address-bureau/certificates/{number}/print', {
      params: { path: { number: certificate.number } },
      parseAs: 'text',
    });
    setHtml((data as unknown as string) ?? null);
  };
  return (
    <Card withBorder padding="md" data-testid="address-certificate" data-number={certificate.number}>
      <Group justify="space-between">
        <Title order={3} size="h5">{certificate.fullName} · {date(certificate.birthDate)}</Title>
        <Badge>{certificate.number}</Badge>
      </Group>
      <Text size="sm" data-testid="address-certificate-address">
        {a ? addressLine(a) : 'жоқ'}
        {a ? ` · ${t('address.registeredOn')} ${date(a.registeredOn)}` : ''}
      </Text>
      <Text size="sm">{t('address.operator')}: {certificate.operator.position} {certificate.operator.name}</Text>
      <Text size="sm">{t('address.code')}: <code data-testid="address-verification-code">{certificate.verificationCode}</code></Text>
      <Group mt="sm" gap="xs">
        <Button variant="light" onClick={() => void print()} data-testid="address-print">{t('address.print')}</Button>
        <Button variant="light" onClick={() => void openPdf(certificate.number, setProblem)} data-testid="address-pdf">{t('address.pdf')}</Button>
      </Group>
      {problem && <ProblemAlert problem={problem} />}
      {html && <iframe title={certificate.number} srcDoc={html} data-testid="address-printed" style={{ width: '100%', height: 420, border: '1px solid #ccc', marginTop: 8 }} />}
    </Card>
  );
}

export function AddressBureauDeskPage() {
  const { t, date, dateTime } = useI18n();
  const state = useSession();
  const officeId = state.status === 'signed-in' ? state.actor.officeId ?? '' : '';
  const [problem, setProblem] = useState<Problem | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [kind, setKind] = useState<Kind>('in-person');
  const [form, setForm] = useState({ agency: 'police-astana', requester: '', reason: '', outgoing: '', password: '', iin: '', lastName: '', firstName: '', phone: '+7', bin: '', organisation: '' });
  const [request, setRequest] = useState<Submitted | null>(null);
  // The kind the shown request was registered as (the form's kind may change after it).
  const [requestKind, setRequestKind] = useState<Kind>('in-person');
  const [lookupIin, setLookupIin] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const [certificates, setCertificates] = useState<Certificate[]>([]);
  const [listText, setListText] = useState('');
  const [list, setList] = useState<ListAnswer | null>(null);

  useEffect(() => {
    void guard(() => call(api.GET('/api/v1/address-bureau/agencies')), setProblem).then((a) => a && setAgencies(a));
  }, []);

  const agency = agencies.find((a) => a.code === form.agency);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });

  const submit = async () => {
    const applicant = kind === 'in-person'
      ? { kind: 'individual' as const, iin: form.iin.trim(), lastName: form.lastName.trim(), firstName: form.firstName.trim(), phone: form.phone.trim(), language: 'kk' as const }
      : kind === 'organisation'
        ? { kind: 'legal-entity' as const, bin: form.bin.trim(), organisationName: form.organisation.trim(), phone: form.phone.trim(), language: 'kk' as const }
        : { kind: 'legal-entity' as const, bin: agency?.bin ?? '', organisationName: agency?.name.kk ?? '', phone: form.phone.trim(), language: 'kk' as const };
    const submitted = await guard(() => call(api.POST('/api/v1/address-bureau/requests', {
      body: {
        officeId,
        kind,
        agencyCode: kind === 'agency-written' || kind === 'agency-phone' ? form.agency : null,
        requester: form.requester || null,
        reason: form.reason,
        outgoingNumber: form.outgoing || null,
        password: kind === 'agency-phone' ? form.password : null,
        applicant: applicant as Schemas['ApplicantDetails'],
      } as Schemas['SubmitAddressRequestBody'],
    })), setProblem);
    if (submitted) {
      setRequest(submitted);
      setRequestKind(kind);
      setCertificates([]);
      setPerson(null);
      setList(null);
    }
  };

  const lookUp = async () => {
    if (!request) return;
    setPerson(null);
    const found = await guard(() => call(api.GET('/api/v1/address-bureau/requests/{id}/persons/{iin}', {
      params: { path: { id: request.application.id, iin: lookupIin.trim() } },
    })), setProblem);
    if (found) setPerson(found);
  };

  const issue = async () => {
    if (!request) return;
    const certificate = await guard(() => call(api.POST('/api/v1/address-bureau/requests/{id}/certificates', {
      params: { path: { id: request.application.id } },
      body: { iin: lookupIin.trim() },
    })), setProblem);
    if (certificate) setCertificates([certificate, ...certificates]);
  };

  const sendList = async () => {
    if (!request) return;
    const entries = listText.split('\n').map(parseListLine).filter((e): e is Schemas['AddressListEntry'] => e !== null);
    const answer = await guard(() => call(api.POST('/api/v1/address-bureau/requests/{id}/lists', {
      params: { path: { id: request.application.id } },
      body: { entries },
    })), setProblem);
    if (answer) setList(answer);
  };

  const agencyKind = kind === 'agency-written' || kind === 'agency-phone';
  return (
    <Stack gap="md" data-testid="address-desk">
      <Title order={1}>{t('address.title')}</Title>
      {problem && <ProblemAlert problem={problem} />}
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4" mb="sm">{t('address.newRequest')}</Title>
        <Group align="end" wrap="wrap">
          <Select label={t('address.kind')} data-testid="address-kind" value={kind} allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`address.kind.${k}` as MessageKey) }))} onChange={(v) => v && setKind(v as Kind)} w={320} />
          {agencyKind && (
            <Select label={t('address.agency')} data-testid="address-agency" value={form.agency} allowDeselect={false}
              data={agencies.filter((a) => kind !== 'agency-phone' || a.lawEnforcement).map((a) => ({ value: a.code, label: a.name.kk }))}
              onChange={(v) => v && setForm({ ...form, agency: v })} w={320} />
          )}
        </Group>
        <Text size="sm" c="dimmed" mt="xs" data-testid="address-term">{t(`address.term.${kind}` as MessageKey)}</Text>
        <Group align="end" wrap="wrap" mt="sm">
          {kind === 'in-person' && (
            <>
              <TextInput label={t('address.applicantIin')} value={form.iin} onChange={set('iin')} data-testid="address-applicant-iin" w={180} />
              <TextInput label={t('address.lastName')} value={form.lastName} onChange={set('lastName')} data-testid="address-applicant-last" w={180} />
              <TextInput label={t('address.firstName')} value={form.firstName} onChange={set('firstName')} data-testid="address-applicant-first" w={180} />
            </>
          )}
          {kind === 'organisation' && (
            <>
              <TextInput label="БСН / БИН / BIN" value={form.bin} onChange={set('bin')} data-testid="address-bin" w={180} />
              <TextInput label={t('address.organisation')} value={form.organisation} onChange={set('organisation')} w={300} />
            </>
          )}
          {kind !== 'in-person' && <TextInput label={t('address.requester')} value={form.requester} onChange={set('requester')} data-testid="address-requester" w={240} />}
          {kind !== 'in-person' && <TextInput label={t('address.outgoing')} value={form.outgoing} onChange={set('outgoing')} w={140} />}
          {kind === 'agency-phone' && <TextInput label={t('address.password')} type="password" value={form.password} onChange={set('password')} data-testid="address-password" w={180} />}
          <TextInput label={t('address.phone')} value={form.phone} onChange={set('phone')} w={160} />
          <TextInput label={t('address.reason')} value={form.reason} onChange={set('reason')} data-testid="address-reason" w={300} />
          <Button onClick={() => void submit()} data-testid="address-submit">{t('address.register')}</Button>
        </Group>
      </Card>
      {request && (
        <Card withBorder padding="lg" component="section" data-testid="address-request" data-id={request.application.id}>
          <Group justify="space-between">
            <Title order={2} size="h4">{t('address.request')} {request.application.registrationNumber}</Title>
            <Badge data-testid="address-request-kind">{t(`address.kind.${requestKind}` as MessageKey)}</Badge>
          </Group>
          <Text size="sm" data-testid="address-due">{t('address.dueAt')}: {dateTime(request.application.dueAt)}</Text>
          <Group align="end" mt="md">
            <TextInput label={t('address.lookupIin')} value={lookupIin} onChange={(e) => setLookupIin(e.currentTarget.value)} data-testid="address-lookup-iin" w={200} />
            <Button variant="default" onClick={() => void lookUp()} data-testid="address-lookup">{t('address.lookup')}</Button>
            <Button onClick={() => void issue()} data-testid="address-issue">{t('address.issue')}</Button>
          </Group>
          {person && (
            <Card withBorder padding="sm" mt="sm" data-testid="address-person" data-iin={person.iin ?? person.personId}>
              <Text size="sm" fw={600}>{t('address.person')}: {[person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')} · {date(person.birthDate)}</Text>
              <Text size="sm" data-testid="address-person-address">{person.address ? `${addressLine(person.address)} · ${t('address.registeredOn')} ${date(person.address.registeredOn)}` : t('address.noAddress')}</Text>
            </Card>
          )}
          <Stack mt="sm">{certificates.map((c) => <CertificateCard key={c.number} certificate={c} />)}</Stack>
          <Title order={3} size="h5" mt="lg">{t('address.list')}</Title>
          <Textarea label={t('address.listHint')} autosize minRows={3} value={listText} onChange={(e) => setListText(e.currentTarget.value)} data-testid="address-list-input" />
          <Button mt="xs" onClick={() => void sendList()} data-testid="address-list-send">{t('address.listSend')}</Button>
          {list && (
            <Table mt="sm" withTableBorder data-testid="address-list">
              <Table.Thead>
                <Table.Tr><Table.Th>№</Table.Th><Table.Th>{t('address.entry')}</Table.Th><Table.Th>{t('address.result')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.rows.map((row) => (
                  <Table.Tr key={row.line} data-found={row.found ? 'yes' : 'no'}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>{row.entry.iin ?? [row.entry.lastName, row.entry.firstName, row.entry.middleName, row.entry.birthDate].filter(Boolean).join(' ')}</Table.Td>
                    <Table.Td>
                      {row.found
                        ? row.certificates.map((c) => `${c.number}: ${[c.address?.settlement, c.address?.street, c.address?.house, c.address?.flat].filter(Boolean).join(', ')}`).join('; ')
                        : <Badge color="gray" data-testid="address-zhoq">жоқ</Badge>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
    </Stack>
  );
}
