// vehicle-registration (standard 8): the sub-type, the vehicle (VIN or, before 1981, chassis number;
// make, model, year, category, colour, engine) or its certificate, a new plate at re-registration,
// design changes (§17.2), and the MFA channel of foreigners and entities with ≥ 10 % foreign
// participation (§12, §13 notes); posted to POST /api/v1/vehicles/applications. The §8 fee items
// follow from the sub-type and the category (as VehicleFees.cs) and are set on the frame.
import { Alert, Card, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, call } from '../../api/client';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { FrameDraft, IntakeSection, SectionContext, SectionProps } from '../types';

export const VEHICLE_CATEGORIES = ['car', 'motorcycle', 'trailer', 'bus', 'truck', 'special-equipment'] as const;

/** The sub-types (VehicleSubTypes.cs): whether the vehicle's data is given, or its certificate names it. */
export const VEHICLE_SUB_TYPES: Record<string, { vehicleData: boolean; certificate: boolean }> = {
  registration: { vehicleData: true, certificate: false },
  're-registration-owner-change': { vehicleData: false, certificate: true },
  're-registration-data-change': { vehicleData: true, certificate: true },
  deregistration: { vehicleData: false, certificate: true },
  'duplicate-certificate': { vehicleData: false, certificate: true },
  'transit-plates': { vehicleData: true, certificate: false },
};

export interface VehicleData {
  vin: string;
  chassisNumber: string;
  make: string;
  model: string;
  year: string;
  category: string;
  colour: string;
  engine: string;
  certificateNumber: string;
  newPlate: boolean;
  designChanged: boolean;
  designCompliant: boolean;
  foreignParticipationPercent: string;
  mfaReferenceNumber: string;
}

/** §8, as VehicleFees.cs: 280 % plate for a car, bus, truck or special equipment, 140 % for a motorcycle or trailer. */
export function vehicleFeeItems(subType: string, category: string, newPlate: boolean): string[] {
  const plate = category === 'motorcycle' || category === 'trailer' ? 'plate-motorcycle-trailer' : 'plate-car';
  switch (subType) {
    case 'registration': return ['registration-certificate', plate, 'registration'];
    case 're-registration-owner-change':
    case 're-registration-data-change':
      return newPlate ? ['registration-certificate', plate, 'registration'] : ['registration-certificate', 'registration'];
    case 'duplicate-certificate': return ['registration-certificate'];
    case 'transit-plates': return ['plate-transit'];
    default: return [];
  }
}

/** §12 note, §13 note: a foreign person, or an entity with at least 10 % foreign participation, registers through the MFA. */
export function throughMfa(frame: Pick<FrameDraft, 'kind' | 'citizenship'>, foreignParticipationPercent: string): boolean {
  if (frame.kind === 'foreigner' || frame.kind === 'stateless-person') return true;
  if (frame.kind === 'individual') return frame.citizenship.trim() !== '' && frame.citizenship.trim().toUpperCase() !== 'KZ';
  return Number(foreignParticipationPercent) >= 10;
}

function VehicleSection({ data, update, context }: SectionProps<VehicleData>) {
  const { t, pick } = useI18n();
  const errorOf = useFieldErrors();
  const spec = VEHICLE_SUB_TYPES[context.frame.subType];
  const fees = vehicleFeeItems(context.frame.subType, data.category || 'car', data.newPlate);
  const feeText = (code: string) => pick(context.service.fees.items.find((i) => i.code === code)?.text ?? { kk: code, ru: code, en: code });
  const mfa = throughMfa(context.frame, data.foreignParticipationPercent);
  const reRegistration = context.frame.subType.startsWith('re-registration');
  return (
    <>
      {spec?.certificate && (
        <Card withBorder padding="lg" component="section" data-testid="vehicle-certificate">
          <Title order={2} size="h4" mb="sm">{t('vehicles.registered')}</Title>
          <TextInput error={errorOf('certificateNumber')} w={260} label={t('vehicles.certificateNumber')} value={data.certificateNumber} onChange={(e) => update({ certificateNumber: e.currentTarget.value })} name="certificateNumber" />
          {reRegistration && (
            <Checkbox mt="sm" label={t('vehicles.newPlate')} checked={data.newPlate} onChange={(e) => update({ newPlate: e.currentTarget.checked })} name="newPlate" />
          )}
        </Card>
      )}
      {spec?.vehicleData && (
        <Card withBorder padding="lg" component="section" data-testid="vehicle-data">
          <Title order={2} size="h4" mb="sm">{t('vehicles.vehicle')}</Title>
          <Group align="end" gap="sm">
            <TextInput error={errorOf('vin')} w={240} label={t('vehicles.vin')} value={data.vin} onChange={(e) => update({ vin: e.currentTarget.value })} name="vin" />
            <TextInput error={errorOf('chassisNumber')} w={200} label={t('vehicles.chassisNumber')} description={t('vehicles.chassisHint')} value={data.chassisNumber} onChange={(e) => update({ chassisNumber: e.currentTarget.value })} name="chassisNumber" />
          </Group>
          <Group align="end" gap="sm" mt="sm">
            <TextInput error={errorOf('make')} w={180} label={t('vehicles.make')} value={data.make} onChange={(e) => update({ make: e.currentTarget.value })} name="make" />
            <TextInput error={errorOf('model')} w={180} label={t('vehicles.model')} value={data.model} onChange={(e) => update({ model: e.currentTarget.value })} name="model" />
            <TextInput error={errorOf('year')} w={100} label={t('vehicles.year')} inputMode="numeric" value={data.year} onChange={(e) => update({ year: e.currentTarget.value })} name="year" />
            <Select error={errorOf('category')}
              w={220}
              label={t('vehicles.category')}
              data={VEHICLE_CATEGORIES.map((c) => ({ value: c, label: t(`vehicles.category.${c}` as MessageKey) }))}
              value={data.category || null}
              onChange={(value) => update({ category: value ?? '' })}
              data-testid="vehicle-category"
            />
          </Group>
          <Group align="end" gap="sm" mt="sm">
            <TextInput error={errorOf('colour')} w={180} label={t('vehicles.colour')} value={data.colour} onChange={(e) => update({ colour: e.currentTarget.value })} name="colour" />
            <TextInput error={errorOf('engine')} w={180} label={t('vehicles.engine')} value={data.engine} onChange={(e) => update({ engine: e.currentTarget.value })} name="engine" />
          </Group>
          <Group mt="sm" gap="lg">
            <Checkbox label={t('vehicles.designChanged')} checked={data.designChanged} onChange={(e) => update({ designChanged: e.currentTarget.checked })} />
            {data.designChanged && (
              <Checkbox label={t('vehicles.designCompliant')} checked={data.designCompliant} onChange={(e) => update({ designCompliant: e.currentTarget.checked })} />
            )}
          </Group>
        </Card>
      )}
      <Card withBorder padding="lg" component="section" data-testid="vehicle-channel">
        <Title order={2} size="h4" mb="sm">{t('vehicles.channel')}</Title>
        {context.frame.kind === 'legal-entity' && (
          <NumberInput error={errorOf('foreignParticipationPercent')} w={260} min={0} max={100} label={t('vehicles.foreignParticipation')} value={data.foreignParticipationPercent}
            onChange={(value) => update({ foreignParticipationPercent: String(value ?? '') })} />
        )}
        <Text size="sm" mt="xs" data-testid="vehicle-channel-value" data-channel={mfa ? 'mfa-diplomatic-service' : 'road-police'}>
          {mfa ? t('vehicles.channel.mfa') : t('vehicles.channel.road-police')}
        </Text>
        {mfa && (
          <TextInput error={errorOf('mfaReferenceNumber')} mt="sm" w={280} label={t('vehicles.mfaReference')} value={data.mfaReferenceNumber} onChange={(e) => update({ mfaReferenceNumber: e.currentTarget.value })} name="mfaReferenceNumber" />
        )}
      </Card>
      {spec && (
        <Alert variant="light" data-testid="vehicle-derived" data-fee-items={fees.join(' ')}>
          <Stack gap={4}>
            <Text size="sm">{fees.length > 0 ? t('vehicles.feeItems', { items: fees.map(feeText).join('; ') }) : t('vehicles.noDuty')}</Text>
          </Stack>
        </Alert>
      )}
    </>
  );
}

function validate(data: VehicleData, { frame, t }: SectionContext): string[] {
  const reasons: string[] = [];
  const spec = VEHICLE_SUB_TYPES[frame.subType];
  if (!spec) return reasons;
  if (spec.certificate && !data.certificateNumber.trim()) reasons.push(t('vehicles.blocked.certificate'));
  if (spec.vehicleData) {
    if (!data.vin.trim() && !data.chassisNumber.trim()) reasons.push(t('vehicles.blocked.vin'));
    if (!data.make.trim() || !/^\d{4}$/.test(data.year.trim()) || !data.category) reasons.push(t('vehicles.blocked.vehicle'));
  }
  if (throughMfa(frame, data.foreignParticipationPercent) && !data.mfaReferenceNumber.trim()) reasons.push(t('vehicles.blocked.mfa'));
  return reasons;
}

/** The typed route's body (SubmitVehicleApplicationRequest). */
export function vehicleBody(frame: Parameters<IntakeSection<VehicleData>['submit']>[0], data: VehicleData) {
  const spec = VEHICLE_SUB_TYPES[frame.subType ?? ''];
  const trim = (s: string) => s.trim() || null;
  return {
    officeId: frame.officeId,
    channel: null,
    subType: frame.subType,
    applicant: frame.applicant,
    representative: null,
    vehicle: spec?.vehicleData
      ? {
          vin: trim(data.vin), chassisNumber: trim(data.chassisNumber), make: trim(data.make), model: trim(data.model),
          year: data.year.trim() ? Number(data.year.trim()) : null, category: data.category || null, colour: trim(data.colour), engine: trim(data.engine),
        }
      : null,
    certificateNumber: spec?.certificate ? trim(data.certificateNumber) : null,
    newPlate: (frame.subType ?? '').startsWith('re-registration') && data.newPlate,
    designChanged: !!spec?.vehicleData && data.designChanged,
    designCompliant: spec?.vehicleData && data.designChanged ? data.designCompliant : null,
    foreignParticipationPercent: frame.applicant.kind === 'legal-entity' && data.foreignParticipationPercent.trim() !== '' ? Number(data.foreignParticipationPercent) : null,
    mfaReferenceNumber: trim(data.mfaReferenceNumber),
    documents: frame.documents,
    receipts: frame.receipts,
  };
}

export const vehicleRegistrationSection: IntakeSection<VehicleData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    certificateNumber: t('vehicles.certificateNumber'),
    vin: t('vehicles.vin'),
    chassisNumber: t('vehicles.chassisNumber'),
    make: t('vehicles.make'),
    model: t('vehicles.model'),
    year: t('vehicles.year'),
    category: t('vehicles.category'),
    colour: t('vehicles.colour'),
    engine: t('vehicles.engine'),
    foreignParticipationPercent: t('vehicles.foreignParticipation'),
    mfaReferenceNumber: t('vehicles.mfaReference'),
  }),
  service: 'vehicle-registration',
  title: 'vehicles.title',
  applicantKinds: ['individual', 'legal-entity', 'foreigner', 'stateless-person'],
  subTypes: Object.keys(VEHICLE_SUB_TYPES).map((code) => ({ code, label: `vehicles.subType.${code}` as MessageKey })),
  frameOf: (draft): Partial<FrameDraft> => {
    const patch: Partial<FrameDraft> = {};
    const group = draft.kind === 'legal-entity' ? 'legal-entity' : 'individual';
    if (draft.applicantType !== group) Object.assign(patch, { applicantType: group, documents: [], additionalGroups: [] });
    if (VEHICLE_SUB_TYPES[draft.subType]) {
      const fees = vehicleFeeItems(draft.subType, draft.section.category || 'car', draft.section.newPlate);
      if (fees.join(' ') !== draft.feeItems.join(' ')) patch.feeItems = fees;
    }
    return patch;
  },
  initial: () => ({
    vin: '', chassisNumber: '', make: '', model: '', year: '', category: '', colour: '', engine: '', certificateNumber: '',
    newPlate: false, designChanged: false, designCompliant: true, foreignParticipationPercent: '', mfaReferenceNumber: '',
  }),
  Section: VehicleSection,
  validate,
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/vehicles/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: vehicleBody(frame, data),
    }));
    return result.acknowledgement;
  },
};
