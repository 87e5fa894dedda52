import type { FieldDef, OdooRecord } from '../fields';
import type { Env, Orm } from '../orm';

/** A Python method that returns None: the answer cannot be marshalled (after the commit). */
export const NONE = Symbol('None');

export interface ModelMethod {
  /** Python parameter names after `self` (for binding args and kwargs). */
  params: string[];
  /** Called on records: args[0] is the list of ids. */
  multi: boolean;
  run(orm: Orm, env: Env, ids: number[], args: Record<string, unknown>, model: string): unknown;
}

export interface ModelDef {
  name: string;
  description: string;
  fields: Record<string, FieldDef>;
  /** Odoo's _order. */
  order: string;
  /** Field used for display names and name searches. */
  recName?: string;
  /**
   * Record rule: 'optional' = company_id false or in the allowed companies, 'required' = in the
   * allowed companies, 'user' = res.company itself (the user's companies), 'none' = no rule.
   */
  companyRule: 'none' | 'optional' | 'required' | 'user';
  displayName?(orm: Orm, rec: OdooRecord): string;
  /** Computed (non-stored) fields, evaluated on read and search. */
  compute?: Record<string, (orm: Orm, rec: OdooRecord) => unknown>;
  /** Defaults, given the values being created (after context defaults). */
  defaults?: Record<string, (orm: Orm, env: Env, vals: Record<string, unknown>) => unknown>;
  /** Runs after the values are converted and before insertion (e.g. journal from company). */
  prepareCreate?(orm: Orm, env: Env, vals: Record<string, unknown>, given: Set<string>): void;
  methods?: Record<string, ModelMethod>;
  /** _inherits: values of the parent's fields create the parent record when the link is not given. */
  inherits?: { model: string; field: string };
  /** Business guards before a write (e.g. posted entries). */
  beforeWrite?(orm: Orm, env: Env, recs: OdooRecord[], vals: Record<string, unknown>): void;
  beforeUnlink?(orm: Orm, env: Env, recs: OdooRecord[]): void;
}

export const m2o = (relation: string, string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  type: 'many2one',
  relation,
  string,
  ...extra,
});
export const char = (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  type: 'char',
  string,
  ...extra,
});
export const company = (required = false): FieldDef => m2o('res.company', 'Company', { required });
