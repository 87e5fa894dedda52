import { pyRepr, pyTuple, pythonError, valueError } from './errors';
import { isX2many, type FieldDef, type OdooRecord } from './fields';

/** What the domain evaluator needs from the ORM (or from a unit test's fake). */
export interface DomainHost {
  field(model: string, fname: string): FieldDef | undefined;
  value(model: string, rec: OdooRecord, fname: string): unknown;
  get(model: string, id: number): OdooRecord | undefined;
  all(model: string): OdooRecord[];
  displayName(model: string, rec: OdooRecord): string;
}

export type Predicate = (rec: OdooRecord) => boolean;

const OPERATORS = new Set([
  '=', '!=', '<=', '<', '>', '>=', '=?', '=like', '=ilike', 'like', 'not like', 'ilike', 'not ilike',
  'in', 'not in', 'child_of', 'parent_of', 'any', 'not any',
]); // prettier-ignore
const NEGATIVE = new Set(['!=', 'not like', 'not ilike', 'not in', 'not any']);
const TRUE: Predicate = () => true;
const FALSE: Predicate = () => false;

/**
 * Compiles an Odoo domain (prefix notation, implicit '&' between terms) into a predicate over
 * the records of `model`, raising Odoo 17's errors for bad fields, operators and syntax.
 */
export function compileDomain(host: DomainHost, model: string, domain: unknown): Predicate {
  if (domain === false || domain === null || domain === undefined) return TRUE;
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  let i = 0;
  const syntaxError = () =>
    pythonError('AssertionError', `This domain is syntactically not correct: ${pyRepr(domain)}`);
  const term = (): Predicate => {
    if (i >= domain.length) throw syntaxError();
    const t: unknown = domain[i++];
    if (t === '&' || t === '|') {
      const a = term();
      const b = term();
      return t === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r);
    }
    if (t === '!') {
      const a = term();
      return (r) => !a(r);
    }
    return compileLeaf(host, model, t);
  };
  const terms: Predicate[] = [];
  while (i < domain.length) terms.push(term());
  return (r) => terms.every((p) => p(r));
}

function compileLeaf(host: DomainHost, model: string, leaf: unknown): Predicate {
  if (!Array.isArray(leaf) || leaf.length !== 3 || typeof leaf[1] !== 'string') {
    throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
  }
  const [left, rawOp, right] = leaf as [unknown, string, unknown];
  if (left === 1 && rawOp === '=' && right === 1) return TRUE;
  if (left === 0 && rawOp === '=' && right === 1) return FALSE;
  let op = rawOp.toLowerCase();
  if (op === '<>') op = '!=';
  if (op === '==') op = '=';
  if (!OPERATORS.has(op) || typeof left !== 'string') throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
  const path = left.split('.');
  const fname = path[0];
  const field = host.field(model, fname);
  if (!field) throw valueError(`Invalid field ${model}.${fname} in leaf ${pyTuple([left, op, right])}`);
  if (path.length > 1) {
    if (!field.relation || field.type === 'json') {
      throw valueError(`Invalid field ${model}.${fname} in leaf ${pyTuple([left, op, right])}`);
    }
    const sub = compileLeaf(host, field.relation, [path.slice(1).join('.'), op, right]);
    return anyOf(host, model, fname, field, sub);
  }
  if (op === '=?') {
    if (right === false || right === null) return TRUE;
    op = '=';
  }
  if (op === 'any' || op === 'not any') {
    if (!field.relation) throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
    const sub = anyOf(host, model, fname, field, compileDomain(host, field.relation, right));
    return op === 'any' ? sub : (r) => !sub(r);
  }
  if (op === 'child_of' || op === 'parent_of') {
    const target = fname === 'id' ? model : field.relation;
    if (!target) throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
    const ids = hierarchy(host, target, toList(right), op === 'child_of');
    return (r) => valueIds(host, model, r, fname, field).some((id) => ids.has(id));
  }
  if (field.type === 'many2one' || isX2many(field))
    return relationalLeaf(host, model, fname, field, op, right);
  return (r) => compare(field, op, host.value(model, r, fname), right);
}

function anyOf(host: DomainHost, model: string, fname: string, field: FieldDef, sub: Predicate): Predicate {
  const comodel = field.relation as string;
  return (r) =>
    valueIds(host, model, r, fname, field).some((id) => {
      const target = host.get(comodel, id);
      return target !== undefined && sub(target);
    });
}

function valueIds(
  host: DomainHost,
  model: string,
  rec: OdooRecord,
  fname: string,
  field: FieldDef,
): number[] {
  if (fname === 'id') return [rec.id];
  const v = host.value(model, rec, fname);
  if (field.type === 'many2one') return typeof v === 'number' ? [v] : [];
  return Array.isArray(v) ? (v as number[]) : [];
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function hierarchy(host: DomainHost, model: string, ids: unknown[], down: boolean): Set<number> {
  const result = new Set(ids.filter((x): x is number => typeof x === 'number'));
  const parentField = host.field(model, 'parent_id');
  if (!parentField) return result;
  let grew = true;
  while (grew) {
    grew = false;
    for (const rec of host.all(model)) {
      const parent = host.value(model, rec, 'parent_id');
      if (typeof parent !== 'number') continue;
      const [from, to] = down ? [parent, rec.id] : [rec.id, parent];
      if (result.has(from) && !result.has(to)) {
        result.add(to);
        grew = true;
      }
    }
  }
  return result;
}

/** many2one / x2many leaves: ids, False, or names matched against the comodel's display names. */
function relationalLeaf(
  host: DomainHost,
  model: string,
  fname: string,
  field: FieldDef,
  op: string,
  right: unknown,
): Predicate {
  const comodel = field.relation as string;
  const negative = NEGATIVE.has(op);
  const values = op === 'in' || op === 'not in' ? toList(right) : [right];
  const byName = values.some((v) => typeof v === 'string');
  let ids: Set<number>;
  let matchEmpty = values.includes(false) || values.includes(null);
  if (['<', '<=', '>', '>='].includes(op)) {
    return (r) => valueIds(host, model, r, fname, field).some((id) => compare(field, op, id, right));
  }
  if (byName) {
    const positive = negative ? (op === '!=' ? '=' : op.replace('not ', '')) : op;
    const names = values.filter((v): v is string => typeof v === 'string');
    ids = new Set(
      host
        .all(comodel)
        .filter((c) =>
          names.some((n) =>
            compare(
              { type: 'char', string: '' },
              positive === 'in' ? '=' : positive,
              host.displayName(comodel, c),
              n,
            ),
          ),
        )
        .map((c) => c.id),
    );
  } else {
    ids = new Set(values.filter((v): v is number => typeof v === 'number'));
    if (op.includes('like')) matchEmpty = false;
  }
  return (r) => {
    const own = valueIds(host, model, r, fname, field);
    const hit = own.some((id) => ids.has(id)) || (matchEmpty && own.length === 0);
    return negative ? !hit : hit;
  };
}

function likeRegex(pattern: string, insensitive: boolean, anchored: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${re}$` : re, insensitive ? 'is' : 's');
}

const isNull = (v: unknown) => v === false || v === null || v === undefined;

/** One scalar comparison with PostgreSQL's semantics as Odoo 17 writes them (NULLs, LIKE, dates). */
export function compare(field: FieldDef, op: string, actual: unknown, right: unknown): boolean {
  if (field.type === 'boolean' && (op === '=' || op === '!=') && typeof right === 'boolean') {
    return (Boolean(actual) === right) === (op === '=');
  }
  switch (op) {
    case '=':
      return isNull(right) ? isNull(actual) : !isNull(actual) && equal(actual, right);
    case '!=':
      return isNull(right) ? !isNull(actual) : isNull(actual) || !equal(actual, right);
    case 'in':
    case 'not in': {
      const list = toList(right);
      const hit = isNull(actual) ? list.some(isNull) : list.some((v) => !isNull(v) && equal(actual, v));
      return op === 'in' ? hit : !hit;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (isNull(actual) || isNull(right)) return false;
      let r = right;
      if (field.type === 'datetime' && typeof r === 'string' && r.length === 10) {
        r = op === '<=' || op === '>' ? `${r} 23:59:59` : `${r} 00:00:00`;
      }
      const c = typeof actual === 'number' ? actual - Number(r) : String(actual).localeCompare(String(r));
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    default: {
      const negative = op.startsWith('not ');
      const base = negative ? op.slice(4) : op;
      if (isNull(actual)) return negative;
      const pattern = String(right);
      const re = likeRegex(base.startsWith('=') ? pattern : `%${pattern}%`, base.endsWith('ilike'), true);
      return re.test(String(actual)) !== negative;
    }
  }
}

function equal(actual: unknown, right: unknown): boolean {
  if (typeof actual === 'number' && typeof right !== 'boolean') return actual === Number(right);
  return actual === right;
}
