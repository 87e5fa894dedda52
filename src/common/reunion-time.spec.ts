import { describe, expect, it } from 'vitest';
import { addMonths, BusinessClock } from './reunion-time';

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

describe('addMonths', () => {
  it("gives the business zone's month, already the next one at 20:30 UTC on the last day", () => {
    expect(new BusinessClock('Indian/Reunion', () => new Date('2026-12-31T20:30:00Z')).month()).toBe(
      '2027-01',
    );
  });
  it('moves across years both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -26)).toBe('2024-01');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });
});
