import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isTransientError } from '../jobs/retry';
import { OdooCallStats, type OdooStatsSnapshot } from './odoo-call-stats';
import { chunks, requireFields, RETRYABLE, withCompanies, withDetails } from './odoo-call.helpers';
import { toOdooParams } from './odoo-values';
import { OdooError, OdooErrorCode } from './odoo.error';
import { ODOO_TRANSPORT, type OdooTransport } from './odoo.transport';
import type { ActionCallOptions, CallOptions, Domain, OdooRecord, SearchOptions } from './odoo.types';
import { XmlRpcTransport } from './xmlrpc.transport';

export interface OdooClientOptions {
  /** Attempts of a retryable call, the first included (default 3). */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Ids per `read` call. */
  readChunk: number;
  /** Values per `in` domain of searchReadIn. */
  inChunk: number;
  /** Records per batch `create`. */
  createChunk: number;
  /** Page size of searchReadAll. */
  pageSize: number;
}

export const ODOO_CLIENT_OPTIONS = Symbol('ODOO_CLIENT_OPTIONS');

const DEFAULTS: OdooClientOptions = {
  attempts: 3,
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  readChunk: 500,
  inChunk: 1_000,
  createChunk: 50,
  pageSize: 2_000,
};

/** The one client of Odoo: authentication, deadlines, retries, batching, counting. */
@Injectable()
export class OdooClient implements OnModuleDestroy {
  private readonly logger = new Logger(OdooClient.name);
  private readonly options: OdooClientOptions;
  private readonly callStats = new OdooCallStats();
  private transportInstance?: OdooTransport;
  private uid: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(ODOO_TRANSPORT) transport?: OdooTransport,
    @Optional() @Inject(ODOO_CLIENT_OPTIONS) options?: Partial<OdooClientOptions>,
  ) {
    this.transportInstance = transport;
    this.options = { ...DEFAULTS, ...options };
  }

  /** Logs in (once; concurrent callers share the attempt) and returns the uid. */
  authenticate(): Promise<number> {
    return this.budgeted('common.authenticate', true, (uid) => Promise.resolve(uid), { sendsRequest: false });
  }

  /** Server version info (no login needed). */
  version(): Promise<Record<string, unknown>> {
    return this.budgeted(
      'common.version',
      true,
      () => this.send('common', 'version', []) as Promise<Record<string, unknown>>,
      { needsLogin: false },
    );
  }

  /** execute_kw with `context.allowed_company_ids` from opts.companyIds. */
  async execute<T>(
    model: string,
    method: string,
    args: unknown[] = [],
    kwargs: Record<string, unknown> = {},
    opts: CallOptions = {},
  ): Promise<T> {
    const params = toOdooParams([args, withCompanies(kwargs, opts.companyIds)]) as [unknown[], object];
    const { db, password } = this.config.odoo;
    return this.budgeted(`${model}.${method}`, RETRYABLE.has(method), (uid) =>
      this.send('object', 'execute_kw', [db, uid, password, model, method, ...params], model, method),
    ) as Promise<T>;
  }

  searchRead<T extends OdooRecord>(
    model: string,
    domain: Domain,
    fields: string[],
    opts: SearchOptions = {},
  ): Promise<T[]> {
    requireFields(model, fields);
    const { companyIds, ...paging } = opts;
    return this.execute<T[]>(model, 'search_read', [domain], { fields, ...paging }, { companyIds });
  }

  /** All matching records, page by page (stable order by id unless told otherwise). */
  async searchReadAll<T extends OdooRecord>(
    model: string,
    domain: Domain,
    fields: string[],
    opts: CallOptions & { order?: string; pageSize?: number } = {},
  ): Promise<T[]> {
    const limit = opts.pageSize ?? this.options.pageSize;
    const all: T[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await this.searchRead<T>(model, domain, fields, {
        limit,
        offset,
        order: opts.order ?? 'id',
        companyIds: opts.companyIds,
      });
      all.push(...page);
      if (page.length < limit) return all;
    }
  }

  /** Reads ids in chunks; with mustExist, a missing id is a NOT_FOUND error naming them. */
  async read<T extends OdooRecord>(
    model: string,
    ids: number[],
    fields: string[],
    opts: CallOptions & { mustExist?: boolean } = {},
  ): Promise<T[]> {
    requireFields(model, fields);
    const unique = [...new Set(ids)];
    const records: T[] = [];
    for (const chunk of chunks(unique, this.options.readChunk)) {
      records.push(
        ...(await this.execute<T[]>(model, 'read', [chunk], { fields }, { companyIds: opts.companyIds })),
      );
    }
    if (opts.mustExist && records.length < unique.length) {
      const found = new Set(records.map((r) => r.id));
      const missing = unique.filter((id) => !found.has(id));
      throw new OdooError(OdooErrorCode.NotFound, `${model} not found in Odoo: ids ${missing.join(', ')}`, {
        details: { model, missing },
      });
    }
    return records;
  }

  /** search_read with `[field, 'in', values]` in chunks (values deduplicated), plus extraDomain. */
  async searchReadIn<T extends OdooRecord>(
    model: string,
    field: string,
    values: Array<string | number>,
    fields: string[],
    extraDomain: Domain = [],
    opts: CallOptions & { order?: string } = {},
  ): Promise<T[]> {
    requireFields(model, fields);
    const records: T[] = [];
    for (const chunk of chunks([...new Set(values)], this.options.inChunk)) {
      records.push(
        ...(await this.searchRead<T>(model, [[field, 'in', chunk], ...extraDomain], fields, opts)),
      );
    }
    return records;
  }

  search(model: string, domain: Domain, opts: SearchOptions = {}): Promise<number[]> {
    const { companyIds, ...paging } = opts;
    return this.execute<number[]>(model, 'search', [domain], paging, { companyIds });
  }

  searchCount(model: string, domain: Domain, opts: CallOptions = {}): Promise<number> {
    return this.execute<number>(model, 'search_count', [domain], {}, opts);
  }

  /** Creates one record. Never retried (see RETRYABLE). */
  async create(model: string, values: object, opts: CallOptions = {}): Promise<number> {
    const result = await this.execute<number | number[]>(model, 'create', [values], {}, opts);
    return Array.isArray(result) ? result[0] : result;
  }

  /**
   * Creates records with Odoo's batch create, one call per chunk; returns the ids in order. If a
   * chunk fails, the error's details.createdIds lists the records the earlier chunks created.
   */
  async createMany(model: string, values: object[], opts: CallOptions & { chunkSize?: number } = {}) {
    const ids: number[] = [];
    for (const chunk of chunks(values, opts.chunkSize ?? this.options.createChunk)) {
      try {
        const created = await this.execute<number[] | number>(model, 'create', [chunk], {}, opts);
        ids.push(...(Array.isArray(created) ? created : [created]));
      } catch (error) {
        if (error instanceof OdooError && ids.length > 0) throw withDetails(error, { createdIds: [...ids] });
        throw error;
      }
    }
    return ids;
  }

  write(model: string, ids: number[], values: object, opts: CallOptions = {}): Promise<boolean> {
    return this.execute<boolean>(model, 'write', [ids, values], {}, opts);
  }

  /** An action method on records (action_post, button_confirm, action_create_invoice…). */
  async call<T = unknown>(
    model: string,
    method: string,
    ids: number[],
    kwargs: Record<string, unknown> = {},
    opts: ActionCallOptions = {},
  ): Promise<T | undefined> {
    try {
      return await this.execute<T>(model, method, [ids], kwargs, { companyIds: opts.companyIds });
    } catch (error) {
      if (opts.returnsNone && OdooError.is(error, OdooErrorCode.NoneResult)) return undefined;
      throw error;
    }
  }

  stats(): OdooStatsSnapshot {
    return this.callStats.snapshot();
  }

  resetStats(): void {
    this.callStats.reset();
  }

  onModuleDestroy(): void {
    this.transportInstance?.close();
  }

  private get transport(): OdooTransport {
    this.transportInstance ??= new XmlRpcTransport({
      url: this.config.odoo.url,
      timeoutMs: this.config.odoo.timeoutMs,
    });
    return this.transportInstance;
  }

  /**
   * One budget per call: at most `attempts` requests in all, the login included, with a short
   * backoff between them; never a retry loop inside another. The uid is kept between calls; an
   * Access Denied (session or password changed) forgets it and logs in again within the same
   * budget; Access Denied is checked before the method runs, so even a create may be sent again.
   * A transient failure of anything else is retried only for RETRYABLE methods.
   */
  private async budgeted<T>(
    operation: string,
    retryable: boolean,
    request: (uid: number) => Promise<T>,
    how: { needsLogin?: boolean; sendsRequest?: boolean } = {},
  ): Promise<T> {
    let left = Math.max(1, this.options.attempts);
    for (let attempt = 1; ; attempt += 1) {
      let session: Promise<number> | null = null;
      let loggedIn = how.needsLogin === false;
      try {
        let uid = 0;
        if (!loggedIn) {
          if (this.uid === null) left -= 1;
          session = this.uid ??= this.login();
          uid = await session;
          loggedIn = true;
        }
        if (how.sendsRequest !== false) left -= 1;
        return await request(uid);
      } catch (error) {
        const denied = loggedIn && session !== null && OdooError.is(error, OdooErrorCode.AccessDenied);
        // A failed login, or a uid Odoo no longer accepts, is forgotten (unless already replaced).
        if ((!loggedIn || denied) && session !== null && this.uid === session) this.uid = null;
        const again = denied || (isTransientError(error) && (retryable || !loggedIn));
        if (!again || left <= 0) throw error;
        if (denied) this.logger.warn(`Odoo answered Access Denied to ${operation}; authenticating again`);
        else
          this.logger.warn(`Odoo ${operation} failed (${(error as Error).message}); attempt ${attempt + 1}`);
        if (!denied) await sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.options.initialDelayMs * 2 ** (attempt - 1), this.options.maxDelayMs);
  }

  /** One authenticate request (the caller's budget decides whether to try again). */
  private async login(): Promise<number> {
    const { db, username, password } = this.config.odoo;
    let uid: unknown;
    try {
      uid = await this.send('common', 'authenticate', [db, username, password, {}]);
    } catch (error) {
      if (!(error instanceof OdooError) || error.transient) throw error;
      // A fault here is an unknown database or a server error: say it is the login that failed.
      throw new OdooError(
        OdooErrorCode.AuthFailed,
        `Odoo login failed on database '${db}': ${error.message}`,
        {
          details: { db, login: username, faultCode: error.details?.faultCode },
          cause: error,
        },
      );
    }
    if (typeof uid !== 'number' || uid <= 0) {
      throw new OdooError(
        OdooErrorCode.AuthFailed,
        `Odoo refused the login '${username}' on database '${db}' (wrong login or password)`,
        { details: { db, login: username } },
      );
    }
    return uid;
  }

  private async send(service: string, rpcMethod: string, params: unknown[], model?: string, method?: string) {
    const operation = model ? `${model}.${method}` : `${service}.${rpcMethod}`;
    try {
      const result = await this.transport.call(service, rpcMethod, params, { model, method });
      this.callStats.record(operation, null);
      return result;
    } catch (error) {
      this.callStats.record(operation, error);
      throw error;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
