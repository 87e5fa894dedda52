import http from 'node:http';
import https from 'node:https';
import { PassThrough } from 'node:stream';
import Deserializer from 'xmlrpc/lib/deserializer';
import { serializeMethodCall } from 'xmlrpc/lib/serializer';
import { faultToError, OdooError, OdooErrorCode } from './odoo.error';
import type { OdooTransport, TransportCallContext } from './odoo.transport';

export interface XmlRpcTransportOptions {
  /** Base URL of Odoo (URL_ODOO), e.g. https://odoo.example.re */
  url: string;
  /** Deadline of one call, from sending to the parsed answer. */
  timeoutMs: number;
}

/** Free keep-alive sockets are closed before servers usually close them (Node's default is 5 s). */
const FREE_SOCKET_TIMEOUT_MS = 4_000;
const TRANSIENT_HTTP = new Set([408, 429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/**
 * XML-RPC over Node's http(s) with a keep-alive agent. The `xmlrpc` package only (de)serialises:
 * its own client has no deadline and parses whatever comes back (an HTML 502 page → a sax error).
 */
export class XmlRpcTransport implements OdooTransport {
  private readonly base: URL;
  private readonly agent: http.Agent;

  constructor(private readonly options: XmlRpcTransportOptions) {
    if (!options.url) throw new OdooError(OdooErrorCode.NotConfigured, 'URL_ODOO is not set');
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    const agentOptions = { keepAlive: true, maxSockets: 8, timeout: FREE_SOCKET_TIMEOUT_MS };
    this.agent =
      this.base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  call(
    service: string,
    method: string,
    params: unknown[],
    context: TransportCallContext = {},
  ): Promise<unknown> {
    const where = {
      service,
      method: context.method ?? method,
      ...(context.model ? { model: context.model } : {}),
    };
    const body = Buffer.from(serializeMethodCall(method, params, 'utf-8'), 'utf8');
    const url = new URL(`xmlrpc/2/${service}`, this.base);
    const lib = url.protocol === 'https:' ? https : http;

    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (error: OdooError | null, value?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value);
      };
      const req = lib.request(url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'Content-Type': 'text/xml', Accept: 'text/xml', 'Content-Length': body.length },
      });
      const timer = setTimeout(() => {
        finish(
          new OdooError(OdooErrorCode.Timeout, `Odoo did not answer within ${this.options.timeoutMs} ms`, {
            details: where,
            transient: true,
          }),
        );
        req.destroy();
      }, this.options.timeoutMs);

      req.on('error', (err: NodeJS.ErrnoException) => finish(networkError(err, where)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err: NodeJS.ErrnoException) => finish(networkError(err, where)));
        res.on('end', () => {
          const payload = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          const contentType = String(res.headers['content-type'] ?? 'no content type')
            .split(';')[0]
            .trim();
          if (status !== 200) {
            finish(
              new OdooError(OdooErrorCode.HttpError, `Odoo answered HTTP ${status} (${contentType})`, {
                details: { ...where, status, contentType, bodyStart: textStart(payload) },
                transient: TRANSIENT_HTTP.has(status),
              }),
            );
            return;
          }
          if (!/[/+]xml$/i.test(contentType)) {
            finish(
              new OdooError(
                OdooErrorCode.BadResponse,
                `Odoo answered HTTP 200 with ${contentType} instead of XML`,
                {
                  details: { ...where, contentType, bodyStart: textStart(payload) },
                },
              ),
            );
            return;
          }
          parse(payload).then(
            (value) => finish(null, value),
            (err: Error & { faultCode?: unknown; faultString?: unknown }) => {
              if (err.faultCode !== undefined) finish(faultToError(err.faultCode, err.faultString, where));
              else
                finish(
                  new OdooError(
                    OdooErrorCode.BadResponse,
                    `Odoo's answer is not valid XML-RPC: ${err.message}`,
                    {
                      details: { ...where, bodyStart: textStart(payload) },
                      cause: err,
                    },
                  ),
                );
            },
          );
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parse(payload: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const deserializer = new Deserializer('utf8') as Deserializer & {
      endI8(data: string): void;
      push(value: unknown): void;
      value: boolean;
    };
    // The package keeps <i8> values as strings; ids and counts are numbers everywhere else.
    deserializer.endI8 = function (data: string) {
      const text = data.trim();
      if (!/^-?\d+$/.test(text)) throw new Error(`Expected an integer (i8) but got '${data}'`);
      const n = Number(text);
      this.push(Number.isSafeInteger(n) ? n : text);
      this.value = false;
    };
    const stream = new PassThrough();
    deserializer.deserializeMethodResponse(stream, (error: Error | null, value: unknown) =>
      error ? reject(error) : resolve(value),
    );
    stream.end(payload);
  });
}

function networkError(err: NodeJS.ErrnoException, where: Record<string, unknown>): OdooError {
  const code = err.code ?? 'ERROR';
  return new OdooError(OdooErrorCode.NetworkError, `Odoo connection failed: ${code} ${err.message}`.trim(), {
    details: { ...where, errno: code },
    transient: NETWORK_CODES.has(code) || err.message === 'socket hang up',
    cause: err,
  });
}

/** The first characters of a non-XML body, tags stripped, for logs (a proxy's "502 Bad Gateway"). */
function textStart(payload: Buffer): string {
  return payload
    .subarray(0, 2000)
    .toString('utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
