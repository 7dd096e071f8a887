// temporary-registration (standard 4): who submits (a host individual by IIN, a host legal entity by
// BIN, or the foreigner himself in an appendix-3 category), the address, the migration card and the
// crossing day with the §6 due day and days late shown live, the requested end, the visa unless
// appendix 4 frees the citizenship, a work permit or studies, the tourist group (§15), and the
// six-month documents (§12) switched on by the period that will be registered (§16).
// Posted to POST /api/v1/migration/temporary-registrations/applications.
import { Button, Card, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title, Checkbox } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { api, call, type Schemas } from '../../api/client';
import { checkIin } from '../../desk/iin';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { ServiceEntry } from '../../pages/catalogue';
import { isValidBin } from '../frame';
import type { FrameDraft, IntakeSection, SectionContext, SectionProps, SubmissionFrame } from '../types';
import { daysBetween, isDay, lastDay, plusDays, plusMonths } from './migration-dates';

export type HostKind = '' | 'individual' | 'legal-entity' | 'self';
export type StayBasis = 'none' | 'work-permit' | 'study';

export interface GroupMemberDraft {
  kind: 'foreigner' | 'stateless-person';
  number: string;
  country: string;
  expiresOn: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  citizenship: string;
}

export interface TemporaryRegistrationData {
  hostKind: HostKind;
  hostIin: string;
  hostBin: string;
  hostName: string;
  /** Appendix 3 category number (1–5), as text. */
  selfCategory: string;
  address: string;
  migrationCardNumber: string;
  borderCrossedOn: string;
  requestedUntil: string;
  visaNumber: string;
  visaKind: '' | 'single-entry' | 'multiple-entry';
  visaValidUntil: string;
  basis: StayBasis;
  workPermitNumber: string;
  workPermitValidUntil: string;
  studyInstitution: string;
  group: boolean;
  groupListNumber: string;
  groupCertifiedBy: string;
  members: GroupMemberDraft[];
}

export const SIX_MONTHS_GROUP = 'stay-over-six-months';
/** §6 [L3905]: five calendar days from the crossing, the crossing day not counted. */
export const DAYS_TO_REGISTER = 5;
const VISA_FREE_MAXIMUM = 'P90D';

/** §6: the last day to register (crossed on 1 March → 6 March). */
export const dueBy = (borderCrossedOn: string) => plusDays(borderCrossedOn, DAYS_TO_REGISTER);

/** §6 with §18: days late when registered on `day` (0 when on time). */
export const daysLate = (borderCrossedOn: string, day: string) => Math.max(0, daysBetween(dueBy(borderCrossedOn), day));

/** The state whose citizen the applicant is (a stateless person has none: always a visa). */
export function citizenshipOf(frame: Pick<FrameDraft, 'kind' | 'citizenship' | 'travelCountry'>): string | null {
  if (frame.kind !== 'foreigner') return null;
  return (frame.citizenship.trim() || frame.travelCountry.trim()).toUpperCase() || null;
}

/** Appendix 4: the entry of a visa-free state, or none. */
export function visaFreeEntry(service: ServiceEntry, citizenship: string | null) {
  return citizenship ? (service.visaFreeCountries ?? []).find((c) => c.iso === citizenship) ?? null : null;
}

/** A state's limit never lengthens the 90 days of §16 ¶3 (Turkey P1M; none of its own: 90 days). */
function visaFreeLimit(maxStay: string | null | undefined, from: string): string {
  const ninety = lastDay(from, VISA_FREE_MAXIMUM)!;
  const own = maxStay ? lastDay(from, maxStay) : null;
  return own !== null && own < ninety ? own : ninety;
}

export interface PeriodEstimate {
  from: string;
  until: string;
  by: string;
  overSixMonths: boolean;
}

/**
 * §16: what would be registered today — the requested end, cut by the travel document's expiry,
 * the visa's, the visa-free limit, the work permit, the academic year (ends 30 June) and the
 * appendix-3 category's limit (RegistrationPeriods.Compute on the API). Null until the dates are in.
 */
export function periodEstimate(data: TemporaryRegistrationData, frame: FrameDraft, service: ServiceEntry, today: string): PeriodEstimate | null {
  if (!isDay(data.requestedUntil) || !isDay(frame.travelExpiresOn)) return null;
  const from = today;
  const limits: [string, string][] = [[data.requestedUntil, 'requested'], [frame.travelExpiresOn, 'travel-document']];
  const visa = isDay(data.visaValidUntil) && data.visaKind ? data.visaValidUntil : null;
  if (visa) limits.push([visa, 'visa']);
  const free = visaFreeEntry(service, citizenshipOf(frame));
  if (data.basis === 'work-permit' && isDay(data.workPermitValidUntil)) limits.push([data.workPermitValidUntil, 'work-permit']);
  else if (data.basis === 'study') limits.push([`${Number(from.slice(5, 7)) >= 7 ? Number(from.slice(0, 4)) + 1 : from.slice(0, 4)}-06-30`, 'academic-year']);
  else if (!visa && free) limits.push([visaFreeLimit(free.maxStay, from), 'visa-free-limit']);
  if (data.hostKind === 'self') {
    const category = (service.selfRegistrationCategories ?? []).find((c) => String(c.number) === data.selfCategory);
    const end = category?.maxStay ? lastDay(from, category.maxStay) : null;
    if (end) limits.push([end, 'category-limit']);
  }
  // The first limit reached decides; on a tie the order above names it.
  const [until, by] = limits.reduce((min, limit) => (limit[0] < min[0] ? limit : min));
  if (until < from) return null;
  return { from, until, by, overSixMonths: until > plusDays(plusMonths(from, 6), -1) };
}

function SelfCategoryHint({ service, category, citizenship }: { service: ServiceEntry; category: string; citizenship: string | null }) {
  const { t, pick } = useI18n();
  const entry = (service.selfRegistrationCategories ?? []).find((c) => String(c.number) === category);
  if (!entry?.countries?.length) return null;
  const listed = citizenship !== null && entry.countries.some((c) => c.iso === citizenship);
  return (
    <Text size="sm" c={listed ? 'teal' : 'red'} data-testid="self-category-countries">
      {t(listed ? 'temporary-registration.category1Listed' : 'temporary-registration.category1NotListed', {
        countries: entry.countries.map((c) => pick(c.name)).join(', '),
      })}
    </Text>
  );
}

const emptyMember = (): GroupMemberDraft => ({
  kind: 'foreigner', number: '', country: '', expiresOn: '', lastName: '', firstName: '', birthDate: '', citizenship: '',
});

function TemporaryRegistrationSection({ data, update, context }: SectionProps<TemporaryRegistrationData>) {
  const { t, pick, date } = useI18n();
  const errorOf = useFieldErrors();
  const { service, frame, today } = context;
  const citizenship = citizenshipOf(frame);
  const free = visaFreeEntry(service, citizenship);
  const period = periodEstimate(data, frame, service, today);
  const late = isDay(data.borderCrossedOn) && data.borderCrossedOn <= today ? daysLate(data.borderCrossedOn, today) : null;
  const setMember = (index: number, patch: Partial<GroupMemberDraft>) =>
    update({ members: data.members.map((m, i) => (i === index ? { ...m, ...patch } : m)) });
  const input = (name: keyof TemporaryRegistrationData, label: string, { type, ...props }: Record<string, unknown> = {}) => (type === 'date'
    ? <DateField label={label} value={String(data[name])} error={errorOf(name)} onChange={(value) => update({ [name]: value })} {...props} />
    : <TextInput label={label} value={String(data[name])} error={errorOf(name)} onChange={(e) => update({ [name]: e.currentTarget.value })} type={type as string | undefined} {...props} />
  );
  return (
    <>
      <Card withBorder padding="lg" component="section" data-testid="host">
        <Title order={2} size="h4" mb="sm">{t('temporary-registration.host')}</Title>
        <Stack gap="sm">
          <Radio.Group error={errorOf('hostKind')} value={data.hostKind} onChange={(value) => update({ hostKind: value as HostKind })} aria-label={t('temporary-registration.host')}>
            <Group gap="lg">
              <Radio value="individual" label={t('temporary-registration.host.individual')} />
              <Radio value="legal-entity" label={t('temporary-registration.host.legal-entity')} />
              <Radio value="self" label={t('temporary-registration.host.self')} />
            </Group>
          </Radio.Group>
          {data.hostKind === 'individual' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {input('hostIin', t('temporary-registration.hostIin'), { inputMode: 'numeric', maxLength: 12 })}
              {input('hostName', t('temporary-registration.hostName'))}
            </SimpleGrid>
          )}
          {data.hostKind === 'legal-entity' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {input('hostBin', t('temporary-registration.hostBin'), { inputMode: 'numeric', maxLength: 12 })}
              {input('hostName', t('temporary-registration.hostOrganisation'))}
            </SimpleGrid>
          )}
          {data.hostKind === 'self' && (
            <>
              <Select error={errorOf('selfCategory')}
                label={t('temporary-registration.selfCategory')}
                data={(service.selfRegistrationCategories ?? []).map((c) => ({ value: String(c.number), label: `${c.number}. ${pick(c.text)}` }))}
                value={data.selfCategory || null}
                onChange={(value) => update({ selfCategory: value ?? '' })}
              />
              <SelfCategoryHint service={service} category={data.selfCategory} citizenship={citizenship} />
            </>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" data-testid="stay">
        <Title order={2} size="h4" mb="sm">{t('temporary-registration.stay')}</Title>
        <Stack gap="sm">
          {input('address', t('temporary-registration.address'))}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {input('migrationCardNumber', t('temporary-registration.migrationCard'))}
            {input('borderCrossedOn', t('temporary-registration.borderCrossedOn'), { type: 'date', max: today })}
            {input('requestedUntil', t('temporary-registration.requestedUntil'), { type: 'date', min: today })}
          </SimpleGrid>
          {late !== null && (
            <Text size="sm" fw={600} c={late > 0 ? 'orange' : 'teal'} data-testid="days-late" data-days-late={late}>
              {t('temporary-registration.dueBy', { date: date(dueBy(data.borderCrossedOn)) })}{' '}
              {late > 0 ? t('temporary-registration.daysLate', { count: late }) : t('temporary-registration.onTime')}
            </Text>
          )}
          {period && (
            <Text size="sm" data-testid="period" data-until={period.until} data-over-six-months={period.overSixMonths}>
              {t('temporary-registration.period', { from: date(period.from), until: date(period.until) })}
              {period.by !== 'requested' && ` (${t(`temporary-registration.limit.${period.by as 'visa'}`)})`}
              {period.overSixMonths && ` — ${t('temporary-registration.overSixMonths')}`}
            </Text>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" data-testid="visa">
        <Title order={2} size="h4" mb="sm">{t('temporary-registration.visa')}</Title>
        {free && <Text size="sm" c="teal" mb="sm" data-testid="visa-free">{t('temporary-registration.visaFree', { country: pick(free.name) })}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {input('visaNumber', t('temporary-registration.visaNumber'))}
          <Select error={errorOf('visaKind')}
            label={t('temporary-registration.visaKind')}
            data={(['single-entry', 'multiple-entry'] as const).map((kind) => ({ value: kind, label: t(`temporary-registration.visaKind.${kind}`) }))}
            value={data.visaKind || null}
            onChange={(value) => update({ visaKind: (value ?? '') as TemporaryRegistrationData['visaKind'] })}
            clearable
          />
          {input('visaValidUntil', t('temporary-registration.visaValidUntil'), { type: 'date' })}
        </SimpleGrid>
        <Radio.Group error={errorOf('basis')} mt="sm" value={data.basis} onChange={(value) => update({ basis: value as StayBasis })} label={t('temporary-registration.basis')}>
          <Group gap="lg">
            <Radio value="none" label={t('temporary-registration.basis.none')} />
            <Radio value="work-permit" label={t('temporary-registration.basis.work-permit')} />
            <Radio value="study" label={t('temporary-registration.basis.study')} />
          </Group>
        </Radio.Group>
        {data.basis === 'work-permit' && (
          <SimpleGrid mt="sm" cols={{ base: 1, sm: 2 }}>
            {input('workPermitNumber', t('temporary-registration.workPermitNumber'))}
            {input('workPermitValidUntil', t('temporary-registration.workPermitValidUntil'), { type: 'date' })}
          </SimpleGrid>
        )}
        {data.basis === 'study' && <TextInput error={errorOf('studyInstitution')} mt="sm" label={t('temporary-registration.institution')} value={data.studyInstitution} onChange={(e) => update({ studyInstitution: e.currentTarget.value })} />}
      </Card>

      <Card withBorder padding="lg" component="section" data-testid="tourist-group">
        <Checkbox
          label={t('temporary-registration.group')}
          checked={data.group}
          onChange={(e) => update({ group: e.currentTarget.checked, members: e.currentTarget.checked && data.members.length === 0 ? [emptyMember()] : data.members })}
        />
        {data.group && (
          <Stack gap="sm" mt="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {input('groupListNumber', t('temporary-registration.groupList'))}
              {input('groupCertifiedBy', t('temporary-registration.groupCertifiedBy'))}
            </SimpleGrid>
            {data.members.map((member, index) => (
              <SimpleGrid key={index} cols={{ base: 1, sm: 4 }} data-member={index}>
                <Select
                  label={t('intake.kind')}
                  data={(['foreigner', 'stateless-person'] as const).map((kind) => ({ value: kind, label: t(`intake.kind.${kind}`) }))}
                  value={member.kind}
                  onChange={(value) => value && setMember(index, { kind: value as GroupMemberDraft['kind'] })}
                  allowDeselect={false}
                />
                <TextInput label={t('intake.lastName')} value={member.lastName} onChange={(e) => setMember(index, { lastName: e.currentTarget.value })} />
                <TextInput label={t('intake.firstName')} value={member.firstName} onChange={(e) => setMember(index, { firstName: e.currentTarget.value })} />
                <DateField label={t('intake.birthDate')} value={member.birthDate} onChange={(value) => setMember(index, { birthDate: value })} />
                {member.kind === 'foreigner' && (
                  <TextInput label={t('intake.citizenship')} maxLength={2} value={member.citizenship} onChange={(e) => setMember(index, { citizenship: e.currentTarget.value })} />
                )}
                <TextInput label={t('intake.travelNumber')} value={member.number} onChange={(e) => setMember(index, { number: e.currentTarget.value })} />
                <TextInput label={t('intake.travelCountry')} maxLength={2} value={member.country} onChange={(e) => setMember(index, { country: e.currentTarget.value })} />
                <DateField label={t('intake.travelExpiresOn')} value={member.expiresOn} onChange={(value) => setMember(index, { expiresOn: value })} />
                <Button variant="subtle" color="red" mt={24} onClick={() => update({ members: data.members.filter((_, i) => i !== index) })}>
                  {t('temporary-registration.removeMember')}
                </Button>
              </SimpleGrid>
            ))}
            <Group><Button variant="default" onClick={() => update({ members: [...data.members, emptyMember()] })}>{t('temporary-registration.addMember')}</Button></Group>
          </Stack>
        )}
      </Card>
    </>
  );
}

const COUNTRY = /^[A-Z]{2}$/;

export function validateTemporaryRegistration(data: TemporaryRegistrationData, { service, frame, today, t }: SectionContext): string[] {
  const reasons: string[] = [];
  if (data.hostKind === '') reasons.push(t('temporary-registration.blocked.host'));
  if (data.hostKind === 'individual' && (!checkIin(data.hostIin, today).valid || !data.hostName.trim())) reasons.push(t('temporary-registration.blocked.hostIin'));
  if (data.hostKind === 'legal-entity' && (!isValidBin(data.hostBin) || !data.hostName.trim())) reasons.push(t('temporary-registration.blocked.hostBin'));
  if (data.hostKind === 'self') {
    const category = (service.selfRegistrationCategories ?? []).find((c) => String(c.number) === data.selfCategory);
    const citizenship = citizenshipOf(frame);
    if (!category) reasons.push(t('temporary-registration.blocked.selfCategory'));
    else if (category.countries?.length && !category.countries.some((c) => c.iso === citizenship)) reasons.push(t('temporary-registration.blocked.category1'));
  }
  if (!data.address.trim()) reasons.push(t('temporary-registration.blocked.address'));
  if (!isDay(data.borderCrossedOn) || data.borderCrossedOn > today) reasons.push(t('temporary-registration.blocked.borderCrossedOn'));
  if (!isDay(data.requestedUntil) || data.requestedUntil < today) reasons.push(t('temporary-registration.blocked.requestedUntil'));
  const visaGiven = data.visaKind !== '' || data.visaValidUntil !== '' || data.visaNumber.trim() !== '';
  const needsVisa = visaFreeEntry(service, citizenshipOf(frame)) === null;
  if ((needsVisa || visaGiven) && (data.visaKind === '' || !isDay(data.visaValidUntil) || data.visaValidUntil < today)) {
    reasons.push(t(needsVisa ? 'temporary-registration.blocked.visa' : 'temporary-registration.blocked.visaIncomplete'));
  }
  if (data.basis === 'work-permit' && (!data.workPermitNumber.trim() || !isDay(data.workPermitValidUntil))) reasons.push(t('temporary-registration.blocked.workPermit'));
  if (data.basis === 'study' && !data.studyInstitution.trim()) reasons.push(t('temporary-registration.blocked.study'));
  if (data.group) {
    const incomplete = data.members.some((m) => !m.lastName.trim() || !m.firstName.trim() || !isDay(m.birthDate) || !m.number.trim()
      || !COUNTRY.test(m.country.trim().toUpperCase()) || !isDay(m.expiresOn));
    if (!data.groupListNumber.trim() || !data.groupCertifiedBy.trim() || incomplete) reasons.push(t('temporary-registration.blocked.group'));
  }
  return reasons;
}

const text = (value: string) => value.trim() || null;

export function temporaryRegistrationBody(frame: SubmissionFrame, data: TemporaryRegistrationData): Schemas['SubmitTemporaryRegistrationApplicationRequest'] {
  const host: Schemas['HostDetails'] = {
    kind: data.hostKind,
    iin: data.hostKind === 'individual' ? data.hostIin.trim() : null,
    bin: data.hostKind === 'legal-entity' ? data.hostBin.trim() : null,
    name: data.hostKind === 'self' ? null : text(data.hostName),
    selfCategory: data.hostKind === 'self' ? Number(data.selfCategory) : null,
  };
  const visa = data.visaKind ? { number: text(data.visaNumber), kind: data.visaKind, validUntil: data.visaValidUntil } : null;
  return {
    officeId: frame.officeId,
    channel: null,
    applicant: frame.applicant,
    representative: null,
    documents: frame.documents,
    host,
    address: data.address.trim(),
    migrationCardNumber: text(data.migrationCardNumber),
    borderCrossedOn: data.borderCrossedOn,
    requestedUntil: data.requestedUntil,
    visa,
    workPermit: data.basis === 'work-permit' ? { number: data.workPermitNumber.trim(), validUntil: data.workPermitValidUntil } : null,
    study: data.basis === 'study' ? { institution: data.studyInstitution.trim() } : null,
    extendsRegistration: null,
    group: data.group
      ? {
        listNumber: data.groupListNumber.trim(),
        certifiedBy: data.groupCertifiedBy.trim(),
        members: data.members.map((m) => ({
          kind: m.kind,
          travelDocument: { number: m.number.trim(), country: m.country.trim().toUpperCase(), expiresOn: m.expiresOn },
          lastName: m.lastName.trim(),
          firstName: m.firstName.trim(),
          middleName: null,
          birthDate: m.birthDate,
          citizenship: m.kind === 'foreigner' ? text(m.citizenship.toUpperCase()) : null,
          visa: null,
        })),
      }
      : null,
  };
}

export const temporaryRegistrationSection: IntakeSection<TemporaryRegistrationData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    hostKind: t('temporary-registration.host'),
    selfCategory: t('temporary-registration.selfCategory'),
    visaKind: t('temporary-registration.visaKind'),
    basis: t('temporary-registration.basis'),
    studyInstitution: t('temporary-registration.institution'),
    hostIin: t('temporary-registration.hostIin'),
    hostName: t('temporary-registration.hostName'),
    hostBin: t('temporary-registration.hostBin'),
    address: t('temporary-registration.address'),
    migrationCardNumber: t('temporary-registration.migrationCard'),
    borderCrossedOn: t('temporary-registration.borderCrossedOn'),
    requestedUntil: t('temporary-registration.requestedUntil'),
    visaNumber: t('temporary-registration.visaNumber'),
    visaValidUntil: t('temporary-registration.visaValidUntil'),
    workPermitNumber: t('temporary-registration.workPermitNumber'),
    workPermitValidUntil: t('temporary-registration.workPermitValidUntil'),
    groupListNumber: t('temporary-registration.groupList'),
    groupCertifiedBy: t('temporary-registration.groupCertifiedBy'),
  }),
  paths: {
    'host.kind': 'hostKind',
    'host.iin': 'hostIin',
    'host.bin': 'hostBin',
    'host.name': 'hostName',
    'host.selfCategory': 'selfCategory',
    'visa.number': 'visaNumber',
    'visa.kind': 'visaKind',
    'visa.validUntil': 'visaValidUntil',
    'workPermit.number': 'workPermitNumber',
    'workPermit.validUntil': 'workPermitValidUntil',
    'study.institution': 'studyInstitution',
    'group.listNumber': 'groupListNumber',
    'group.certifiedBy': 'groupCertifiedBy',
  },
  service: 'temporary-registration',
  title: 'temporary-registration.title',
  applicantKinds: ['foreigner', 'stateless-person'],
  // §12: the six-month documents apply when the period that will be registered exceeds six months.
  frameOf: (draft, service, today) => {
    const period = periodEstimate(draft.section, draft, service, today);
    if (!period) return {};
    return { additionalGroups: period.overSixMonths ? [SIX_MONTHS_GROUP] : [] };
  },
  initial: () => ({
    hostKind: '', hostIin: '', hostBin: '', hostName: '', selfCategory: '', address: '', migrationCardNumber: '',
    borderCrossedOn: '', requestedUntil: '', visaNumber: '', visaKind: '', visaValidUntil: '', basis: 'none',
    workPermitNumber: '', workPermitValidUntil: '', studyInstitution: '', group: false, groupListNumber: '', groupCertifiedBy: '', members: [],
  }),
  Section: TemporaryRegistrationSection,
  validate: validateTemporaryRegistration,
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/migration/temporary-registrations/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: temporaryRegistrationBody(frame, data),
    }));
    return result.acknowledgement;
  },
};
