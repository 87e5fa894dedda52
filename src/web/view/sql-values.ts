import { Decimal } from '../../common/money';

/** Raw SQL values differ by driver (MySQL: DATE → Date, DECIMAL → string; SQLite: text, REAL). */
export function dayOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

export function decimalOf(value: unknown): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  return new Decimal(value as string | number);
}

export function intOf(value: unknown): number {
  return Number(value ?? 0) || 0;
}

/** A LIKE pattern matching `text` anywhere, for `LIKE :p ESCAPE '!'` (same on MySQL and SQLite). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** A LIKE pattern matching values starting with `text` (an index range), for `LIKE :p ESCAPE '!'`. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
