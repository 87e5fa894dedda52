import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { isSecretName } from '../secrets';

/**
 * A URL safe to log: the query is split as the server parses it and every parameter whose decoded
 * name is a secret (the legacy routes' xCleAPI…) has its value replaced, each occurrence.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return isSecretName(name) ? `${name}=[REDACTED]` : pair;
    });
  return `${url.slice(0, q)}?${query.join('&')}`;
}

/**
 * Structured JSON logs; secrets (headers, cookies, query keys, passwords) are redacted. Client
 * errors (4xx) at warn, our faults (5xx) at error. `stream`: where to write (tests capture it).
 */
export function loggerParams(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    redact: {
      paths: [
        'req.headers["x-api-key"]',
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.apiKey',
        '*.xCleAPI',
        '*.PASSWORD_ODOO',
        '*.API_KEY_URCOOPA',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      res.statusCode >= 500 || (err && res.statusCode < 400)
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
    transport: undefined,
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
