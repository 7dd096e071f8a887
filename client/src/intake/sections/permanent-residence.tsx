// permanent-residence (standard 5): the route (§6, §12.1 pr-visa-holder / §12.2 other-lawful-stay) is
// the applicant type; the settlement and address; for §12.2 the family, an exemption (§12 note) and
// the two bank statements with the §12.2.ж minimum shown live (1 320 × the MCI of today), or a
// housing contract instead of the housing-funds statement (§12.2.з), whose minimum is shown live
// too: family members × 15 m² × the settlement's price of a square metre (GET …/housing-prices; the
// settlement is chosen from that list). No receipt at intake: the duty is paid after the decision (§17.2).
// Posted to POST /api/v1/migration/permanent-residence/applications.
import { Card, Checkbox, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { api, call, type Schemas } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useFieldErrors } from '../../forms/fieldErrors';
import { useI18n } from '../../i18n/I18nProvider';
import type { ServiceEntry } from '../../pages/catalogue';
import type { IntakeSection, SectionContext, SectionProps, SubmissionFrame } from '../types';

export const ROUTES = ['pr-visa-holder', 'other-lawful-stay'] as const;
export const EXEMPTIONS = ['oralman', 'native-or-former-citizen', 'treaty-state-citizen'] as const;
export type Exemption = '' | (typeof EXEMPTIONS)[number];
/** §12.2.ж [L7292]: 1 320 MCI, unless the catalogue item says otherwise. */
export const MINIMUM_BALANCE_MCI = 1320;
/** §12.2.з [L7294]: 15 m² per family member. */
export const SQUARE_METRES_PER_MEMBER = 15;

export interface PermanentResidenceData {
  settlement: string;
  address: string;
  familyMembers: string;
  exemption: Exemption;
  exemptionBasis: string;
  bankBalance: string;
  housingContract: boolean;
  housingFunds: string;
}

/** The MCI multiple of the minimum-balance statement, read from the catalogue item (minimumBalanceMci). */
export function minimumBalanceMci(service: ServiceEntry): number {
  const item = service.documents.flatMap((g) => g.items).find((i) => i.minimumBalanceMci);
  return item?.minimumBalanceMci ? Number(item.minimumBalanceMci) : MINIMUM_BALANCE_MCI;
}

/** §12.2.ж: the minimum balance in tenge, to the tiyn (1 320 × 4 325 = 5 709 000.00). */
export function minimumBalance(mci: number, multiple: number = MINIMUM_BALANCE_MCI): number {
  return Math.round(multiple * mci * 100) / 100;
}

/** Whether a typed balance meets the minimum, compared in tiyn (exactly the minimum passes, one tiyn less does not); null when not a number. */
export function meetsMinimum(balance: string, minimum: number): boolean | null {
  const value = parseAmount(balance);
  if (value === null) return null;
  return Math.round(value * 100) >= Math.round(minimum * 100);
}

/** §12.2.з: the housing-funds minimum in tenge, to the tiyn (3 members × 15 m² × 560 000 = 25 200 000.00); null for a bad count. */
export function housingMinimum(familyMembers: string, pricePerSquareMetre: number, squareMetresPerMember: number = SQUARE_METRES_PER_MEMBER): number | null {
  if (!/^\d+$/.test(familyMembers.trim()) || Number(familyMembers) < 1) return null;
  return Math.round(Number(familyMembers) * squareMetresPerMember * pricePerSquareMetre * 100) / 100;
}

/** A tenge amount as typed ("5 709 000,50" → 5709000.5); null when not a non-negative number. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** §12.2 asks for the solvency figures; §12.1 (PR visa holders) and the exempt do not. */
export const needsSolvency = (route: string, exemption: Exemption) => route === 'other-lawful-stay' && exemption === '';

function PermanentResidenceSection({ data, update, context }: SectionProps<PermanentResidenceData>) {
  const { t, kzt, number } = useI18n();
  const errorOf = useFieldErrors();
  const { service, frame, today } = context;
  const quote = useApi(() => call(api.GET('/api/v1/fees/quote', { params: { query: { service: service.code, paymentDate: today } } })), [service.code, today]);
  const multiple = minimumBalanceMci(service);
  const mci = quote.data ? Number(quote.data.mci.value) : null;
  const minimum = mci === null ? null : minimumBalance(mci, multiple);
  const meets = minimum === null ? null : meetsMinimum(data.bankBalance, minimum);
  const solvency = needsSolvency(frame.applicantType, data.exemption);
  const prices = useApi(() => call(api.GET('/api/v1/migration/permanent-residence/housing-prices')), []);
  const perMember = prices.data ? Number(prices.data.squareMetresPerFamilyMember) : SQUARE_METRES_PER_MEMBER;
  const price = prices.data?.items.find((item) => item.settlement === data.settlement.trim().toLowerCase());
  const housing = price ? housingMinimum(data.familyMembers, Number(price.pricePerSquareMetre), perMember) : null;
  const housingMeets = housing === null ? null : meetsMinimum(data.housingFunds, housing);
  const input = (name: keyof PermanentResidenceData, label: string, props: Record<string, unknown> = {}) => (
    <TextInput label={label} value={String(data[name])} error={errorOf(name)} onChange={(e) => update({ [name]: e.currentTarget.value })} {...props} />
  );
  return (
    <Card withBorder padding="lg" component="section" data-testid="permanent-residence">
      <Title order={2} size="h4" mb="sm">{t('permanent-residence.section')}</Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {prices.data ? (
            <Select
              label={t('permanent-residence.settlement')}
              data={prices.data.items.map((item) => ({ value: item.settlement, label: item.name ?? item.settlement }))}
              value={price ? price.settlement : null}
              onChange={(value) => update({ settlement: value ?? '' })}
              description={price ? t('permanent-residence.pricePerSquareMetre', { amount: kzt(Number(price.pricePerSquareMetre)) }) : undefined}
              searchable
            />
          ) : (
            // Without the list (not loaded, or refused) the code is typed; the API judges it.
            input('settlement', t('permanent-residence.settlement'), { description: t('permanent-residence.settlementHint') })
          )}
          {input('familyMembers', t('permanent-residence.familyMembers'), { type: 'number', min: 1 })}
        </SimpleGrid>
        {input('address', t('permanent-residence.address'))}
        {frame.applicantType === 'other-lawful-stay' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select error={errorOf('exemption')}
                label={t('permanent-residence.exemption')}
                data={EXEMPTIONS.map((code) => ({ value: code, label: t(`permanent-residence.exemption.${code}`) }))}
                value={data.exemption || null}
                onChange={(value) => update({ exemption: (value ?? '') as Exemption })}
                clearable
              />
              {data.exemption && input('exemptionBasis', t('permanent-residence.exemptionBasis'))}
            </SimpleGrid>
            {solvency && (
              <>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {input('bankBalance', t('permanent-residence.bankBalance'), { inputMode: 'decimal' })}
                  {!data.housingContract && input('housingFunds', t('permanent-residence.housingFunds'), { inputMode: 'decimal' })}
                </SimpleGrid>
                {minimum !== null && (
                  <Text size="sm" fw={600} c={meets === false ? 'red' : meets ? 'teal' : undefined} data-testid="minimum-balance" data-minimum={minimum.toFixed(2)} data-meets={String(meets)}>
                    {t('permanent-residence.minimumBalance', { amount: kzt(minimum), multiple: number(multiple), mci: kzt(mci!) })}
                    {meets === false && ` — ${t('permanent-residence.belowMinimum')}`}
                  </Text>
                )}
                {housing !== null && !data.housingContract ? (
                  <Text size="sm" fw={600} c={housingMeets === false ? 'red' : housingMeets ? 'teal' : undefined} data-testid="housing-minimum"
                    data-minimum={housing.toFixed(2)} data-meets={String(housingMeets)}>
                    {t('permanent-residence.housingMinimumAmount', {
                      amount: kzt(housing), area: number(perMember * Number(data.familyMembers)), price: kzt(Number(price!.pricePerSquareMetre)),
                    })}
                    {housingMeets === false && ` — ${t('permanent-residence.belowMinimum')}`}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed" data-testid="housing-minimum">
                    {t('permanent-residence.housingMinimum', { area: number(perMember * (Number(data.familyMembers) || 1)) })}
                  </Text>
                )}
                <Checkbox
                  label={t('permanent-residence.housingContract')}
                  checked={data.housingContract}
                  onChange={(e) => update({ housingContract: e.currentTarget.checked })}
                />
              </>
            )}
          </>
        )}
        <Text size="sm" c="dimmed">{t('permanent-residence.feeAfterDecision')}</Text>
      </Stack>
    </Card>
  );
}

export function validatePermanentResidence(data: PermanentResidenceData, { frame, t }: SectionContext): string[] {
  const reasons: string[] = [];
  if (!data.settlement.trim()) reasons.push(t('permanent-residence.blocked.settlement'));
  if (!data.address.trim()) reasons.push(t('permanent-residence.blocked.address'));
  if (!/^\d+$/.test(data.familyMembers.trim()) || Number(data.familyMembers) < 1) reasons.push(t('permanent-residence.blocked.familyMembers'));
  if (data.exemption && frame.applicantType === 'other-lawful-stay' && !data.exemptionBasis.trim()) reasons.push(t('permanent-residence.blocked.exemptionBasis'));
  if (needsSolvency(frame.applicantType, data.exemption)) {
    if (parseAmount(data.bankBalance) === null) reasons.push(t('permanent-residence.blocked.bankBalance'));
    if (data.housingContract) {
      if (!frame.documents.includes('housing-provision-contract')) reasons.push(t('permanent-residence.blocked.housingContract'));
    } else if (parseAmount(data.housingFunds) === null) reasons.push(t('permanent-residence.blocked.housingFunds'));
  }
  // §17.2: the duty is paid after the decision; the typed route takes no receipt, so one typed here would be lost.
  if (Object.values(frame.receipts).some((r) => r.bank.trim() || r.receiptNumber.trim())) reasons.push(t('permanent-residence.blocked.receiptAtIntake'));
  return reasons;
}

export function permanentResidenceBody(frame: SubmissionFrame, data: PermanentResidenceData): Schemas['SubmitPermanentResidenceApplicationRequest'] {
  const route = frame.applicantType;
  const exemption = route === 'other-lawful-stay' && data.exemption ? data.exemption : null;
  const solvency = needsSolvency(route, exemption ?? '');
  const contract = solvency && data.housingContract;
  return {
    officeId: frame.officeId,
    channel: null,
    route,
    applicant: frame.applicant,
    representative: null,
    documents: frame.documents,
    settlement: data.settlement.trim().toLowerCase(),
    address: data.address.trim(),
    familyMembers: Number(data.familyMembers),
    exemption,
    exemptionBasis: exemption ? data.exemptionBasis.trim() : null,
    bankBalance: solvency ? parseAmount(data.bankBalance) : null,
    housingContract: contract,
    housingFunds: solvency && !contract ? parseAmount(data.housingFunds) : null,
  };
}

export const permanentResidenceSection: IntakeSection<PermanentResidenceData> = {
  // The API's error paths name these fields (shown under them, and by label in the summary).
  fieldLabels: (t) => ({
    exemption: t('permanent-residence.exemption'),
    settlement: t('permanent-residence.settlement'),
    familyMembers: t('permanent-residence.familyMembers'),
    address: t('permanent-residence.address'),
    exemptionBasis: t('permanent-residence.exemptionBasis'),
    bankBalance: t('permanent-residence.bankBalance'),
    housingFunds: t('permanent-residence.housingFunds'),
  }),
  service: 'permanent-residence',
  title: 'permanent-residence.title',
  applicantKinds: ['foreigner', 'stateless-person'],
  // after-positive-decision is the §17 list, not an applicant type (the API refuses it).
  applicantTypes: [...ROUTES],
  documentExemptions: (data) => [...(data.exemption ? [data.exemption] : []), ...(data.housingContract ? ['housing-contract'] : [])],
  initial: () => ({
    settlement: '', address: '', familyMembers: '1', exemption: '', exemptionBasis: '', bankBalance: '', housingContract: false, housingFunds: '',
  }),
  Section: PermanentResidenceSection,
  validate: validatePermanentResidence,
  submit: async (frame, data) => {
    const result = await call(api.POST('/api/v1/migration/permanent-residence/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: permanentResidenceBody(frame, data),
    }));
    return result.acknowledgement;
  },
};
