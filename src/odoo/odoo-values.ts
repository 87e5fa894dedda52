import DecimalJs from 'decimal.js';
import { DateTime } from 'luxon';
import { Decimal } from '../common/money';
import { isIsoDay } from '../common/reunion-time';
import { OdooError, OdooErrorCode } from './odoo.error';

/**
 * A decimal as the number Odoo receives (XML-RPC has no decimal type), rounded half-up to `places`
 * first so that no binary-float noise (0.30000000000000004) reaches Odoo.
 */
export function toOdooNumber(value: Decimal | DecimalJs.Value, places: number): number {
  const d = value instanceof DecimalJs ? value : new Decimal(value);
  return Number(d.toDecimalPlaces(places, DecimalJs.ROUND_HALF_UP).toFixed(places));
}

/** A business day as Odoo's date string 'YYYY-MM-DD' (checked). */
export function toOdooDate(day: string): string {
  if (!isIsoDay(day)) {
    throw new OdooError(OdooErrorCode.InvalidParams, `Not a day 'YYYY-MM-DD': '${day}'`);
  }
  return day;
}

/**
 * Checks and normalises parameters before they are serialised: Dates and Decimals are refused
 * (Odoo 17 rejects XML-RPC dateTime values for date fields; a Decimal would become a struct),
 * null becomes false (Odoo's empty), undefined object members are dropped (the serializer would send
 * an empty string), bigint becomes a number when safe.
 */
export function toOdooParams(value: unknown, path = 'params'): unknown {
  if (value === null) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
        throw invalid(path, `the number ${value} cannot be sent`);
      }
      return value;
    case 'bigint':
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw invalid(path, `the integer ${value} is too large`);
      }
      return Number(value);
    case 'object':
      break;
    default:
      throw invalid(path, `a ${typeof value} cannot be sent`);
  }
  if (value instanceof Date || DateTime.isDateTime(value)) {
    throw invalid(
      path,
      "send dates as 'YYYY-MM-DD' (toOdooDate) and datetimes as UTC strings (BusinessClock.toOdooDatetime)",
    );
  }
  if (DecimalJs.isDecimal(value)) throw invalid(path, 'send decimals with toOdooNumber(value, places)');
  if (Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (item === undefined) throw invalid(`${path}[${i}]`, 'undefined in a list');
      return toOdooParams(item, `${path}[${i}]`);
    });
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw invalid(path, `a ${(value as object).constructor?.name ?? 'class instance'} cannot be sent`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = toOdooParams(item, `${path}.${key}`);
  }
  return out;
}

function invalid(path: string, message: string): OdooError {
  return new OdooError(OdooErrorCode.InvalidParams, `Invalid Odoo parameter ${path}: ${message}`, {
    details: { path },
  });
}
