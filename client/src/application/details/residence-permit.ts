// residence-permit module data (ResidencePermitData): the §6 unaccompanied-travel proof; the result
// is the register number (RP… permit, SC… stateless person's certificate).
import type { DetailRow, ModuleDetails } from '../types';

export const residencePermitDetails: ModuleDetails = {
  service: 'residence-permit',
  resultLabel: 'residence-permit.result',
  rows: (data, { t }) => {
    const rows: DetailRow[] = [];
    if (typeof data.unaccompaniedTravelProof === 'string' && data.unaccompaniedTravelProof) {
      rows.push([t('residence-permit.travelProof'), data.unaccompaniedTravelProof]);
    }
    return rows;
  },
};
