import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum ReconciliationErrorCode {
  UnknownOrder = 'RAPPROCHEMENT_UNKNOWN_ORDER',
  UnknownDiscrepancy = 'RAPPROCHEMENT_UNKNOWN_DISCREPANCY',
  /** Accepting a discrepancy that is already accepted. */
  AlreadyAccepted = 'RAPPROCHEMENT_ALREADY_ACCEPTED',
}

/** The one error type of the rapprochement feature. */
export class ReconciliationError extends AppError<ReconciliationErrorCode> {
  readonly feature = 'rapprochement';

  constructor(
    code: ReconciliationErrorCode,
    message: string,
    httpStatus: HttpStatus = HttpStatus.BAD_REQUEST,
    details?: Record<string, unknown>,
  ) {
    super(code, message, httpStatus, details);
  }
}
