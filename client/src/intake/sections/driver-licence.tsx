// driver-licence: the categories (§17.5 ages), the driving experience for category E and the medical
// decision (§17.3), posted to the typed route POST /api/v1/driver-licences/applications.
import { Card, Checkbox, Group, Text, TextInput, Title } from '@mantine/core';
import { api, call } from '../../api/client';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { IntakeSection, SectionProps } from '../types';

export const CATEGORIES = ['A', 'B', 'C', 'D', 'E'] as const;

export interface DriverLicenceData {
  categories: string[];
  medicalDecisionPreventsDriving: boolean;
  drivingExperienceMonths: string;
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

function DriverLicenceSection({ data, update }: SectionProps<DriverLicenceData>) {
  const { t } = useI18n();
  const errorOf = useFieldErrors();
  return (
    <>
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4" mb="sm">{t('intake.categories')}</Title>
        <Group gap="lg" data-testid="categories">
          {CATEGORIES.map((category) => (
            <Checkbox
              key={category}
              label={category}
              checked={data.categories.includes(category)}
              onChange={(e) => update({ categories: toggle(data.categories, category, e.currentTarget.checked) })}
            />
          ))}
        </Group>
        {errorOf('categories') && <Text size="sm" c="red" mt={4} data-field-error="categories">{errorOf('categories')}</Text>}
        {data.categories.includes('E') && (
          <TextInput
            mt="sm"
            w={320}
            type="number"
            min={0}
            label={t('intake.experience')}
            value={data.drivingExperienceMonths}
            error={errorOf('drivingExperienceMonths')}
            onChange={(e) => update({ drivingExperienceMonths: e.currentTarget.value })}
          />
        )}
      </Card>
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4" mb="sm">{t('intake.exam')}</Title>
        <Text size="sm" c="dimmed" data-testid="exams-later">{t('intake.examsLater')}</Text>
        <Checkbox
          mt="sm"
          label={t('intake.medical')}
          checked={data.medicalDecisionPreventsDriving}
          onChange={(e) => update({ medicalDecisionPreventsDriving: e.currentTarget.checked })}
        />
      </Card>
    </>
  );
}

export const driverLicenceSection: IntakeSection<DriverLicenceData> = {
  service: 'driver-licence',
  title: 'intake.title',
  // The form takes citizens by IIN, as before the shared frame (foreign residents hold an IIN too).
  applicantKinds: ['individual'],
  initial: () => ({ categories: [], medicalDecisionPreventsDriving: false, drivingExperienceMonths: '' }),
  Section: DriverLicenceSection,
  fieldLabels: (t) => ({ categories: t('intake.categories'), drivingExperienceMonths: t('intake.experience') }),
  validate: (data, { t }) => (data.categories.length === 0 ? [t('intake.blocked.categories')] : []),
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/driver-licences/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: {
        officeId: frame.officeId,
        channel: null,
        applicant: frame.applicant,
        representative: null,
        categories: data.categories,
        documents: frame.documents,
        medicalDecisionPreventsDriving: data.medicalDecisionPreventsDriving,
        drivingExperienceMonths: data.drivingExperienceMonths ? Number(data.drivingExperienceMonths) : null,
        receipts: frame.receipts,
        feeExemption: frame.feeExemption,
      },
    }));
    return result.acknowledgement;
  },
};
