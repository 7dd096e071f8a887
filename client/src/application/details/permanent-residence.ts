// permanent-residence module data (PermanentResidenceData): route, settlement, address, family,
// exemption, solvency figures; the review steps (§18 checks, §17 documents, the stamp) are the Panel.
import type { DetailRow, ModuleDetails } from '../types';
import { PermanentResidenceReview } from './permanent-residence-review';

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const permanentResidenceDetails: ModuleDetails = {
  service: 'permanent-residence',
  resultLabel: 'permanent-residence.result',
  Panel: PermanentResidenceReview,
  rows: (data, { t, date, number, kzt }) => {
    const rows: DetailRow[] = [];
    if (str(data.route)) rows.push([t('permanent-residence.route'), t(`permanent-residence.route.${str(data.route) as 'pr-visa-holder'}`)]);
    if (str(data.settlement)) rows.push([t('permanent-residence.settlement'), str(data.settlement)]);
    if (str(data.address)) rows.push([t('permanent-residence.address'), str(data.address)]);
    if (typeof data.familyMembers === 'number') rows.push([t('permanent-residence.familyMembers'), number(data.familyMembers)]);
    if (str(data.exemption)) {
      rows.push([t('permanent-residence.exemption'), [t(`permanent-residence.exemption.${str(data.exemption) as 'oralman'}`), str(data.exemptionBasis)].filter(Boolean).join(': ')]);
    }
    if (typeof data.bankBalance === 'number') rows.push([t('permanent-residence.bankBalance'), kzt(data.bankBalance)]);
    if (data.housingContract === true) rows.push([t('permanent-residence.housingContract'), t('common.yes')]);
    if (typeof data.housingFunds === 'number') rows.push([t('permanent-residence.housingFunds'), kzt(data.housingFunds)]);
    if (str(data.applicationDate)) rows.push([t('permanent-residence.applicationDate'), date(str(data.applicationDate)!)]);
    return rows;
  },
};
