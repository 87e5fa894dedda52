import DecimalJs from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/** The one money type: an exact decimal, rounded half-up like Odoo. Never use JS floats for money. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export function dec(value: DecimalJs.Value): Decimal {
  return new Decimal(value);
}

/** Rounds to cents (amounts). */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Rounds to 4 places (unit prices, converted quantities). */
export function round4(value: Decimal): Decimal {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a JSON number or a numeric string (with '.' or ',' as decimal separator) into a Decimal.
 * Returns null for anything else, so that callers can report the field by name.
 */
export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(',', '.');
  return NUMERIC.test(text) ? new Decimal(text) : null;
}

/**
 * TypeORM transformer for DECIMAL columns: MySQL returns them as strings, SQLite as numbers;
 * both become a Decimal, and a Decimal is written as a fixed-point string of the column's scale.
 */
export class DecimalTransformer implements ValueTransformer {
  constructor(private readonly scale: number) {}

  to(value: Decimal | null | undefined): string | null | undefined {
    if (value === undefined || value === null) return value;
    if (!(value instanceof DecimalJs)) return toFixed(new Decimal(value as DecimalJs.Value), this.scale);
    return toFixed(value, this.scale);
  }

  from(value: string | number | null): Decimal | null {
    if (value === null || value === undefined) return null;
    return new Decimal(value);
  }
}

/**
 * `value.toFixed(scale)`, the same text, without decimal.js' rounded copy when nothing is to be
 * rounded (the usual case: Urcoopa sends at most the column's scale). The import writes a few
 * values per line: this is most of the cost of converting them.
 */
export function toFixed(value: DecimalJs, scale: number): string {
  if (!value.isFinite()) return value.toFixed(scale);
  const places = value.decimalPlaces();
  if (places > scale) return value.toFixed(scale);
  const text = value.toString();
  if (text.includes('e')) return value.toFixed(scale);
  if (places === scale) return text;
  return places === 0 ? `${text}.${'0'.repeat(scale)}` : text + '0'.repeat(scale - places);
}

/** Column options for a DECIMAL money column, used by every entity. */
export function decimalColumn(precision: number, scale: number, nullable = true) {
  return {
    type: 'decimal' as const,
    precision,
    scale,
    nullable,
    transformer: new DecimalTransformer(scale),
  };
}
