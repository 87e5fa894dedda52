import { dec } from '../common/money';
import type { OdooClient } from './odoo.client';
import {
  m2oId,
  m2oName,
  orNull,
  type Many2one,
  type OdooPurchaseOrder,
  type OdooPurchaseOrderLine,
} from './odoo.types';

interface PurchaseOrderRow {
  id: number;
  name: string;
  partner_id: Many2one;
  partner_ref: string | false;
  company_id: Many2one;
  state: string;
  invoice_status: string | false;
  date_order: string | false;
  date_approve: string | false;
  dest_address_id: Many2one;
  order_line: number[];
}

export interface PurchaseOrderLineRow {
  id: number;
  order_id: Many2one;
  product_id: Many2one;
  name: string | false;
  display_type: string | false;
  product_qty: number;
  product_uom: Many2one;
  price_unit: number;
  qty_received: number;
  qty_invoiced: number;
  company_id: Many2one;
}

const PO_FIELDS = [
  'id',
  'name',
  'partner_id',
  'partner_ref',
  'company_id',
  'state',
  'invoice_status',
  'date_order',
  'date_approve',
  'dest_address_id',
  'order_line',
];

export const PURCHASE_LINE_FIELDS = [
  'id',
  'order_id',
  'product_id',
  'name',
  'display_type',
  'product_qty',
  'product_uom',
  'price_unit',
  'qty_received',
  'qty_invoiced',
  'company_id',
];

/** Purchase orders whose `field` is in `values` (chunked `in` domains; every company of the user by default). */
export async function purchaseOrdersBy(
  odoo: OdooClient,
  field: 'name' | 'partner_ref',
  values: string[],
  opts: { companyIds?: number[] },
): Promise<OdooPurchaseOrder[]> {
  const rows = await odoo.searchReadIn<PurchaseOrderRow>(
    'purchase.order',
    field,
    values.filter(Boolean),
    PO_FIELDS,
    [],
    { ...opts, order: 'id' },
  );
  return rows.map((po) => ({
    id: po.id,
    name: po.name,
    partnerId: m2oId(po.partner_id),
    partnerRef: orNull(po.partner_ref),
    companyId: m2oId(po.company_id) ?? 0,
    state: po.state,
    invoiceStatus: orNull(po.invoice_status),
    dateOrder: orNull(po.date_order),
    dateApprove: orNull(po.date_approve),
    destAddressId: m2oId(po.dest_address_id),
    lineIds: po.order_line,
  }));
}

export async function purchaseOrderLines(
  odoo: OdooClient,
  orderIds: number[],
  opts: { companyIds?: number[] },
): Promise<OdooPurchaseOrderLine[]> {
  const rows = await odoo.searchReadIn<PurchaseOrderLineRow>(
    'purchase.order.line',
    'order_id',
    orderIds,
    PURCHASE_LINE_FIELDS,
    [],
    { ...opts, order: 'order_id, sequence, id' },
  );
  return rows.map((l) => ({
    id: l.id,
    orderId: m2oId(l.order_id) ?? 0,
    productId: m2oId(l.product_id),
    name: orNull(l.name) ?? '',
    displayType: orNull(l.display_type),
    productQty: dec(String(l.product_qty)),
    productUomId: m2oId(l.product_uom),
    productUomName: m2oName(l.product_uom),
    priceUnit: dec(String(l.price_unit)),
    qtyReceived: dec(String(l.qty_received)),
    qtyInvoiced: dec(String(l.qty_invoiced)),
    companyId: m2oId(l.company_id) ?? 0,
  }));
}
