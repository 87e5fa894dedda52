import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum CorrespondenceErrorCode {
  /** An unknown type of export (clients | articles | all expected). */
  UnknownExportType = 'CORRESPONDENCE_UNKNOWN_EXPORT_TYPE',
  /** The Odoo record chosen to resolve an unknown does not exist (or is not usable). */
  OdooRecordNotFound = 'CORRESPONDENCE_ODOO_RECORD_NOT_FOUND',
  /** Nothing in the invoices matches the member/article to resolve. */
  NothingToResolve = 'CORRESPONDENCE_NOTHING_TO_RESOLVE',
  InvalidInput = 'CORRESPONDENCE_INVALID_INPUT',
  /** An invoice number that is not in sic_urcoopa_facture. */
  InvoiceNotFound = 'CORRESPONDENCE_INVOICE_NOT_FOUND',
}

/** The one error type of the correspondence feature (members, articles, unknowns). */
export class CorrespondenceError extends AppError<CorrespondenceErrorCode> {
  readonly feature = 'correspondence';

  static badRequest(code: CorrespondenceErrorCode, message: string, details?: Record<string, unknown>) {
    return new CorrespondenceError(code, message, HttpStatus.BAD_REQUEST, details);
  }

  static notFound(code: CorrespondenceErrorCode, message: string, details?: Record<string, unknown>) {
    return new CorrespondenceError(code, message, HttpStatus.NOT_FOUND, details);
  }
}
