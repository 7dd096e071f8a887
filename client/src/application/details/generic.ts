// The fallback: every key of the module data as a row, the key made readable ("stayUntil" →
// "Stay until"), yes/no, dates and lists in the UI language. Keys are the module's JSON names;
// a service whose data needs real labels gets its own entry in the registry.
import type { I18n } from '../../i18n/I18nProvider';
import type { DetailRow, ModuleDetails } from '../types';

/** "drivingExperienceMonths" / "driving_experience-months" → "Driving experience months". */
export function readableKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A value as text; null when there is nothing to show. */
export function readableValue(value: unknown, i18n: I18n): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return i18n.number(value);
  if (typeof value === 'string') {
    if (DATE.test(value)) return i18n.date(value);
    if (INSTANT.test(value)) return i18n.dateTime(value);
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => readableValue(v, i18n)).filter((v): v is string => v !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [readableKey(k), readableValue(v, i18n)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}: ${v}`);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return String(value);
}

export const genericDetails: ModuleDetails = {
  service: '*',
  rows: (moduleData, i18n) => Object.entries(moduleData)
    .map(([key, value]): [string, string | null] => [readableKey(key), readableValue(value, i18n)])
    .filter((row): row is DetailRow & [string, string] => row[1] !== null),
};
