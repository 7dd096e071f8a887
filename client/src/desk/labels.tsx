import { Badge } from '@mantine/core';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { isAction, isStatus } from './applications';

const STATUS_COLOURS: Record<string, string> = {
  submitted: 'blue',
  'in-review': 'indigo',
  approved: 'teal',
  'ready-for-issue': 'green',
  issued: 'gray',
  refused: 'red',
  withdrawn: 'gray',
  suspended: 'orange',
};

/** A status in the UI language; a status this client does not know yet shows its code. */
export function statusLabel(status: string, t: (key: MessageKey) => string): string {
  return isStatus(status) ? t(`status.${status}`) : status;
}

/** An action as a button says it («Approve»). */
export function actionLabel(action: string, t: (key: MessageKey) => string): string {
  return isAction(action) ? t(`action.${action}`) : action;
}

/** An action as the history tells it («Approved»); submission is an event, not an action. */
export function eventLabel(action: string, t: (key: MessageKey) => string): string {
  if (action === 'submit') return t('history.submit');
  if (action === 'reassign') return t('history.reassign');
  return isAction(action) ? t(`history.${action}`) : action;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLOURS[status] ?? 'gray'} variant="light" tt="none" styles={{ label: { overflow: 'visible' } }} data-status={status}>
      {statusLabel(status, t)}
    </Badge>
  );
}
