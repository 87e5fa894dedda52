import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';

export const DEFAULT_BUSINESS_ZONE = 'Indian/Reunion';
const ODOO_DATETIME = 'yyyy-MM-dd HH:mm:ss';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  return DAY.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** 'YYYY-MM' `n` months after `month` ('YYYY-MM'; `n` may be negative). */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The UTC interval [from, to) covering `days` business days ending with `lastDay` (inclusive). */
export interface UtcWindow {
  /** First instant, as an Odoo UTC datetime string 'YYYY-MM-DD HH:MM:SS'. */
  fromUtc: string;
  /** First instant after the window, as an Odoo UTC datetime string. */
  toUtc: string;
  firstDay: string;
  lastDay: string;
}

/**
 * The one clock: "today" and day windows in the business time zone (Indian/Reunion), converted to
 * UTC strings for Odoo. Tests replace it with a fixed instant.
 */
@Injectable()
export class BusinessClock {
  constructor(
    readonly zone: string = DEFAULT_BUSINESS_ZONE,
    private readonly nowFn: () => Date = () => new Date(),
  ) {}

  now(): DateTime {
    return DateTime.fromJSDate(this.nowFn(), { zone: this.zone });
  }

  /** Today's date in the business zone, 'YYYY-MM-DD' (asked at every page: Intl, made once, not luxon). */
  today(): string {
    this.dayFormat ??= new Intl.DateTimeFormat('en-CA', {
      timeZone: this.zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    return this.dayFormat.format(this.nowFn());
  }

  private dayFormat?: Intl.DateTimeFormat;

  /** This month in the business zone, 'YYYY-MM'. */
  month(): string {
    return this.today().slice(0, 7);
  }

  /** The `days` days up to and including `lastDay` (default: today). */
  window(days: number, lastDay: string = this.today()): UtcWindow {
    if (!Number.isInteger(days) || days < 1)
      throw new RangeError(`days must be a positive integer, got ${days}`);
    const end = DateTime.fromISO(lastDay, { zone: this.zone }).startOf('day');
    if (!end.isValid) throw new RangeError(`invalid day '${lastDay}'`);
    const start = end.minus({ days: days - 1 });
    return {
      firstDay: start.toISODate()!,
      lastDay: end.toISODate()!,
      fromUtc: start.toUTC().toFormat(ODOO_DATETIME),
      toUtc: end.plus({ days: 1 }).toUTC().toFormat(ODOO_DATETIME),
    };
  }

  /** A JS date as an Odoo UTC datetime string. */
  static toOdooDatetime(date: Date): string {
    return DateTime.fromJSDate(date, { zone: 'utc' }).toFormat(ODOO_DATETIME);
  }

  /** The business day (in this zone) of an Odoo UTC datetime string. */
  dayOfOdooDatetime(utc: string): string {
    return DateTime.fromFormat(utc, ODOO_DATETIME, { zone: 'utc' }).setZone(this.zone).toISODate()!;
  }
}
