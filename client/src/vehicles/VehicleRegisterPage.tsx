// The vehicle register (vehicle-registration): whose is VIN X, plate Y or certificate Z
// (GET /api/v1/vehicles/register), what an owner holds (GET /api/v1/vehicles/owners/{id}); each vehicle
// with its certificate, plate, proxy drivers and history. The search is in the address (?vin=, ?plate=,
// ?certificate=, ?owner=) so that the application page can link to a vehicle.
import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

type Vehicle = Schemas['VehicleView'];

async function search(params: URLSearchParams): Promise<Vehicle[] | null> {
  const owner = params.get('owner') ?? '';
  if (owner) return (await call(api.GET('/api/v1/vehicles/owners/{ownerId}', { params: { path: { ownerId: owner } } }))).vehicles;
  const vin = params.get('vin') ?? '';
  const plate = params.get('plate') ?? '';
  const certificate = params.get('certificate') ?? '';
  if (!vin && !plate && !certificate) return null;
  return [await call(api.GET('/api/v1/vehicles/register', { params: { query: { vin: vin || undefined, plate: plate || undefined, certificate: certificate || undefined } } }))];
}

function VehicleCard({ vehicle }: { vehicle: Vehicle }) {
  const { t, date, dateTime } = useI18n();
  return (
    <Card withBorder padding="lg" component="section" data-testid="vehicle-card" data-vin={vehicle.vin ?? vehicle.chassisNumber ?? ''} data-status={vehicle.status}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{vehicle.make} {vehicle.model ?? ''} · {vehicle.year}</Title>
        <Group gap="xs">
          {vehicle.plateDisplay && <Badge size="lg" variant="outline" data-testid="vehicle-plate">{vehicle.plateDisplay}</Badge>}
          <Badge color={vehicle.status === 'registered' ? 'teal' : 'gray'} data-testid="vehicle-status">{t(`vehicles.status.${vehicle.status}` as MessageKey)}</Badge>
        </Group>
      </Group>
      <Stack gap={2}>
        <Text size="sm">{vehicle.vin ? `${t('vehicles.vin')}: ${vehicle.vin}` : `${t('vehicles.chassisNumber')}: ${vehicle.chassisNumber ?? ''}`}</Text>
        <Text size="sm">{t(`vehicles.category.${vehicle.category}` as MessageKey)}{vehicle.colour ? ` · ${vehicle.colour}` : ''}{vehicle.engine ? ` · ${vehicle.engine}` : ''}</Text>
        <Text size="sm" data-testid="vehicle-owner">{t('vehicles.owner')}: {vehicle.ownerId}</Text>
        <Text size="sm" data-testid="vehicle-certificate-number">{t('vehicles.certificateNumber')}: {vehicle.certificateNumber ?? '—'}</Text>
        <Text size="sm">{t('vehicles.registeredOn')}: {date(vehicle.registeredOn)}</Text>
      </Stack>
      {vehicle.proxyDrivers.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">{t('vehicles.proxyDrivers')}</Title>
          <Table data-testid="vehicle-proxies" withTableBorder data-cards>
            <Table.Tbody>
              {vehicle.proxyDrivers.map((p) => (
                <Table.Tr key={p.number} data-number={p.number}>
                  <Table.Td>{p.number}</Table.Td>
                  <Table.Td>{p.driverId}</Table.Td>
                  <Table.Td>{p.licenceNumber} ({p.licenceCategory})</Table.Td>
                  <Table.Td>{date(p.powerOfAttorneyValidUntil)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Title order={3} size="h5" mt="md" mb="xs">{t('vehicles.history')}</Title>
      <Table data-testid="vehicle-history" withTableBorder data-cards>
        <Table.Tbody>
          {vehicle.history.map((h, i) => (
            <Table.Tr key={`${i}-${h.event}`} data-event={h.event}>
              <Table.Td>{dateTime(h.at)}</Table.Td>
              <Table.Td>{t(`vehicles.event.${h.event}` as MessageKey)}</Table.Td>
              <Table.Td>{h.ownerId}</Table.Td>
              <Table.Td>{[h.certificateNumber, h.plate, h.details].filter(Boolean).join(' · ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function VehicleRegisterPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('vin') ?? params.get('plate') ?? params.get('certificate') ?? params.get('owner') ?? '');
  const result = useApi(() => search(params), [params.toString()]);
  const find = () => {
    const value = query.trim();
    if (!value) return;
    const kind = /^\d{12}$/.test(value) ? 'owner' : /^RC/i.test(value) ? 'certificate' : value.replace(/\s/g, '').length === 17 ? 'vin' : 'plate';
    setParams({ [kind]: value });
  };
  return (
    <Stack gap="md">
      <Title order={1}>{t('vehicles.register.title')}</Title>
      <Card withBorder padding="md">
        <Group align="end">
          <TextInput w={360} label={t('vehicles.register.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} name="vehicleQuery"
            onKeyDown={(e) => { if (e.key === 'Enter') find(); }} />
          <Button onClick={find} data-testid="vehicle-search">{t('vehicles.register.find')}</Button>
        </Group>
      </Card>
      {result.loading && <Loading />}
      {result.problem && <ProblemAlert problem={result.problem} onRetry={result.reload} />}
      {result.data?.map((vehicle) => <VehicleCard key={vehicle.id} vehicle={vehicle} />)}
      {result.data && result.data.length === 0 && <Text c="dimmed">{t('vehicles.register.none')}</Text>}
    </Stack>
  );
}
