/**
 * Calendar helpers of the sandbox. Dates are 'YYYY-MM-DD' days of La Réunion (UTC+4, no daylight
 * saving); Odoo datetimes are 'YYYY-MM-DD HH:MM:SS' strings in UTC.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REUNION_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Indian/Reunion',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today (or the day of `now`) in Indian/Reunion, 'YYYY-MM-DD'. */
export function reunionToday(now: Date = new Date()): string {
  return REUNION_DAY.format(now);
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && addDays(value, 0) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Last day of the month after the one of `date` (Urcoopa's usual due date). */
export function endOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
}

/** First day of the window of `nbJours` days up to and including `dateReference`. */
export function windowStart(nbJours: number, dateReference: string): string {
  return addDays(dateReference, -(nbJours - 1));
}

/** True when `date` lies in the `nbJours` days up to and including `dateReference` (none when nbJours < 1). */
export function inWindow(date: unknown, nbJours: number, dateReference: string): boolean {
  if (typeof date !== 'string' || nbJours < 1) return false;
  return date >= windowStart(nbJours, dateReference) && date <= dateReference;
}

/** The records whose `dateField` lies in the window of Get_Factures / Get_Livraisons. */
export function filterWindow<T>(
  items: readonly T[],
  dateField: keyof T,
  nbJours: number,
  dateReference: string,
): T[] {
  return items.filter((item) => inWindow(item[dateField], nbJours, dateReference));
}

/** A Réunion wall-clock time → Odoo's UTC datetime string. */
export function reunionToOdooUtc(date: string, hours: number, minutes: number, seconds = 0): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const utc = new Date(Date.parse(`${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}+04:00`));
  return utc.toISOString().slice(0, 19).replace('T', ' ');
}

/** Odoo's UTC datetime string → the day it is in La Réunion. */
export function odooUtcToReunionDate(utc: string): string {
  return reunionToday(new Date(`${utc.replace(' ', 'T')}Z`));
}
