// A problem's `errors` name the request's JSON paths (`applicant.lastName`, `receipts[0].amount`).
// A form maps each path to one of its own fields: the message is then shown under that field, and
// the summary above the submit button names the field by its label, not by the path. A path no
// field takes stays in the summary, under its label when the form knows one.
import { createContext, useContext, type ReactNode } from 'react';
import type { Problem } from '../api/problem';

/** The form's field key for an API path, or null when no field of the form shows it. */
export type FieldOf = (path: string) => string | null;

export interface PlacedErrors {
  /** Messages by form field key. */
  byField: Record<string, string[]>;
}

export function placeErrors(problem: Problem | undefined, fieldOf: FieldOf): PlacedErrors {
  const byField: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(problem?.errors ?? {})) {
    const key = fieldOf(path);
    if (key === null) continue;
    (byField[key] ??= []).push(...messages);
  }
  return { byField };
}

const FieldErrorsContext = createContext<Record<string, string[]>>({});

export function FieldErrorsProvider({ errors, children }: { errors: Record<string, string[]>; children: ReactNode }) {
  return <FieldErrorsContext.Provider value={errors}>{children}</FieldErrorsContext.Provider>;
}

/**
 * The message(s) the last problem left at a field, for Mantine's `error` prop (undefined when none).
 * One hook per form part, a function per field: fields that come and go do not change the hooks.
 */
export function useFieldErrors(): (key: string) => string | undefined {
  const errors = useContext(FieldErrorsContext);
  return (key) => {
    const messages = errors[key];
    return messages && messages.length > 0 ? messages.join('; ') : undefined;
  };
}

/**
 * The intake frame's field keys: the draft's own names, receipts as `receipt:<fee item>:<property>`,
 * and the section's fields: by the section's `paths`, else the path or its last part when the
 * section has a field of that key (`unit.serial` → `serial`).
 */
export function intakeFieldOf(
  receiptItems: readonly string[],
  section: { paths?: Record<string, string>; keys?: readonly string[] } = {},
): FieldOf {
  const keys = new Set(section.keys ?? []);
  const applicant: Record<string, string> = {
    'travelDocument.number': 'travelNumber',
    'travelDocument.country': 'travelCountry',
    'travelDocument.expiresOn': 'travelExpiresOn',
  };
  return (path) => {
    const person = /^applicant\.(.+)$/.exec(path);
    if (person) return applicant[person[1]!] ?? person[1]!;
    // receipts[i].amount, or `receipt.amount` where a route takes one receipt.
    const receipt = /^receipts?(?:\[(\d+)\])?\.(\w+)$/.exec(path);
    if (receipt) {
      const item = receiptItems[Number(receipt[1] ?? 0)];
      return item === undefined ? null : `receipt:${item}:${receipt[2]}`;
    }
    // The section's own data: its fields use the path itself (driver-licence `categories`).
    const own = section.paths?.[path];
    if (own) return own;
    const last = path.slice(path.lastIndexOf('.') + 1);
    return keys.has(path) || !keys.has(last) ? path : last;
  };
}
