import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum OrdersErrorCode {
  /** The PO's company has no row in sic_depot (or several): Urcoopa would not know where to deliver. */
  UnmappedCompany = 'ORDERS_UNMAPPED_COMPANY',
  /** A product line whose product has no URCOOPA supplier code. */
  MissingSupplierCode = 'ORDERS_MISSING_SUPPLIER_CODE',
  /** A product line in a unit Urcoopa does not take (only Units, kg, t). */
  UnsupportedUnit = 'ORDERS_UNSUPPORTED_UNIT',
  /** Nothing left to order once note lines and zero quantities are set aside. */
  NoLines = 'ORDERS_NO_LINES',
  /** Two POs of the run carry the same order number (same Gesica number). */
  DuplicateNumber = 'ORDERS_DUPLICATE_NUMBER',
  /** A negative quantity on a product line. */
  InvalidQuantity = 'ORDERS_INVALID_QUANTITY',
  /** Urcoopa answered ERREUR (unknown client, unknown article…). */
  RejectedByUrcoopa = 'ORDERS_REJECTED_BY_URCOOPA',
  /** The push failed (network, timeout, fault, empty answer): retried at the next run. */
  PushFailed = 'ORDERS_PUSH_FAILED',
  /** Gesica: a CMD400 line whose product has no URCOOPA supplier info in Odoo. */
  UnknownProduct = 'ORDERS_UNKNOWN_PRODUCT',
  /** Gesica: a CMD400 line with an unreadable field (date, unit, quantity, price). */
  InvalidGesicaLine = 'ORDERS_INVALID_GESICA_LINE',
  /** Gesica: no GESICA_DB_* configuration. */
  GesicaNotConfigured = 'ORDERS_GESICA_NOT_CONFIGURED',
  /** The switch could not create the draft bill of a PO. */
  SwitchFailed = 'ORDERS_SWITCH_FAILED',
}

/** The one error type of the orders feature (job 7, job 3, Gesica import). */
export class OrdersError extends AppError<OrdersErrorCode> {
  readonly feature = 'orders';

  constructor(
    code: OrdersErrorCode,
    message: string,
    details?: Record<string, unknown>,
    httpStatus: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
  ) {
    super(code, message, httpStatus, details);
  }
}
