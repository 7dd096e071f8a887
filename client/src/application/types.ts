// The application page's per-service details: how a service's module data (application.moduleData)
// reads as rows of the details table. A service without an entry in registry.ts is shown by the
// generic key/value fallback.
import type { ReactNode } from 'react';
import type { I18n } from '../i18n/I18nProvider';

export type DetailRow = [label: string, value: ReactNode];

export interface ModuleDetails {
  /** The catalogue code of the service ('*' for the generic fallback). */
  service: string;
  /** The rows of the module data, in the UI language; empty values left out. */
  rows: (moduleData: Record<string, unknown>, i18n: I18n) => DetailRow[];
}
