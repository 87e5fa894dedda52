import { Decimal } from '../common/money';
import { OdooError, OdooErrorCode } from '../odoo/odoo.error';
import type { OdooTotals } from './odoo-intent.types';

const TOLERANCE = new Decimal('0.01');

/**
 * Errors after which Odoo may have committed the call: no answer, a lost connection, a proxy page,
 * an unreadable answer, or anything that is not an Odoo fault.
 */
export function isAmbiguous(error: unknown): boolean {
  if (!(error instanceof OdooError)) return true;
  return [
    OdooErrorCode.Timeout,
    OdooErrorCode.NetworkError,
    OdooErrorCode.HttpError,
    OdooErrorCode.BadResponse,
  ].includes(error.code);
}

/** A value we send compared with the value Odoo reads back (many2one `[id, name]` vs id). */
export function sameValue(wanted: unknown, actual: unknown): boolean {
  const a =
    Array.isArray(actual) && actual.length === 2 && typeof actual[0] === 'number' ? actual[0] : actual;
  if (wanted === null || wanted === false) return a === false || a === null;
  return String(wanted) === String(a);
}

/** null when each total is within 0.01, else a text with both figures. */
export function compareTotals(expected: OdooTotals, odoo: OdooTotals): string | null {
  const parts: string[] = [];
  for (const [label, key] of [
    ['untaxed', 'untaxed'],
    ['tax', 'tax'],
    ['total', 'total'],
  ] as const) {
    if (expected[key].minus(odoo[key]).abs().gt(TOLERANCE)) {
      parts.push(`${label} ours ${expected[key].toFixed(2)} vs Odoo ${odoo[key].toFixed(2)}`);
    }
  }
  return parts.length ? parts.join('; ') : null;
}
