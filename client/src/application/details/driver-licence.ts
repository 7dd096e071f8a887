// driver-licence module data (DriverLicenceData): categories, driving experience (category E), medical decision.
import type { DetailRow, ModuleDetails } from '../types';

export const driverLicenceDetails: ModuleDetails = {
  service: 'driver-licence',
  rows: (data, { t, number }) => {
    const rows: DetailRow[] = [];
    const categories = Array.isArray(data.categories) ? (data.categories as string[]) : [];
    if (categories.length > 0) rows.push([t('intake.categories'), categories.join(', ')]);
    if (typeof data.drivingExperienceMonths === 'number') rows.push([t('application.experience'), number(data.drivingExperienceMonths)]);
    if (data.medicalDecisionPreventsDriving === true) rows.push([t('application.medical'), t('common.yes')]);
    return rows;
  },
};
