// The written refusal notice as the applicant gets it (issue 22): one template for the screen and the
// paper, as the slip. The text is the notice as written at refusal, in the applicant's language, with
// a QR code of the public status page of the application's number for verification.
import { useEffect, useState } from 'react';
import { Box, Group, Image, Text } from '@mantine/core';
import { translate, type Language } from '../i18n/messages';
// The applicant's language may not be the page's: all the catalogues (a desk chunk).
import '../i18n/all';
import { qrDataUrl, verificationUrl } from '../intake/Slip';

export function NoticePaper({ registrationNumber, text, language }: { registrationNumber: string; text: string; language: Language }) {
  const url = verificationUrl(registrationNumber);
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let live = true;
    qrDataUrl(url).then((data) => live && setQr(data), () => undefined);
    return () => { live = false; };
  }, [url]);
  return (
    <Box data-paper data-testid="notice-paper" lang={language}>
      <Group justify="space-between" align="start" wrap="nowrap" gap="md">
        <Text component="div" size="sm" data-testid="refusal-notice" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
        {qr && <Image src={qr} alt={translate(language, 'slip.qr')} w={96} h={96} fit="contain" data-testid="notice-qr" data-url={url} />}
      </Group>
      <Text size="sm" mt="sm" style={{ overflowWrap: 'anywhere' }} data-testid="notice-verify">{translate(language, 'slip.verify', { url })}</Text>
    </Box>
  );
}
