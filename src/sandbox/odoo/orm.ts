import { compileDomain, type DomainHost } from './domain';
import { accessError, pyRepr, userError, valueError } from './errors';
import { isX2many, type FieldDef, type OdooRecord } from './fields';
import type { ModelDef } from './models/model';
import type { Store } from './store';

export interface SandboxUser {
  id: number;
  login: string;
  password: string;
  name: string;
  /** Default company (env.company without context). */
  companyId: number;
  /** Allowed companies (env.companies without context). */
  companyIds: number[];
  /** res.users.tz (the business time zone of the user). */
  tz?: string;
  /** Operations the user's groups do not grant, per model (ir.model.access); default: all granted. */
  denied?: Record<string, AccessOperation[]>;
}

export type AccessOperation = 'read' | 'write' | 'create' | 'unlink';

export interface Env {
  uid: number;
  user: SandboxUser;
  /** The active companies: context.allowed_company_ids or all the user's companies. */
  companyIds: number[];
  /** env.company: the first allowed company, or the user's default company. */
  companyId: number;
  context: Record<string, unknown>;
}

/** A float as Python marshals it (<double>), even when its value is whole. */
export class PyDouble {
  constructor(readonly value: number) {}
}

const MAGIC: Record<string, FieldDef> = {
  id: { type: 'integer', string: 'ID', readonly: true },
  display_name: { type: 'char', string: 'Display Name', computed: true },
  create_date: { type: 'datetime', string: 'Created on', readonly: true },
  write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
};

const REUNION_OFFSET_MS = 4 * 3600 * 1000;

/** Reading side of the ORM: values (stored, related, computed), rules, search, read. */
export class Orm implements DomainHost {
  private readonly inherited = new Map<string, FieldDef | undefined>();

  constructor(
    readonly store: Store,
    readonly models: Map<string, ModelDef>,
    readonly clock: () => Date,
  ) {}

  model(name: string): ModelDef {
    const def = this.models.get(name);
    if (!def) throw userError(`Object ${name} doesn't exist`);
    return def;
  }

  field(model: string, fname: string): FieldDef | undefined {
    const def = this.models.get(model);
    const own = def?.fields[fname];
    if (own || !def?.inherits) return own ?? MAGIC[fname];
    // _inherits: the parent's fields, read and written through the link (Odoo's inherited fields).
    const key = `${model}.${fname}`;
    if (this.inherited.has(key)) return this.inherited.get(key);
    const parent = this.field(def.inherits.model, fname);
    const field =
      !parent || MAGIC[fname]
        ? MAGIC[fname]
        : { ...parent, required: false, related: [def.inherits.field, fname] };
    this.inherited.set(key, field);
    return field;
  }

  fieldNames(model: string): string[] {
    const def = this.model(model);
    const inherited = def.inherits ? this.fieldNames(def.inherits.model) : [];
    return [...new Set([...Object.keys(def.fields), ...inherited, ...Object.keys(MAGIC)])];
  }

  get(model: string, id: number): OdooRecord | undefined {
    return this.store.get(model, id);
  }

  all(model: string): OdooRecord[] {
    return this.store.all(model);
  }

  value(model: string, rec: OdooRecord, fname: string): unknown {
    if (fname === 'id') return rec.id;
    if (fname === 'display_name') return this.displayName(model, rec);
    const def = this.model(model);
    const field = this.field(model, fname);
    if (!field) throw valueError(`Invalid field ${pyRepr(fname)} on model ${pyRepr(model)}`);
    if (field.related) {
      const [via, ...rest] = field.related;
      const target = this.value(model, rec, via);
      const viaModel = this.field(model, via)?.relation as string;
      const targetRec = typeof target === 'number' ? this.get(viaModel, target) : undefined;
      return targetRec ? this.value(viaModel, targetRec, rest.join('.')) : isX2many(field) ? [] : false;
    }
    const compute = def.compute?.[fname];
    if (compute) return compute(this, rec);
    if (field.type === 'one2many') {
      return this.all(field.relation as string)
        .filter((c) => c[field.inverse as string] === rec.id)
        .map((c) => c.id);
    }
    const v = rec[fname];
    if (v === undefined) return field.type === 'many2many' ? [] : defaultEmpty(field);
    return v;
  }

  displayName(model: string, rec: OdooRecord): string {
    const def = this.model(model);
    if (def.displayName) return def.displayName(this, rec);
    const v = rec[def.recName ?? 'name'];
    return typeof v === 'string' ? v : `${model},${rec.id}`;
  }

  companyOf(model: string, rec: OdooRecord): number | false {
    const v = this.field(model, 'company_id') ? this.value(model, rec, 'company_id') : false;
    return typeof v === 'number' ? v : false;
  }

  /** Odoo's multi-company record rules. */
  visible(env: Env, model: string, rec: OdooRecord): boolean {
    const rule = this.model(model).companyRule;
    if (rule === 'none') return true;
    if (rule === 'user') return env.user.companyIds.includes(rec.id);
    const c = this.companyOf(model, rec);
    return c === false ? rule === 'optional' : env.companyIds.includes(c);
  }

  /** ir.rule's _make_access_error for a user outside debug mode (Odoo 17). */
  ruleError(env: Env, model: string, operation: 'read' | 'write' | 'create' | 'unlink') {
    return accessError(
      'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
        `Sorry, ${env.user.name} (id=${env.uid}) doesn't have '${operation}' access to:\n` +
        `- ${this.model(model).description} (${model})\n\n` +
        'If you really, really need access, perhaps you can win over your friendly administrator ' +
        'with a batch of freshly baked cookies.',
    );
  }

  missingError(env: Env, model: string, ids: number[]) {
    const tuple = `(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`;
    return userError(
      `Record does not exist or has been deleted.\n(Record: ${model}${tuple}, User: ${env.uid})`,
    );
  }

  /** The records of `ids`, raising MissingError / the record-rule error like Odoo's access checks. */
  browse(env: Env, model: string, ids: number[], operation: 'read' | 'write' | 'unlink'): OdooRecord[] {
    const recs = ids.map((id) => this.get(model, id));
    const missing = ids.filter((_, i) => !recs[i]);
    if (missing.length) throw this.missingError(env, model, missing);
    const found = recs as OdooRecord[];
    if (found.some((r) => !this.visible(env, model, r))) throw this.ruleError(env, model, operation);
    return found;
  }

  search(
    env: Env,
    model: string,
    domain: unknown,
    opts: { offset?: unknown; limit?: unknown; order?: unknown } = {},
  ): number[] {
    const def = this.model(model);
    const pred = compileDomain(this, model, domain);
    const activeTest =
      Boolean(def.fields.active) && env.context.active_test !== false && !mentionsActive(domain);
    let rows = this.all(model).filter(
      (r) => this.visible(env, model, r) && (!activeTest || r.active !== false) && pred(r),
    );
    rows = this.sort(model, rows, typeof opts.order === 'string' && opts.order ? opts.order : def.order);
    const offset = typeof opts.offset === 'number' ? opts.offset : 0;
    const limit = typeof opts.limit === 'number' && opts.limit > 0 ? opts.limit : undefined;
    return rows.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => r.id);
  }

  sort(model: string, rows: OdooRecord[], order: string): OdooRecord[] {
    const keys = order.split(',').map((part) => {
      const words = part.trim().split(/\s+/);
      const [fname, dir = 'asc', nulls] = words;
      const badSpec = words.length > 4 || !/^[a-z0-9_.]+$/i.test(fname ?? '') || !/^(asc|desc)$/i.test(dir);
      if (badSpec || nulls !== undefined) {
        throw valueError(
          `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list ` +
            'of valid field names (optionally followed by asc/desc for the direction)',
        );
      }
      const field = this.field(model, fname);
      if (!field) throw valueError(`Invalid field ${pyRepr(fname)} on model ${pyRepr(model)}`);
      return { fname, field, desc: dir.toLowerCase() === 'desc' };
    });
    const sortValue = (rec: OdooRecord, fname: string, field: FieldDef): unknown => {
      const v = this.value(model, rec, fname);
      if (field.type === 'many2one' && typeof v === 'number') {
        const target = this.get(field.relation as string, v);
        return target ? this.displayName(field.relation as string, target).toLowerCase() : v;
      }
      return typeof v === 'string' ? v.toLowerCase() : v;
    };
    return [...rows].sort((a, b) => {
      for (const { fname, field, desc } of keys) {
        const va = sortValue(a, fname, field);
        const vb = sortValue(b, fname, field);
        const na = va === false || va === null;
        const nb = vb === false || vb === null;
        if (na || nb) {
          if (na && nb) continue;
          // PostgreSQL: NULLS LAST for ASC, NULLS FIRST for DESC.
          return (na ? 1 : -1) * (desc ? -1 : 1);
        }
        const c =
          typeof va === 'number' && typeof vb === 'number'
            ? va - vb
            : String(va) < String(vb)
              ? -1
              : String(va) > String(vb)
                ? 1
                : 0;
        if (c !== 0) return desc ? -c : c;
      }
      return a.id - b.id;
    });
  }

  /** read(): Odoo 17's read format (false for empty, [id, name] for many2one, ids for x2many). */
  read(env: Env, model: string, ids: number[], fields?: unknown): Record<string, unknown>[] {
    const names = Array.isArray(fields) && fields.length ? (fields as unknown[]) : this.fieldNames(model);
    for (const f of names) {
      if (typeof f !== 'string' || !this.field(model, f)) {
        throw valueError(`Invalid field ${pyRepr(f)} on model ${pyRepr(model)}`);
      }
    }
    const existing = ids.map((id) => this.get(model, id)).filter((r): r is OdooRecord => r !== undefined);
    if (existing.some((r) => !this.visible(env, model, r))) throw this.ruleError(env, model, 'read');
    return existing.map((rec) => {
      const row: Record<string, unknown> = { id: rec.id };
      for (const f of names as string[]) row[f] = this.toRead(model, rec, f);
      return row;
    });
  }

  toRead(model: string, rec: OdooRecord, fname: string): unknown {
    const field = this.field(model, fname) as FieldDef;
    const v = this.value(model, rec, fname);
    if (field.type === 'many2one') {
      if (typeof v !== 'number') return false;
      const target = this.get(field.relation as string, v);
      return target ? [v, this.displayName(field.relation as string, target)] : false;
    }
    if (field.type === 'float' || field.type === 'monetary') return new PyDouble(Number(v) || 0);
    if (v === undefined || v === null) return false;
    return v;
  }

  /** fields.Date.context_today for a user in Indian/Reunion. */
  today(): string {
    return new Date(this.clock().getTime() + REUNION_OFFSET_MS).toISOString().slice(0, 10);
  }

  now(): string {
    return this.clock().toISOString().slice(0, 19).replace('T', ' ');
  }
}

function defaultEmpty(field: FieldDef): unknown {
  if (field.type === 'integer' || field.type === 'float' || field.type === 'monetary') return 0;
  return false;
}

function mentionsActive(domain: unknown): boolean {
  return Array.isArray(domain) && domain.some((leaf) => Array.isArray(leaf) && leaf[0] === 'active');
}
