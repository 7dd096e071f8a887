import { describe, expect, it } from 'vitest';
import { parseListLine } from './AddressBureauDeskPage';

describe('parseListLine', () => {
  it('reads an IIN, a name with its birth date, and skips blank lines', () => {
    expect(parseListLine(' 880412300001 ')?.iin).toBe('880412300001');
    expect(parseListLine('Seitova Aigerim 1988-04-12')).toMatchObject({ iin: null, lastName: 'Seitova', firstName: 'Aigerim', middleName: null, birthDate: '1988-04-12' });
    expect(parseListLine('Сейітова Айгерім Болатқызы 1988-04-12')).toMatchObject({ middleName: 'Болатқызы', birthDate: '1988-04-12' });
    expect(parseListLine('   ')).toBeNull();
  });
});
