import { describe, expect, it } from 'vitest';
import { dec } from '../../common/money';
import { formatDate, formatDateTime, formatDuration, formatMoney, formatMonth, formatNumber } from './format';

const nbsp = /[\u00a0\u202f]/g;

describe('fr-FR formatting', () => {
  it('formats money exactly, French style', () => {
    expect(formatMoney(dec('1848.58')).replace(nbsp, ' ')).toBe('1 848,58 €');
    expect(formatMoney('12345678901234.57').replace(nbsp, ' ')).toBe('12 345 678 901 234,57 €');
    expect(formatMoney(null)).toBe('');
  });
  it('formats numbers and durations', () => {
    expect(formatNumber('2.5000', 4)).toBe('2,5');
    expect(formatNumber(1234.5).replace(nbsp, ' ')).toBe('1 234,5');
    expect(formatDuration(1234)).toBe('1,2 s');
    expect(formatDuration(1150)).toBe('1,2 s');
    expect(formatDuration(59_940)).toBe('59,9 s');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
  });
  it('formats business days and instants in the business zone', () => {
    expect(formatDate('2025-10-14', 'Indian/Reunion')).toBe('14/10/2025');
    expect(formatDate(new Date('2025-10-13T21:00:00Z'), 'Indian/Reunion')).toBe('14/10/2025');
    expect(formatDateTime(new Date('2025-10-14T07:17:00Z'), 'Indian/Reunion')).toBe('14/10/2025 11:17');
    expect(formatMonth('2025-10')).toBe('octobre 2025');
  });
  it('crosses midnight in the business zone and keeps unreadable values as they are', () => {
    expect(formatDateTime(new Date('2025-12-31T20:05:00Z'), 'Indian/Reunion')).toBe('01/01/2026 00:05');
    expect(formatDate(new Date('2025-12-31T20:05:00Z'), 'UTC')).toBe('31/12/2025');
    expect(formatDateTime('not a date', 'Indian/Reunion')).toBe('');
    expect(formatMonth('2025-13')).toBe('2025-13');
    expect(formatMonth('janvier')).toBe('janvier');
  });
});
