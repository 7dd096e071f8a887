import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatKzt, formatNumber, formatDuration } from '../i18n/format';
import type { I18n } from '../i18n/I18nProvider';
import { translate, type Language } from '../i18n/messages';
import { detailsFor, moduleRows } from './registry';
import { genericDetails, readableKey } from './details/generic';
import { driverLicenceDetails } from './details/driver-licence';

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

describe('the application page\'s module details', () => {
  it('reads driver-licence data with its own labels, in each language', () => {
    const data = { categories: ['B', 'E'], medicalDecisionPreventsDriving: true, drivingExperienceMonths: 14 };
    expect(moduleRows('driver-licence', data, i18n('ru'))).toEqual([
      ['Категории', 'B, E'], ['Стаж вождения, месяцев', '14'], ['Медицинское решение, препятствующее управлению', 'Да'],
    ]);
    expect(moduleRows('driver-licence', data, i18n('kk'))[2]).toEqual(['Көлік басқаруға кедергі келтіретін медициналық шешім', 'Иә']);
    expect(moduleRows('driver-licence', { categories: ['B'], medicalDecisionPreventsDriving: false, drivingExperienceMonths: null }, i18n('en')))
      .toEqual([['Categories', 'B']]);
  });

  it('shows any other service\'s data as readable keys and values', () => {
    expect(detailsFor('address-certificate')).toBe(genericDetails);
    expect(detailsFor('driver-licence')).toBe(driverLicenceDetails);
    const data = {
      stayUntil: '2026-09-30', host_kind: 'legal-entity', overSixMonths: false, addresses: ['Астана', 'Алматы'],
      host: { bin: '040340001283', name: 'ТОО «Север»' }, empty: null, nothing: [],
    };
    expect(moduleRows('address-certificate', data, i18n('en'))).toEqual([
      ['Stay until', 'September 30, 2026'],
      ['Host kind', 'legal-entity'],
      ['Over six months', 'No'],
      ['Addresses', 'Астана, Алматы'],
      ['Host', 'Bin: 040340001283; Name: ТОО «Север»'],
    ]);
    expect(moduleRows('address-certificate', { overSixMonths: true }, i18n('ru'))).toEqual([['Over six months', 'Да']]);
    expect(moduleRows('address-certificate', {}, i18n('ru'))).toEqual([]);
    expect(moduleRows('address-certificate', null, i18n('ru'))).toEqual([]);
  });

  it('makes keys readable', () => {
    expect(readableKey('drivingExperienceMonths')).toBe('Driving experience months');
    expect(readableKey('visa_number')).toBe('Visa number');
    expect(readableKey('host-bin')).toBe('Host bin');
  });
});
