import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Stack gap="sm">
      <Title order={1}>{t('common.notFound.title')}</Title>
      <Text>{t('common.notFound.text')}</Text>
      <Anchor component={Link} to="/catalogue">{t('common.toCatalogue')}</Anchor>
    </Stack>
  );
}
