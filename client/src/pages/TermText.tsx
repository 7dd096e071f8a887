import { useI18n } from '../i18n/I18nProvider';
import type { Schemas } from '../api/client';

/** «6 сағат · жұмыс уақыты»; a same-day term is just «сол күні». */
export function TermText({ term, clock }: { term: string; clock: Schemas['DeadlineClock'] }) {
  const { t, duration } = useI18n();
  if (clock === 'same-day') return <>{t('clock.same-day')}</>;
  return <>{`${duration(term)} · ${t(`clock.${clock}`)}`}</>;
}
