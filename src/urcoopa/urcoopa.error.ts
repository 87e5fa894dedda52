import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum UrcoopaErrorCode {
  /** No WSDL URL and no endpoint configured. */
  NotConfigured = 'URCOOPA_NOT_CONFIGURED',
  /** The WSDL could not be fetched or read. */
  WsdlUnavailable = 'URCOOPA_WSDL_UNAVAILABLE',
  /** Connection refused/reset, DNS, socket closed mid-answer. */
  Network = 'URCOOPA_NETWORK',
  /** No answer within the per-call deadline. */
  Timeout = 'URCOOPA_TIMEOUT',
  /** HTTP 5xx without a SOAP fault (an HTML error page). */
  HttpError = 'URCOOPA_HTTP_ERROR',
  /** A SOAP Fault answered by the service. */
  SoapFault = 'URCOOPA_SOAP_FAULT',
  /** `Token API incorrect`: the key was refused. */
  AuthFailed = 'URCOOPA_AUTH_FAILED',
  /** The SOAP answer could not be read (not XML, truncated, missing result element). */
  BadResponse = 'URCOOPA_BAD_RESPONSE',
  /** The JSON carried in the result is not valid JSON (or not the expected shape). */
  MalformedPayload = 'URCOOPA_MALFORMED_PAYLOAD',
}

const TRANSIENT = new Set<UrcoopaErrorCode>([
  UrcoopaErrorCode.Network,
  UrcoopaErrorCode.Timeout,
  UrcoopaErrorCode.HttpError,
  UrcoopaErrorCode.WsdlUnavailable,
]);

/**
 * The one error type of the Urcoopa feature. Failures of the outside service answer 502. No `cause`
 * is attached on purpose: the HTTP library's errors carry the request envelope, hence the API key.
 */
export class UrcoopaError extends AppError<UrcoopaErrorCode> {
  readonly feature = 'urcoopa';

  constructor(
    code: UrcoopaErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    transient = TRANSIENT.has(code),
  ) {
    super(
      code,
      message,
      code === UrcoopaErrorCode.NotConfigured ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_GATEWAY,
      { external: code !== UrcoopaErrorCode.NotConfigured, ...details },
      transient,
    );
  }
}
