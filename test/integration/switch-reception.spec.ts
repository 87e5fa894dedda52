import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { OdooClient } from '../../src/odoo/odoo.client';
import {
  INTERCOMPANY_SUPPLIER_PARTNER_ID,
  SICALAIT_COMPANY_ID,
  URCOOPA_PARTNER_ID,
} from '../../src/sandbox/world/catalogue';
import { BAG, po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';

const interco = (name: string, extra = {}) =>
  po(name, {
    partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID,
    received: true,
    invoiceStatus: 'to invoice',
    ...extra,
  });
const dropship = (name: string) => po(name, { companyId: SICALAIT_COMPANY_ID, dropship: true });

async function runSwitch(h: OrdersHarness, query = '') {
  const res = await h.app.http.get(`/switch-facture-apres-reception${query}`).set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as Array<{
    po: string;
    outcome: string;
    invoiceStatus: string;
  }>;
  return { res, orders, report: (name: string) => orders.find((o) => o.po === name) };
}

describeDialects('job 3: switch after reception (GET /switch-facture-apres-reception)', (dialect) => {
  let h: OrdersHarness;
  const poId = (name: string) => h.odoo.records('purchase.order').find((p) => p.name === name)!.id;
  const billsOf = (name: string) => h.odoo.value('purchase.order', poId(name), 'invoice_ids') as number[];
  const status = (name: string) => h.odoo.value('purchase.order', poId(name), 'invoice_status');
  const pickingStates = (name: string) =>
    h.odoo
      .records('stock.picking')
      .filter((p) => p.purchase_id === poId(name))
      .map((p) => p.state);

  beforeAll(async () => {
    h = await startOrdersHarness({
      dialect,
      purchaseOrders: [
        interco('P0008001'),
        interco('P0008002', { companyId: 22 }),
        interco('P0008003', { received: false, invoiceStatus: 'no' }),
        interco('P0008004', { dateOrder: '2025-08-01 06:00:00' }), // outside 30 days
        dropship('P0008010'),
        dropship('P0008011'),
        dropship('P0008012'), // no Urcoopa invoice references it
      ],
      env: { ODOO_INTERCOMPANY_PARTNER_ID: String(INTERCOMPANY_SUPPLIER_PARTNER_ID) },
    });
    for (const [numero, poName] of [
      ['251004600', 'P0008010'],
      ['251004601', 'P0008011'],
    ])
      await h.db.query(
        `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Code_Client, Code_Produit, Numero_Commande_ODOO)
         VALUES (?, 1, 'F', '1873', '31040N25AA', ?)`,
        [numero, poName],
      );
    // The Urcoopa invoice of P0008011 already has its vendor bill in Odoo (member injection), not linked to the PO.
    const info = h.odoo
      .records('product.supplierinfo')
      .find((i) => i.partner_id === URCOOPA_PARTNER_ID && i.product_code === BAG.productCode)!;
    const product = h.odoo
      .records('product.product')
      .find((p) => p.product_tmpl_id === info.product_tmpl_id)!;
    await h.app.app.get(OdooClient).create(
      'account.move',
      {
        move_type: 'in_invoice',
        partner_id: URCOOPA_PARTNER_ID,
        ref: '251004601',
        invoice_line_ids: [
          [0, 0, { product_id: product.id, quantity: 40, price_unit: 15.2, name: BAG.name }],
        ],
      },
      { companyIds: [SICALAIT_COMPANY_ID] },
    );
    // The first bill is committed but its answer is lost (504 from the proxy).
    h.odoo.faults.html504({ model: 'purchase.order', method: 'action_create_invoice', commit: true });
  }, 60_000);
  afterAll(() => h?.close());

  it('bills each received intercompany PO once, even when the answer was lost', async () => {
    const run = await runSwitch(h);
    expect(run.res.status).toBe(200);
    expect(billsOf('P0008001')).toHaveLength(1);
    expect(billsOf('P0008002')).toHaveLength(1);
    expect(status('P0008001')).toBe('invoiced');
    expect(run.report('P0008001')?.outcome).toBe('bill_exists'); // adopted after the lost answer
    expect(run.report('P0008002')).toMatchObject({ outcome: 'bill_created', invoiceStatus: 'invoiced' });
    const bill = h.odoo.get('account.move', billsOf('P0008002')[0])!;
    expect(bill).toMatchObject({ move_type: 'in_invoice', state: 'draft', company_id: 22 });
    expect(billsOf('P0008003')).toHaveLength(0);
    expect(billsOf('P0008004')).toHaveLength(0);
    expect(run.report('P0008004')).toBeUndefined();
  });

  it('receives referenced drop-ship POs and links them to the Urcoopa bill, never billing them twice', async () => {
    const run = await runSwitch(h);
    expect(pickingStates('P0008010')).toEqual(['done']);
    // P0008010: its Urcoopa invoice has no bill in Odoo yet (jobs 5/6 make it): no bill of our own.
    expect(billsOf('P0008010')).toHaveLength(0);
    expect(run.report('P0008010')?.outcome).toBe('awaiting_urcoopa_bill');
    // P0008011: its Urcoopa bill is linked, no second bill.
    const urcoopaBills = h.odoo.records('account.move').filter((m) => m.ref === '251004601');
    expect(urcoopaBills).toHaveLength(1);
    expect(billsOf('P0008011')).toEqual([urcoopaBills[0].id]);
    expect(status('P0008011')).toBe('invoiced');
    expect(pickingStates('P0008012')).not.toContain('done');
    expect(status('P0008012')).toBe('no');
    expect(run.res.status).toBe(200);
  });

  it('makes no second bill on later runs', async () => {
    const before = h.odoo.records('account.move').length;
    const calls = h.odoo.calls.entries.filter((c) => c.method === 'action_create_invoice').length;
    const again = await runSwitch(h);
    expect(h.odoo.records('account.move').length).toBe(before);
    expect(h.odoo.calls.entries.filter((c) => c.method === 'action_create_invoice').length).toBe(calls);
    expect(again.orders.every((o) => o.outcome !== 'bill_created')).toBe(true);
    // A wider window takes the older PO in, once.
    await runSwitch(h, '?days=90');
    await runSwitch(h, '?days=90');
    expect(billsOf('P0008004')).toHaveLength(1);
    expect(h.odoo.records('account.move').length).toBe(before + 1);
  });
});
