// The shared intake frame: applicant, applicant type and sub-type, the service's own section,
// the §12 checklist, the fee quote and receipts, and the submit with one Idempotency-Key per draft.
import { useRef, useState } from 'react';
import { DateField } from '../components/DateField';
import {
  Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title,
} from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call } from '../api/client';
import { useApi } from '../api/useApi';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { Source } from '../components/Source';
import type { Acknowledgement } from '../desk/applications';
import { ageOn, checkIin, type IinCheck } from '../desk/iin';
import { drafts, useDraft } from '../forms/drafts';
import { FieldErrorsProvider, intakeFieldOf, placeErrors, useFieldErrors } from '../forms/fieldErrors';
import { todayInAlmaty } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { LANGUAGES, type Language, type MessageKey } from '../i18n/messages';
import type { FeeQuote, ServiceEntry } from '../pages/catalogue';
import {
  applicantKindsOf, blockingReasons, checklistOf, dueFeeItems, emptyIntake, emptyReceipt, mainGroups,
  receiptAmount, submissionFrame, type ChecklistGroup,
} from './frame';
import { sectionFor } from './registry';
import type { ApplicantKind, IntakeDraft, ReceiptDraft } from './types';

export const draftKey = (service: string) => `intake:${service}`;

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

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
  /** The slip, and the applicant's language it is printed in. */
  onSubmitted: (slip: Acknowledgement, language: Language) => void;
}) {
  const { t, pick, language } = useI18n();
  const today = todayInAlmaty();
  const section = sectionFor(service.code);
  const key = draftKey(service.code);
  const [stored, store, clear] = useDraft<IntakeDraft<object>>(key, emptyIntake(section, service, language));
  // Every change goes through the section's frameOf: a sub-type names its applicant type, a period its groups.
  const update = (patch: Partial<IntakeDraft<object>>) => {
    const next = { ...draft, ...patch };
    store({ ...patch, ...section.frameOf?.(next, service, today) });
  };
  const kinds = applicantKindsOf(service, section);
  // A kind the service does not take (a draft of an older catalogue) falls back to its first.
  const draft = kinds.includes(stored.kind) ? stored : { ...stored, kind: kinds[0]! };
  const [problem, setProblem] = useState<Problem>();
  // The fee items of the receipts sent, in order: receipts[i] in a problem is the i-th of these.
  const [sentReceipts, setSentReceipts] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Set at once (state would only be seen at the next render): a double click sends one request.
  const sending = useRef(false);
  const groups = mainGroups(service, section);
  const checklist = checklistOf(service, draft.applicantType, draft.additionalGroups);
  const reasons = blockingReasons(draft, service, section, today, t, pick);
  const context = { service, frame: draft, today, t, pick };
  const SectionFields = section.Section;
  const sectionLabels = section.fieldLabels?.(t) ?? {};
  const fieldOf = intakeFieldOf(sentReceipts, { paths: section.paths, keys: Object.keys(sectionLabels) });
  const placed = placeErrors(problem, fieldOf);
  const labels = intakeFieldLabels(service, t, pick, sectionLabels);
  const labelOf = (path: string) => {
    const key = fieldOf(path);
    return key === null ? undefined : labels(key);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current || reasons.length > 0) return;
    sending.current = true;
    setBusy(true);
    setProblem(undefined);
    // One key per form, kept in the draft: a retry after a lost answer, or after signing in
    // again, replays the first registration instead of making a second one.
    const idempotencyKey = drafts.get<IntakeDraft<object>>(key)?.idempotencyKey || newKey();
    update({ idempotencyKey });
    const frame = submissionFrame(draft, service, quote, officeId, idempotencyKey);
    setSentReceipts(frame.receipts.map((r) => r.item ?? ''));
    try {
      const slip = await section.submit(frame, draft.section);
      clear();
      onSubmitted(slip, draft.language);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <FieldErrorsProvider errors={placed.byField}>
    <form onSubmit={submit} data-testid="intake-form" data-service={service.code}>
      <Stack gap="md">
        <ApplicantCard draft={draft} kinds={kinds} update={update} service={service.code} />

        {(groups.length > 1 || section.subTypes?.length) && (
          <Card withBorder padding="lg" component="section" data-testid="applicant-type">
            <Title order={2} size="h4" mb="sm">{t('intake.applicantType')}</Title>
            <Stack gap="sm">
              {groups.length > 1 && (
                <Radio.Group
                  value={draft.applicantType}
                  onChange={(value) => update({ applicantType: value, additionalGroups: [] })}
                  aria-label={t('intake.applicantType')}
                >
                  <Stack gap={6}>
                    {groups.map((group) => (
                      <Radio key={group.applicantType} value={group.applicantType} label={pick(group.text)} data-applicant-type={group.applicantType} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {section.subTypes?.length ? (
                <Select
                  label={t('intake.subType')}
                  data={section.subTypes.map((s) => ({ value: s.code, label: t(s.label) }))}
                  value={draft.subType || null}
                  onChange={(value) => update({ subType: value ?? '' })}
                  w={360}
                />
              ) : null}
            </Stack>
          </Card>
        )}

        {SectionFields && (
          <SectionFields data={draft.section} update={(patch) => update({ section: { ...draft.section, ...patch } })} context={context} />
        )}

        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm">{t('intake.documents')}</Title>
          {checklist.length === 0 && <Text size="sm" c="dimmed">{t('intake.chooseApplicantType')}</Text>}
          {placed.byField.documents && <Text size="sm" c="red" mb="xs" data-field-error="documents">{placed.byField.documents.join('; ')}</Text>}
          <Stack gap="md" data-testid="checklist">
            {checklist.map((group) => (
              <ChecklistGroupView
                key={group.group.applicantType}
                group={group}
                ticked={draft.documents}
                onTick={(code, on) => update({ documents: toggle(draft.documents, code, on) })}
                onApplies={(on) => update({ additionalGroups: toggle(draft.additionalGroups, group.group.applicantType, on) })}
              />
            ))}
          </Stack>
        </Card>

        <FeeCard service={service} quote={quote} draft={draft} update={update} today={today} />

        {problem && <ProblemAlert problem={problem} labelOf={labelOf} />}
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
    </FieldErrorsProvider>
  );
}

/** The label of an intake field key (see intakeFieldOf), for the problem summary; undefined when unknown. */
export function intakeFieldLabels(
  service: ServiceEntry,
  t: (key: MessageKey) => string,
  pick: (text: { kk: string; ru: string; en: string }) => string,
  sectionLabels: Record<string, string>,
): (key: string) => string | undefined {
  const frame: Partial<Record<string, MessageKey>> = {
    iin: 'intake.iin', bin: 'intake.bin', organisationName: 'intake.organisationName',
    lastName: 'intake.lastName', firstName: 'intake.firstName', middleName: 'intake.middleName',
    birthDate: 'intake.birthDate', citizenship: 'intake.citizenship', travelNumber: 'intake.travelNumber',
    travelCountry: 'intake.travelCountry', travelExpiresOn: 'intake.travelExpiresOn', phone: 'intake.phone',
    email: 'intake.email', language: 'intake.language', documents: 'intake.documents', feeItems: 'intake.feeItems',
    feeExemption: 'intake.exemption', applicantType: 'intake.applicantType', subType: 'intake.subType',
  };
  const receipt: Partial<Record<string, MessageKey>> = {
    bank: 'intake.bank', receiptNumber: 'intake.receiptNumber', paidOn: 'intake.paidOn', amount: 'intake.amount',
  };
  return (key) => {
    const paid = /^receipt:([^:]*):(\w+)$/.exec(key);
    if (paid) {
      const label = receipt[paid[2]!];
      if (!label) return undefined;
      const item = service.fees.items.find((i) => i.code === paid[1]);
      return service.fees.items.length > 1 && item ? `${t(label)} (${pick(item.text)})` : t(label);
    }
    const own = frame[key];
    return own ? t(own) : sectionLabels[key];
  };
}

/**
 * The person's open applications of this service, looked up (and audited) once the IIN or BIN is
 * valid: a second application is not refused at intake, but the clerk sees the first one before
 * registering another.
 */
function OpenApplications({ subject, service }: { subject: string; service: string }) {
  const { t } = useI18n();
  const open = useApi(
    () => call(api.GET('/api/v1/applications', { params: { query: { q: subject, service, status: 'open', limit: '5' } } })),
    [subject, service],
  );
  const items = open.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" data-testid="open-applications" title={t('intake.openApplications', { count: items.length })}>
      <Stack gap={2}>
        {items.map((item) => (
          <Anchor key={item.id} component={Link} to={`/desk/applications/${item.id}`} size="sm" data-testid="open-application">
            {item.registrationNumber}
          </Anchor>
        ))}
      </Stack>
    </Alert>
  );
}

function ApplicantCard({ draft, kinds, update, service }: {
  draft: IntakeDraft<object>;
  kinds: ApplicantKind[];
  update: (patch: Partial<IntakeDraft<object>>) => void;
  service: string;
}) {
  const { t } = useI18n();
  const today = todayInAlmaty();
  const iin = checkIin(draft.iin, today);
  const kind = draft.kind;
  const errorOf = useFieldErrors();
  const field = (name: keyof IntakeDraft<object>, label: string, { type, ...props }: Record<string, unknown> = {}) => (type === 'date'
    ? <DateField label={label} name={name} value={String(draft[name] ?? '')} onChange={(value) => update({ [name]: value })} error={errorOf(name)} {...props} />
    : (
      <TextInput
        label={label}
        name={name}
        value={String(draft[name] ?? '')}
        onChange={(e) => update({ [name]: e.currentTarget.value })}
        error={errorOf(name)}
        type={type as string | undefined}
        {...props}
      />
    ));
  return (
    <Card withBorder padding="lg" component="section">
      <Title order={2} size="h4" mb="sm">{t('intake.applicant')}</Title>
      <Stack gap="sm">
        {kinds.length > 1 && (
          <Radio.Group value={kind} onChange={(value) => update({ kind: value as ApplicantKind })} aria-label={t('intake.kind')} data-testid="applicant-kind">
            <Group gap="lg">
              {kinds.map((k) => <Radio key={k} value={k} label={t(`intake.kind.${k}`)} />)}
            </Group>
          </Radio.Group>
        )}
        {kind === 'individual' && (
          <Group align="start" gap="sm">
            <TextInput
              label={t('intake.iin')}
              name="iin"
              inputMode="numeric"
              value={draft.iin}
              // Digits only, at most twelve: a pasted "900 512 300 011" keeps all twelve.
              onChange={(event) => update({ iin: event.currentTarget.value.replace(/\D/g, '').slice(0, 12) })}
              error={errorOf('iin') ?? (!iin.valid && iin.error !== 'not-twelve-digits')}
              w={200}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <Stack gap={0} pt={28}><IinHint check={iin} length={draft.iin.length} /></Stack>
          </Group>
        )}
        {kind === 'individual' && iin.valid && <OpenApplications subject={draft.iin} service={service} />}
        {kind === 'legal-entity' && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('intake.bin')}
              name="bin"
              inputMode="numeric"
              value={draft.bin}
              onChange={(e) => update({ bin: e.currentTarget.value.replace(/\D/g, '').slice(0, 12) })}
              error={errorOf('bin')}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            {field('organisationName', t('intake.organisationName'))}
          </SimpleGrid>
        )}
        {(kind === 'foreigner' || kind === 'stateless-person') && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="travel-document">
            {field('travelNumber', t('intake.travelNumber'))}
            {field('travelCountry', t('intake.travelCountry'), { maxLength: 2, styles: { input: { textTransform: 'uppercase' } } })}
            {field('travelExpiresOn', t('intake.travelExpiresOn'), { type: 'date' })}
            {field('birthDate', t('intake.birthDate'), { type: 'date', max: today })}
            {kind === 'foreigner' && field('citizenship', t('intake.citizenship'), { maxLength: 2, styles: { input: { textTransform: 'uppercase' } } })}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {kind !== 'legal-entity' && (
            <>
              {field('lastName', t('intake.lastName'))}
              {field('firstName', t('intake.firstName'))}
              {field('middleName', t('intake.middleName'))}
            </>
          )}
          {field('phone', t('intake.phone'), { type: 'tel' })}
          {field('email', t('intake.email'), { type: 'email' })}
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
  );
}

function ChecklistGroupView({ group, ticked, onTick, onApplies }: {
  group: ChecklistGroup;
  ticked: string[];
  onTick: (code: string, on: boolean) => void;
  onApplies: (on: boolean) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <Stack gap="xs" data-group={group.group.applicantType}>
      {group.additional
        ? (
          <Checkbox
            data-additional={group.group.applicantType}
            checked={group.applies}
            onChange={(e) => onApplies(e.currentTarget.checked)}
            label={<Text fw={600} size="sm" span>{t('intake.additionalApplies', { group: pick(group.group.text) })}</Text>}
          />
        )
        : <Text size="sm" c="dimmed">{pick(group.group.text)}</Text>}
      {group.applies && (
        <Stack gap="xs" pl={group.additional ? 'lg' : 0}>
          {group.items.map((item) => (
            <div key={item.code}>
              <Checkbox
                data-document={item.code}
                checked={ticked.includes(item.code)}
                onChange={(e) => onTick(item.code, e.currentTarget.checked)}
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
              {item.conditions.length > 0 && (
                <List size="xs" ml={36} mt={4} c="dimmed" data-testid="photo-conditions" data-document-conditions={item.code}>
                  {item.conditions.map((condition) => (
                    <List.Item key={pick(condition.text)}>{pick(condition.text)} <Source source={condition.source} /></List.Item>
                  ))}
                </List>
              )}
            </div>
          ))}
          {group.notes.length > 0 && (
            <List size="xs" c="dimmed" data-testid="group-notes">
              {group.notes.map((note) => <List.Item key={pick(note.text)}>{pick(note.text)} <Source source={note.source} /></List.Item>)}
            </List>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function FeeCard({ service, quote, draft, update, today }: {
  service: ServiceEntry;
  quote: FeeQuote | null;
  draft: IntakeDraft<object>;
  update: (patch: Partial<IntakeDraft<object>>) => void;
  today: string;
}) {
  const { t, pick, kzt, date, number } = useI18n();
  const items = dueFeeItems(service, draft.feeItems);
  const several = service.fees.items.length > 1;
  const exemptions = service.fees.items.filter((item) => items.includes(item.code)).flatMap((item) => item.exemptions ?? []);
  const receipt = (item: string): ReceiptDraft => ({ ...emptyReceipt(today), ...draft.receipts[item] });
  const setReceipt = (item: string, patch: Partial<ReceiptDraft>) =>
    update({ receipts: { ...draft.receipts, [item]: { ...receipt(item), ...patch } } });
  const itemName = (code: string) => pick(service.fees.items.find((i) => i.code === code)?.text ?? { kk: code, ru: code, en: code });
  const errorOf = useFieldErrors();

  if (service.fees.free || service.fees.items.length === 0) {
    return (
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4" mb="xs">{t('intake.fee')}</Title>
        <Text fw={600} data-testid="fee-free">{t('intake.free')}</Text>
        {(service.fees.notes ?? []).map((note) => (
          <Text key={pick(note.text)} size="sm" c="dimmed">{pick(note.text)} <Source source={note.source} /></Text>
        ))}
      </Card>
    );
  }
  return (
    <Card withBorder padding="lg" component="section">
      <Title order={2} size="h4" mb="xs">{t('intake.fee')}</Title>
      {several && (
        <Stack gap={4} mb="sm" data-testid="fee-items">
          <Text size="sm" fw={600}>{t('intake.feeItems')}</Text>
          {service.fees.items.map((item) => (
            <Checkbox
              key={item.code}
              data-fee-item={item.code}
              label={pick(item.text)}
              checked={items.includes(item.code)}
              onChange={(e) => update({ feeItems: toggle(draft.feeItems, item.code, e.currentTarget.checked) })}
            />
          ))}
        </Stack>
      )}
      {quote && items.map((item) => {
        const line = quote.lines.find((l) => l.item === item);
        if (!line) return null;
        return (
          <Text key={item} fw={600} data-testid="fee-quote" data-item={item}>
            {several && `${itemName(item)}: `}
            {t('intake.feeQuote', {
              date: date(quote.paymentDate),
              amount: kzt(line.amount),
              percent: number(line.percentOfMci),
              mci: kzt(quote.mci.value),
            })}
          </Text>
        );
      })}
      {exemptions.length > 0 && (
        <Select
          mt="sm"
          w={480}
          label={t('intake.exemption')}
          data={exemptions.map((e) => ({ value: e.code, label: pick(e.text) }))}
          value={draft.feeExemption || null}
          onChange={(value) => update({ feeExemption: value ?? '' })}
          clearable
        />
      )}
      <Text size="sm" c="dimmed" my="sm">{t('intake.receiptLater')}</Text>
      <Stack gap="sm">
        {items.map((item) => {
          const r = receipt(item);
          return (
            <div key={item} data-receipt={item}>
              {several && <Text size="sm" fw={600}>{itemName(item)}</Text>}
              <Group align="end" gap="sm">
                <TextInput label={t('intake.bank')} name="bank" error={errorOf(`receipt:${item}:bank`)} value={r.bank} onChange={(e) => setReceipt(item, { bank: e.currentTarget.value })} w={200} />
                <TextInput label={t('intake.receiptNumber')} name="receiptNumber" error={errorOf(`receipt:${item}:receiptNumber`)} value={r.receiptNumber} onChange={(e) => setReceipt(item, { receiptNumber: e.currentTarget.value })} w={180} />
                <DateField label={t('intake.paidOn')} name="paidOn" error={errorOf(`receipt:${item}:paidOn`)} value={r.paidOn} onChange={(value) => setReceipt(item, { paidOn: value })} w={180} />
                <TextInput label={t('intake.amount')} name="amount" error={errorOf(`receipt:${item}:amount`)} inputMode="decimal" value={receiptAmount(r, item, quote)} onChange={(e) => setReceipt(item, { amount: e.currentTarget.value })} w={160} />
              </Group>
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}

