// weapon-registration module data (WeaponApplicationData): the applicant kind (§6), the unit with its
// attributes, the §8 unit-duty exemption derived from it, and the facts the §18 rules look at; the
// review steps (§18 agency checks, §17 recipient, the link to the register) are the Panel.
import type { MessageKey } from '../../i18n/messages';
import type { DetailRow, ModuleDetails } from '../types';
import { WeaponRegistrationReview } from './weapon-registration-review';

export const weaponRegistrationDetails: ModuleDetails = {
  service: 'weapon-registration',
  Panel: WeaponRegistrationReview,
  rows: (data, { t, number }) => {
    const rows: DetailRow[] = [];
    if (typeof data.applicantKind === 'string') rows.push([t('weapons.applicantKind'), t(`weapons.kind.${data.applicantKind}` as MessageKey)]);
    const unit = data.unit && typeof data.unit === 'object' ? (data.unit as Record<string, unknown>) : null;
    if (unit) {
      if (typeof unit.type === 'string') rows.push([t('weapons.type'), t(`weapons.type.${unit.type}` as MessageKey)]);
      if (typeof unit.category === 'string') rows.push([t('weapons.category'), t(`weapons.category.${unit.category}` as MessageKey)]);
      if (typeof unit.purpose === 'string') rows.push([t('weapons.purpose'), t(`weapons.purpose.${unit.purpose}` as MessageKey)]);
      const makeModel = [unit.make, unit.model].filter((v) => typeof v === 'string' && v).join(' ');
      if (makeModel) rows.push([t('weapons.make'), makeModel]);
      if (typeof unit.serial === 'string') rows.push([t('weapons.serial'), unit.serial]);
      if (typeof unit.muzzleEnergyJ === 'number') rows.push([t('weapons.energy'), number(unit.muzzleEnergyJ)]);
      if (typeof unit.calibreMm === 'number') rows.push([t('weapons.calibre'), number(unit.calibreMm)]);
      if (unit.designChangesAlterBallistics === true) rows.push([t('weapons.designChanges'), t('common.yes')]);
      if (unit.technicallyNonCompliant === true) rows.push([t('weapons.nonCompliant'), t('common.yes')]);
    }
    if (typeof data.unitFeeExemption === 'string') rows.push([t('weapons.register.exemption'), data.unitFeeExemption]);
    if (data.reRegistration === true) rows.push([t('weapons.reRegistration'), t('common.yes')]);
    if (typeof data.permanentAddress === 'string') rows.push([t('weapons.permanentAddress'), data.permanentAddress]);
    if (typeof data.storageConditionsConfirmed === 'boolean') {
      rows.push([t('weapons.storage'), data.storageConditionsConfirmed ? t('weapons.storage.yes') : t('weapons.storage.no')]);
    }
    if (data.militaryOrSpecialRank === true) rows.push([t('weapons.military'), t('common.yes')]);
    if (typeof data.employerBin === 'string') rows.push([t('weapons.employerBin'), data.employerBin]);
    return rows;
  },
};
