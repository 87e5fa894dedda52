import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SandboxPurchaseOrder, World } from '../world/world.types';
import { OdooCallLog, type OdooCallEntry } from './call-log';
import { OdooFault, pythonError } from './errors';
import { HTML_502, HTML_504, OdooFaults, type FaultRule } from './faults';
import type { OdooRecord } from './fields';
import { modelRegistry } from './models';
import { validatePicking } from './models/stock';
import { Orm, type SandboxUser } from './orm';
import { RpcDispatcher } from './rpc-dispatch';
import { defaultUsers, seedOdoo } from './seed';
import { Store } from './store';
import { parseMethodCall, serializeFault, serializeResult } from './wire';

export interface OdooSandboxUserOption {
  id: number;
  login: string;
  password: string;
  name?: string;
  companyId?: number;
  companyIds?: number[];
  tz?: string;
  /** Operations the user may not do, per model (ir.model.access). */
  denied?: SandboxUser['denied'];
}

export interface OdooSandboxOptions {
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  db?: string;
  login?: string;
  password?: string;
  /** Purchase orders to seed; without it, a few of every kind. */
  world?: Pick<World, 'purchaseOrders'>;
  /** Extra users (the API user is always there). */
  users?: OdooSandboxUserOption[];
  /** The server's clock (dates of posting, create_date…, the HTTP Date header). */
  now?: () => Date;
  /**
   * Companies without a purchase journal; default: the catalogue's (SAINT-BENOIT, which the
   * store-bills tests rely on). [] gives every company its journal (npm run contract:sandbox).
   */
  withoutPurchaseJournal?: number[];
}

export interface OdooSandbox {
  /** Base URL, e.g. http://127.0.0.1:8069 (endpoints at /xmlrpc/2/common and /xmlrpc/2/object). */
  url: string;
  port: number;
  db: string;
  login: string;
  password: string;
  uid: number;
  faults: OdooFaults;
  calls: OdooCallLog;
  /** Copies of the stored records of a model (raw values: many2one = id | false). */
  records(model: string): OdooRecord[];
  get(model: string, id: number): OdooRecord | undefined;
  /** Reads a field as the ORM computes it (computed and related fields included). */
  value(model: string, id: number, field: string): unknown;
  /** Changes stored values directly, bypassing the ORM (to set up a scenario). */
  update(model: string, id: number, values: Record<string, unknown>): void;
  /** Validates the receipts of a purchase order (its lines become received). */
  receive(purchaseOrderName: string): void;
  close(): Promise<void>;
}

export async function startOdooSandbox(options: OdooSandboxOptions = {}): Promise<OdooSandbox> {
  const db = options.db ?? 'sicalait';
  const login = options.login ?? 'api@sicalait.example';
  const password = options.password ?? 'sandbox-odoo-password';
  const users: SandboxUser[] = defaultUsers(login, password);
  for (const u of options.users ?? []) {
    users.push({
      id: u.id,
      login: u.login,
      password: u.password,
      name: u.name ?? u.login,
      companyId: u.companyId ?? users[0].companyId,
      companyIds: u.companyIds ?? users[0].companyIds,
      tz: u.tz ?? users[0].tz,
      denied: u.denied,
    });
  }
  const store = new Store();
  const clock = options.now ?? (() => new Date());
  const orm = new Orm(store, modelRegistry(), clock);
  seedOdoo(
    orm,
    users,
    options.world?.purchaseOrders as SandboxPurchaseOrder[] | undefined,
    options.withoutPurchaseJournal,
  );
  const dispatcher = new RpcDispatcher(orm, db, users, store);
  const faults = new OdooFaults();
  const calls = new OdooCallLog();
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(e));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    res.setHeader('Date', clock().toUTCString());
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const service =
      path === '/xmlrpc/2/common' ? 'common' : path === '/xmlrpc/2/object' ? 'object' : undefined;
    if (!service) return notFound(res);
    if (req.method !== 'POST') return methodNotAllowed(res);
    const started = Date.now();
    let call: { method: string; params: unknown[] };
    let parseError: OdooFault | undefined;
    try {
      call = await parseMethodCall(body);
    } catch (e) {
      call = { method: '?', params: [] };
      parseError = pythonError('xml.parsers.expat.ExpatError', String((e as Error).message), 'common');
    }
    const isObject = service === 'object' && (call.method === 'execute_kw' || call.method === 'execute');
    const model = isObject && typeof call.params[3] === 'string' ? call.params[3] : undefined;
    const method = isObject ? String(call.params[4]) : call.method;
    const entry = calls.start(service, call.method, model, isObject ? method : undefined);
    const fired = faults.take({ model, method });
    const delay = fired.filter((r) => r.kind === 'latency').reduce((s, r) => s + (r.latencyMs ?? 0), 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const terminal = fired.find((r) => r.kind !== 'latency');
    if (terminal && (!terminal.commit || parseError)) return inject(res, req, entry, terminal, started);
    if (parseError) return answerFault(res, entry, parseError, started);

    let xml: string;
    try {
      if (service === 'common') xml = serializeResult(dispatcher.common(call.method, call.params));
      else {
        const outcome = dispatcher.object(call.method, call.params);
        entry.committed = true;
        if (outcome.none)
          throw pythonError('TypeError', 'cannot marshal None unless allow_none is enabled', 'marshal');
        xml = serializeResult(outcome.result);
      }
      entry.committed = true;
      entry.outcome = 'result';
    } catch (e) {
      if (!(e instanceof OdooFault)) throw e;
      if (terminal) return inject(res, req, entry, terminal, started);
      return answerFault(res, entry, e, started);
    }
    if (terminal) return inject(res, req, entry, terminal, started);
    entry.durationMs = Date.now() - started;
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(xml);
  }

  function answerFault(res: http.ServerResponse, entry: OdooCallEntry, e: OdooFault, started: number) {
    entry.outcome = 'fault';
    entry.faultCode = e.faultCode;
    entry.durationMs = Date.now() - started;
    res
      .writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' })
      .end(serializeFault(e.faultCode, e.faultString));
  }

  function inject(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    entry: OdooCallEntry,
    rule: FaultRule,
    started: number,
  ) {
    entry.durationMs = Date.now() - started;
    switch (rule.kind) {
      case 'html502':
      case 'html504':
        entry.outcome = rule.kind;
        res
          .writeHead(rule.kind === 'html502' ? 502 : 504, { 'Content-Type': 'text/html', Server: 'nginx' })
          .end(rule.kind === 'html502' ? HTML_502 : HTML_504);
        return;
      case 'fault':
        return answerFault(res, entry, new OdooFault(rule.faultCode ?? 1, rule.faultString ?? ''), started);
      case 'reset':
        entry.outcome = 'reset';
        req.socket.destroy();
        return;
      default:
        // 'hang': the connection stays open with no answer until the client gives up or close().
        entry.outcome = 'hang';
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    db,
    login,
    password,
    uid: users[0].id,
    faults,
    calls,
    records: (model) => structuredClone(store.all(model)),
    get: (model, id) => {
      const r = store.get(model, id);
      return r ? structuredClone(r) : undefined;
    },
    value: (model, id, field) => {
      const r = store.get(model, id);
      return r ? orm.value(model, r, field) : undefined;
    },
    update: (model, id, values) => {
      const r = store.get(model, id);
      if (!r) throw new Error(`odoo sandbox: no ${model} ${id}`);
      Object.assign(r, values);
    },
    receive: (name) => {
      const po = store.all('purchase.order').find((p) => p.name === name);
      if (!po) throw new Error(`odoo sandbox: no purchase order ${name}`);
      const pickings = store.all('stock.picking').filter((x) => x.purchase_id === po.id);
      if (!pickings.length) throw new Error(`odoo sandbox: ${name} has no receipt (is it confirmed?)`);
      for (const p of pickings) validatePicking(orm, p);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function notFound(res: http.ServerResponse): void {
  res
    .writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' })
    .end(
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
        '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    );
}

function methodNotAllowed(res: http.ServerResponse): void {
  res
    .writeHead(405, { 'Content-Type': 'text/html; charset=utf-8', Allow: 'POST' })
    .end(
      '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
        '<p>The method is not allowed for the requested URL.</p>\n',
    );
}
