import { describe, expect, it } from 'vitest';
import { datedWindowState, isWeekday, serviceWindows, windowState } from './windows';

const windows = [
  { from: '18:00:00', to: '19:00:00' },
  { from: '12:00:00', to: '13:00:00' },
];
// March 2026: Tuesday the 10th is a working day; Saturday 14 and Sunday 15 are the weekend.
const working = isWeekday;

describe('windowState', () => {
  it('is open inside a window and names the next one', () => {
    // 12:30 in Almaty (UTC+5).
    expect(windowState(windows, working, new Date('2026-03-10T07:30:00Z'))).toEqual({
      open: { from: '2026-03-10T07:00:00Z', to: '2026-03-10T08:00:00Z' },
      next: { from: '2026-03-10T13:00:00Z', to: '2026-03-10T14:00:00Z' },
    });
  });

  it('is closed before the first window, which is next', () => {
    // 09:15 Almaty.
    expect(windowState(windows, working, new Date('2026-03-10T04:15:00Z'))).toEqual({
      open: null,
      next: { from: '2026-03-10T07:00:00Z', to: '2026-03-10T08:00:00Z' },
    });
  });

  it('is closed when a window has just closed (the end is not inside)', () => {
    // 13:00 Almaty: the midday window is over, the evening one is next.
    expect(windowState(windows, working, new Date('2026-03-10T08:00:00Z')).open).toBeNull();
  });

  it('after the last window, the next opens on the next working day', () => {
    // Friday 13 March, 19:30 Almaty → Monday 16 March, 12:00.
    expect(windowState(windows, working, new Date('2026-03-13T14:30:00Z'))).toEqual({
      open: null,
      next: { from: '2026-03-16T07:00:00Z', to: '2026-03-16T08:00:00Z' },
    });
  });

  it('is closed at the weekend, even at a window’s hour', () => {
    // Saturday 14 March, 12:30 Almaty.
    expect(windowState(windows, working, new Date('2026-03-14T07:30:00Z'))).toEqual({
      open: null,
      next: { from: '2026-03-16T07:00:00Z', to: '2026-03-16T08:00:00Z' },
    });
  });

  it('skips a holiday the working calendar names', () => {
    // Monday 9 March 2026 is the day off carried over from Women's Day (Sunday 8 March).
    const calendar = (date: string) => date !== '2026-03-09' && isWeekday(date);
    expect(windowState(windows, calendar, new Date('2026-03-06T15:00:00Z')).next)
      .toEqual({ from: '2026-03-10T07:00:00Z', to: '2026-03-10T08:00:00Z' });
  });

  it('has nothing open or next without windows', () => {
    expect(windowState([], working, new Date('2026-03-10T13:10:00Z'))).toEqual({ open: null, next: null });
  });
});

describe('serviceWindows', () => {
  // vehicle-registration §7 note [L14957] in the catalogue: 12:00–13:00 and 17:00–18:00.
  const catalogue = [{ from: '12:00', to: '13:00' }, { from: '17:00', to: '18:00' }];

  it('takes the catalogue’s windows when the office sets none for the service', () => {
    const office = [{ service: 'driver-licence', from: '10:00:00', to: '11:00:00' }];
    expect(serviceWindows(catalogue, office, 'vehicle-registration')).toEqual(catalogue);
    // 17:30 Almaty is inside the vehicle window, 20:22 is not and the next is tomorrow 12:00.
    expect(windowState(catalogue, working, new Date('2026-03-10T12:30:00Z')).open).not.toBeNull();
    expect(windowState(catalogue, working, new Date('2026-03-10T15:22:00Z')))
      .toEqual({ open: null, next: { from: '2026-03-11T07:00:00Z', to: '2026-03-11T08:00:00Z' } });
  });

  it('takes the office’s own windows for the service over the catalogue’s', () => {
    const office = [{ service: 'vehicle-registration', from: '10:00:00', to: '11:00:00' }];
    expect(serviceWindows(catalogue, office, 'vehicle-registration')).toEqual([{ service: 'vehicle-registration', from: '10:00:00', to: '11:00:00' }]);
  });

  it('has none for a service whose catalogue entry has none', () => {
    expect(serviceWindows([], [{ service: 'citizenship', from: '10:00', to: '11:00' }], 'citizenship')).toEqual([]);
  });
});

describe('datedWindowState', () => {
  // Weapons unit sessions as the API dates them (weapon-registration §10): Tuesday 10 March 2026 09:00–13:00 and 18:00–20:00 Almaty.
  const sessions = [
    { opens: '2026-03-10T13:00:00Z', closes: '2026-03-10T15:00:00Z' },
    { opens: '2026-03-10T04:00:00Z', closes: '2026-03-10T08:00:00Z' },
  ];

  it('is open from a session\'s first minute to before its end, and names the next one', () => {
    expect(datedWindowState(sessions, new Date('2026-03-10T03:59:00Z'))).toEqual({ open: null, next: { from: '2026-03-10T04:00:00Z', to: '2026-03-10T08:00:00Z' } });
    expect(datedWindowState(sessions, new Date('2026-03-10T04:00:00Z')).open).toEqual({ from: '2026-03-10T04:00:00Z', to: '2026-03-10T08:00:00Z' });
    expect(datedWindowState(sessions, new Date('2026-03-10T08:00:00Z'))).toEqual({ open: null, next: { from: '2026-03-10T13:00:00Z', to: '2026-03-10T15:00:00Z' } });
    expect(datedWindowState(sessions, new Date('2026-03-10T15:00:00Z'))).toEqual({ open: null, next: null });
  });
});
