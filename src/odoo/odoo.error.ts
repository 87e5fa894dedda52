import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum OdooErrorCode {
  /** Fault 1: a Python error (unknown field, bad selection value, unknown method…). */
  ProgrammingError = 'PROGRAMMING_ERROR',
  /** Fault 2: UserError / ValidationError, a readable business message. */
  BusinessError = 'BUSINESS_ERROR',
  /** Fault 3: `Access Denied` (wrong password, expired session) after the one re-authentication. */
  AccessDenied = 'ACCESS_DENIED',
  /** Fault 4: ACL, record rules, companies not allowed, private methods. */
  AccessError = 'ACCESS_ERROR',
  /** `authenticate` answered false (or failed): login, password or database wrong. */
  AuthFailed = 'AUTH_FAILED',
  /**
   * Fault 1 `cannot marshal None unless allow_none is enabled`: the method returned None, which
   * XML-RPC cannot carry, AFTER the transaction was committed. Not a failure for such methods.
   */
  NoneResult = 'NONE_RESULT',
  /** A record that must exist was not found (e.g. the URCOOPA partner). */
  NotFound = 'NOT_FOUND',
  /** A lookup that must find one record found several. */
  Ambiguous = 'AMBIGUOUS',
  /** No answer before the deadline (config.odoo.timeoutMs). */
  Timeout = 'TIMEOUT',
  /** An HTTP status other than 200 (e.g. a proxy's HTML 502/504 page). */
  HttpError = 'HTTP_ERROR',
  /** Connection refused / reset / DNS failure. */
  NetworkError = 'NETWORK_ERROR',
  /** HTTP 200 that is not a well-formed XML-RPC answer. */
  BadResponse = 'BAD_RESPONSE',
  /** Our own mistake in the parameters (a Date or a Decimal sent as is, NaN…). Never sent. */
  InvalidParams = 'INVALID_PARAMS',
  /** URL_ODOO is not set. */
  NotConfigured = 'NOT_CONFIGURED',
}

/** Errors that come from Odoo (or the way to it): legacy routes answer 502 for them. */
const OUR_OWN = new Set<OdooErrorCode>([OdooErrorCode.InvalidParams, OdooErrorCode.NotConfigured]);

export interface OdooErrorOptions {
  details?: Record<string, unknown>;
  transient?: boolean;
  cause?: unknown;
  /** Python traceback of a fault 1: for logs only (the HTTP filter shows `details`, not this). */
  traceback?: string;
}

export class OdooError extends AppError<OdooErrorCode> {
  readonly feature = 'odoo';
  readonly traceback?: string;

  constructor(code: OdooErrorCode, message: string, options: OdooErrorOptions = {}) {
    const ours = OUR_OWN.has(code);
    super(
      code,
      message,
      ours ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_GATEWAY,
      ours ? options.details : { external: true, ...options.details },
      options.transient ?? false,
      { cause: options.cause },
    );
    if (options.traceback) this.traceback = options.traceback;
  }

  static is(error: unknown, code?: OdooErrorCode): error is OdooError {
    return error instanceof OdooError && (code === undefined || error.code === code);
  }
}

const NONE_MARSHAL = 'cannot marshal None unless allow_none is enabled';

/** The last non-empty line of a Python traceback: `ValueError: Invalid field 'x' on model 'y'`. */
export function lastTracebackLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]) return lines[i];
  return '';
}

/** Maps an XML-RPC fault (Odoo's rpc.py codes 1–4) to an OdooError. */
export function faultToError(
  faultCode: unknown,
  faultString: unknown,
  call: { service: string; method: string; model?: string },
): OdooError {
  const code = Number(faultCode);
  const text = typeof faultString === 'string' ? faultString : String(faultString ?? '');
  const details = { ...call, faultCode: Number.isFinite(code) ? code : String(faultCode) };
  switch (code) {
    case 2:
      return new OdooError(OdooErrorCode.BusinessError, text.trim(), { details });
    case 3:
      return new OdooError(OdooErrorCode.AccessDenied, text.trim() || 'Access Denied', { details });
    case 4:
      return new OdooError(OdooErrorCode.AccessError, text.trim(), { details });
    default: {
      const last = lastTracebackLine(text);
      const isTraceback = text.includes('Traceback (most recent call last)');
      const traceback = isTraceback ? text : undefined;
      if (last.includes(NONE_MARSHAL)) {
        return new OdooError(
          OdooErrorCode.NoneResult,
          `${call.model ?? call.service}.${call.method} returned None (the change was committed): ${last}`,
          { details, traceback },
        );
      }
      return new OdooError(OdooErrorCode.ProgrammingError, last || `Odoo fault ${details.faultCode}`, {
        details,
        traceback,
      });
    }
  }
}
