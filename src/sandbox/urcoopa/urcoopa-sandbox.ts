/**
 * A stand-in for Urcoopa's WS_Sicalait SOAP service (WebDev AWWS), served by the `soap` package
 * over a real HTTP server. An HTTP handler sits in front of soap's own: it serves the WSDL with
 * its address rewritten, logs every call, and injects the HTTP-level faults (latency, 500,
 * truncated body); the operations themselves answer through soap.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as soap from 'soap';
import { filterWindow, generateWorld } from '../world/world';
import type { World, WorldOptions } from '../world/world.types';
import { UrcoopaCallLog, type UrcoopaCall, type UrcoopaOperation } from './urcoopa-call-log';
import { dayOf, detectOperation, ERROR_500_PAGE, extractParams, readBody } from './urcoopa-http';
import { getAnswer, soapFaultOf, UrcoopaFaults, type UrcoopaFault } from './urcoopa-faults';
import { receiveOrders, type ReceivedOrder } from './urcoopa-orders';

export const URCOOPA_SERVICE_PATH = '/ws_sicalait/WS_Sicalait.awws';
export const URCOOPA_WSDL_PATH = join(__dirname, 'WS_Sicalait.wsdl');
export const DEFAULT_URCOOPA_API_KEY = 'sandbox-urcoopa-key';
const TOKEN_REFUSED = 'Token API incorrect';

export interface UrcoopaSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The xCleAPI the service accepts. Default 'sandbox-urcoopa-key'. */
  apiKey?: string;
  /** The world to serve, or the options to generate it. */
  world?: World | WorldOptions;
}

export interface UrcoopaSandbox {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly wsdlUrl: string;
  /** The SOAP endpoint (soap:address of the served WSDL). */
  readonly endpoint: string;
  readonly apiKey: string;
  /** What the Get operations serve; tests may change it or replace it. */
  world: World;
  /** Every order received by Push_Commandes (valid token), accepted or not. */
  readonly orders: ReceivedOrder[];
  readonly calls: UrcoopaCallLog;
  readonly faults: UrcoopaFaults;
  close(): Promise<void>;
}

interface CallContext {
  call: UrcoopaCall;
  fault: UrcoopaFault | undefined;
}

type SoapArgs = Record<string, unknown> | null | undefined;
type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

function isWorld(value: World | WorldOptions | undefined): value is World {
  return !!value && Array.isArray((value as World).invoices);
}

class UrcoopaSandboxServer implements UrcoopaSandbox {
  url = '';
  wsdlUrl = '';
  endpoint = '';
  world: World;
  readonly orders: ReceivedOrder[] = [];
  readonly calls = new UrcoopaCallLog();
  readonly faults = new UrcoopaFaults();
  private readonly http: Server = createServer();
  private readonly contexts = new WeakMap<IncomingMessage, CallContext>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wsdl = readFileSync(URCOOPA_WSDL_PATH, 'utf8');
  private soapListener: RequestListener | undefined;

  constructor(
    readonly apiKey: string,
    world: World,
  ) {
    this.world = world;
  }

  async start(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      soap.listen(this.http, {
        path: URCOOPA_SERVICE_PATH,
        xml: this.wsdl,
        services: this.services(),
        enableChunkedEncoding: false,
        callback: (err: unknown) =>
          err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
      });
    });
    // soap.listen installed its own request listener; route everything through ours instead.
    this.soapListener = this.http.listeners('request')[0] as RequestListener;
    this.http.removeAllListeners('request');
    this.http.on('request', (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res));
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    const address = this.http.address() as AddressInfo;
    const shownHost =
      host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    this.url = `http://${shownHost}:${address.port}`;
    this.endpoint = `${this.url}${URCOOPA_SERVICE_PATH}`;
    this.wsdlUrl = `${this.endpoint}?wsdl`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private services(): soap.IServices {
    const op =
      (operation: UrcoopaOperation) =>
      (
        args: SoapArgs,
        _callback: unknown,
        _headers: unknown,
        req: IncomingMessage,
      ): Record<string, string> => {
        const context = this.contexts.get(req) ?? {
          call: this.calls.record(operation, {}),
          fault: undefined,
        };
        const text = this.answer(operation, args ?? {}, context);
        return { [`${operation}Result`]: text };
      };
    return {
      WS_Sicalait: {
        WS_SicalaitSOAPPort: {
          Get_Factures: op('Get_Factures'),
          Get_Livraisons: op('Get_Livraisons'),
          Push_Commandes: op('Push_Commandes'),
        },
      },
    };
  }

  /** The business of one call; throws `{ Fault }` for a SOAP fault, as soap expects. */
  private answer(
    operation: UrcoopaOperation,
    args: Record<string, unknown>,
    { call, fault }: CallContext,
  ): string {
    if (fault?.soapFault) {
      call.outcome = 'soapFault';
      throw { Fault: soapFaultOf(fault) };
    }
    if (String(args.xCleAPI ?? '') !== this.apiKey) {
      call.outcome = 'bad-token';
      return TOKEN_REFUSED;
    }
    if (operation === 'Push_Commandes') {
      if (fault?.emptyAnswer) {
        call.outcome = 'emptyAnswer';
        return '';
      }
      const answer = receiveOrders(String(args.jCommande ?? ''), this.orders);
      call.outcome = answer.includes('ERREUR') ? 'rejected' : 'ok';
      call.answer = answer;
      return answer;
    }
    const nbJours = args.NbJours;
    const dateReference = dayOf(args.DateReference);
    if (typeof nbJours !== 'number' || !Number.isInteger(nbJours) || dateReference === null) {
      call.outcome = 'invalid-params';
      const faultstring =
        dateReference === null ? 'Paramètre DateReference invalide' : 'Paramètre NbJours invalide';
      throw { Fault: { faultcode: 'soap:Client', faultstring, statusCode: 500 } };
    }
    const invoices = operation === 'Get_Factures';
    const all: object[] = invoices ? this.world.invoices : this.world.deliveries;
    const records = invoices
      ? filterWindow(this.world.invoices, 'Date_Facture', nbJours, dateReference)
      : filterWindow(this.world.deliveries, 'Date_BL', nbJours, dateReference);
    const { text, outcome } = getAnswer(invoices ? 'Factures' : 'Livraisons', records, all[0], fault);
    call.outcome = outcome;
    call.records = outcome === 'emptyAnswer' ? 0 : records.length;
    return text;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const path = url.pathname.replace(/\/+$/, '');
      if (path !== URCOOPA_SERVICE_PATH) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found');
        return;
      }
      if (req.method === 'GET' && /^\?wsdl/i.test(url.search)) {
        this.serveWsdl(req, res);
        return;
      }
      if (req.method !== 'POST') {
        res
          .writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' })
          .end('POST a SOAP 1.1 request');
        return;
      }
      await this.onSoapCall(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
  }

  private serveWsdl(req: IncomingMessage, res: ServerResponse): void {
    const base = req.headers.host ? `http://${req.headers.host}` : this.url;
    const xml = this.wsdl.replace(
      /(<soap:address\s+location=")[^"]*(")/,
      (_, open: string, close: string) => `${open}${base}${URCOOPA_SERVICE_PATH}${close}`,
    );
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(xml);
  }

  private async onSoapCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const xml = body.toString('utf8');
    const operation = detectOperation(req.headers.soapaction, xml);
    const call = this.calls.record(operation, extractParams(xml));
    const fault = operation ? this.faults.take(operation) : undefined;
    if (fault?.latencyMs) {
      call.latencyMs = fault.latencyMs;
      await this.sleep(fault.latencyMs);
    }
    if (fault?.http500) {
      call.outcome = 'http500';
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' }).end(ERROR_500_PAGE);
      return;
    }
    if (body.length === 0) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Empty SOAP request');
      return;
    }
    if (fault?.truncatedBody) this.truncate(res, fault.truncatedBody === 'end' ? 'end' : 'close', call);
    // soap reads an already-buffered body from req.body instead of the (consumed) stream.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    this.contexts.set(req, { call, fault });
    this.soapListener?.(req, res);
  }

  /** Makes the next `res.end(xml)` deliver only half of the XML. */
  private truncate(res: ServerResponse, mode: 'close' | 'end', call: UrcoopaCall): void {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      call.outcome = 'truncatedBody';
      const full = Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : '');
      const half = full.subarray(0, Math.floor(full.length / 2));
      if (mode === 'end') return end(half);
      res.setHeader('Content-Length', full.length);
      res.write(half, () => res.socket?.destroy());
      return res;
    }) as ServerResponse['end'];
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Starts the Urcoopa sandbox; resolves once it listens. */
export async function startUrcoopaSandbox(options: UrcoopaSandboxOptions = {}): Promise<UrcoopaSandbox> {
  const world = isWorld(options.world) ? options.world : generateWorld(options.world);
  const sandbox = new UrcoopaSandboxServer(options.apiKey ?? DEFAULT_URCOOPA_API_KEY, world);
  await sandbox.start(options.port ?? 0, options.host ?? '127.0.0.1');
  return sandbox;
}
