// vehicle-registration on the application page: the vehicle and the sub-type's data as rows; the
// Panel asks the §17.3 registers (wanted, arrest, registration ban; an unanswered one blocks approval),
// shows the certificate and plate approval produced, and links the vehicle's page in the register.
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api, call, callWithResponse } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { DetailRow, ModuleDetails, ModulePanelProps } from '../types';

const OPEN = ['submitted', 'in-review', 'suspended'];
const BASE = '/api/v1/vehicles/applications/{id}';

/** The vehicle page's address: by VIN, chassis number or certificate. */
export function vehicleLink(data: Record<string, unknown> | null | undefined, certificate?: string | null): string | null {
  const vehicle = data?.vehicle && typeof data.vehicle === 'object' ? (data.vehicle as Record<string, unknown>) : null;
  if (certificate) return `/desk/vehicles?certificate=${encodeURIComponent(certificate)}`;
  if (typeof vehicle?.vin === 'string' && vehicle.vin) return `/desk/vehicles?vin=${encodeURIComponent(vehicle.vin)}`;
  if (typeof vehicle?.chassisNumber === 'string' && vehicle.chassisNumber) return `/desk/vehicles?vin=${encodeURIComponent(vehicle.chassisNumber)}`;
  if (typeof data?.certificateNumber === 'string' && data.certificateNumber) return `/desk/vehicles?certificate=${encodeURIComponent(data.certificateNumber)}`;
  return null;
}

function VehicleReview({ application, busy, run }: ModulePanelProps) {
  const { t } = useI18n();
  const id = application.id;
  const open = OPEN.includes(application.status);
  const checks = useApi(() => call(api.GET(`${BASE}/checks`, { params: { path: { id } } })), [id, application.version]);
  const decided = !!application.resultReference;
  const outcome = useApi(
    () => (decided ? call(api.GET(`${BASE}/outcome`, { params: { path: { id } } })) : Promise.resolve(null)),
    [id, application.version, decided],
  );
  const ask = () => run('vehicle-external-checks', t('vehicles.runChecks'), async (etag) =>
    callWithResponse(api.POST(`${BASE}/external-checks`, { params: { path: { id }, header: { 'If-Match': etag } } })));
  // A decided application links by its outcome's certificate (re-registration issues a new one): no
  // link until the outcome is in, or the old certificate, no longer in the register, would be followed.
  const link = decided && (outcome.loading || !outcome.data)
    ? null
    : vehicleLink(application.moduleData as Record<string, unknown> | null, outcome.data?.certificateNumber);
  const view = checks.data;
  return (
    <>
      <Card withBorder padding="md" component="section" data-testid="vehicle-checks">
        <Title order={2} size="h4" mb="sm">{t('vehicles.checks')}</Title>
        <Stack gap="sm">
          {checks.problem && <ProblemAlert problem={checks.problem} onRetry={checks.reload} />}
          {open && (
            <Group>
              <Button onClick={ask} loading={busy === 'vehicle-external-checks'} disabled={!!busy && busy !== 'vehicle-external-checks'}>{t('vehicles.runChecks')}</Button>
            </Group>
          )}
          {view && view.checks.length > 0 && (
            <Table data-testid="vehicle-external-checks">
              <Table.Tbody>
                {view.checks.map((check) => (
                  <Table.Tr key={`${check.check}-${check.askedAt}`} data-check={check.check} data-answer={check.answer ?? ''}>
                    <Table.Td>{t(`vehicles.check.${check.check}` as MessageKey)}<Text size="xs" c="dimmed">{check.source}</Text></Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={!check.answeredAt ? 'orange' : check.answer === 'found' ? 'red' : 'teal'}>
                        {!check.answeredAt ? t('vehicles.unanswered') : check.answer === 'found' ? t('vehicles.found') : t('vehicles.clear')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {view && view.unansweredChecks.length > 0 && (
            <Alert color="orange" data-testid="vehicle-checks-blocking" title={t('vehicles.approvalBlocked')}>
              <List size="sm">{view.unansweredChecks.map((c) => <List.Item key={c}>{t(`vehicles.check.${c}` as MessageKey)}</List.Item>)}</List>
            </Alert>
          )}
          {view && view.checks.length > 0 && view.unansweredChecks.length === 0 && (
            <Text size="sm" c="teal" data-testid="vehicle-checks-complete">{t('vehicles.checksComplete')}</Text>
          )}
        </Stack>
      </Card>
      {outcome.data && (
        <Card withBorder padding="md" component="section" data-testid="vehicle-outcome">
          <Title order={2} size="h4" mb="sm">{t('vehicles.outcome')}</Title>
          <Stack gap={4}>
            {outcome.data.certificateNumber && (
              <Text size="sm">{t('vehicles.certificateNumber')}: <Badge data-testid="vehicle-outcome-certificate">{outcome.data.certificateNumber}</Badge></Text>
            )}
            {outcome.data.plateDisplay && (
              <Text size="sm">{t('vehicles.plate')}: <Badge size="lg" variant="outline" data-testid="vehicle-outcome-plate" data-plate={outcome.data.plate}>{outcome.data.plateDisplay}</Badge></Text>
            )}
            {outcome.data.transitPlateDisplay && (
              <Text size="sm">{t('vehicles.transitPlate')}: <Badge size="lg" variant="outline" data-testid="vehicle-outcome-transit">{outcome.data.transitPlateDisplay}</Badge></Text>
            )}
            <Text size="sm" c="dimmed">{t('vehicles.handOverHint')}</Text>
          </Stack>
        </Card>
      )}
      {link && <Anchor component={Link} to={link} size="sm" data-testid="vehicle-register-link">{t('vehicles.openInRegister')}</Anchor>}
    </>
  );
}

export const vehicleRegistrationDetails: ModuleDetails = {
  service: 'vehicle-registration',
  resultLabel: 'vehicles.result',
  Panel: VehicleReview,
  rows: (data, { t }) => {
    const rows: DetailRow[] = [];
    const vehicle = data.vehicle && typeof data.vehicle === 'object' ? (data.vehicle as Record<string, unknown>) : null;
    if (vehicle) {
      if (typeof vehicle.vin === 'string') rows.push([t('vehicles.vin'), vehicle.vin]);
      if (typeof vehicle.chassisNumber === 'string') rows.push([t('vehicles.chassisNumber'), vehicle.chassisNumber]);
      const makeModel = [vehicle.make, vehicle.model, vehicle.year].filter((v) => (typeof v === 'string' && v) || typeof v === 'number').join(' ');
      if (makeModel) rows.push([t('vehicles.make'), makeModel]);
      if (typeof vehicle.category === 'string') rows.push([t('vehicles.category'), t(`vehicles.category.${vehicle.category}` as MessageKey)]);
      if (typeof vehicle.colour === 'string') rows.push([t('vehicles.colour'), vehicle.colour]);
    }
    if (typeof data.certificateNumber === 'string') rows.push([t('vehicles.certificateNumber'), data.certificateNumber]);
    if (data.newPlate === true) rows.push([t('vehicles.newPlate'), t('common.yes')]);
    if (typeof data.previousOwnerId === 'string') rows.push([t('vehicles.previousOwner'), data.previousOwnerId]);
    if (typeof data.registrationChannel === 'string') {
      rows.push([t('vehicles.channel'), data.registrationChannel === 'mfa-diplomatic-service' ? t('vehicles.channel.mfa') : t('vehicles.channel.road-police')]);
    }
    if (typeof data.mfaReferenceNumber === 'string') rows.push([t('vehicles.mfaReference'), data.mfaReferenceNumber]);
    if (data.designChanged === true) rows.push([t('vehicles.designChanged'), data.designCompliant === false ? t('common.no') : t('common.yes')]);
    return rows;
  },
};

export const proxyDriverRegistrationDetails: ModuleDetails = {
  service: 'proxy-driver-registration',
  resultLabel: 'vehicles.proxy.result',
  rows: (data, { t, date }) => {
    const rows: DetailRow[] = [];
    if (typeof data.certificateNumber === 'string') {
      rows.push([t('vehicles.certificateNumber'), <Anchor component={Link} to={`/desk/vehicles?certificate=${encodeURIComponent(data.certificateNumber)}`} key="c">{data.certificateNumber}</Anchor>]);
    }
    if (typeof data.licenceNumber === 'string') rows.push([t('vehicles.proxy.licence'), `${data.licenceNumber}${typeof data.licenceCategory === 'string' ? ` (${data.licenceCategory})` : ''}`]);
    const poa = data.powerOfAttorney && typeof data.powerOfAttorney === 'object' ? (data.powerOfAttorney as Record<string, unknown>) : null;
    if (poa) {
      rows.push([t('vehicles.proxy.attorney'), `${String(poa.number ?? '')} · ${t('vehicles.proxy.issuedBy')}: ${String(poa.issuedBy ?? '')}`]);
      if (typeof poa.issuedOn === 'string' && typeof poa.validUntil === 'string') rows.push([t('vehicles.proxy.validUntil'), `${date(poa.issuedOn)} – ${date(poa.validUntil)}`]);
      rows.push([t('vehicles.proxy.notarised'), poa.notarised === true ? t('common.yes') : t('common.no')]);
    }
    return rows;
  },
};
