import { describe, expect, it } from 'vitest';
import { countdown } from './countdown';

// Accepted Tuesday 10 March 2026 at 12:30 Almaty, due Wednesday 11 March at 10:30 (6 working hours).
const dueAt = '2026-03-11T05:30:00Z';

describe('countdown', () => {
  it('says the time left in hours and minutes under a day', () => {
    const now = new Date('2026-03-10T07:30:00Z');
    expect(countdown(dueAt, now, 'ru')).toEqual({ overdue: false, minutes: 1320, text: 'Осталось 22 часа' });
    expect(countdown(dueAt, now, 'kk').text).toBe('22 сағат қалды');
    expect(countdown(dueAt, now, 'en').text).toBe('22 hours left');
  });

  it('counts minutes down to whole ones', () => {
    const now = new Date('2026-03-11T04:44:30Z'); // 45 min 30 s before
    expect(countdown(dueAt, now, 'ru').text).toBe('Осталось 45 минут');
    expect(countdown(dueAt, new Date('2026-03-11T03:29:00Z'), 'en').text).toBe('2 hours 1 minute left');
  });

  it('says how long it is overdue, in days and hours from a day on', () => {
    const now = new Date('2026-03-12T08:35:00Z'); // 1 day 3 h 5 min after
    expect(countdown(dueAt, now, 'ru')).toEqual({ overdue: true, minutes: -1625, text: 'Просрочено на 1 день 3 часа' });
    expect(countdown(dueAt, now, 'kk').text).toBe('Мерзімі 1 күн 3 сағат өтіп кетті');
    expect(countdown(dueAt, now, 'en').text).toBe('Overdue by 1 day 3 hours');
  });

  it('is overdue from the due instant itself', () => {
    expect(countdown(dueAt, new Date(dueAt), 'ru').text).toBe('Просрочено на 0 минут');
    expect(countdown(dueAt, new Date('2026-03-16T05:30:00Z'), 'ru').text).toBe('Просрочено на 5 дней');
  });
});
