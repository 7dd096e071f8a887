import { SegmentedControl } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';
import { LANGUAGES, isLanguage } from '../i18n/messages';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={language}
      onChange={(value) => isLanguage(value) && setLanguage(value)}
      data={LANGUAGES.map((code) => ({ value: code, label: <span lang={code}>{t(`lang.${code}`)}</span> }))}
    />
  );
}
