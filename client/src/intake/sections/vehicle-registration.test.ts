import { describe, expect, it } from 'vitest';
import { throughMfa, vehicleFeeItems } from './vehicle-registration';

describe('vehicle-registration intake', () => {
  it('derives the §8 fee items from the sub-type, the category and a new plate (as VehicleFees.cs)', () => {
    expect(vehicleFeeItems('registration', 'car', false)).toEqual(['registration-certificate', 'plate-car', 'registration']);
    expect(vehicleFeeItems('registration', 'trailer', false)).toEqual(['registration-certificate', 'plate-motorcycle-trailer', 'registration']);
    expect(vehicleFeeItems('re-registration-owner-change', 'car', false)).toEqual(['registration-certificate', 'registration']);
    expect(vehicleFeeItems('re-registration-data-change', 'motorcycle', true)).toEqual(['registration-certificate', 'plate-motorcycle-trailer', 'registration']);
    expect(vehicleFeeItems('duplicate-certificate', 'bus', false)).toEqual(['registration-certificate']);
    expect(vehicleFeeItems('transit-plates', 'truck', false)).toEqual(['plate-transit']);
    expect(vehicleFeeItems('deregistration', 'car', false)).toEqual([]);
  });

  it('sends foreigners and entities with at least 10 % foreign participation through the MFA (§12, §13 notes)', () => {
    expect(throughMfa({ kind: 'individual', citizenship: 'KZ' }, '')).toBe(false);
    expect(throughMfa({ kind: 'individual', citizenship: 'de' }, '')).toBe(true);
    expect(throughMfa({ kind: 'foreigner', citizenship: '' }, '')).toBe(true);
    expect(throughMfa({ kind: 'legal-entity', citizenship: '' }, '9')).toBe(false);
    expect(throughMfa({ kind: 'legal-entity', citizenship: '' }, '10')).toBe(true);
  });
});
