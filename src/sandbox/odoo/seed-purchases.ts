import {
  INTERCOMPANY_SUPPLIER_PARTNER_ID,
  SICALAIT_COMPANY_ID,
  URCOOPA_PARTNER_ID,
} from '../world/catalogue';
import type { SandboxPurchaseOrder } from '../world/world.types';
import { purchaseMethods } from './methods/purchase-order';
import { moveMethods } from './methods/account-move';
import { validatePicking } from './models/stock';
import type { Env, Orm } from './orm';
import { createOne } from './orm-write';

const UOM_NAMES: Record<string, string> = { Units: 'Units', kg: 'kg', t: 't' };

/** Creates the world's purchase orders through the ORM, then walks them to their state. */
export function seedPurchaseOrders(orm: Orm, root: Env, orders: SandboxPurchaseOrder[]): void {
  const productByCode = new Map<string, number>();
  for (const info of orm.all('product.supplierinfo').filter((i) => i.partner_id === URCOOPA_PARTNER_ID)) {
    const variant = orm.all('product.product').find((p) => p.product_tmpl_id === info.product_tmpl_id);
    if (variant) productByCode.set(String(info.product_code), variant.id);
  }
  const uomId = (name: string) => orm.all('uom.uom').find((u) => u.name === UOM_NAMES[name])?.id;
  for (const po of orders) {
    const pickingType = orm
      .all('stock.picking.type')
      .find((t) => t.company_id === po.companyId && t.code === (po.dropship ? 'dropship' : 'incoming'));
    const lines = po.lines.map((l, i) => {
      const productId = l.productCode ? productByCode.get(l.productCode) : undefined;
      if (!productId)
        return [0, 0, { display_type: 'line_note', name: l.name, product_qty: 0, sequence: 10 + i }];
      return [
        0,
        0,
        {
          product_id: productId,
          name: l.name,
          product_qty: Number(l.qty),
          product_uom: uomId(l.uom),
          price_unit: Number(l.price),
          sequence: 10 + i,
        },
      ];
    });
    const id = createOne(orm, root, 'purchase.order', {
      name: po.name,
      partner_id: po.partnerId,
      partner_ref: po.partnerRef ?? false,
      company_id: po.companyId,
      date_order: po.dateOrder,
      date_planned: po.dateOrder,
      picking_type_id: pickingType?.id ?? false,
      order_line: lines,
    });
    const rec = orm.get('purchase.order', id);
    if (!rec) continue;
    if (po.state === 'sent') rec.state = 'sent';
    if (['purchase', 'done'].includes(po.state)) {
      purchaseMethods.button_confirm.run(orm, root, [id], {}, 'purchase.order');
      rec.date_approve = po.dateOrder;
      // Odoo only bills received quantities (control policy "received"): a PO the world says is
      // waiting for its bill (e.g. a drop-ship delivered by Urcoopa) has had its receipt validated.
      if (po.received || po.invoiceStatus !== 'no') {
        for (const p of orm.all('stock.picking').filter((x) => x.purchase_id === id)) validatePicking(orm, p);
      }
      if (
        po.invoiceStatus === 'invoiced' &&
        orm.value('purchase.order', rec, 'invoice_status') === 'to invoice'
      ) {
        const action = purchaseMethods.action_create_invoice.run(orm, root, [id], {}, 'purchase.order') as {
          res_id: number;
        };
        const bill = orm.get('account.move', action.res_id);
        if (bill) {
          bill.invoice_date = po.dateOrder.slice(0, 10);
          bill.ref = `URC-${po.name}`;
          moveMethods.action_post.run(orm, root, [bill.id], {}, 'account.move');
        }
      }
      if (po.state === 'done') rec.state = 'done';
    }
    if (po.state === 'cancel') rec.state = 'cancel';
  }
}

/** A few purchase orders of every kind, used when no generated world is given. */
export function defaultPurchaseOrders(): SandboxPurchaseOrder[] {
  const po = (
    o: Partial<SandboxPurchaseOrder> & Pick<SandboxPurchaseOrder, 'name'>,
  ): SandboxPurchaseOrder => ({
    companyId: SICALAIT_COMPANY_ID,
    partnerId: URCOOPA_PARTNER_ID,
    partnerRef: null,
    state: 'purchase',
    invoiceStatus: 'no',
    dateOrder: '2025-10-10 06:30:00',
    received: false,
    dropship: false,
    lines: [
      { productCode: '31040N25AA', name: 'MAIS GRAIN NETTOYE 25KG', qty: '40', uom: 'Units', price: '15.20' },
      { productCode: '20115VRAC', name: 'ALIMENT VL PRODUCTION VRAC', qty: '2.5', uom: 't', price: '486.23' },
    ],
    ...o,
  });
  return [
    po({ name: 'P0005650', dropship: true, received: true }),
    po({
      name: 'P0005651',
      companyId: 21,
      partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID,
      received: true,
      invoiceStatus: 'to invoice',
      lines: [
        { productCode: null, name: 'Livraison le matin avant 9h', qty: '0', uom: 'Units', price: '0' },
        { productCode: '33120M25AA', name: 'MINERAL VL 25KG', qty: '10', uom: 'Units', price: '32.75' },
        {
          productCode: '20130VRAC',
          name: 'ALIMENT VL HAUTE PRODUCTION VRAC',
          qty: '3',
          uom: 't',
          price: '512.40',
        },
      ],
    }),
    po({ name: 'P0005652', companyId: 22, partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID, received: false }),
    po({ name: 'P0005653', state: 'draft', partnerRef: 'GESICA706731', dateOrder: '2025-10-12 05:00:00' }),
    po({
      name: 'P0005654',
      companyId: 23,
      partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID,
      received: true,
      invoiceStatus: 'invoiced',
    }),
    po({
      name: 'P0005655',
      companyId: 24,
      partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID,
      received: true,
      invoiceStatus: 'to invoice',
    }),
  ];
}
