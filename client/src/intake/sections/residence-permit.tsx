// residence-permit (standard 2): the sub-type decides the applicant type, the kind of applicant and
// the fee item (§8: permit 20 % MCI, stateless person's certificate 400 % MCI); a stateless person
// under 16 is taken only with the proof of travelling abroad unaccompanied (§6). The photo item's
// conditions (§12) are the catalogue notes the frame shows under it. Posted to
// POST /api/v1/migration/residence-permits/applications (the route derives applicantType and fee item).
import { Card, Text, TextInput, Title } from '@mantine/core';
import { api, call } from '../../api/client';
import { todayInAlmaty } from '../../i18n/format';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApplicantKind, FrameDraft, IntakeSection, SectionProps } from '../types';
import { isAtLeast, isDay } from './migration-dates';

export interface ResidencePermitData {
  /** §6: the document proving travel abroad without parents (guardians, custodians), as written on it. */
  unaccompaniedTravelProof: string;
}

/** Each sub-type's applicant type (§12 checklist), applicant kind and fee item (§8). */
export const RESIDENCE_PERMIT_SUB_TYPES: Record<string, { applicantType: string; kind: ApplicantKind; feeItem: string }> = {
  'residence-permit': { applicantType: 'foreigner', kind: 'foreigner', feeItem: 'residence-permit' },
  'stateless-certificate': { applicantType: 'stateless-person', kind: 'stateless-person', feeItem: 'stateless-certificate' },
};

/** §6 [L346]: the service is for those 16 and older (the 16th birthday counts). */
export const MINIMUM_AGE = 16;

/** §6 [L348]: a stateless person under 16 asking for a certificate needs the unaccompanied-travel proof. */
export function needsTravelProof(subType: string, birthDate: string, today: string): boolean {
  return subType === 'stateless-certificate' && isDay(birthDate) && !isAtLeast(birthDate, MINIMUM_AGE, today);
}

function ResidencePermitSection({ data, update, context }: SectionProps<ResidencePermitData>) {
  const { t } = useI18n();
  const errorOf = useFieldErrors();
  const { frame, today } = context;
  const chosen = RESIDENCE_PERMIT_SUB_TYPES[frame.subType];
  const proof = needsTravelProof(frame.subType, frame.birthDate, today);
  return (
    <Card withBorder padding="lg" component="section" data-testid="residence-permit">
      <Title order={2} size="h4" mb="sm">{t('residence-permit.section')}</Title>
      <Text size="sm" c="dimmed" data-testid="residence-permit-subtype">
        {chosen ? t(`residence-permit.decides.${frame.subType as 'residence-permit' | 'stateless-certificate'}`) : t('residence-permit.chooseSubType')}
      </Text>
      {proof && (
        <TextInput error={errorOf('unaccompaniedTravelProof')}
          mt="sm"
          label={t('residence-permit.travelProof')}
          description={t('residence-permit.travelProofHint')}
          value={data.unaccompaniedTravelProof}
          onChange={(e) => update({ unaccompaniedTravelProof: e.currentTarget.value })}
          data-testid="travel-proof"
        />
      )}
    </Card>
  );
}

export const residencePermitSection: IntakeSection<ResidencePermitData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    unaccompaniedTravelProof: t('residence-permit.travelProof'),
  }),
  service: 'residence-permit',
  title: 'residence-permit.title',
  applicantKinds: ['foreigner', 'stateless-person'],
  subTypes: [
    { code: 'residence-permit', label: 'residence-permit.subType.residence-permit' },
    { code: 'stateless-certificate', label: 'residence-permit.subType.stateless-certificate' },
  ],
  frameOf: (draft): Partial<FrameDraft> => {
    const chosen = RESIDENCE_PERMIT_SUB_TYPES[draft.subType];
    if (!chosen) return {};
    const patch: Partial<FrameDraft> = { kind: chosen.kind, feeItems: [chosen.feeItem] };
    // A new applicant type is a new checklist: the ticks of the other one go.
    if (draft.applicantType !== chosen.applicantType) Object.assign(patch, { applicantType: chosen.applicantType, documents: [], additionalGroups: [] });
    return patch;
  },
  initial: () => ({ unaccompaniedTravelProof: '' }),
  Section: ResidencePermitSection,
  validate: (data, { frame, today, t }) => {
    if (!isDay(frame.birthDate) || isAtLeast(frame.birthDate, MINIMUM_AGE, today)) return [];
    if (frame.subType === 'residence-permit') return [t('residence-permit.blocked.under16')];
    if (frame.subType === 'stateless-certificate' && !data.unaccompaniedTravelProof.trim()) return [t('residence-permit.blocked.travelProof')];
    return [];
  },
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/migration/residence-permits/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: residencePermitBody(frame, data, todayInAlmaty()),
    }));
    return result.acknowledgement;
  },
};

/** The typed route's body: the proof only where §6 asks for it (the API refuses it from an adult asking for a permit). */
export function residencePermitBody(frame: Parameters<IntakeSection<ResidencePermitData>['submit']>[0], data: ResidencePermitData, today: string) {
  const proof = needsTravelProof(frame.subType ?? '', frame.applicant.birthDate ?? '', today) ? data.unaccompaniedTravelProof.trim() : '';
  return {
    officeId: frame.officeId,
    channel: null,
    subType: frame.subType,
    applicant: frame.applicant,
    representative: null,
    documents: frame.documents,
    receipts: frame.receipts,
    feeExemption: frame.feeExemption,
    unaccompaniedTravelProof: proof || null,
  };
}
