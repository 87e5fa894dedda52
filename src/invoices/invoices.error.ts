import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum InvoicesErrorCode {
  InvalidParameters = 'INVOICES_INVALID_PARAMETERS',
  /** An invoice changed at Urcoopa after it was sent to Odoo: kept as it was. */
  ChangedAfterSent = 'INVOICES_CHANGED_AFTER_SENT',
  /** Writing one invoice failed (its transaction was rolled back). */
  WriteFailed = 'INVOICES_WRITE_FAILED',
}

/** The one error type of the invoices feature. */
export class InvoicesError extends AppError<InvoicesErrorCode> {
  readonly feature = 'invoices';

  static invalidParameters(message: string): InvoicesError {
    return new InvoicesError(InvoicesErrorCode.InvalidParameters, message, HttpStatus.BAD_REQUEST);
  }
}
