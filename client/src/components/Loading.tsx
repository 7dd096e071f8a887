import { Group, Loader, Text } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';

export function Loading() {
  const { t } = useI18n();
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" />
      <Text c="dimmed" size="sm">{t('common.loading')}</Text>
    </Group>
  );
}
