import { pyRepr, valueError } from '../errors';
import { describeField } from '../fields';
import type { ModelMethod } from '../models/model';
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
  default_get: {
    params: ['fields_list'],
    multi: false,
    run: (orm, env, _ids, a, model) => {
      const def = orm.model(model);
      const out: Record<string, unknown> = {};
      for (const f of (a.fields_list as string[]) ?? []) {
        if (!orm.field(model, f)) throw valueError(`Invalid field ${pyRepr(f)} on model ${pyRepr(model)}`);
        const fn = def.defaults?.[f];
        if (fn) out[f] = fn(orm, env, {});
      }
      return out;
    },
  },
};
