import Decimal from 'decimal.js';
import { pyRepr, typeError, valueError } from './errors';

export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many'
  | 'json';

/** A stored record: cache-format values (many2one → id | false, x2many → ids, dates → strings). */
export type OdooRecord = Record<string, unknown> & { id: number };

export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  /** one2many: the many2one field of the comodel pointing back. */
  inverse?: string;
  selection?: [string, string][];
  /** NOT NULL column: missing on create → Odoo's "mandatory field is not set" ValidationError. */
  required?: boolean;
  /** Computed on read, not writable (the ORM silently ignores writes to it). */
  computed?: boolean;
  /** Related through a many2one, e.g. ['product_tmpl_id', 'name']: read follows it, write writes the target. */
  related?: string[];
  /** Decimal places kept for floats (Odoo's decimal precision). */
  digits?: number;
  /** Many2one checked by Odoo's _check_company against the record's company. */
  checkCompany?: boolean;
  readonly?: boolean;
}

export function isX2many(field: FieldDef): boolean {
  return field.type === 'one2many' || field.type === 'many2many';
}

export function roundTo(value: number, digits: number): number {
  return new Decimal(value).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toNumber();
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function validDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
}

/**
 * Converts an incoming XML-RPC value for a scalar field to its stored form, raising what Odoo 17
 * raises for values it cannot convert (x2many values are handled by the command interpreter).
 */
export function convertScalar(modelName: string, fname: string, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) value = false;
  if (value instanceof Date && (field.type === 'date' || field.type === 'datetime')) {
    // xmlrpc.client.loads gives an xmlrpc.client.DateTime, which Date.to_date() cannot slice.
    throw typeError("'DateTime' object is not subscriptable");
  }
  switch (field.type) {
    case 'char':
    case 'text':
    case 'html':
      if (value === false) return false;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || value === true) return String(value === true ? 'True' : value);
      throw typeError(`expected string or bytes-like object, got ${pyRepr(value)}`);
    case 'integer': {
      if (value === false) return 0;
      if (value === true) return 1;
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'string' && !/^\s*[-+]?\d+\s*$/.test(value)) {
        throw valueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
      }
      return Math.trunc(n);
    }
    case 'float':
    case 'monetary': {
      if (value === false) return 0;
      if (value === true) return 1;
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'string' && (value.trim() === '' || Number.isNaN(n))) {
        throw valueError(`could not convert string to float: ${pyRepr(value)}`);
      }
      if (typeof value !== 'number' && typeof value !== 'string') {
        throw typeError(`float() argument must be a string or a real number, not '${typeof value}'`);
      }
      return field.digits !== undefined ? roundTo(n, field.digits) : n;
    }
    case 'boolean':
      return Boolean(value);
    case 'date': {
      if (value === false || value === '') return false;
      if (typeof value !== 'string') throw typeError(`'${typeof value}' object is not subscriptable`);
      const s = value.slice(0, 10);
      if (!DATE_RE.test(s) || !validDate(s)) {
        throw valueError(`time data ${pyRepr(s)} does not match format '%Y-%m-%d'`);
      }
      return s;
    }
    case 'datetime': {
      if (value === false || value === '') return false;
      if (typeof value !== 'string') throw typeError(`'${typeof value}' object is not subscriptable`);
      const s = value.length === 10 ? `${value} 00:00:00` : value.slice(0, 19);
      if (!DATETIME_RE.test(s) || !validDate(s)) {
        throw valueError(`time data ${pyRepr(value.slice(0, 19))} does not match format '%Y-%m-%d %H:%M:%S'`);
      }
      return s;
    }
    case 'selection': {
      if (value === false) return false;
      if (!field.selection?.some(([k]) => k === value)) {
        throw valueError(`Wrong value for ${modelName}.${fname}: ${pyRepr(value)}`);
      }
      return value;
    }
    case 'many2one': {
      if (value === false || value === 0) return false;
      if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw valueError(`Wrong value for ${modelName}.${fname}: ${pyRepr(value)}`);
      }
      return value;
    }
    case 'json':
      if (value === false) return false;
      if (typeof value !== 'object')
        throw valueError(`Wrong value for ${modelName}.${fname}: ${pyRepr(value)}`);
      return value;
    default:
      return value;
  }
}

/** One field's description as fields_get() gives it (the attributes clients look at). */
export function describeField(fname: string, field: FieldDef): Record<string, unknown> {
  const d: Record<string, unknown> = {
    type: field.type === 'json' ? 'json' : field.type,
    string: field.string,
    required: Boolean(field.required),
    readonly: Boolean(field.computed || field.readonly),
    store: !field.computed && !field.related,
    name: fname,
  };
  if (field.relation) d.relation = field.relation;
  if (field.inverse) d.relation_field = field.inverse;
  if (field.selection) d.selection = field.selection;
  if (field.digits !== undefined) d.digits = [16, field.digits];
  return d;
}
