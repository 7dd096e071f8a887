// citizenship (standard 6): the category of §6 is the frame's applicant type (category-1 … category-8),
// which changes the checklist (the common §12.1 list plus the category's own, or §12.2 for renunciation);
// this section asks the chosen category's facts and posts to POST /api/v1/citizenship/admissions or
// /renunciations. The term follows the category (§7), the sub-type too (1–7 admission, 8 renunciation).
import { Alert, Card, Checkbox, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { api, call } from '../../api/client';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { IntakeSection, SectionContext, SectionProps } from '../types';

/** §6.2–§6.3 close kin; §6.4 adds adopted children and an adoptive parent (the server's CategoryRules hold the same lists). */
export const CLOSE_KIN = ['grandmother', 'grandfather', 'mother', 'father', 'brother', 'sister', 'spouse', 'child'] as const;
export const FORMER_UNION_KIN = ['child', 'adopted-child', 'spouse', 'mother', 'father', 'adoptive-parent', 'sister', 'brother', 'grandfather', 'grandmother'] as const;

export interface CitizenshipData {
  retainsOtherCitizenship: boolean;
  oralmanCertificateNumber: string;
  relativeIin: string;
  relativeKinship: string;
  relativeName: string;
  inKazakhstanBefore1991On: string;
  professionNumber: string;
  petitionNumber: string;
  petitionStateBody: string;
  marriedOn: string;
  spouseIin: string;
  permanentResidenceSince: string;
  feeExemptionBasis: string;
  hasChildren: boolean;
  married: boolean;
}

/** "category-6" → 6; 0 when none is chosen. */
export function categoryOf(applicantType: string): number {
  const match = /^category-([1-8])$/.exec(applicantType);
  return match ? Number(match[1]) : 0;
}

export const kinOf = (category: number): readonly string[] => (category === 4 ? FORMER_UNION_KIN : CLOSE_KIN);

const text = (value: string) => value.trim() || null;

function CitizenshipSection({ data, update, context }: SectionProps<CitizenshipData>) {
  const { t, pick } = useI18n();
  const errorOf = useFieldErrors();
  const category = categoryOf(context.frame.applicantType);
  if (category === 0) return null;
  const kin = kinOf(category);
  const professions = context.service.professions ?? [];
  const chosen = professions.find((p) => String(p.number) === data.professionNumber);
  return (
    <Card withBorder padding="lg" component="section" data-testid="citizenship-section" data-category={category}>
      <Title order={2} size="h4" mb="sm">{t('citizenship.title')}</Title>
      <Stack gap="sm">
        <Text size="sm" data-testid="citizenship-subtype">
          {t(category === 8 ? 'citizenship.subType.renunciation' : 'citizenship.subType.admission')}
          {' · '}
          {t(category === 2 || category === 3 ? 'citizenship.term.simplified' : 'citizenship.term.general')}
        </Text>
        {category === 1 && (
          <TextInput error={errorOf('oralmanCertificateNumber')} w={320} label={t('citizenship.oralmanCertificate')} value={data.oralmanCertificateNumber}
            onChange={(e) => update({ oralmanCertificateNumber: e.currentTarget.value })} />
        )}
        {category >= 2 && category <= 4 && (
          <>
            <TextInput error={errorOf('relativeIin')} w={320} label={t('citizenship.relativeIin')} value={data.relativeIin} maxLength={12}
              onChange={(e) => update({ relativeIin: e.currentTarget.value })} />
            <TextInput error={errorOf('relativeName')} w={420} label={t('citizenship.relativeName')} value={data.relativeName}
              onChange={(e) => update({ relativeName: e.currentTarget.value })} />
            <Select w={320} label={t('citizenship.kinship')} data={kin.map((k) => ({ value: k, label: t(`citizenship.kin.${k}` as never) }))}
              value={kin.includes(data.relativeKinship) ? data.relativeKinship : null}
              onChange={(value) => update({ relativeKinship: value ?? '' })} />
          </>
        )}
        {category === 3 && (
          <DateField error={errorOf('inKazakhstanBefore1991On')} w={320} label={t('citizenship.before1991')} value={data.inKazakhstanBefore1991On} max="1991-12-20"
            onChange={(value) => update({ inKazakhstanBefore1991On: value })} />
        )}
        {category === 5 && (
          <>
            <Select error={errorOf('professionNumber')} w={520} searchable label={t('citizenship.profession')}
              data={professions.map((p) => ({ value: String(p.number), label: `${p.number}. ${pick(p.name)}` }))}
              value={data.professionNumber || null}
              onChange={(value) => update({ professionNumber: value ?? '' })} />
            {chosen && <Text size="sm" c="dimmed" data-testid="profession-requirements">{pick(chosen.requirements)}</Text>}
            <TextInput error={errorOf('petitionNumber')} w={320} label={t('citizenship.petitionNumber')} value={data.petitionNumber}
              onChange={(e) => update({ petitionNumber: e.currentTarget.value })} />
            <TextInput error={errorOf('petitionStateBody')} w={420} label={t('citizenship.petitionStateBody')} value={data.petitionStateBody}
              onChange={(e) => update({ petitionStateBody: e.currentTarget.value })} />
          </>
        )}
        {category === 6 && (
          <>
            <DateField error={errorOf('marriedOn')} w={320} label={t('citizenship.marriedOn')} value={data.marriedOn} max={context.today}
              onChange={(value) => update({ marriedOn: value })} />
            <TextInput error={errorOf('spouseIin')} w={320} label={t('citizenship.spouseIin')} value={data.spouseIin} maxLength={12}
              onChange={(e) => update({ spouseIin: e.currentTarget.value })} />
          </>
        )}
        {category === 7 && (
          <>
            <DateField error={errorOf('permanentResidenceSince')} w={320} label={t('citizenship.residenceSince')} value={data.permanentResidenceSince} max={context.today}
              onChange={(value) => update({ permanentResidenceSince: value })} />
            <Text size="sm" c="dimmed">{t('citizenship.residenceRegister')}</Text>
          </>
        )}
        {category <= 7 && (
          <>
            <Checkbox label={t('citizenship.retainsOther')} checked={data.retainsOtherCitizenship}
              onChange={(e) => update({ retainsOtherCitizenship: e.currentTarget.checked })} />
            {context.frame.feeExemption === 'victim-of-mass-repression-or-descendant' && (
              <TextInput error={errorOf('feeExemptionBasis')} w={520} label={t('citizenship.exemptionBasis')} value={data.feeExemptionBasis}
                onChange={(e) => update({ feeExemptionBasis: e.currentTarget.value })} />
            )}
            {context.frame.feeExemption && <Alert color="blue" data-testid="exemption-once">{t('citizenship.exemptionOnce')}</Alert>}
          </>
        )}
        {category === 8 && (
          <>
            <Checkbox label={t('citizenship.hasChildren')} checked={data.hasChildren}
              onChange={(e) => update({ hasChildren: e.currentTarget.checked })} />
            <Checkbox label={t('citizenship.married')} checked={data.married}
              onChange={(e) => update({ married: e.currentTarget.checked })} />
            <Text size="sm" c="dimmed">{t('citizenship.whereHeld')}</Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** What the chosen category still misses before the server's own checks (which name their paragraph). */
export function citizenshipReasons(data: CitizenshipData, context: Pick<SectionContext, 'frame' | 't'>): string[] {
  const { t } = context;
  const category = categoryOf(context.frame.applicantType);
  const reasons: string[] = [];
  if (category === 1 && !data.oralmanCertificateNumber.trim()) reasons.push(t('citizenship.blocked.oralman'));
  if (category >= 2 && category <= 4) {
    const before1991 = category === 3 && data.inKazakhstanBefore1991On !== '';
    if (!before1991 && (!/^\d{12}$/.test(data.relativeIin.trim()) || !kinOf(category).includes(data.relativeKinship))) {
      reasons.push(t('citizenship.blocked.relative'));
    }
  }
  if (category === 5 && (!data.professionNumber || !data.petitionNumber.trim())) reasons.push(t('citizenship.blocked.profession'));
  if (category === 6 && (!data.marriedOn || !/^\d{12}$/.test(data.spouseIin.trim()))) reasons.push(t('citizenship.blocked.marriage'));
  if (category === 7 && !data.permanentResidenceSince) reasons.push(t('citizenship.blocked.residence'));
  return reasons;
}

export const citizenshipSection: IntakeSection<CitizenshipData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    oralmanCertificateNumber: t('citizenship.oralmanCertificate'),
    relativeIin: t('citizenship.relativeIin'),
    relativeName: t('citizenship.relativeName'),
    inKazakhstanBefore1991On: t('citizenship.before1991'),
    professionNumber: t('citizenship.profession'),
    petitionNumber: t('citizenship.petitionNumber'),
    petitionStateBody: t('citizenship.petitionStateBody'),
    marriedOn: t('citizenship.marriedOn'),
    spouseIin: t('citizenship.spouseIin'),
    permanentResidenceSince: t('citizenship.residenceSince'),
    feeExemptionBasis: t('citizenship.exemptionBasis'),
  }),
  paths: {
    'relative.iin': 'relativeIin',
    'relative.fullName': 'relativeName',
  },
  service: 'citizenship',
  title: 'citizenship.intakeTitle',
  initial: () => ({
    retainsOtherCitizenship: false, oralmanCertificateNumber: '', relativeIin: '', relativeKinship: '', relativeName: '',
    inKazakhstanBefore1991On: '', professionNumber: '', petitionNumber: '', petitionStateBody: '', marriedOn: '', spouseIin: '',
    permanentResidenceSince: '', feeExemptionBasis: '', hasChildren: false, married: false,
  }),
  Section: CitizenshipSection,
  validate: (data, context) => citizenshipReasons(data, context),
  // §12.2.г–д read as "where the applicant has them".
  documentExemptions: (data, { frame }) => categoryOf(frame.applicantType) === 8
    ? [...(data.hasChildren ? [] : ['no-children']), ...(data.married ? [] : ['not-married'])]
    : frame.kind === 'stateless-person' ? ['stateless-from-birth-or-before-arrival'] : [],
  submit: async (frame, data) => {
    const category = categoryOf(frame.applicantType);
    const headers = { 'Idempotency-Key': frame.idempotencyKey };
    if (category === 8) {
      const result = await call(api.POST('/api/v1/citizenship/renunciations', {
        headers,
        body: {
          officeId: frame.officeId, channel: null, applicant: frame.applicant, representative: null,
          documents: frame.documents, receipts: frame.receipts, hasChildren: data.hasChildren, married: data.married,
        },
      }));
      return result.acknowledgement;
    }
    const relative = category >= 2 && category <= 4 && data.relativeIin.trim()
      ? { iin: data.relativeIin.trim(), kinship: data.relativeKinship || null, fullName: text(data.relativeName) }
      : null;
    const result = await call(api.POST('/api/v1/citizenship/admissions', {
      headers,
      body: {
        officeId: frame.officeId,
        channel: null,
        category,
        applicant: frame.applicant,
        representative: null,
        documents: frame.documents,
        receipts: frame.receipts,
        feeExemption: frame.feeExemption,
        feeExemptionBasis: text(data.feeExemptionBasis),
        retainsOtherCitizenship: data.retainsOtherCitizenship,
        oralmanCertificateNumber: category === 1 ? text(data.oralmanCertificateNumber) : null,
        relative,
        inKazakhstanBefore1991On: category === 3 ? text(data.inKazakhstanBefore1991On) : null,
        professionNumber: category === 5 && data.professionNumber ? Number(data.professionNumber) : null,
        petitionNumber: category === 5 ? text(data.petitionNumber) : null,
        petitionStateBody: category === 5 ? text(data.petitionStateBody) : null,
        marriedOn: category === 6 ? text(data.marriedOn) : null,
        spouseIin: category === 6 ? text(data.spouseIin) : null,
        permanentResidenceSince: category === 7 ? text(data.permanentResidenceSince) : null,
      },
    }));
    return result.acknowledgement;
  },
};
