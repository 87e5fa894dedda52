import { HttpStatus } from '@nestjs/common';

/**
 * Base of the one error type per feature. Each feature declares its own subclass with a code enum;
 * the global filter turns them into a JSON body { error, message, details }.
 */
export abstract class AppError<Code extends string = string> extends Error {
  abstract readonly feature: string;

  constructor(
    readonly code: Code,
    message: string,
    readonly httpStatus: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly details?: Record<string, unknown>,
    /** A transient failure (network, timeout, 5xx) that may succeed when retried. */
    readonly transient = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export enum CommonErrorCode {
  NotFound = 'NOT_FOUND',
  InvalidInput = 'INVALID_INPUT',
  Conflict = 'CONFLICT',
}

export class CommonError extends AppError<CommonErrorCode> {
  readonly feature = 'common';
}
