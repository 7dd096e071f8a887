import { useState } from 'react';
import { Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { isApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { openPrintable, type Acknowledgement } from '../desk/applications';
import { useI18n } from '../i18n/I18nProvider';
import type { ServiceEntry } from '../pages/catalogue';

/** The acknowledgement slip of a registered application, with print, open and "next application". */
export function Slip({ slip, service, onNext }: { slip: Acknowledgement; service: ServiceEntry; onNext: () => void }) {
  const { t, pick, dateTime, language } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const names = new Map(service.documents.flatMap((group) => group.items.map((item) => [item.code, pick(item.text)] as const)));
  const print = async () => {
    setProblem(undefined);
    try {
      await openPrintable(slip.applicationId, 'acknowledgement', language);
    } catch (error) {
      if (isApiProblem(error)) setProblem(error.problem);
    }
  };
  const rows: [string, React.ReactNode][] = [
    [t('slip.number'), <Text span ff="monospace" fw={700} data-testid="slip-number">{slip.registrationNumber}</Text>],
    [t('slip.service'), pick(slip.serviceName)],
    [t('slip.office'), `${slip.office.name}, ${slip.office.address}`],
    [t('slip.acceptedBy'), [slip.acceptedBy.position, slip.acceptedBy.fullName].filter(Boolean).join(', ')],
    [t('slip.acceptedAt'), dateTime(slip.acceptedAt)],
    [t('slip.applicant'), slip.applicantName],
    [t('slip.dueAt'), <span data-testid="slip-due">{dateTime(slip.dueAt)}</span>],
    [t('slip.documents'), <List size="sm">{slip.documents.map((code) => <List.Item key={code}>{names.get(code) ?? code}</List.Item>)}</List>],
  ];
  return (
    <Card withBorder padding="lg" data-testid="slip">
      <Title order={2} size="h3" mb="sm">{t('slip.title')}</Title>
      <Table>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="30%" style={{ verticalAlign: 'top' }}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="sm" data-testid="slip-next-steps">{pick(slip.nextSteps)}</Text>
      {problem && <Stack mt="sm"><ProblemAlert problem={problem} /></Stack>}
      <Group mt="md">
        <Button onClick={print}>{t('slip.print')}</Button>
        <Button component={Link} to={`/desk/applications/${slip.applicationId}`} variant="light">{t('slip.open')}</Button>
        <Button variant="default" onClick={onNext}>{t('slip.another')}</Button>
      </Group>
    </Card>
  );
}
