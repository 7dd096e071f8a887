// The application page's rows for residence-permit, temporary-registration and permanent-residence module data.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatKzt, formatNumber } from '../../i18n/format';
import type { I18n } from '../../i18n/I18nProvider';
import { translate, type Language } from '../../i18n/messages';
import { detailsFor, moduleRows } from '../registry';

const i18n = (language: Language): I18n => ({
  language,
  setLanguage: () => {},
  t: (key, values) => translate(language, key, values),
  date: (d) => formatDate(d, language),
  dateTime: (d) => formatDateTime(d, language),
  kzt: (a) => formatKzt(a, language),
  number: (n) => formatNumber(n, language),
  duration: (d) => formatDuration(d, language),
  pick: (text) => text[language],
}) as I18n;

describe('migration module details', () => {
  it('name the result by its register', () => {
    expect(detailsFor('residence-permit').resultLabel).toBe('residence-permit.result');
    expect(translate('en', detailsFor('temporary-registration').resultLabel!, { number: 'TR260000001' })).toBe('Registration number: TR260000001');
    expect(translate('ru', detailsFor('permanent-residence').resultLabel!, { number: 'PR26-0000001' })).toBe('Номер штампа регистрации: PR26-0000001');
    expect(detailsFor('permanent-residence').Panel).toBeDefined();
  });

  it('temporary-registration: the host, the §6 due day and the days late of the assessment', () => {
    const data = {
      host: { kind: 'individual', iin: '850315300128', bin: null, name: 'Сейітов Арман', selfCategory: null },
      address: 'Астана, 10', migrationCardNumber: 'MC1', borderCrossedOn: '2026-02-27', requestedUntil: '2026-04-30',
      visa: null, workPermit: null, study: null, extendsRegistration: null, group: null,
      assessment: { assessedOn: '2026-03-10', dueBy: '2026-03-04', daysLate: 6, persons: [
        { personId: 'UZ:FA1', fullName: 'Каримов Бахтиёр', basis: 'visa-free', from: '2026-03-10', until: '2026-04-30', limitedBy: 'requested', stayOverSixMonths: false },
      ] },
    };
    expect(moduleRows('temporary-registration', data, i18n('en'))).toEqual([
      ['Who registers (§12)', 'Host individual: Сейітов Арман, 850315300128'],
      ['Address of stay', 'Астана, 10'],
      ['Migration card number', 'MC1'],
      ['Border crossed on', 'February 27, 2026'],
      ['Due by (§6)', 'March 4, 2026'],
      ['Lateness (§6)', 'Days late: 6'],
      ['Requested until', 'April 30, 2026'],
      ['Period registered (§16): Каримов Бахтиёр', 'March 10, 2026 – April 30, 2026'],
    ]);
    expect(moduleRows('temporary-registration', { assessment: { daysLate: 0 } }, i18n('ru'))).toEqual([['Просрочка (§6)', 'В срок']]);
  });

  it('permanent-residence: route, place, family, solvency in tenge', () => {
    const data = {
      route: 'other-lawful-stay', settlement: 'astana', address: 'Астана, 10', familyMembers: 3, exemption: null, exemptionBasis: null,
      bankBalance: 5709000, housingContract: false, housingFunds: 25200000, applicationDate: '2026-03-10',
    };
    const rows = moduleRows('permanent-residence', data, i18n('en'));
    expect(rows.map(([label]) => label)).toEqual([
      'Route', 'Settlement', 'Address', 'Family members (with the applicant)', 'Bank balance, ₸ (§12.2.ж)', 'Housing funds, ₸ (§12.2.з)', 'Application date',
    ]);
    expect(rows[0]![1]).toBe('Other lawful stay (§12.2)');
    expect(rows[4]![1]).toBe(formatKzt(5709000, 'en'));
  });

  it('residence-permit: the §6 proof when there is one', () => {
    expect(moduleRows('residence-permit', { unaccompaniedTravelProof: 'Согласие №5' }, i18n('en')))
      .toEqual([['Document proving travel abroad without parents (guardians, custodians)', 'Согласие №5']]);
    expect(moduleRows('residence-permit', { unaccompaniedTravelProof: null }, i18n('en'))).toEqual([]);
  });
});
