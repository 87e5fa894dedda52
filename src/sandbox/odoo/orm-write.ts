import { pyRepr, typeError, userError, valueError } from './errors';
import { convertScalar, isX2many, type FieldDef, type OdooRecord } from './fields';
import type { Env, Orm } from './orm';

type Vals = Record<string, unknown>;

/** create(): one dict or a list of dicts, as Odoo 17's @api.model_create_multi. */
export function createRecords(orm: Orm, env: Env, model: string, valsList: unknown): number[] {
  const list = Array.isArray(valsList) ? valsList : [valsList];
  return list.map((vals) => createOne(orm, env, model, vals));
}

export function createOne(orm: Orm, env: Env, model: string, rawVals: unknown): number {
  const def = orm.model(model);
  if (typeof rawVals !== 'object' || rawVals === null || Array.isArray(rawVals)) {
    throw typeError(`'${Array.isArray(rawVals) ? 'list' : typeof rawVals}' object is not a mapping`);
  }
  const vals: Vals = { ...(rawVals as Vals) };
  checkFieldNames(orm, model, vals);
  for (const [key, v] of Object.entries(env.context)) {
    const fname = key.startsWith('default_') ? key.slice(8) : '';
    if (fname && def.fields[fname] && !(fname in vals)) vals[fname] = v;
  }
  for (const [fname, fn] of Object.entries(def.defaults ?? {})) {
    if (!(fname in vals)) vals[fname] = fn(orm, env, vals);
  }
  if (def.inherits && !vals[def.inherits.field]) {
    const parentVals: Vals = {};
    for (const key of Object.keys(vals)) {
      const rel = def.fields[key] ? undefined : orm.field(model, key)?.related;
      if (rel?.[0] === def.inherits.field) {
        parentVals[rel[1]] = vals[key];
        delete vals[key];
      }
    }
    vals[def.inherits.field] = createOne(orm, env, def.inherits.model, parentVals);
  }
  const { stored, x2many, related } = convertValues(orm, model, vals);
  def.prepareCreate?.(orm, env, stored, new Set(Object.keys(vals)));
  for (const [fname, field] of Object.entries(def.fields)) {
    if (field.required && (stored[fname] === false || stored[fname] === undefined) && !field.computed) {
      throw mandatoryError(orm, model, fname, field);
    }
  }
  if (def.companyRule !== 'none' && def.companyRule !== 'user') {
    const c = stored.company_id;
    if (typeof c === 'number' ? !env.companyIds.includes(c) : def.companyRule === 'required') {
      throw orm.ruleError(env, model, 'create');
    }
  }
  const now = orm.now();
  const rec = orm.store.insert(model, { ...stored, create_date: now, write_date: now });
  try {
    checkLinks(orm, env, model, rec, Object.keys(stored));
    applyRelated(orm, env, model, rec, related);
    applyX2many(orm, env, model, rec, x2many);
  } catch (e) {
    // The transaction is rolled back: nothing of a failed create stays.
    deleteCascade(orm, model, rec.id);
    throw e;
  }
  return rec.id;
}

export function writeRecords(orm: Orm, env: Env, model: string, ids: number[], rawVals: unknown): true {
  const def = orm.model(model);
  if (typeof rawVals !== 'object' || rawVals === null || Array.isArray(rawVals)) {
    throw typeError(`'${typeof rawVals}' object is not a mapping`);
  }
  const recs = orm.browse(env, model, ids, 'write');
  const vals = rawVals as Vals;
  checkFieldNames(orm, model, vals);
  def.beforeWrite?.(orm, env, recs, vals);
  const { stored, x2many, related } = convertValues(orm, model, vals);
  for (const [fname, v] of Object.entries(stored)) {
    const field = def.fields[fname];
    if (field?.required && v === false) throw mandatoryError(orm, model, fname, field);
  }
  if (typeof stored.company_id === 'number' && !env.companyIds.includes(stored.company_id)) {
    throw orm.ruleError(env, model, 'write');
  }
  for (const rec of recs) {
    Object.assign(rec, stored, { write_date: orm.now() });
    checkLinks(orm, env, model, rec, Object.keys(stored));
    applyRelated(orm, env, model, rec, related);
    applyX2many(orm, env, model, rec, x2many);
  }
  return true;
}

export function unlinkRecords(orm: Orm, env: Env, model: string, ids: number[]): true {
  const recs = orm.browse(env, model, ids, 'unlink');
  orm.model(model).beforeUnlink?.(orm, env, recs);
  for (const id of ids) deleteCascade(orm, model, id);
  return true;
}

function deleteCascade(orm: Orm, model: string, id: number): void {
  orm.store.delete(model, id);
  for (const field of Object.values(orm.model(model).fields)) {
    if (field.type === 'one2many' && field.relation && field.inverse) {
      for (const child of orm.all(field.relation).filter((c) => c[field.inverse as string] === id)) {
        deleteCascade(orm, field.relation, child.id);
      }
    }
  }
}

function checkFieldNames(orm: Orm, model: string, vals: Vals): void {
  for (const key of Object.keys(vals)) {
    if (!orm.field(model, key)) throw valueError(`Invalid field ${pyRepr(key)} on model ${pyRepr(model)}`);
  }
}

function convertValues(orm: Orm, model: string, vals: Vals) {
  const stored: Vals = {};
  const x2many: [string, FieldDef, unknown][] = [];
  const related: [string, FieldDef, unknown][] = [];
  for (const [fname, raw] of Object.entries(vals)) {
    const field = orm.field(model, fname) as FieldDef;
    if (fname === 'id' || fname === 'display_name' || (fname.endsWith('_date') && field.readonly)) continue;
    if (field.related) {
      // A readonly related field is ignored on write, as Odoo does.
      if (!field.readonly) related.push([fname, field, raw]);
    } else if (field.computed) continue;
    else if (isX2many(field)) x2many.push([fname, field, raw]);
    else stored[fname] = convertScalar(model, fname, field, raw);
  }
  return { stored, x2many, related };
}

/** Many2one targets must exist, be readable (record rules) and be of the record's company (_check_company). */
function checkLinks(orm: Orm, env: Env, model: string, rec: OdooRecord, fnames: string[]): void {
  for (const fname of fnames) {
    const field = orm.field(model, fname) as FieldDef;
    if (field.type !== 'many2one' || typeof rec[fname] !== 'number') continue;
    checkTargets(orm, env, model, rec, fname, field, [rec[fname] as number]);
  }
}

function checkTargets(
  orm: Orm,
  env: Env,
  model: string,
  rec: OdooRecord,
  fname: string,
  field: FieldDef,
  ids: number[],
) {
  const comodel = field.relation as string;
  const targets = ids.map((id) => orm.get(comodel, id));
  const missing = ids.filter((_, i) => !targets[i]);
  if (missing.length) throw orm.missingError(env, comodel, missing);
  const found = targets as OdooRecord[];
  if (found.some((t) => !orm.visible(env, comodel, t))) throw orm.ruleError(env, comodel, 'read');
  const own = orm.companyOf(model, rec);
  if (!field.checkCompany || own === false) return;
  const foreign = found.filter((t) => {
    const c = orm.companyOf(comodel, t);
    return c !== false && c !== own;
  });
  if (foreign.length) {
    const company = orm.get('res.company', own);
    throw userError(
      'Incompatible companies on records:\n' +
        `- ${pyRepr(orm.displayName(model, rec))} belongs to company ${pyRepr(company?.name)} and ` +
        `${pyRepr(field.string)} (${fname}: ${foreign.map((t) => pyRepr(orm.displayName(comodel, t))).join(', ')}) ` +
        'belongs to another company.',
    );
  }
}

function applyRelated(
  orm: Orm,
  env: Env,
  model: string,
  rec: OdooRecord,
  related: [string, FieldDef, unknown][],
) {
  const byTarget = new Map<string, Vals>();
  for (const [, field, raw] of related) {
    const [via, target] = field.related as string[];
    byTarget.set(via, { ...(byTarget.get(via) ?? {}), [target]: raw });
  }
  for (const [via, vals] of byTarget) {
    const viaField = orm.field(model, via) as FieldDef;
    if (typeof rec[via] === 'number')
      writeRecords(orm, env, viaField.relation as string, [rec[via] as number], vals);
  }
}

/** x2many commands: [0,0,vals] create, [1,id,vals] update, [2,id] delete, [3,id] unlink, [4,id] link, [5] clear, [6,0,ids] set. */
function applyX2many(
  orm: Orm,
  env: Env,
  model: string,
  rec: OdooRecord,
  items: [string, FieldDef, unknown][],
) {
  for (const [fname, field, raw] of items) {
    const comodel = field.relation as string;
    const commands = Array.isArray(raw) && raw.every((c) => typeof c === 'number') ? [[6, 0, raw]] : raw;
    if (raw === false) continue;
    if (!Array.isArray(commands)) throw valueError(`Wrong value for ${model}.${fname}: ${pyRepr(raw)}`);
    let ids = [...(orm.value(model, rec, fname) as number[])];
    for (const cmd of commands as unknown[]) {
      if (!Array.isArray(cmd) || typeof cmd[0] !== 'number') {
        throw valueError(`Wrong value for ${model}.${fname}: ${pyRepr(raw)}`);
      }
      const [code, id, arg] = cmd as [number, number, unknown];
      if (code === 0) {
        const vals =
          field.type === 'one2many' ? { ...(arg as Vals), [field.inverse as string]: rec.id } : arg;
        ids.push(createOne(orm, env, comodel, vals));
      } else if (code === 1) writeRecords(orm, env, comodel, [id], arg);
      else if (code === 2 || (code === 3 && field.type === 'one2many')) {
        unlinkRecords(orm, env, comodel, [id]);
        ids = ids.filter((x) => x !== id);
      } else if (code === 3) ids = ids.filter((x) => x !== id);
      else if (code === 4) ids = ids.includes(id) ? ids : [...ids, id];
      else if (code === 5) ids = [];
      else if (code === 6)
        ids = [...new Set((arg as unknown[]).filter((x): x is number => typeof x === 'number'))];
      else throw valueError(`Wrong value for ${model}.${fname}: ${pyRepr(raw)}`);
    }
    if (field.type === 'many2many') {
      checkTargets(orm, env, model, rec, fname, field, ids);
      rec[fname] = ids;
    }
  }
}

export function mandatoryError(orm: Orm, model: string, fname: string, field: FieldDef) {
  return userError(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${orm.model(model).description} (${model})\n` +
      `Field: ${field.string} (${fname})\n`,
  );
}
