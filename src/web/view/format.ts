import { Decimal } from '../../common/money';

/** fr-FR formatting shared by the pages and the CSV exports (one place, one style). */

const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const numberFormats = new Map<number, Intl.NumberFormat>();
// One formatter per zone and style, made once: a page formats hundreds of dates, and building the
// zone's formatter (or asking luxon for the offset) at each one was the pages' biggest CPU cost.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DAY_PARTS: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME_PARTS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

function dateFormat(zone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${zone} ${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone: zone,
      ...DAY_PARTS,
      ...(withTime ? TIME_PARTS : {}),
    });
    dateFormats.set(key, format);
  }
  return format;
}
const monthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });

type Numeric = Decimal | string | number | null | undefined;

function toDecimal(value: Numeric): Decimal | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    return new Decimal(value as string | number | Decimal);
  } catch {
    return null;
  }
}

/** `1 848,58 €` (exact: the decimal string is formatted, never a float sum). */
export function formatMoney(value: Numeric): string {
  const d = toDecimal(value);
  if (d === null) return '';
  // Intl formats a numeric string exactly (ES2023 Intl.NumberFormat v3).
  return money.format(d.toFixed(2) as unknown as number);
}

/** `2,5` / `1 234,5678`: up to `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: Numeric, digits = 2): string {
  const d = toDecimal(value);
  if (d === null) return '';
  return numberFormat(digits).format(d.toFixed(digits) as unknown as number);
}

function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format;
}

/** 'YYYY-MM-DD' (a business day) → `14/10/2025`; a Date (an instant) → its day in `zone`. */
export function formatDate(value: string | Date | null | undefined, zone: string): string {
  if (!value) return '';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '' : dateFormat(zone, false).format(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** An instant → `14/10/2025 11:17` in `zone`. */
export function formatDateTime(value: Date | string | null | undefined, zone: string): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(zone, true).format(date);
}

/** 1234 ms → `1,2 s`; 75 000 ms → `1 min 15 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  // A duration is no amount: plain numbers, no decimal arithmetic (a history page shows fifty).
  if (ms < 60_000) return `${numberFormat(1).format(Math.round(ms / 100) / 10)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** 'YYYY-MM' → `octobre 2025` (a page lists the same few months at every request: kept once made). */
const monthLabels = new Map<string, string>();
export function formatMonth(value: string): string {
  const known = monthLabels.get(value);
  if (known !== undefined) return known;
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) return value;
  const label = monthFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  if (monthLabels.size < 10_000) monthLabels.set(value, label);
  return label;
}
