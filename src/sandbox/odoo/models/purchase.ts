import Decimal from 'decimal.js';
import { userError } from '../errors';
import type { OdooRecord } from '../fields';
import { purchaseMethods } from '../methods/purchase-order';
import type { Orm } from '../orm';
import { convertQty } from './account';
import { char, company, m2o, type ModelDef } from './model';

const money = (string: string) => ({ type: 'monetary' as const, string, computed: true });
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();

export const PO_STATES: [string, string][] = [
  ['draft', 'RFQ'],
  ['sent', 'RFQ Sent'],
  ['to approve', 'To Approve'],
  ['purchase', 'Purchase Order'],
  ['done', 'Locked'],
  ['cancel', 'Cancelled'],
];

export function poLines(orm: Orm, po: OdooRecord): OdooRecord[] {
  return orm.all('purchase.order.line').filter((l) => l.order_id === po.id);
}

/** purchase.order.line._compute_qty_invoiced: bills count unless cancelled (drafts included). */
export function qtyInvoiced(orm: Orm, line: OdooRecord): number {
  let qty = new Decimal(0);
  for (const aml of orm.all('account.move.line').filter((l) => l.purchase_line_id === line.id)) {
    const move = orm.get('account.move', aml.move_id as number);
    if (!move || move.state === 'cancel') continue;
    const q = convertQty(orm, aml.quantity as number, aml.product_uom_id, line.product_uom);
    if (move.move_type === 'in_invoice') qty = qty.plus(q);
    else if (move.move_type === 'in_refund') qty = qty.minus(q);
  }
  return qty.toDecimalPlaces(4).toNumber();
}

export function qtyToInvoice(orm: Orm, line: OdooRecord): number {
  const po = orm.get('purchase.order', line.order_id as number);
  if (!po || !['purchase', 'done'].includes(po.state as string) || line.display_type) return 0;
  const product = orm.get('product.product', line.product_id as number);
  const tmpl = product && orm.get('product.template', product.product_tmpl_id as number);
  const base = tmpl?.purchase_method === 'purchase' ? line.product_qty : line.qty_received;
  return new Decimal((base as number) || 0).minus(qtyInvoiced(orm, line)).toDecimalPlaces(4).toNumber();
}

function poInvoiceIds(orm: Orm, po: OdooRecord): number[] {
  const lineIds = new Set(poLines(orm, po).map((l) => l.id));
  const moves = orm
    .all('account.move.line')
    .filter((l) => typeof l.purchase_line_id === 'number' && lineIds.has(l.purchase_line_id))
    .map((l) => l.move_id as number);
  return [...new Set(moves)].sort((a, b) => a - b);
}

function lineAmounts(orm: Orm, line: OdooRecord) {
  const subtotal = new Decimal((line.product_qty as number) || 0).times((line.price_unit as number) || 0);
  const rounded = subtotal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const tax = ((line.taxes_id as number[] | undefined) ?? []).reduce((s, id) => {
    const t = orm.get('account.tax', id);
    return t
      ? s.plus(
          rounded
            .times(t.amount as number)
            .dividedBy(100)
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
        )
      : s;
  }, new Decimal(0));
  return { subtotal: rounded, tax };
}

export const purchaseOrder: ModelDef = {
  name: 'purchase.order',
  description: 'Purchase Order',
  order: 'priority desc, id desc',
  companyRule: 'required',
  fields: {
    name: char('Order Reference', { required: true }),
    priority: {
      type: 'selection',
      string: 'Priority',
      selection: [
        ['0', 'Normal'],
        ['1', 'Urgent'],
      ],
    },
    origin: char('Source Document'),
    partner_ref: char('Vendor Reference'),
    partner_id: m2o('res.partner', 'Vendor', { required: true, checkCompany: true }),
    dest_address_id: m2o('res.partner', 'Dropship Address'),
    company_id: company(true),
    currency_id: m2o('res.currency', 'Currency', { required: true }),
    state: { type: 'selection', string: 'Status', selection: PO_STATES },
    invoice_status: {
      type: 'selection',
      string: 'Billing Status',
      computed: true,
      selection: [
        ['no', 'Nothing to Bill'],
        ['to invoice', 'Waiting Bills'],
        ['invoiced', 'Fully Billed'],
      ],
    },
    receipt_status: {
      type: 'selection',
      string: 'Receipt Status',
      computed: true,
      selection: [
        ['pending', 'Not Received'],
        ['partial', 'Partially Received'],
        ['full', 'Fully Received'],
      ],
    },
    date_order: { type: 'datetime', string: 'Order Deadline', required: true },
    date_approve: { type: 'datetime', string: 'Confirmation Date' },
    date_planned: { type: 'datetime', string: 'Expected Arrival' },
    order_line: {
      type: 'one2many',
      relation: 'purchase.order.line',
      inverse: 'order_id',
      string: 'Order Lines',
    },
    picking_type_id: m2o('stock.picking.type', 'Deliver To', { required: true, checkCompany: true }),
    picking_ids: {
      type: 'one2many',
      relation: 'stock.picking',
      inverse: 'purchase_id',
      string: 'Receptions',
    },
    picking_count: { type: 'integer', string: 'Incoming Shipment count', computed: true },
    invoice_ids: { type: 'many2many', relation: 'account.move', string: 'Bills', computed: true },
    invoice_count: { type: 'integer', string: 'Bill Count', computed: true },
    notes: { type: 'html', string: 'Terms and Conditions' },
    amount_untaxed: money('Untaxed Amount'),
    amount_tax: money('Taxes'),
    amount_total: money('Total'),
  },
  defaults: {
    name: (orm) => {
      const used = orm.all('purchase.order').map((p) => Number(String(p.name).replace(/^P/, '')) || 0);
      return `P${String(Math.max(0, ...used) + 1).padStart(7, '0')}`;
    },
    priority: () => '0',
    state: () => 'draft',
    company_id: (_o, env) => env.companyId,
    date_order: (orm) => orm.now(),
    currency_id: (orm) => orm.all('res.currency').find((c) => c.name === 'EUR')?.id ?? false,
    picking_type_id: (orm, env, vals) => {
      const companyId = typeof vals.company_id === 'number' ? vals.company_id : env.companyId;
      const t = orm
        .all('stock.picking.type')
        .find((p) => p.company_id === companyId && p.code === 'incoming');
      return t?.id ?? false;
    },
  },
  beforeUnlink(_orm, _env, recs) {
    if (recs.some((po) => po.state !== 'draft' && po.state !== 'cancel')) {
      throw userError('In order to delete a purchase order, you must cancel it first.');
    }
  },
  compute: {
    invoice_ids: poInvoiceIds,
    invoice_count: (orm, po) => poInvoiceIds(orm, po).length,
    picking_count: (orm, po) => orm.all('stock.picking').filter((p) => p.purchase_id === po.id).length,
    invoice_status: (orm, po) => {
      if (!['purchase', 'done'].includes(po.state as string)) return 'no';
      const lines = poLines(orm, po).filter((l) => !l.display_type);
      if (lines.some((l) => qtyToInvoice(orm, l) !== 0)) return 'to invoice';
      return lines.length && poInvoiceIds(orm, po).length ? 'invoiced' : 'no';
    },
    receipt_status: (orm, po) => {
      const pickings = orm
        .all('stock.picking')
        .filter((p) => p.purchase_id === po.id && p.state !== 'cancel');
      if (!pickings.length || pickings.every((p) => p.state !== 'done'))
        return pickings.length ? 'pending' : false;
      return pickings.every((p) => p.state === 'done') ? 'full' : 'partial';
    },
    amount_untaxed: (orm, po) =>
      round2(poLines(orm, po).reduce((s, l) => s.plus(lineAmounts(orm, l).subtotal), new Decimal(0))),
    amount_tax: (orm, po) =>
      round2(poLines(orm, po).reduce((s, l) => s.plus(lineAmounts(orm, l).tax), new Decimal(0))),
    amount_total: (orm, po) =>
      round2(
        poLines(orm, po).reduce((s, l) => {
          const a = lineAmounts(orm, l);
          return s.plus(a.subtotal).plus(a.tax);
        }, new Decimal(0)),
      ),
  },
  methods: purchaseMethods,
};

export const purchaseOrderLine: ModelDef = {
  name: 'purchase.order.line',
  description: 'Purchase Order Line',
  order: 'order_id, sequence, id',
  companyRule: 'required',
  fields: {
    order_id: m2o('purchase.order', 'Order Reference', { required: true }),
    sequence: { type: 'integer', string: 'Sequence' },
    name: { type: 'text', string: 'Description', required: true },
    display_type: {
      type: 'selection',
      string: 'Display Type',
      selection: [
        ['line_section', 'Section'],
        ['line_note', 'Note'],
      ],
    },
    product_id: m2o('product.product', 'Product', { checkCompany: true }),
    product_qty: { type: 'float', string: 'Quantity', digits: 2, required: true },
    product_uom: m2o('uom.uom', 'Unit of Measure'),
    price_unit: { type: 'float', string: 'Unit Price', digits: 2, required: true },
    taxes_id: { type: 'many2many', relation: 'account.tax', string: 'Taxes', checkCompany: true },
    date_planned: { type: 'datetime', string: 'Expected Arrival' },
    qty_received: { type: 'float', string: 'Received Qty', digits: 2 },
    qty_invoiced: { type: 'float', string: 'Billed Qty', computed: true },
    qty_to_invoice: { type: 'float', string: 'To Invoice Quantity', computed: true },
    price_subtotal: money('Subtotal'),
    price_total: money('Total'),
    company_id: company(true),
    partner_id: m2o('res.partner', 'Partner', { related: ['order_id', 'partner_id'] }),
    state: { type: 'selection', string: 'Status', selection: PO_STATES, related: ['order_id', 'state'] },
    invoice_lines: {
      type: 'one2many',
      relation: 'account.move.line',
      inverse: 'purchase_line_id',
      string: 'Bill Lines',
    },
  },
  defaults: {
    sequence: () => 10,
    product_qty: () => 1,
    qty_received: () => 0,
    company_id: (orm, env, vals) =>
      orm.get('purchase.order', vals.order_id as number)?.company_id ?? env.companyId,
  },
  prepareCreate(orm, _env, vals, given) {
    const po = orm.get('purchase.order', vals.order_id as number);
    const product =
      typeof vals.product_id === 'number' ? orm.get('product.product', vals.product_id) : undefined;
    const tmpl = product && orm.get('product.template', product.product_tmpl_id as number);
    if (tmpl && po) {
      if (vals.product_uom === undefined) vals.product_uom = tmpl.uom_po_id;
      if (vals.name === undefined || vals.name === false)
        vals.name = orm.displayName('product.product', product as OdooRecord);
      if (vals.price_unit === undefined) {
        const seller = orm
          .all('product.supplierinfo')
          .find((s) => s.product_tmpl_id === tmpl.id && s.partner_id === po.partner_id);
        vals.price_unit = seller?.price ?? tmpl.standard_price ?? 0;
      }
      if (!given.has('taxes_id')) {
        vals.taxes_id = ((tmpl.supplier_taxes_id as number[] | undefined) ?? []).filter(
          (t) => orm.get('account.tax', t)?.company_id === po.company_id,
        );
      }
      if (vals.date_planned === undefined) vals.date_planned = po.date_planned || po.date_order;
    }
    if (vals.display_type) vals.product_qty = vals.product_qty || 0;
    if (vals.price_unit === undefined) vals.price_unit = 0;
    if (!vals.display_type && (!vals.product_id || !vals.product_uom || !vals.date_planned)) {
      throw userError(
        'The operation cannot be completed: Missing required fields on accountable purchase order line.',
      );
    }
  },
  compute: {
    qty_invoiced: qtyInvoiced,
    qty_to_invoice: qtyToInvoice,
    price_subtotal: (orm, l) => round2(lineAmounts(orm, l).subtotal),
    price_total: (orm, l) => {
      const a = lineAmounts(orm, l);
      return round2(a.subtotal.plus(a.tax));
    },
  },
  displayName(orm, rec) {
    const po = orm.get('purchase.order', rec.order_id as number);
    return `${String(po?.name ?? '')}: ${String(rec.name)}`;
  },
};
