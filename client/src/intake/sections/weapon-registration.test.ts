import { describe, expect, it } from 'vitest';
import { expectedFeeItems, expectedGroup, unitExemption } from './weapon-registration';

describe('weapon-registration §8 unit duty, as the module derives it', () => {
  it.each([
    [7.5, 4.5, 'low-energy-pneumatic-weapon'],
    [7.51, 4.5, null],
    [7.5, 4.6, null],
    [null, 4.5, null],
  ])('pneumatic %s J, %s mm → %s', (energy, calibre, exemption) => {
    expect(unitExemption('pneumatic', 'sport', energy, calibre)).toBe(exemption);
  });

  it.each([
    ['cold', 'hunting', 'cold-hunting-weapon'],
    ['cold', 'sport', null],
    ['signal', '', 'signal-weapon'],
    ['barrel-less', 'self-defence', 'barrel-less-firearm'],
    ['mechanical-sprayer', 'self-defence', 'mechanical-sprayer'],
    ['aerosol', 'self-defence', 'aerosol-device'],
    ['smooth-bore', 'hunting', null],
  ])('%s for %s → %s', (type, purpose, exemption) => {
    expect(unitExemption(type, purpose, null, null)).toBe(exemption);
  });

  it('charges the unit duty with a keep permit unless the unit is exempt', () => {
    expect(expectedFeeItems('storage-carry-permit', null)).toEqual(['storage-carry-permit-individual', 'unit-registration']);
    expect(expectedFeeItems('storage-carry-permit', 'signal-weapon')).toEqual(['storage-carry-permit-individual']);
    expect(expectedFeeItems('unit-registration', 'signal-weapon')).toEqual(['unit-registration']);
    expect(expectedFeeItems('acquisition-permit', null)).toEqual(['acquisition-permit-individual']);
  });

  it('takes a legal entity\'s unit registration on the §14 list', () => {
    expect(expectedGroup('unit-registration', 'security-company')).toBe('legal-entity-storage');
    expect(expectedGroup('unit-registration', 'individual')).toBe('individual-storage-carry');
  });
});
