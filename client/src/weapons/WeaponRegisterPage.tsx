// The weapon register (weapon-registration): who owns serial X of a make (GET /api/v1/weapons/units),
// what person or organisation Y holds (GET /api/v1/weapons/holders/{id}), each unit with its permits
// and history. The search is in the address (?make=&serial= or ?holder=) so a result can be linked.
import { useState } from 'react';
import { PageTitle } from '../components/PageTitle';
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

type Unit = Schemas['UnitView'];
type Permit = Schemas['PermitView'];

async function search(make: string, serial: string, holder: string): Promise<{ units: Unit[]; permits: Permit[] } | null> {
  if (holder) {
    const found = await call(api.GET('/api/v1/weapons/holders/{holderId}', { params: { path: { holderId: holder } } }));
    return { units: found.units, permits: found.permits };
  }
  if (make && serial) {
    const unit = await call(api.GET('/api/v1/weapons/units', { params: { query: { make, serial } } }));
    return { units: [unit], permits: [] };
  }
  return null;
}

function PermitsTable({ permits }: { permits: Permit[] }) {
  const { t, date } = useI18n();
  if (permits.length === 0) return null;
  return (
    <Table data-testid="weapon-permits" withTableBorder data-cards>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('weapons.register.number')}</Table.Th>
          <Table.Th>{t('intake.subType')}</Table.Th>
          <Table.Th>{t('weapons.register.status')}</Table.Th>
          <Table.Th>{t('weapons.register.validUntil')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {permits.map((p) => (
          <Table.Tr key={p.number} data-permit={p.number} data-status={p.status}>
            <Table.Td data-label={t('weapons.register.number')}>{p.number}</Table.Td>
            <Table.Td data-label={t('intake.subType')}>{t(`weapons.subType.${p.kind}` as MessageKey)}</Table.Td>
            <Table.Td data-label={t('weapons.register.status')}>{p.status}{p.proxyName ? ` · ${p.proxyName} (${p.powerOfAttorneyNumber ?? ''})` : ''}</Table.Td>
            <Table.Td data-label={t('weapons.register.validUntil')}>{p.validUntil ? date(p.validUntil) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function UnitCard({ unit }: { unit: Unit }) {
  const { t, date, dateTime } = useI18n();
  return (
    <Card withBorder padding="lg" component="section" data-testid="weapon-unit-card" data-registration={unit.registrationNumber}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{unit.make} {unit.model ?? ''} · {unit.serial}</Title>
        <Badge>{unit.registrationNumber}</Badge>
      </Group>
      <Text size="sm" data-testid="weapon-owner">{t('weapons.register.owner')}: {unit.ownerId} ({t(`weapons.kind.${unit.ownerKind}` as MessageKey)})</Text>
      <Text size="sm">
        {t(`weapons.type.${unit.type}` as MessageKey)}, {t(`weapons.category.${unit.category}` as MessageKey)}
        {unit.muzzleEnergyJ != null ? ` · ${unit.muzzleEnergyJ} J` : ''}{unit.calibreMm != null ? ` · ${unit.calibreMm} mm` : ''}
        {unit.feeExemption ? ` · ${t('weapons.register.exemption')}: ${unit.feeExemption}` : ''}
      </Text>
      <Text size="sm">{t('weapons.register.registeredOn')}: {date(unit.registeredOn)}</Text>
      <Title order={3} size="h5" mt="md" mb="xs">{t('weapons.register.permits')}</Title>
      <PermitsTable permits={unit.permits} />
      <Title order={3} size="h5" mt="md" mb="xs">{t('weapons.register.history')}</Title>
      <Table data-testid="weapon-history" withTableBorder data-cards>
        <Table.Tbody>
          {unit.history.map((h) => (
            <Table.Tr key={`${h.at}-${h.event}`} data-event={h.event}>
              <Table.Td>{dateTime(h.at)}</Table.Td>
              <Table.Td>{t(`weapons.event.${h.event}` as MessageKey)}</Table.Td>
              <Table.Td>{h.ownerId}</Table.Td>
              <Table.Td>{h.permitNumber ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function WeaponRegisterPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const make = params.get('make') ?? '';
  const serial = params.get('serial') ?? '';
  const holder = params.get('holder') ?? '';
  const [form, setForm] = useState({ make, serial, holder });
  const { data, problem, loading } = useApi(() => search(make, serial, holder), [make, serial, holder]);

  return (
    <Stack gap="md" data-testid="weapon-register">
      <PageTitle>{t('weapons.register.title')}</PageTitle>
      <Card withBorder padding="lg">
        <form onSubmit={(e) => { e.preventDefault(); setParams({ make: form.make.trim(), serial: form.serial.trim() }); }}>
          <Group align="end">
            <Text fw={600} w={200}>{t('weapons.register.byUnit')}</Text>
            <TextInput label={t('weapons.make')} value={form.make} onChange={(e) => setForm({ ...form, make: e.currentTarget.value })} w={200} />
            <TextInput label={t('weapons.serial')} value={form.serial} onChange={(e) => setForm({ ...form, serial: e.currentTarget.value })} w={200} />
            <Button type="submit" data-testid="find-unit">{t('weapons.register.find')}</Button>
          </Group>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); setParams({ holder: form.holder.trim() }); }}>
          <Group align="end" mt="sm">
            <Text fw={600} w={200}>{t('weapons.register.byHolder')}</Text>
            <TextInput label={t('weapons.register.holder')} value={form.holder} onChange={(e) => setForm({ ...form, holder: e.currentTarget.value })} w={200} />
            <Button type="submit" data-testid="find-holder">{t('weapons.register.find')}</Button>
          </Group>
        </form>
      </Card>
      {loading && <Loading />}
      {problem && <ProblemAlert problem={problem} />}
      {data && data.units.length === 0 && data.permits.length === 0 && <Text data-testid="weapon-none">{t('weapons.register.none')}</Text>}
      {data?.units.map((unit) => <UnitCard key={unit.id} unit={unit} />)}
      {data && holder && <PermitsTable permits={data.permits} />}
    </Stack>
  );
}
