import { Inject, Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import * as soap from 'soap';
import type { AppConfig } from '../config/app-config';
import { countExternalCall, type ExternalOutcome } from '../jobs/metrics';
import { APP_CONFIG } from '../config/config.module';
import { UrcoopaError, UrcoopaErrorCode } from './urcoopa.error';

export type UrcoopaOperation = 'Get_Factures' | 'Get_Livraisons' | 'Push_Commandes';

/** The bundled WSDL (copied to dist by the nest-cli asset rule for *.wsdl). */
export const BUNDLED_WSDL_PATH = join(__dirname, 'WS_Sicalait.wsdl');
export const TOKEN_REFUSED = 'Token API incorrect';

export interface UrcoopaCallOptions {
  /** The Urcoopa key of this call (legacy routes' xCleAPI); default: the configured key. */
  apiKey?: string;
}

/** Listener told of every call (feeds the external-calls metric). */
export type UrcoopaCallListener = (operation: UrcoopaOperation, outcome: 'ok' | UrcoopaErrorCode) => void;

interface HttpLikeError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown };
  body?: unknown;
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: string } } } };
  /** soap's own parse failure: { faultstring: 'Invalid XML', detail: 'Error: Unclosed root tag…' }. */
  Fault?: { faultstring?: string; detail?: string };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * The one client of Urcoopa's WS_Sicalait SOAP service: transport, deadline, error mapping,
 * counting. Returns the raw result strings; parsing them is urcoopa-payload.ts's business.
 */
@Injectable()
export class UrcoopaClient {
  private readonly logger = new Logger(UrcoopaClient.name);
  private client: Promise<soap.Client> | null = null;
  private readonly listeners: UrcoopaCallListener[] = [];
  /** Calls made since start, per operation (successful or not). */
  readonly callCounts: Record<UrcoopaOperation, number> = {
    Get_Factures: 0,
    Get_Livraisons: 0,
    Push_Commandes: 0,
  };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onCall(listener: UrcoopaCallListener): void {
    this.listeners.push(listener);
  }

  /** Raw JSON string of the invoices of the `nbJours` days up to `dateReference` (YYYY-MM-DD). */
  getInvoices(nbJours: number, dateReference: string, options: UrcoopaCallOptions = {}): Promise<string> {
    return this.call('Get_Factures', { NbJours: nbJours, DateReference: dateReference }, options);
  }

  /** Raw JSON string of the delivery notes of the window. */
  getDeliveries(nbJours: number, dateReference: string, options: UrcoopaCallOptions = {}): Promise<string> {
    return this.call('Get_Livraisons', { NbJours: nbJours, DateReference: dateReference }, options);
  }

  /** Sends one jCommande (compact JSON); returns Urcoopa's free-text answer (never `Token API incorrect`). */
  pushOrder(jCommande: string, options: UrcoopaCallOptions = {}): Promise<string> {
    return this.call('Push_Commandes', { jCommande }, options);
  }

  /**
   * The operations the WSDL describes, each with its input parameter names (pre-flight check:
   * loads the WSDL, calls nothing).
   */
  async describeOperations(): Promise<Record<string, string[]>> {
    const client = await this.soapClient();
    const operations: Record<string, string[]> = {};
    for (const service of Object.values(client.describe() as Record<string, unknown>)) {
      for (const port of Object.values(service as Record<string, unknown>)) {
        for (const [name, op] of Object.entries(port as Record<string, { input?: unknown }>)) {
          const input = op.input && typeof op.input === 'object' ? Object.keys(op.input) : [];
          operations[name] = input.filter((k) => k !== 'targetNSAlias' && k !== 'targetNamespace');
        }
      }
    }
    return operations;
  }

  private async call(
    operation: UrcoopaOperation,
    params: Record<string, unknown>,
    options: UrcoopaCallOptions,
  ): Promise<string> {
    const apiKey = options.apiKey ?? this.config.urcoopa.apiKey;
    this.callCounts[operation] += 1;
    try {
      // Parameter order follows the WSDL sequence: xCleAPI first.
      const args = { xCleAPI: apiKey, ...params };
      const text = await this.invoke(operation, args, apiKey);
      if (text.trim() === TOKEN_REFUSED) {
        throw new UrcoopaError(
          UrcoopaErrorCode.AuthFailed,
          `Urcoopa ${operation}: the API key was refused (${TOKEN_REFUSED})`,
          { operation },
        );
      }
      this.notify(operation, 'ok');
      return text;
    } catch (error) {
      const mapped = error instanceof UrcoopaError ? error : this.mapError(operation, error, apiKey);
      this.notify(operation, mapped.code);
      this.logger.warn(`${mapped.code}: ${mapped.message}`);
      throw mapped;
    }
  }

  /** One deadline for the whole call, the WSDL fetch included (a hanging peer costs one timeout). */
  private async invoke(
    operation: UrcoopaOperation,
    args: Record<string, unknown>,
    apiKey: string,
  ): Promise<string> {
    const timeoutMs = this.config.urcoopa.timeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let wsdl: Promise<soap.Client> | null = null;
    let wsdlRead = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        // A WSDL fetch still hanging is dropped: the next call fetches it afresh.
        if (!wsdlRead && this.client === wsdl) this.client = null;
        reject(
          new UrcoopaError(
            UrcoopaErrorCode.Timeout,
            `Urcoopa ${operation}: no answer within ${timeoutMs} ms`,
            { operation, timeoutMs },
          ),
        );
      }, timeoutMs);
    });
    const request = async () => {
      wsdl = this.soapClient();
      const client = await wsdl;
      wsdlRead = true;
      const method = client[`${operation}Async`] as (
        args: unknown,
        options: Record<string, unknown>,
      ) => Promise<[unknown, string?]>;
      const [result] = await method.call(client, args, { timeout: timeoutMs, signal: controller.signal });
      return result;
    };
    try {
      const result = await Promise.race([request(), deadline]);
      return this.resultText(operation, result, apiKey);
    } finally {
      clearTimeout(timer);
    }
  }

  private resultText(operation: UrcoopaOperation, result: unknown, apiKey: string): string {
    const key = `${operation}Result`;
    if (result === null || typeof result !== 'object' || !(key in result)) {
      // An empty <…Result/> may come back without the element at all: an empty answer.
      if (
        result === null ||
        result === undefined ||
        (typeof result === 'object' && !Object.keys(result).length)
      )
        return '';
      throw new UrcoopaError(
        UrcoopaErrorCode.BadResponse,
        redact(`Urcoopa ${operation}: the answer has no ${key} element`, apiKey),
        { operation },
      );
    }
    const value = (result as Record<string, unknown>)[key];
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') {
      // soap renders an empty element as {} (or an object with attributes only).
      const text = (value as { $value?: unknown }).$value;
      return typeof text === 'string' ? text : '';
    }
    return String(value);
  }

  private soapClient(): Promise<soap.Client> {
    if (!this.client) {
      const created = this.createClient();
      this.client = created;
      // A failed WSDL fetch is retried at the next call, not cached forever.
      created.catch(() => {
        if (this.client === created) this.client = null;
      });
    }
    return this.client;
  }

  private async createClient(): Promise<soap.Client> {
    const { wsdlUrl, endpoint, timeoutMs } = this.config.urcoopa;
    if (!wsdlUrl && !endpoint) {
      throw new UrcoopaError(
        UrcoopaErrorCode.NotConfigured,
        'Urcoopa is not configured: set MY_URCOOPA_URL (the WSDL URL) or URCOOPA_ENDPOINT',
      );
    }
    const source = wsdlUrl ?? BUNDLED_WSDL_PATH;
    let client: soap.Client;
    try {
      client = await soap.createClientAsync(source, {
        wsdl_options: { timeout: timeoutMs },
        // Keep the WSDL's elementFormDefault (unqualified parameters): no guessing here.
        disableCache: true,
      });
    } catch (error) {
      const http = error as HttpLikeError;
      const status = http.response?.status;
      throw new UrcoopaError(
        UrcoopaErrorCode.WsdlUnavailable,
        `Urcoopa WSDL could not be loaded from ${wsdlUrl ? redactUrl(wsdlUrl) : 'the bundled file'}: ${
          status ? `HTTP ${status}` : (http.code ?? http.message ?? 'unknown error')
        }`,
        { status },
      );
    }
    if (endpoint) client.setEndpoint(endpoint);
    return client;
  }

  private mapError(operation: UrcoopaOperation, error: unknown, apiKey: string): UrcoopaError {
    const e = (error ?? {}) as HttpLikeError;
    const fault = e.root?.Envelope?.Body?.Fault;
    const status = e.response?.status;
    const details = { operation, ...(status ? { status } : {}) };
    if (fault) {
      const server = !String(fault.faultcode ?? '').includes('Client');
      return new UrcoopaError(
        UrcoopaErrorCode.SoapFault,
        redact(
          `Urcoopa ${operation}: SOAP fault ${fault.faultcode ?? ''} « ${fault.faultstring ?? ''} »`,
          apiKey,
        ),
        { ...details, faultcode: fault.faultcode, faultstring: redact(fault.faultstring ?? '', apiKey) },
        server,
      );
    }
    if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' || e.code === 'ERR_CANCELED') {
      return new UrcoopaError(
        UrcoopaErrorCode.Timeout,
        `Urcoopa ${operation}: no answer in time (${e.code})`,
        details,
      );
    }
    if (status && status >= 400) {
      const body =
        typeof e.body === 'string' ? e.body : typeof e.response?.data === 'string' ? e.response.data : '';
      const code = status >= 500 ? UrcoopaErrorCode.HttpError : UrcoopaErrorCode.BadResponse;
      return new UrcoopaError(
        code,
        redact(
          `Urcoopa ${operation}: HTTP ${status}${summarise(body) ? ` « ${summarise(body)} »` : ''}`,
          apiKey,
        ),
        details,
        status >= 500,
      );
    }
    if ((e.code && NETWORK_CODES.has(e.code)) || /socket hang up|aborted|network/i.test(e.message ?? '')) {
      return new UrcoopaError(
        UrcoopaErrorCode.Network,
        `Urcoopa ${operation}: connection failed or cut mid-answer (${e.code ?? e.message})`,
        details,
      );
    }
    // Anything else comes from reading the answer (not XML, truncated XML, unexpected shape).
    const reason = e.Fault
      ? `${e.Fault.faultstring ?? 'Invalid XML'}: ${String(e.Fault.detail ?? '').split('\n')[0]}`
      : (e.message ?? String(error));
    return new UrcoopaError(
      UrcoopaErrorCode.BadResponse,
      redact(`Urcoopa ${operation}: unreadable or truncated SOAP answer (${reason})`, apiKey).slice(0, 500),
      details,
      true,
    );
  }

  private notify(operation: UrcoopaOperation, outcome: 'ok' | UrcoopaErrorCode): void {
    countExternalCall('urcoopa', operation, metricOutcome(outcome));
    for (const listener of this.listeners) listener(operation, outcome);
  }
}

function metricOutcome(outcome: 'ok' | UrcoopaErrorCode): ExternalOutcome {
  if (outcome === 'ok') return 'success';
  if (outcome === UrcoopaErrorCode.Timeout) return 'timeout';
  if (outcome === UrcoopaErrorCode.AuthFailed) return 'business_error';
  const transient = [UrcoopaErrorCode.Network, UrcoopaErrorCode.HttpError, UrcoopaErrorCode.WsdlUnavailable];
  return transient.includes(outcome) ? 'transient_error' : 'error';
}

/** Removes the key from any text that might echo the request. */
export function redact(text: string, apiKey: string): string {
  return apiKey ? text.split(apiKey).join('***') : text;
}

function redactUrl(url: string): string {
  return url.replace(/([?&](?:xCleAPI|token|key)=)[^&]*/gi, '$1***');
}

/** The readable gist of an HTML/text error page. */
function summarise(body: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.slice(0, 200);
}
