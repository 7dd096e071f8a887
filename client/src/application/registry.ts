// The per-service details of the application page. To add a service: write
// details/<service>.ts exporting a ModuleDetails and list it below.
import { citizenshipDetails } from './details/citizenship'; // citizenship
import { driverLicenceDetails } from './details/driver-licence';
import { genericDetails } from './details/generic';
// migration: residence-permit, temporary-registration, permanent-residence
import { permanentResidenceDetails } from './details/permanent-residence';
import { residencePermitDetails } from './details/residence-permit';
import { temporaryRegistrationDetails } from './details/temporary-registration';
// end migration
// weapon-registration
import { weaponRegistrationDetails } from './details/weapon-registration';
// vehicle-registration, proxy-driver-registration
import { proxyDriverRegistrationDetails, vehicleRegistrationDetails } from './details/vehicle-registration';
import type { DetailRow, ModuleDetails } from './types';
import type { I18n } from '../i18n/I18nProvider';

export const moduleDetails: Record<string, ModuleDetails> = {
  [driverLicenceDetails.service]: driverLicenceDetails,
  // migration: residence-permit, temporary-registration, permanent-residence
  [residencePermitDetails.service]: residencePermitDetails,
  [temporaryRegistrationDetails.service]: temporaryRegistrationDetails,
  [permanentResidenceDetails.service]: permanentResidenceDetails,
  // end migration
  [citizenshipDetails.service]: citizenshipDetails, // citizenship
  // weapon-registration
  [weaponRegistrationDetails.service]: weaponRegistrationDetails,
  // vehicle-registration, proxy-driver-registration
  [vehicleRegistrationDetails.service]: vehicleRegistrationDetails,
  [proxyDriverRegistrationDetails.service]: proxyDriverRegistrationDetails,
};

export function detailsFor(service: string): ModuleDetails {
  return moduleDetails[service] ?? genericDetails;
}

/** The rows of an application's module data (none when it is not an object). */
export function moduleRows(service: string, moduleData: unknown, i18n: I18n): DetailRow[] {
  if (moduleData === null || typeof moduleData !== 'object' || Array.isArray(moduleData)) return [];
  return detailsFor(service).rows(moduleData as Record<string, unknown>, i18n);
}
