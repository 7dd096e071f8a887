// The acknowledgement slip: the citizen's official copy. One template serves the screen and the
// paper (src/styles.css prints [data-paper] alone), so both carry the same words: the slip is in
// the applicant's language, with the documents by their titles, the times as on screen, the
// signature lines and a QR code of the public status page.
import { useEffect, useState } from 'react';
import { Box, Button, Card, Group, Image, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Acknowledgement } from '../desk/applications';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { translate, type Language } from '../i18n/messages';
// The applicant's language may not be the page's: all the catalogues (a desk chunk).
import '../i18n/all';
import { printPaper } from '../components/printPaper';
import type { ServiceEntry } from '../pages/catalogue';

/** The public page where the slip's number is checked (the QR code's content). */
export function verificationUrl(registrationNumber: string, origin = window.location.origin): string {
  return `${origin}/status?number=${encodeURIComponent(registrationNumber)}`;
}

/** The QR code of a text as an SVG data URL (no canvas: the same in the browser and in tests). */
export async function qrDataUrl(text: string): Promise<string> {
  // Loaded when a paper is shown: the public pages never need it.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The slip itself, as printed: in `language` (the applicant's), whatever the page's language. */
export function SlipPaper({ slip, service, language }: { slip: Acknowledgement; service: ServiceEntry; language: Language }) {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(language, key, values);
  const dateTime = (instant: string) => formatDateTime(instant, language);
  const names = new Map(service.documents.flatMap((group) => group.items.map((item) => [item.code, item.text[language]] as const)));
  const url = verificationUrl(slip.registrationNumber);
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let live = true;
    qrDataUrl(url).then((data) => live && setQr(data), () => undefined);
    return () => { live = false; };
  }, [url]);

  const rows: [string, React.ReactNode][] = [
    [t('slip.number'), <Text span ff="monospace" fw={700} data-testid="slip-number">{slip.registrationNumber}</Text>],
    [t('slip.service'), slip.serviceName[language]],
    // One language per paper: the office and the post in the slip's language (Kazakh only from an older API).
    [t('slip.office'), <span data-testid="slip-office">{`${slip.office.names?.[language] ?? slip.office.name}, ${slip.office.addresses?.[language] ?? slip.office.address}`}</span>],
    [t('slip.acceptedBy'), [slip.acceptedBy.positions?.[language] ?? slip.acceptedBy.position, slip.acceptedBy.fullName].filter(Boolean).join(', ')],
    [t('slip.acceptedAt'), <span data-testid="slip-accepted">{dateTime(slip.acceptedAt)}</span>],
    [t('slip.applicant'), slip.applicantName],
    [t('slip.dueAt'), <span data-testid="slip-due">{dateTime(slip.dueAt)}</span>],
    [t('slip.documents'), (
      <List size="sm" data-testid="slip-documents">
        {slip.documents.map((code) => <List.Item key={code} data-document={code}>{names.get(code) ?? code}</List.Item>)}
      </List>
    )],
  ];
  return (
    <Box data-paper data-testid="slip-paper" lang={language}>
      <Group justify="space-between" align="start" wrap="nowrap" gap="md">
        <Title order={2} size="h3" mb="sm">{t('slip.title')}</Title>
        {qr && <Image src={qr} alt={t('slip.qr')} w={96} h={96} fit="contain" data-testid="slip-qr" data-url={url} />}
      </Group>
      <Table layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="35%" style={{ verticalAlign: 'top' }}>{label}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="sm" data-testid="slip-next-steps">{slip.nextSteps[language]}</Text>
      <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }} data-testid="slip-verify">{t('slip.verify', { url })}</Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xl" spacing="xl" data-testid="slip-signatures" aria-label={t('slip.signatures')} role="group">
        <SignatureLine label={t('slip.signatureClerk')} name={slip.acceptedBy.fullName} hint={t('slip.signatureHint')} />
        <SignatureLine label={t('slip.signatureApplicant')} name={slip.applicantName} hint={t('slip.signatureHint')} />
      </SimpleGrid>
    </Box>
  );
}

function SignatureLine({ label, name, hint }: { label: string; name: string; hint: string }) {
  return (
    <Stack gap={2} data-testid="signature-line">
      <Text size="sm" fw={600}>{label}</Text>
      <Box h={32} style={{ borderBottom: '1px solid currentColor' }} />
      <Group justify="space-between" gap="xs">
        <Text size="xs">{hint}</Text>
        <Text size="xs">{name}</Text>
      </Group>
    </Stack>
  );
}

/**
 * The slip of a registered application on screen, with Print (the browser's print dialog: the page
 * prints the paper alone), open and "next application". `language` is the applicant's; the
 * buttons stay in the page's.
 */
export function Slip({ slip, service, language, onNext }: {
  slip: Acknowledgement;
  service: ServiceEntry;
  language?: Language;
  onNext?: () => void;
}) {
  const { t, language: pageLanguage } = useI18n();
  return (
    <Card withBorder padding="lg" data-testid="slip">
      <SlipPaper slip={slip} service={service} language={language ?? pageLanguage} />
      <Group mt="md" data-no-print>
        <Button
          onClick={(event) => printPaper(event.currentTarget.closest('[data-testid="slip"]')?.querySelector('[data-paper]'))}
          data-testid="slip-print"
        >
          {t('slip.print')}
        </Button>
        {onNext && <Button component={Link} to={`/desk/applications/${slip.applicationId}`} variant="light">{t('slip.open')}</Button>}
        {onNext && <Button variant="default" onClick={onNext}>{t('slip.another')}</Button>}
      </Group>
    </Card>
  );
}
