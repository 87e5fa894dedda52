import { accessError, pythonError, pyRepr, valueError } from '../errors';
import { describeField } from '../fields';
import { NONE, type ModelMethod } from '../models/model';
import type { AccessOperation, Env, Orm } from '../orm';
import { createRecords, unlinkRecords, writeRecords } from '../orm-write';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** The BaseModel methods clients call over XML-RPC, with Odoo 17's Python signatures. */
export const BASE_METHODS: Record<string, ModelMethod> = {
  search: {
    params: ['domain', 'offset', 'limit', 'order'],
    multi: false,
    run: (orm, env, _ids, a, model) =>
      orm.search(env, model, a.domain ?? [], { offset: a.offset, limit: a.limit, order: a.order }),
  },
  search_count: {
    params: ['domain', 'limit'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const n = orm.search(env, model, a.domain ?? []).length;
      return num(a.limit) ? Math.min(n, a.limit as number) : n;
    },
  },
  search_read: {
    params: ['domain', 'fields', 'offset', 'limit', 'order'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const ids = orm.search(env, model, a.domain ?? [], {
        offset: a.offset,
        limit: a.limit,
        order: a.order,
      });
      return orm.read(env, model, ids, a.fields);
    },
  },
  read: {
    params: ['fields', 'load'],
    multi: true,
    run: (orm, env, ids, a, model) => orm.read(env, model, ids, a.fields),
  },
  create: {
    params: ['vals_list'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const ids = createRecords(orm, env, model, a.vals_list);
      return Array.isArray(a.vals_list) ? ids : ids[0];
    },
  },
  write: {
    params: ['vals'],
    multi: true,
    run: (orm, env, ids, a, model) => writeRecords(orm, env, model, ids, a.vals),
  },
  unlink: {
    params: [],
    multi: true,
    run: (orm, env, ids, _a, model) => unlinkRecords(orm, env, model, ids),
  },
  exists: {
    params: [],
    multi: true,
    run: (orm, env, ids, _a, model) => ids.filter((id) => orm.get(model, id)),
  },
  name_search: {
    params: ['name', 'args', 'operator', 'limit'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const def = orm.model(model);
      const name = typeof a.name === 'string' ? a.name : '';
      const domain = [...((a.args as unknown[]) ?? [])];
      if (name) domain.push([def.recName ?? 'name', (a.operator as string) ?? 'ilike', name]);
      const ids = orm.search(env, model, domain, { limit: num(a.limit) ?? 100 });
      return ids.map((id) => [id, orm.displayName(model, orm.get(model, id) as never)]);
    },
  },
  fields_get: {
    params: ['allfields', 'attributes'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const wanted =
        Array.isArray(a.allfields) && a.allfields.length ? (a.allfields as string[]) : orm.fieldNames(model);
      const attrs =
        Array.isArray(a.attributes) && a.attributes.length ? (a.attributes as string[]) : undefined;
      const result: Record<string, unknown> = {};
      for (const f of wanted) {
        const field = orm.field(model, f);
        if (!field) continue;
        const d = describeField(f, field);
        result[f] = attrs ? Object.fromEntries(Object.entries(d).filter(([k]) => attrs.includes(k))) : d;
      }
      return result;
    },
  },
  // 17.0 odoo/models.py: check_access_rights(operation, raise_exception=True) → True | False | AccessError.
  check_access_rights: {
    params: ['operation', 'raise_exception'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const op = accessMode(a.operation);
      const allowed = !env.user.denied?.[model]?.includes(op);
      if (!allowed && a.raise_exception !== false) throw aclError(orm, model, op);
      return allowed;
    },
  },
  // 17.0 odoo/models.py: check_access_rule(operation) returns None (not marshallable over XML-RPC:
  // a TypeError fault after the check passed) or raises the record-rule AccessError.
  check_access_rule: {
    params: ['operation'],
    multi: true,
    run: (orm, env, ids, a, model) => {
      const op = accessMode(a.operation);
      const recs = ids.map((id) => orm.get(model, id)).filter((r) => r !== undefined);
      if (recs.some((r) => !orm.visible(env, model, r))) throw orm.ruleError(env, model, op);
      return NONE;
    },
  },
  default_get: {
    params: ['fields_list'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const def = orm.model(model);
      const out: Record<string, unknown> = {};
      for (const f of (a.fields_list as string[]) ?? []) {
        if (!orm.field(model, f)) throw valueError(`Invalid field ${pyRepr(f)} on model ${pyRepr(model)}`);
        // _inherits: a field of the parent takes the parent's default (as Odoo's default_get).
        const owner = def.fields[f] || !def.inherits ? def : orm.model(def.inherits.model);
        const fn = owner.defaults?.[f];
        if (fn) out[f] = fn(orm, env, {});
      }
      return out;
    },
  },
};

function accessMode(operation: unknown): AccessOperation {
  if (operation === 'read' || operation === 'write' || operation === 'create' || operation === 'unlink') {
    return operation;
  }
  throw pythonError('AssertionError', 'Invalid access mode');
}

/** The access operation each base method needs (ir.model.access, checked before anything else). */
export const METHOD_ACCESS: Record<string, AccessOperation> = {
  search: 'read',
  search_count: 'read',
  search_read: 'read',
  read: 'read',
  name_search: 'read',
  create: 'create',
  write: 'write',
  unlink: 'unlink',
};

/** ir.model.access._make_access_error (17.0 odoo/addons/base/models/ir_model.py). */
export function aclError(orm: Orm, model: string, op: AccessOperation) {
  const verb = { read: 'access', write: 'modify', create: 'create', unlink: 'delete' }[op];
  return accessError(
    `You are not allowed to ${verb} '${orm.model(model).description}' (${model}) records.\n\n` +
      'No group currently allows this operation.\n\n' +
      'Contact your administrator to request access if necessary.',
  );
}

export function checkAcl(orm: Orm, env: Env, model: string, method: string): void {
  const op = METHOD_ACCESS[method];
  if (op && env.user.denied?.[model]?.includes(op)) throw aclError(orm, model, op);
}
