import { describe, expect, it } from 'vitest';
import { BusinessClock } from './reunion-time';

describe('BusinessClock (Indian/Reunion, UTC+4)', () => {
  it('says the business day has already changed at 20:30 UTC', () => {
    const clock = new BusinessClock('Indian/Reunion', () => new Date('2025-10-13T20:30:00Z'));
    expect(clock.today()).toBe('2025-10-14');
  });

  it('converts a window of Réunion days to UTC bounds for Odoo (4 hours before midnight UTC)', () => {
    const clock = new BusinessClock('Indian/Reunion', () => new Date('2025-10-14T08:00:00Z'));
    expect(clock.window(5)).toEqual({
      firstDay: '2025-10-10',
      lastDay: '2025-10-14',
      fromUtc: '2025-10-09 20:00:00',
      toUtc: '2025-10-14 20:00:00',
    });
    expect(clock.window(1, '2025-10-01')).toMatchObject({
      fromUtc: '2025-09-30 20:00:00',
      toUtc: '2025-10-01 20:00:00',
    });
  });

  it('tells the Réunion day of an Odoo UTC datetime', () => {
    const clock = new BusinessClock();
    expect(clock.dayOfOdooDatetime('2025-10-13 20:30:00')).toBe('2025-10-14');
    expect(clock.dayOfOdooDatetime('2025-10-13 19:59:59')).toBe('2025-10-13');
  });

  it('refuses a window of zero days', () => {
    expect(() => new BusinessClock().window(0)).toThrow(RangeError);
  });
});
