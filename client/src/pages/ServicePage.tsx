import { Anchor, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { PageTitle } from '../components/PageTitle';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { Source } from '../components/Source';
import { citizenText } from '../components/editorial';
import { useI18n } from '../i18n/I18nProvider';
import { loadService, quoteToday, type FeeQuote, type ServiceEntry } from './catalogue';
import { TermText } from './TermText';

export function ServicePage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { data, problem, loading, reload } = useApi(async () => {
    const service = await loadService(code);
    return { service, quote: await quoteToday(service) };
  }, [code]);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/catalogue" size="sm">{t('service.back')}</Anchor>
      {problem && <ProblemAlert problem={problem} onRetry={problem.status >= 500 || problem.status === 0 ? reload : undefined} />}
      {loading && !data && <Loading />}
      {data && <ServiceDetails service={data.service} quote={data.quote} />}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section">
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

/** A public page: the catalogue's editorial notes stay with staff (see components/editorial.ts). */
function usePublicPick() {
  const { pick } = useI18n();
  return (text: { kk: string; ru: string; en: string }) => citizenText(pick(text));
}

function ServiceDetails({ service, quote }: { service: ServiceEntry; quote: FeeQuote | null }) {
  const { t, duration } = useI18n();
  const pick = usePublicPick();
  const queue = service.terms.queue;
  return (
    <Stack gap="md">
      <PageTitle size="h2">{pick(service.name)}</PageTitle>
      <Section title={t('service.result')}>
        <Text>{pick(service.result.text)} <Source source={service.result.source} /></Text>
      </Section>
      <Section title={t('service.terms')}>
        <Stack gap="xs">
          {service.terms.variants.map((variant) => (
            <div key={variant.code}>
              <Text fw={600}><TermText term={variant.term} clock={variant.clock} /></Text>
              <Text size="sm">{pick(variant.text)} <Source source={variant.source} /></Text>
              {variant.rule && <Text size="sm" c="dimmed">{pick(variant.rule)}</Text>}
            </div>
          ))}
          {queue && (
            <Text size="sm">
              {queue.pickUp
                ? t('service.queue', { submission: duration(queue.submission), pickUp: duration(queue.pickUp) })
                : t('service.queueSubmission', { submission: duration(queue.submission) })}
              {' '}<Source source={queue.source} />
            </Text>
          )}
        </Stack>
      </Section>
      <Section title={t('service.fees')}>
        <Fees service={service} quote={quote} />
      </Section>
      <Section title={t('service.documents')}>
        <Stack gap="md">
          {service.documents.map((group) => (
            <div key={group.applicantType}>
              <Text fw={600} mb={4}>{pick(group.text)}</Text>
              <List spacing={4} size="sm">
                {group.items.map((item) => (
                  <List.Item key={item.code}>
                    {pick(item.text)}{' '}
                    <Badge size="xs" variant="light" color={item.mandatory ? 'blue' : 'gray'}>
                      {t(item.mandatory ? 'service.mandatory' : 'service.optional')}
                    </Badge>{' '}
                    <Source source={item.source} />
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      </Section>
      <Section title={t('service.refusals')}>
        {service.refusalGrounds.length === 0 ? (
          <Text size="sm">{t('service.noRefusals')}</Text>
        ) : (
          <List spacing={4} size="sm" type="ordered" data-testid="refusal-grounds">
            {service.refusalGrounds.map((ground) => (
              <List.Item key={ground.code}>{pick(ground.text)} <Source source={ground.source} /></List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('service.reception')}>
        <Text size="sm">{pick(service.reception.text)} <Source source={service.reception.source} /></Text>
      </Section>
    </Stack>
  );
}

function Fees({ service, quote }: { service: ServiceEntry; quote: FeeQuote | null }) {
  const { t, kzt, date, number } = useI18n();
  const pick = usePublicPick();
  if (quote === null) return <Badge color="green" variant="light">{t('catalogue.free')}</Badge>;
  const items = new Map(service.fees.items.map((item) => [item.code, item]));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('service.feesOn', { date: date(quote.paymentDate), mci: kzt(quote.mci.value), from: date(quote.mci.effectiveFrom) })}
      </Text>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('service.feeItem')}</Table.Th>
            <Table.Th ta="right">{t('service.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.lines.map((line) => {
            const item = items.get(line.item);
            return (
              <Table.Tr key={line.item} data-fee-item={line.item}>
                <Table.Td>
                  <Text size="sm">{item ? pick(item.text) : line.item}</Text>
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">{t('service.feePercent', { percent: number(line.percentOfMci) })}</Text>
                    {item && <Source source={item.source} />}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="fee-amount">{kzt(line.amount)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
