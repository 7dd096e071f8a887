import { Text } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

/**
 * A catalogue source («driver-licence §17.1») for the page's language: the service code at its
 * head, an English slug, becomes the standard's name («стандарт «Водительские удостоверения» §17.1»).
 * A source of another shape is shown as it is.
 */
export function localSource(source: string, t: (key: MessageKey) => string): string {
  const match = /^([a-z][a-z-]*)(\s.*)?$/.exec(source);
  if (!match) return source;
  const key = `standard.${match[1]}` as MessageKey;
  const name = t(key);
  return name === undefined || name === key ? source : `${name}${match[2] ?? ''}`;
}

/** Where a rule comes from in the order, small and dimmed, with the standard named in the page's language. */
export function Source({ source }: { source: string }) {
  const { t } = useI18n();
  return <Text span size="xs" c="dimmed" data-source={source}>{t('common.source', { source: localSource(source, t) })}</Text>;
}
