// weapon-registration (standard 7): the applicant kind (§6), the weapon unit with its attributes
// (type, category, purpose, pneumatic muzzle energy and calibre) and the facts the §18 rules need,
// posted to the typed route POST /api/v1/weapons/applications. The §8 unit-duty exemption follows
// from the unit and is shown live; the checklist (§12–§15) and the fee items follow from the sub-type.
import { Alert, Card, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { api, call } from '../../api/client';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { IntakeSection, SectionContext, SectionProps } from '../types';

export const WEAPON_TYPES = ['smooth-bore', 'rifled', 'gas', 'pneumatic', 'cold', 'signal', 'barrel-less', 'mechanical-sprayer', 'aerosol'] as const;
export const PURPOSES = ['hunting', 'self-defence', 'sport', 'service'] as const;
const PERSON_KINDS = ['individual'];
const ENTITY_KINDS = ['special-task-legal-entity', 'security-company', 'sports-organisation'];

/** The sub-types of the module (WeaponSubTypes.cs): checklist, fee item, who may ask, whether a unit is registered. */
export const SUB_TYPES: Record<string, { group: string; fee: string; kinds: string[]; registersUnit: boolean; needsUnit: boolean }> = {
  'acquisition-permit': { group: 'individual-acquisition', fee: 'acquisition-permit-individual', kinds: PERSON_KINDS, registersUnit: false, needsUnit: true },
  'storage-permit': { group: 'individual-storage-carry', fee: 'storage-permit-individual', kinds: PERSON_KINDS, registersUnit: true, needsUnit: true },
  'storage-carry-permit': { group: 'individual-storage-carry', fee: 'storage-carry-permit-individual', kinds: PERSON_KINDS, registersUnit: true, needsUnit: true },
  'service-acquisition-licence': { group: 'legal-entity-acquisition', fee: 'acquisition-licence-legal-entity', kinds: ENTITY_KINDS, registersUnit: false, needsUnit: false },
  'service-storage-permit': { group: 'legal-entity-storage', fee: 'storage-permit-legal-entity', kinds: ENTITY_KINDS, registersUnit: true, needsUnit: true },
  'service-storage-carry-permit': { group: 'employee-storage-carry', fee: 'storage-carry-permit-legal-entity', kinds: ['special-task-employee', 'security-employee'], registersUnit: false, needsUnit: true },
  'unit-registration': { group: 'individual-storage-carry', fee: 'unit-registration', kinds: [...PERSON_KINDS, ...ENTITY_KINDS], registersUnit: true, needsUnit: true },
};

export interface WeaponData {
  applicantKind: string;
  serial: string;
  make: string;
  model: string;
  type: string;
  purpose: string;
  muzzleEnergyJ: string;
  calibreMm: string;
  designChangesAlterBallistics: boolean;
  technicallyNonCompliant: boolean;
  reRegistration: boolean;
  permanentAddress: string;
  storageConditionsConfirmed: '' | 'yes' | 'no';
  militaryOrSpecialRank: boolean;
  smoothBoreNumber: string;
  smoothBoreIssuedOn: string;
  employerBin: string;
  foreignResidenceSince: string;
  missionPetition: boolean;
}

const decimal = (value: string): number | null => {
  const parsed = Number(value.replace(',', '.'));
  return value.trim() === '' || Number.isNaN(parsed) ? null : parsed;
};

/** §8, as UnitFeeExemption.cs: the unit duty's exemption from the unit's attributes (7.5 J and 4.5 mm inclusive). */
export function unitExemption(type: string, purpose: string, muzzleEnergyJ: number | null, calibreMm: number | null): string | null {
  switch (type) {
    case 'cold': return purpose === 'hunting' ? 'cold-hunting-weapon' : null;
    case 'signal': return 'signal-weapon';
    case 'barrel-less': return 'barrel-less-firearm';
    case 'mechanical-sprayer': return 'mechanical-sprayer';
    case 'aerosol': return 'aerosol-device';
    case 'pneumatic':
      return muzzleEnergyJ !== null && calibreMm !== null && muzzleEnergyJ <= 7.5 && calibreMm <= 4.5 ? 'low-energy-pneumatic-weapon' : null;
    default: return null;
  }
}

const isEntity = (kind: string) => ENTITY_KINDS.includes(kind);

/** The checklist the sub-type is taken on: a legal entity registers a unit on the §14 list. */
export function expectedGroup(subType: string, kind: string): string | null {
  const s = SUB_TYPES[subType];
  if (!s) return null;
  return subType === 'unit-registration' && isEntity(kind) ? 'legal-entity-storage' : s.group;
}

/** The fee items: the sub-type's, and the 10 % unit duty when it registers a unit that is not exempt. */
export function expectedFeeItems(subType: string, exemption: string | null): string[] {
  const s = SUB_TYPES[subType];
  if (!s) return [];
  return s.registersUnit && s.fee !== 'unit-registration' && exemption === null ? [s.fee, 'unit-registration'] : [s.fee];
}

function exemptionOf(data: WeaponData, subType: string): string | null {
  return SUB_TYPES[subType]?.registersUnit ? unitExemption(data.type, data.purpose, decimal(data.muzzleEnergyJ), decimal(data.calibreMm)) : null;
}

const categoryOf = (subType: string, kind: string) => (isEntity(kind) || subType === 'service-storage-carry-permit' ? 'service' : 'civilian');

function WeaponSection({ data, update, context }: SectionProps<WeaponData>) {
  const { t, pick } = useI18n();
  const errorOf = useFieldErrors();
  const subType = context.frame.subType;
  const spec = SUB_TYPES[subType];
  const exemption = exemptionOf(data, subType);
  const group = expectedGroup(subType, data.applicantKind);
  const groupText = context.service.documents.find((g) => g.applicantType === group);
  const fees = expectedFeeItems(subType, exemption);
  const feeText = (code: string) => pick(context.service.fees.items.find((i) => i.code === code)?.text ?? { kk: code, ru: code, en: code });
  const exemptionText = exemption
    ? pick(context.service.fees.items.flatMap((i) => i.exemptions ?? []).find((e) => e.code === exemption)?.text ?? { kk: exemption, ru: exemption, en: exemption })
    : null;
  const foreign = context.frame.kind === 'individual' && context.frame.citizenship !== '' && context.frame.citizenship.toUpperCase() !== 'KZ';

  return (
    <>
      <Card withBorder padding="lg" component="section" data-testid="weapon-applicant">
        <Title order={2} size="h4" mb="sm">{t('weapons.applicant')}</Title>
        <Select error={errorOf('applicantKind')}
          w={420}
          label={t('weapons.applicantKind')}
          data={(spec?.kinds ?? []).map((k) => ({ value: k, label: t(`weapons.kind.${k}` as MessageKey) }))}
          value={data.applicantKind || null}
          onChange={(value) => update({ applicantKind: value ?? '' })}
          data-testid="weapon-kind"
        />
        {!isEntity(data.applicantKind) && (
          <TextInput error={errorOf('permanentAddress')} mt="sm" label={t('weapons.permanentAddress')} value={data.permanentAddress} onChange={(e) => update({ permanentAddress: e.currentTarget.value })} name="permanentAddress" />
        )}
        {subType === 'service-storage-carry-permit' && (
          <TextInput error={errorOf('employerBin')} mt="sm" w={240} label={t('weapons.employerBin')} value={data.employerBin} onChange={(e) => update({ employerBin: e.currentTarget.value })} name="employerBin" />
        )}
        {(subType === 'acquisition-permit' || subType === 'service-acquisition-licence') && (
          <Select error={errorOf('storageConditionsConfirmed')}
            mt="sm"
            w={420}
            label={t('weapons.storage')}
            data={[{ value: 'yes', label: t('weapons.storage.yes') }, { value: 'no', label: t('weapons.storage.no') }]}
            value={data.storageConditionsConfirmed || null}
            onChange={(value) => update({ storageConditionsConfirmed: (value ?? '') as WeaponData['storageConditionsConfirmed'] })}
            data-testid="weapon-storage"
          />
        )}
        {subType === 'acquisition-permit' && (
          <Checkbox mt="sm" label={t('weapons.military')} checked={data.militaryOrSpecialRank} onChange={(e) => update({ militaryOrSpecialRank: e.currentTarget.checked })} />
        )}
        {foreign && (
          <Group mt="sm" align="end">
            <DateField error={errorOf('foreignResidenceSince')} label={t('weapons.foreignResidenceSince')} value={data.foreignResidenceSince} onChange={(value) => update({ foreignResidenceSince: value })} />
            <Checkbox label={t('weapons.missionPetition')} checked={data.missionPetition} onChange={(e) => update({ missionPetition: e.currentTarget.checked })} />
          </Group>
        )}
      </Card>
      {spec?.needsUnit && (
        <Card withBorder padding="lg" component="section" data-testid="weapon-unit">
          <Title order={2} size="h4" mb="sm">{t('weapons.unit')}</Title>
          <Group align="end" gap="sm">
            <Select error={errorOf('type')}
              w={220}
              label={t('weapons.type')}
              data={WEAPON_TYPES.map((w) => ({ value: w, label: t(`weapons.type.${w}` as MessageKey) }))}
              value={data.type || null}
              onChange={(value) => update({ type: value ?? '' })}
              data-testid="weapon-type"
            />
            <Select error={errorOf('purpose')}
              w={200}
              label={t('weapons.purpose')}
              data={PURPOSES.map((p) => ({ value: p, label: t(`weapons.purpose.${p}` as MessageKey) }))}
              value={data.purpose || null}
              onChange={(value) => update({ purpose: value ?? '' })}
              data-testid="weapon-purpose"
            />
            <Text size="sm" data-testid="weapon-category">{t('weapons.category')}: {t(`weapons.category.${categoryOf(subType, data.applicantKind)}` as MessageKey)}</Text>
          </Group>
          {subType !== 'acquisition-permit' && (
            <Group align="end" gap="sm" mt="sm">
              <TextInput error={errorOf('make')} label={t('weapons.make')} value={data.make} onChange={(e) => update({ make: e.currentTarget.value })} name="make" w={200} />
              <TextInput error={errorOf('model')} label={t('weapons.model')} value={data.model} onChange={(e) => update({ model: e.currentTarget.value })} name="model" w={160} />
              <TextInput error={errorOf('serial')} label={t('weapons.serial')} value={data.serial} onChange={(e) => update({ serial: e.currentTarget.value })} name="serial" w={200} />
            </Group>
          )}
          {data.type === 'pneumatic' && (
            <Group align="end" gap="sm" mt="sm">
              <TextInput error={errorOf('muzzleEnergyJ')} label={t('weapons.energy')} inputMode="decimal" value={data.muzzleEnergyJ} onChange={(e) => update({ muzzleEnergyJ: e.currentTarget.value })} name="muzzleEnergyJ" w={200} />
              <TextInput error={errorOf('calibreMm')} label={t('weapons.calibre')} inputMode="decimal" value={data.calibreMm} onChange={(e) => update({ calibreMm: e.currentTarget.value })} name="calibreMm" w={200} />
            </Group>
          )}
          {subType === 'acquisition-permit' && data.type === 'rifled' && data.purpose === 'hunting' && (
            <Group align="end" gap="sm" mt="sm">
              <TextInput error={errorOf('smoothBoreNumber')} label={t('weapons.smoothBoreNumber')} value={data.smoothBoreNumber} onChange={(e) => update({ smoothBoreNumber: e.currentTarget.value })} w={220} />
              <DateField error={errorOf('smoothBoreIssuedOn')} label={t('weapons.smoothBoreIssuedOn')} value={data.smoothBoreIssuedOn} onChange={(value) => update({ smoothBoreIssuedOn: value })} w={200} />
            </Group>
          )}
          {spec.registersUnit && (
            <Checkbox mt="sm" label={t('weapons.reRegistration')} checked={data.reRegistration} onChange={(e) => update({ reRegistration: e.currentTarget.checked })} />
          )}
          <Group mt="sm" gap="lg">
            <Checkbox label={t('weapons.designChanges')} checked={data.designChangesAlterBallistics} onChange={(e) => update({ designChangesAlterBallistics: e.currentTarget.checked })} />
            <Checkbox label={t('weapons.nonCompliant')} checked={data.technicallyNonCompliant} onChange={(e) => update({ technicallyNonCompliant: e.currentTarget.checked })} />
          </Group>
        </Card>
      )}
      {spec && (
        <Alert variant="light" data-testid="weapon-derived" data-exemption={exemption ?? ''} data-fee-items={fees.join(' ')} data-group={group ?? ''}>
          <Stack gap={4}>
            {spec.registersUnit && (
              <Text size="sm" fw={600} data-testid="weapon-exemption">
                {exemptionText ? t('weapons.exempt', { exemption: exemptionText }) : t('weapons.dutyDue')}
              </Text>
            )}
            <Text size="sm">{t('weapons.checklist', { group: groupText ? pick(groupText.text) : '' })}</Text>
            <Text size="sm">{t('weapons.feeItems', { items: fees.map(feeText).join('; ') })}</Text>
          </Stack>
        </Alert>
      )}
    </>
  );
}

function validate(data: WeaponData, { frame, t }: SectionContext): string[] {
  const reasons: string[] = [];
  const spec = SUB_TYPES[frame.subType];
  if (!spec) return reasons;
  if (!spec.kinds.includes(data.applicantKind)) reasons.push(t('weapons.blocked.kind'));
  if (spec.needsUnit) {
    if (!data.type) reasons.push(t('weapons.blocked.type'));
    if (frame.subType !== 'acquisition-permit' && (!data.make.trim() || !data.serial.trim())) reasons.push(t('weapons.blocked.serial'));
    if (data.type === 'pneumatic' && (!(decimal(data.muzzleEnergyJ)! > 0) || !(decimal(data.calibreMm)! > 0))) reasons.push(t('weapons.blocked.pneumatic'));
  }
  const group = expectedGroup(frame.subType, data.applicantKind);
  if (group && frame.applicantType !== group) reasons.push(t('weapons.blocked.group'));
  const fees = expectedFeeItems(frame.subType, exemptionOf(data, frame.subType));
  const chosen = [...frame.feeItems].sort();
  if (fees.slice().sort().join(' ') !== chosen.join(' ')) reasons.push(t('weapons.blocked.fees'));
  return reasons;
}

export const weaponRegistrationSection: IntakeSection<WeaponData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    applicantKind: t('weapons.applicantKind'),
    permanentAddress: t('weapons.permanentAddress'),
    employerBin: t('weapons.employerBin'),
    storageConditionsConfirmed: t('weapons.storage'),
    foreignResidenceSince: t('weapons.foreignResidenceSince'),
    type: t('weapons.type'),
    purpose: t('weapons.purpose'),
    make: t('weapons.make'),
    model: t('weapons.model'),
    serial: t('weapons.serial'),
    muzzleEnergyJ: t('weapons.energy'),
    calibreMm: t('weapons.calibre'),
    smoothBoreNumber: t('weapons.smoothBoreNumber'),
    smoothBoreIssuedOn: t('weapons.smoothBoreIssuedOn'),
  }),
  paths: {
    'smoothBorePermit.number': 'smoothBoreNumber',
    'smoothBorePermit.issuedOn': 'smoothBoreIssuedOn',
  },
  service: 'weapon-registration',
  title: 'weapons.title',
  subTypes: Object.keys(SUB_TYPES).map((code) => ({ code, label: `weapons.subType.${code}` as MessageKey })),
  initial: () => ({
    applicantKind: '', serial: '', make: '', model: '', type: '', purpose: '', muzzleEnergyJ: '', calibreMm: '',
    designChangesAlterBallistics: false, technicallyNonCompliant: false, reRegistration: false, permanentAddress: '',
    storageConditionsConfirmed: '', militaryOrSpecialRank: false, smoothBoreNumber: '', smoothBoreIssuedOn: '',
    employerBin: '', foreignResidenceSince: '', missionPetition: false,
  }),
  Section: WeaponSection,
  validate,
  submit: async (frame, data) => {
    const spec = SUB_TYPES[frame.subType ?? ''];
    const result = await call(api.POST('/api/v1/weapons/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: {
        officeId: frame.officeId,
        channel: null,
        subType: frame.subType,
        applicantKind: data.applicantKind,
        applicant: frame.applicant,
        representative: null,
        unit: spec?.needsUnit
          ? {
              serial: data.serial.trim() || null,
              make: data.make.trim() || null,
              model: data.model.trim() || null,
              type: data.type,
              category: categoryOf(frame.subType ?? '', data.applicantKind),
              purpose: data.purpose || null,
              muzzleEnergyJ: data.type === 'pneumatic' ? decimal(data.muzzleEnergyJ) : null,
              calibreMm: decimal(data.calibreMm),
              designChangesAlterBallistics: data.designChangesAlterBallistics,
              technicallyNonCompliant: data.technicallyNonCompliant,
            }
          : null,
        reRegistration: data.reRegistration,
        permanentAddress: data.permanentAddress.trim() || null,
        storageConditionsConfirmed: data.storageConditionsConfirmed === '' ? null : data.storageConditionsConfirmed === 'yes',
        storageReportNumber: null,
        militaryOrSpecialRank: data.militaryOrSpecialRank,
        smoothBorePermit: data.smoothBoreNumber.trim() ? { number: data.smoothBoreNumber.trim(), issuedOn: data.smoothBoreIssuedOn || null } : null,
        employerBin: data.employerBin.trim() || null,
        foreignResidenceSince: data.foreignResidenceSince || null,
        missionPetition: data.missionPetition,
        documents: frame.documents,
        receipts: frame.receipts,
      },
    }));
    return result.acknowledgement;
  },
};
