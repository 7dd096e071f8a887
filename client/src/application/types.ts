// The application page's per-service details: how a service's module data (application.moduleData)
// reads as rows of the details table. A service without an entry in registry.ts is shown by the
// generic key/value fallback.
import type { ComponentType, ReactNode } from 'react';
import type { Application } from '../desk/applications';
import type { I18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

export type DetailRow = [label: string, value: ReactNode];

export interface ModuleDetails {
  /** The catalogue code of the service ('*' for the generic fallback). */
  service: string;
  /** The rows of the module data, in the UI language; empty values left out. */
  rows: (moduleData: Record<string, unknown>, i18n: I18n) => DetailRow[];
  /** How the result reads ({number} = resultReference); default "licence number". */
  resultLabel?: MessageKey;
  /** The service's own review steps, shown above the decision panel. */
  Panel?: ComponentType<ModulePanelProps>;
}

export interface ModulePanelProps {
  application: Application;
  /** The step running now (its key), if any. */
  busy: string | undefined;
  /**
   * Runs a change of the application with the ETag the page holds (If-Match); the page then
   * reloads, says "done: {label}", or shows the problem (412: the new version) like its own actions.
   */
  run: (key: string, label: string, change: (etag: string) => Promise<unknown>) => Promise<boolean>;
}
