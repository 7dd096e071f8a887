// The intake sections by service. A service not listed here is taken through the generic
// fallback (POST /api/v1/applications), so every service a clerk serves has a working intake.
// To add one: write sections/<service>.tsx exporting an IntakeSection and list it below.
import { citizenshipSection } from './sections/citizenship'; // citizenship
import { driverLicenceSection } from './sections/driver-licence';
import { genericSection } from './sections/generic';
// migration: residence-permit, temporary-registration, permanent-residence
import { permanentResidenceSection } from './sections/permanent-residence';
import { residencePermitSection } from './sections/residence-permit';
import { temporaryRegistrationSection } from './sections/temporary-registration';
// end migration
// weapon-registration
import { weaponRegistrationSection } from './sections/weapon-registration';
// vehicle-registration, proxy-driver-registration
import { proxyDriverRegistrationSection } from './sections/proxy-driver-registration';
import { vehicleRegistrationSection } from './sections/vehicle-registration';
import type { IntakeSection } from './types';

// Each section has its own data type; the frame only passes it back to the same section.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySection = IntakeSection<any>;

export const sections: Record<string, AnySection> = {
  [driverLicenceSection.service]: driverLicenceSection,
  // migration: residence-permit, temporary-registration, permanent-residence
  [residencePermitSection.service]: residencePermitSection,
  [temporaryRegistrationSection.service]: temporaryRegistrationSection,
  [permanentResidenceSection.service]: permanentResidenceSection,
  // end migration
  [citizenshipSection.service]: citizenshipSection, // citizenship
  // weapon-registration
  [weaponRegistrationSection.service]: weaponRegistrationSection,
  // vehicle-registration, proxy-driver-registration
  [vehicleRegistrationSection.service]: vehicleRegistrationSection,
  [proxyDriverRegistrationSection.service]: proxyDriverRegistrationSection,
};

export function sectionFor(service: string): AnySection {
  return sections[service] ?? genericSection;
}

/** The services a clerk can take applications for here: theirs that their office provides, in the catalogue's order. */
export function servableServices(catalogue: string[], clerk: string[], office: string[] | null): string[] {
  return catalogue.filter((code) => clerk.includes(code) && (office === null || office.includes(code)));
}
