import { Anchor, Stack, Text } from '@mantine/core';
import { PageTitle } from '../components/PageTitle';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Stack gap="sm">
      <PageTitle>{t('common.notFound.title')}</PageTitle>
      <Text>{t('common.notFound.text')}</Text>
      <Anchor component={Link} to="/catalogue">{t('common.toCatalogue')}</Anchor>
    </Stack>
  );
}
