import { Text } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';

/** Where a rule comes from in the order (e.g. «driver-licence §17.1»), small and dimmed. */
export function Source({ source }: { source: string }) {
  const { t } = useI18n();
  return <Text span size="xs" c="dimmed">{t('common.source', { source })}</Text>;
}
