import type { Decimal } from '../common/money';

/** A many2one as Odoo reads it: `[id, display name]`, or `false` when empty. */
export type Many2one = [number, string] | false;
/** An x2many as Odoo reads it: a list of ids. */
export type X2many = number[];
/** Unset char/date/… fields are `false`, never null. */
export type OdooValue<T> = T | false;

/** A domain: `[['field', 'op', value], '|', …]`. */
export type DomainTerm = [string, string, unknown];
export type Domain = Array<DomainTerm | '&' | '|' | '!'>;

/** x2many commands of create/write: (0, 0, vals) create, (4, id) link, (6, 0, ids) replace. */
export type X2manyCommand =
  | [0, 0, Record<string, unknown>]
  | [1, number, Record<string, unknown>]
  | [2, number]
  | [3, number]
  | [4, number]
  | [5]
  | [6, 0, number[]];

export interface OdooRecord {
  id: number;
}

export interface CallOptions {
  /** Sets `context.allowed_company_ids`: records are created in the first one, searches see these. */
  companyIds?: number[];
}

export interface SearchOptions extends CallOptions {
  limit?: number;
  offset?: number;
  order?: string;
}

export interface ActionCallOptions extends CallOptions {
  /**
   * The method returns None in Python (button_draft, button_cancel): Odoo then answers the fault
   * `cannot marshal None` after committing; with this flag that fault resolves to undefined.
   */
  returnsNone?: boolean;
}

export function m2oId(value: Many2one | undefined | null): number | null {
  return Array.isArray(value) ? value[0] : null;
}

export function m2oName(value: Many2one | undefined | null): string | null {
  return Array.isArray(value) ? value[1] : null;
}

/** `false` (Odoo's empty) → null; anything else as is. */
export function orNull<T>(value: OdooValue<T> | undefined | null): T | null {
  return value === false || value === undefined || value === null ? null : value;
}

// ---- Shapes returned by the catalog -------------------------------------------------------------

export interface OdooProductRef {
  productId: number;
  templateId: number;
  name: string;
  defaultCode: string | null;
  uomId: number;
  uomName: string;
  /** Weight of one product unit in kg; null when Odoo has none (0 or empty). */
  weightKg: Decimal | null;
  /** 'product' | 'consu' | 'service' (Odoo 17 detailed_type). */
  type: string;
}

export interface OdooMember {
  id: number;
  name: string;
  ref: string | null;
  /** In the ADHERENT partner category. */
  isAdherent: boolean;
  companyId: number | null;
}

export interface OdooUoms {
  units: number;
  kg: number;
  tonne: number;
}

export interface OdooTaxRef {
  id: number;
  name: string;
  companyId: number;
  /** Rate in percent (2.1 for 2.1 %). */
  rate: Decimal;
  use: 'purchase' | 'sale';
}

export interface OdooCompany {
  id: number;
  name: string;
  email: string | null;
}

export interface OdooPurchaseOrder {
  id: number;
  name: string;
  partnerId: number | null;
  partnerRef: string | null;
  companyId: number;
  state: string;
  invoiceStatus: string | null;
  /** UTC 'YYYY-MM-DD HH:MM:SS'. */
  dateOrder: string | null;
  dateApprove: string | null;
  destAddressId: number | null;
  lineIds: number[];
}

export interface OdooPurchaseOrderLine {
  id: number;
  orderId: number;
  productId: number | null;
  name: string;
  displayType: string | null;
  productQty: Decimal;
  productUomId: number | null;
  productUomName: string | null;
  priceUnit: Decimal;
  qtyReceived: Decimal;
  qtyInvoiced: Decimal;
  companyId: number;
}
