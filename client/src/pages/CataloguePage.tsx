import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { PageTitle } from '../components/PageTitle';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { embeddedServiceSummaries, feeRange, loadServiceSummaries, quoteSummaryToday, type FeeQuote, type ServiceSummary } from './catalogue';
import { TermText } from './TermText';

export function CataloguePage() {
  const { t } = useI18n();
  // The cards as soon as the summary is in (issue 22: the catalogue on 4G); today's fees follow.
  // The page built with its HTML carries the summary, so the first render already has the cards.
  const summary = useApi(loadServiceSummaries, [], embeddedServiceSummaries());
  const services = summary.data;
  const fees = useApi(async () => (services ? Promise.all(services.map((service) => quoteSummaryToday(service))) : undefined), [services]);
  const problem = summary.problem ?? fees.problem;
  const reload = summary.problem ? summary.reload : fees.reload;

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('catalogue.title')}</PageTitle>
        <Text c="dimmed">{t('catalogue.intro')}</Text>
      </div>
      {problem && <ProblemAlert problem={problem} onRetry={reload} />}
      {summary.loading && !services && <Loading />}
      {services && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {services.map((service, index) => (
            <ServiceCard key={service.code} service={service} quote={fees.data ? fees.data[index] ?? null : undefined} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** `quote`: today's fees, null for a free service, undefined while they are on their way. */
function ServiceCard({ service, quote }: { service: ServiceSummary; quote: FeeQuote | null | undefined }) {
  const { t, pick, kzt } = useI18n();
  const variant = service.term;
  return (
    <Card withBorder padding="md" data-service={service.code}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap="xs">
          <Anchor component={Link} to={`/catalogue/${service.code}`} fw={600}>{pick(service.name)}</Anchor>
          {variant && (
            <Text size="sm">
              <Text span c="dimmed" size="sm">{t('catalogue.term')}: </Text>
              <TermText term={variant.term} clock={variant.clock} />
            </Text>
          )}
        </Stack>
        <Group justify="space-between" align="end">
          {quote === null || (quote === undefined && (service.free || !service.hasFeeItems)) ? (
            <Badge color="green" variant="light">{t('catalogue.free')}</Badge>
          ) : quote === undefined ? (
            <Skeleton height={14} width={120} data-testid="fee-loading" />
          ) : (
            <Text size="sm" data-testid="fee-today">
              <Text span c="dimmed" size="sm">{t('catalogue.feeToday')}: </Text>
              <FeeRange quote={quote} kzt={kzt} />
            </Text>
          )}
          <Anchor component={Link} to={`/catalogue/${service.code}`} size="sm">{t('catalogue.open')}</Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

function FeeRange({ quote, kzt }: { quote: FeeQuote; kzt: (amount: number) => string }) {
  const { min, max } = feeRange(quote);
  return <Text span fw={600} size="sm">{min === max ? kzt(min) : `${kzt(min)} – ${kzt(max)}`}</Text>;
}
