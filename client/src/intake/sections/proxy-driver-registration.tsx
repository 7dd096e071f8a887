// proxy-driver-registration (standard 9): the vehicle by its registration certificate (§12.1), the
// owner's power of attorney with its dates (§12.2) and the driver's licence, which the API checks with
// the Licensing module; free of charge; posted to POST /api/v1/vehicles/proxy-drivers/applications.
import { Card, Checkbox, Group, TextInput, Title } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { api, call } from '../../api/client';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { IntakeSection, SectionContext, SectionProps } from '../types';

export interface ProxyDriverData {
  certificateNumber: string;
  licenceNumber: string;
  poaNumber: string;
  poaIssuedOn: string;
  poaValidUntil: string;
  poaIssuedBy: string;
  notarised: boolean;
}

function ProxySection({ data, update }: SectionProps<ProxyDriverData>) {
  const { t } = useI18n();
  const errorOf = useFieldErrors();
  const field = (name: keyof ProxyDriverData, label: string, { type, ...props }: Record<string, unknown> = {}) => (type === 'date'
    ? <DateField label={label} value={data[name] as string} error={errorOf(name)} onChange={(value) => update({ [name]: value } as Partial<ProxyDriverData>)} name={name} {...props} />
    : <TextInput label={label} value={data[name] as string} error={errorOf(name)} onChange={(e) => update({ [name]: e.currentTarget.value } as Partial<ProxyDriverData>)} name={name} type={type as string | undefined} {...props} />
  );
  return (
    <Card withBorder padding="lg" component="section" data-testid="proxy-driver">
      <Title order={2} size="h4" mb="sm">{t('vehicles.proxy.section')}</Title>
      <Group align="end" gap="sm">
        {field('certificateNumber', t('vehicles.certificateNumber'), { w: 240 })}
        {field('licenceNumber', t('vehicles.proxy.licence'), { w: 240 })}
      </Group>
      <Title order={3} size="h5" mt="md" mb="xs">{t('vehicles.proxy.attorney')}</Title>
      <Group align="end" gap="sm">
        {field('poaNumber', t('vehicles.proxy.poaNumber'), { w: 180 })}
        {field('poaIssuedOn', t('vehicles.proxy.issuedOn'), { w: 170, type: 'date' })}
        {field('poaValidUntil', t('vehicles.proxy.validUntil'), { w: 170, type: 'date' })}
        {field('poaIssuedBy', t('vehicles.proxy.issuedBy'), { w: 220 })}
      </Group>
      <Checkbox mt="sm" label={t('vehicles.proxy.notarised')} checked={data.notarised} onChange={(e) => update({ notarised: e.currentTarget.checked })} />
    </Card>
  );
}

function validate(data: ProxyDriverData, { t }: SectionContext): string[] {
  const reasons: string[] = [];
  if (!data.certificateNumber.trim()) reasons.push(t('vehicles.blocked.certificate'));
  if (!data.licenceNumber.trim()) reasons.push(t('vehicles.blocked.licence'));
  if (!data.poaNumber.trim() || !data.poaIssuedOn || !data.poaValidUntil || !data.poaIssuedBy.trim()) reasons.push(t('vehicles.blocked.attorney'));
  return reasons;
}

export const proxyDriverRegistrationSection: IntakeSection<ProxyDriverData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    certificateNumber: t('vehicles.certificateNumber'),
    licenceNumber: t('vehicles.proxy.licence'),
    poaNumber: t('vehicles.proxy.poaNumber'),
    poaIssuedOn: t('vehicles.proxy.issuedOn'),
    poaValidUntil: t('vehicles.proxy.validUntil'),
    poaIssuedBy: t('vehicles.proxy.issuedBy'),
  }),
  paths: {
    'powerOfAttorney.number': 'poaNumber',
    'powerOfAttorney.issuedOn': 'poaIssuedOn',
    'powerOfAttorney.validUntil': 'poaValidUntil',
    'powerOfAttorney.issuedBy': 'poaIssuedBy',
  },
  service: 'proxy-driver-registration',
  title: 'vehicles.proxy.title',
  applicantKinds: ['individual', 'foreigner', 'stateless-person'],
  initial: () => ({ certificateNumber: '', licenceNumber: '', poaNumber: '', poaIssuedOn: '', poaValidUntil: '', poaIssuedBy: '', notarised: false }),
  Section: ProxySection,
  validate,
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/vehicles/proxy-drivers/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: {
        officeId: frame.officeId,
        channel: null,
        applicant: frame.applicant,
        representative: null,
        certificateNumber: data.certificateNumber.trim(),
        licenceNumber: data.licenceNumber.trim(),
        powerOfAttorney: {
          number: data.poaNumber.trim(), issuedOn: data.poaIssuedOn, validUntil: data.poaValidUntil, issuedBy: data.poaIssuedBy.trim(), notarised: data.notarised,
        },
        documents: frame.documents,
      },
    }));
    return result.acknowledgement;
  },
};
