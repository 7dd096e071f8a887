import { describe, expect, it } from 'vitest';
import { ageOn, checkIin, iinCheckDigit } from './iin';

describe('checkIin', () => {
  it('accepts a valid IIN and gives its birth date and sex', () => {
    expect(checkIin('850315300128')).toEqual({ valid: true, birthDate: '1985-03-15', male: true });
    expect(checkIin('000229601230')).toEqual({ valid: true, birthDate: '2000-02-29', male: false });
  });

  it('accepts a control digit that comes from the second weighting', () => {
    // 8·1+5·2+0·3+3·4+1·5+5·6+3·7+0·8+1·9+8·10+0·11 = 175, 175 mod 11 = 10: the second pass
    // (3,4,…,11,1,2) gives 155 mod 11 = 1.
    expect(iinCheckDigit('85031530180')).toBe(1);
    expect(checkIin('850315301801')).toEqual({ valid: true, birthDate: '1985-03-15', male: true });
  });

  it('refuses a wrong check digit, and a number both weightings give 10 for', () => {
    expect(checkIin('850315300129')).toEqual({ valid: false, error: 'bad-check-digit', birthDate: '1985-03-15', male: true });
    expect(iinCheckDigit('90010130080')).toBeNull();
    expect(checkIin('900101300800').error).toBe('bad-check-digit');
  });

  it('refuses a century digit outside 1–6', () => {
    expect(checkIin('850315700128')).toEqual({ valid: false, error: 'bad-century-digit' });
    expect(checkIin('850315000128')).toEqual({ valid: false, error: 'bad-century-digit' });
  });

  it('refuses a birth date that does not exist', () => {
    expect(checkIin('850229300128')).toEqual({ valid: false, error: 'bad-birth-date' }); // 1985 is not a leap year
    expect(checkIin('851315300128')).toEqual({ valid: false, error: 'bad-birth-date' });
  });

  it('shows the birth date while the clerk is still typing', () => {
    expect(checkIin('')).toEqual({ valid: false, error: 'not-twelve-digits', birthDate: undefined, male: undefined });
    expect(checkIin('850315')).toEqual({ valid: false, error: 'not-twelve-digits', birthDate: undefined, male: undefined });
    expect(checkIin('0904155')).toEqual({ valid: false, error: 'not-twelve-digits', birthDate: '2009-04-15', male: true });
    expect(checkIin('85031530a128').error).toBe('not-twelve-digits');
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('2009-04-15', '2026-03-10')).toBe(16);
    expect(ageOn('2008-03-10', '2026-03-10')).toBe(18);
    expect(ageOn('2008-03-11', '2026-03-10')).toBe(17);
  });

  it('refuses a birth date after today when it knows today, as the API does', () => {
    // 300101500014 has a right check digit but a birth date of 1 January 2030.
    expect(checkIin('300101500014').valid).toBe(true);
    expect(checkIin('300101500014', '2026-12-01')).toEqual({ valid: false, error: 'born-in-future', birthDate: '2030-01-01', male: true });
    expect(checkIin('261201500000', '2026-12-01').error).not.toBe('born-in-future');
    expect(checkIin('261202500000', '2026-12-01').error).toBe('born-in-future');
  });
});

