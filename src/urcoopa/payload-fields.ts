import { Decimal, parseDecimal } from '../common/money';
import { isIsoDay } from '../common/reunion-time';

/** Why a record was refused: the record, the field (path) and a readable reason. */
export interface PayloadRejection {
  /** e.g. 'facture 251004512', 'BL 7804521'. */
  record: string;
  /** Urcoopa key of the record (null when the number itself is missing). */
  key: string | null;
  /** e.g. 'Detail[2].Quantite_Facturee'. */
  field: string;
  code: RejectionCode;
  message: string;
  /** The record exactly as received. */
  raw: unknown;
}

export type RejectionCode =
  | 'NOT_AN_OBJECT'
  | 'MISSING'
  | 'WRONG_TYPE'
  | 'BAD_DATE'
  | 'BAD_VALUE'
  | 'TOO_LONG'
  | 'TOO_PRECISE'
  | 'DUPLICATE_LINE'
  | 'DUPLICATE_RECORD'
  | 'NO_LINES'
  | 'AMOUNT_MISMATCH';

/** Thrown by a reader at the first bad field of a record; the record is then rejected whole. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Typed access to the fields of one JSON object, naming the field in every problem. */
export class FieldReader {
  constructor(
    private readonly object: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  private path(name: string): string {
    return `${this.prefix}${name}`;
  }

  private value(name: string, required: boolean): unknown {
    const value = this.object[name];
    if (value === undefined || value === null || value === '') {
      if (required) throw new FieldProblem(this.path(name), 'MISSING', `${this.path(name)} is missing`);
      return null;
    }
    return value;
  }

  /** A string (numbers are accepted and turned into their text: numeric codes). */
  text(name: string, maxLength: number, required = false): string | null {
    const value = this.value(name, required);
    if (value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new FieldProblem(
        this.path(name),
        'WRONG_TYPE',
        `${this.path(name)} must be a text, got ${show(value)}`,
      );
    const text = String(value).trim();
    if (text.length > maxLength)
      throw new FieldProblem(
        this.path(name),
        'TOO_LONG',
        `${this.path(name)} is longer than ${maxLength} characters (${text.length})`,
      );
    return text === '' && !required ? null : text;
  }

  /**
   * A free text kept exactly as sent: '' stays '', null stays null, spaces are kept. Rules that
   * need a normalised value compute it (see normalisedForHash in urcoopa-payload.ts).
   */
  textAsSent(name: string, maxLength: number): string | null {
    const value = this.object[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new FieldProblem(
        this.path(name),
        'WRONG_TYPE',
        `${this.path(name)} must be a text, got ${show(value)}`,
      );
    const text = String(value);
    if (text.length > maxLength)
      throw new FieldProblem(
        this.path(name),
        'TOO_LONG',
        `${this.path(name)} is longer than ${maxLength} characters (${text.length})`,
      );
    return text;
  }

  requiredText(name: string, maxLength: number): string {
    return this.text(name, maxLength, true)!;
  }

  /** A JSON number or numeric string, with at most `scale` decimals (the column's). */
  decimal(name: string, scale: number, required = false): Decimal | null {
    const value = this.value(name, required);
    if (value === null) return null;
    const parsed = parseDecimal(value);
    if (parsed === null)
      throw new FieldProblem(
        this.path(name),
        'WRONG_TYPE',
        `${this.path(name)} must be a number, got ${show(value)}`,
      );
    if (parsed.decimalPlaces() > scale)
      throw new FieldProblem(
        this.path(name),
        'TOO_PRECISE',
        `${this.path(name)} has more than ${scale} decimals (${parsed.toString()})`,
      );
    if (parsed.abs().gte(new Decimal(10).pow(10)))
      throw new FieldProblem(
        this.path(name),
        'BAD_VALUE',
        `${this.path(name)} is out of range (${parsed.toString()})`,
      );
    return parsed;
  }

  requiredDecimal(name: string, scale: number): Decimal {
    return this.decimal(name, scale, true)!;
  }

  /** An integer (a JSON number or an integer string). */
  int(name: string, required = false): number | null {
    const value = this.value(name, required);
    if (value === null) return null;
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < 0 || parsed > 2_147_483_647)
      throw new FieldProblem(
        this.path(name),
        'WRONG_TYPE',
        `${this.path(name)} must be a whole number, got ${show(value)}`,
      );
    return parsed;
  }

  requiredInt(name: string): number {
    return this.int(name, true)!;
  }

  /** A day 'YYYY-MM-DD'. */
  day(name: string, required = false): string | null {
    const value = this.value(name, required);
    if (value === null) return null;
    if (typeof value !== 'string' || !isIsoDay(value.trim()))
      throw new FieldProblem(
        this.path(name),
        'BAD_DATE',
        `${this.path(name)} must be a date YYYY-MM-DD, got ${show(value)}`,
      );
    return value.trim();
  }

  requiredDay(name: string): string {
    return this.day(name, true)!;
  }

  /** One of the allowed codes (compared without case; returned as listed). */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.value(name, true);
    const found = allowed.find((a) => typeof value === 'string' && a === value.trim().toUpperCase());
    if (!found)
      throw new FieldProblem(
        this.path(name),
        'BAD_VALUE',
        `${this.path(name)} must be one of ${allowed.join(', ')}, got ${show(value)}`,
      );
    return found;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
