import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { NETWORK_ERROR, UNEXPECTED_RESPONSE, type Problem } from '../api/problem';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A problem from the API as the clerk should read it: its title and detail (already in the UI
 * language, the API answers in Accept-Language), each field error, and the correlation id to
 * quote to support. The client's own codes get the client's texts.
 */
export function ProblemAlert({ problem, onRetry, labelOf }: {
  problem: Problem;
  onRetry?: () => void;
  /** The form's label of a field error's path (the API names JSON paths such as receipts[0].amount). */
  labelOf?: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const title = problem.code === NETWORK_ERROR
    ? t('problem.network')
    : problem.code === UNEXPECTED_RESPONSE
      ? t('problem.unexpected', { status: problem.status })
      : problem.title;
  const detail = problem.detail && problem.detail !== problem.title ? problem.detail : undefined;
  const errors = Object.entries(problem.errors ?? {});
  return (
    <Alert color="red" title={title} role="alert" data-problem-code={problem.code} lang={problem.language}>
      <Stack gap={6}>
        {detail && <Text size="sm">{detail}</Text>}
        {errors.length > 0 && (
          <List size="sm">
            {errors.flatMap(([field, messages]) => messages.map((message) => (
              <List.Item key={`${field}:${message}`}>
                <Text span fw={600} size="sm" data-error-path={field}>{labelOf?.(field) ?? field}</Text>: {message}
              </List.Item>
            )))}
          </List>
        )}
        {problem.correlationId && (
          <Text size="xs" c="dimmed">{t('problem.reference', { id: problem.correlationId })}</Text>
        )}
        {onRetry && (
          <div>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>{t('common.retry')}</Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
