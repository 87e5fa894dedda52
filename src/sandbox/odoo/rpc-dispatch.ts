import { accessDenied, accessError, OdooFault, pyRepr, pythonError, typeError } from './errors';
import { BASE_METHODS, checkAcl } from './methods/base-methods';
import { NONE, type ModelMethod } from './models/model';
import type { Env, Orm, SandboxUser } from './orm';

export const VERSION_INFO = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};

export interface DispatchOutcome {
  result: unknown;
  /** The method returned None: the change is committed but the answer cannot be marshalled. */
  none: boolean;
}

/** Snapshots the tables so that a failing call leaves nothing behind (Odoo rolls back). */
export interface Transactional {
  snapshot(): unknown;
  restore(snapshot: unknown): void;
}

/** The /xmlrpc/2/common and /xmlrpc/2/object services of Odoo 17. */
export class RpcDispatcher {
  constructor(
    private readonly orm: Orm,
    private readonly db: string,
    private readonly users: SandboxUser[],
    private readonly tx: Transactional,
  ) {}

  common(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'version':
        return VERSION_INFO;
      case 'about':
        return 'See http://openerp.com';
      case 'login':
      case 'authenticate': {
        const [db, login, password] = params;
        this.checkDb(db, 'common');
        const user = this.users.find((u) => u.login === login && u.password === password);
        return user ? user.id : false;
      }
      default:
        throw pythonError('KeyError', pyRepr(`exp_${method}`), 'common', [
          ['odoo/service/common.py', 60, 'dispatch', "fn = globals()['exp_' + method]"],
        ]);
    }
  }

  object(method: string, params: unknown[]): DispatchOutcome {
    if (method !== 'execute_kw' && method !== 'execute') {
      throw pythonError('NameError', `Method not available ${method}`, 'common', [
        ['odoo/service/model.py', 36, 'dispatch', 'raise NameError("Method not available %s" % method)'],
      ]);
    }
    const [db, uid, password, model, name] = params;
    this.checkDb(db, 'common');
    const user = this.users.find((u) => u.id === uid && u.password === password);
    if (!user) throw accessDenied();
    const args = method === 'execute_kw' ? (params[5] ?? []) : params.slice(5);
    const kwargs = method === 'execute_kw' ? (params[6] ?? {}) : {};
    if (!Array.isArray(args))
      throw typeError(
        `odoo.service.model.execute() argument after * must be an iterable, not ${typeof args}`,
      );
    if (typeof kwargs !== 'object' || Array.isArray(kwargs))
      throw typeError('argument after ** must be a mapping');
    if (typeof name !== 'string' || /^(_.*|init)$/.test(name)) {
      throw accessError(`Private methods (such as ${String(name)}) cannot be called remotely.`);
    }
    const def = this.orm.model(String(model));
    const impl = def.methods?.[name] ?? BASE_METHODS[name];
    if (!impl)
      throw pythonError('AttributeError', `The method '${name}' does not exist on the model '${def.name}'`);
    const { context, ...rest } = kwargs as Record<string, unknown>;
    const env = this.env(user, context);
    const { ids, bound } = bind(def.name, name, impl, args, rest);
    const snapshot = this.tx.snapshot();
    try {
      checkAcl(this.orm, env, def.name, name);
      const result = impl.run(this.orm, env, ids, bound, def.name);
      return { result, none: result === NONE || result === undefined || result === null };
    } catch (e) {
      this.tx.restore(snapshot);
      throw e;
    }
  }

  private checkDb(db: unknown, where: 'common'): void {
    if (db !== this.db) {
      throw pythonError(
        'psycopg2.OperationalError',
        `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database ${JSON.stringify(String(db))} does not exist`,
        where,
        [
          ['odoo/modules/registry.py', 87, '__new__', 'return cls.new(db_name)'],
          ['odoo/sql_db.py', 651, 'borrow', 'result = psycopg2.connect('],
        ],
      );
    }
  }

  private env(user: SandboxUser, context: unknown): Env {
    const ctx =
      context && typeof context === 'object' && !Array.isArray(context)
        ? (context as Record<string, unknown>)
        : {};
    const allowed = ctx.allowed_company_ids;
    if (Array.isArray(allowed) && allowed.length) {
      if (allowed.some((c) => !user.companyIds.includes(c as number))) {
        throw accessError('Access to unauthorized or invalid companies.');
      }
      return {
        uid: user.id,
        user,
        companyIds: allowed as number[],
        companyId: allowed[0] as number,
        context: ctx,
      };
    }
    return { uid: user.id, user, companyIds: [...user.companyIds], companyId: user.companyId, context: ctx };
  }
}

/** Binds execute_kw's args/kwargs to the Python signature, as call_kw does. */
function bind(
  model: string,
  name: string,
  impl: ModelMethod,
  args: unknown[],
  kwargs: Record<string, unknown>,
): { ids: number[]; bound: Record<string, unknown> } {
  let rest = args;
  let ids: number[] = [];
  const qualname = `${impl === BASE_METHODS[name] ? 'BaseModel' : classOf(model)}.${name}`;
  if (impl.multi) {
    if (!args.length) throw pythonError('IndexError', 'list index out of range');
    const first = args[0];
    ids = Array.isArray(first) ? (first as number[]) : first === false ? [] : [first as number];
    if (ids.some((id) => typeof id !== 'number')) {
      throw pythonError('TypeError', `unhashable type: 'list'`);
    }
    rest = args.slice(1);
  }
  if (rest.length > impl.params.length) {
    throw typeError(
      `${qualname}() takes from 1 to ${impl.params.length + 1} positional arguments but ${rest.length + 1} were given`,
    );
  }
  const bound: Record<string, unknown> = {};
  impl.params.forEach((p, i) => {
    if (i < rest.length) bound[p] = rest[i];
  });
  for (const [k, v] of Object.entries(kwargs)) {
    if (!impl.params.includes(k)) throw typeError(`${qualname}() got an unexpected keyword argument '${k}'`);
    if (k in bound) throw typeError(`${qualname}() got multiple values for argument '${k}'`);
    bound[k] = v;
  }
  const required = ['vals_list', 'vals', 'domain', 'fields_list'].filter(
    (p) => impl.params.includes(p) && name !== 'search_read',
  );
  for (const p of required) {
    if (!(p in bound)) throw typeError(`${qualname}() missing 1 required positional argument: '${p}'`);
  }
  return { ids, bound };
}

function classOf(model: string): string {
  return model
    .split('.')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export { OdooFault };
