// Hand-over windows, on working days, worked out in the browser so the issue button can be disabled
// outside them and the page can say when the next one opens. The windows are a fact of the service's
// catalogue entry (GET /services/{code} → issuanceWindows, e.g. driver-licence §7 note [L88]
// 12:00–13:00 and 18:00–19:00), which the office's schedule may override for that service
// (serviceWindows), as Applications/HandOverWindows.cs decides in the API; the API still has the last
// word (409 outside-issuance-window with nextWindow).
import { almatyToInstant, todayInAlmaty } from '../i18n/format';

export interface ServiceWindowTimes {
  /** Office local time, HH:mm or HH:mm:ss. */
  from: string;
  to: string;
}

export interface WindowInstants {
  from: string;
  to: string;
}

export interface WindowState {
  /** The window open now, if any. */
  open: WindowInstants | null;
  /** The next window that opens after now (on a working day); null when none in the next 60 days. */
  next: WindowInstants | null;
}

/**
 * The windows of a service at an office: the office's own for that service when it sets any, else the
 * catalogue's. Empty: the service is handed over at any time.
 */
export function serviceWindows(
  catalogue: ServiceWindowTimes[],
  office: (ServiceWindowTimes & { service: string })[],
  service: string,
): ServiceWindowTimes[] {
  if (catalogue.length === 0) return [];
  const own = office.filter((w) => w.service === service);
  return own.length > 0 ? own : catalogue;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export function dayOfWeek(date: string): (typeof WEEKDAYS)[number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday to Friday: what a day is when the working calendar has not been loaded for it. */
export function isWeekday(date: string): boolean {
  const day = dayOfWeek(date);
  return day !== 'saturday' && day !== 'sunday';
}

const hhmm = (time: string) => time.slice(0, 5);

/** Whether a window is open at `now` and which one opens next. */
export function windowState(
  windows: ServiceWindowTimes[],
  isWorkingDay: (date: string) => boolean,
  now: Date,
): WindowState {
  const ordered = [...windows].sort((a, b) => hhmm(a.from).localeCompare(hhmm(b.from)));
  const at = now.getTime();
  const today = todayInAlmaty(now);
  let open: WindowInstants | null = null;
  for (let offset = 0; offset < 60; offset += 1) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day)) continue;
    for (const window of ordered) {
      const from = almatyToInstant(`${day}T${hhmm(window.from)}`);
      const to = almatyToInstant(`${day}T${hhmm(window.to)}`);
      if (Date.parse(from) <= at && at < Date.parse(to)) open = { from, to };
      if (Date.parse(from) > at) return { open, next: { from, to } };
    }
  }
  return { open, next: null };
}

export interface DatedWindow {
  /** ISO instants, as GET /offices/{id}/hand-over-windows gives them (opens, closes). */
  opens: string;
  closes: string;
}

/**
 * The window state from dated windows the API worked out: a unit that hands over only at its reception
 * sessions (weapon-registration §10: some weekdays, evenings, the 1st and 3rd Saturday) has no daily
 * pattern the browser could repeat.
 */
export function datedWindowState(windows: DatedWindow[], now: Date): WindowState {
  const at = now.getTime();
  const ordered = [...windows].sort((a, b) => Date.parse(a.opens) - Date.parse(b.opens));
  const open = ordered.find((w) => Date.parse(w.opens) <= at && at < Date.parse(w.closes));
  const next = ordered.find((w) => Date.parse(w.opens) > at);
  return {
    open: open ? { from: open.opens, to: open.closes } : null,
    next: next ? { from: next.opens, to: next.closes } : null,
  };
}
