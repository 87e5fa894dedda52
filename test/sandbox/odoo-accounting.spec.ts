import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { ANALYTIC_922_ID, SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { failure, lastLine, odooClient, type TestOdooClient } from './odoo-client';

let sb: OdooSandbox;
let c: TestOdooClient;
let purchaseTax: number;
let product: (code: string) => Promise<number>;

beforeAll(async () => {
  sb = await startOdooSandbox({ now: () => new Date('2025-10-20T08:00:00Z') });
  c = odooClient(sb);
  [purchaseTax] = (await c.x('account.tax', 'search', [
    [
      ['company_id', '=', SICALAIT_COMPANY_ID],
      ['type_tax_use', '=', 'purchase'],
      ['amount', '=', 2.1],
    ],
  ])) as number[];
  product = async (code) => {
    const [info] = (await c.x(
      'product.supplierinfo',
      'search_read',
      [
        [
          ['partner_id', '=', URCOOPA_PARTNER_ID],
          ['product_code', '=', code],
        ],
      ],
      {
        fields: ['product_tmpl_id'],
      },
    )) as { product_tmpl_id: [number, string] }[];
    const [id] = (await c.x('product.product', 'search', [
      [['product_tmpl_id', '=', info.product_tmpl_id[0]]],
    ])) as number[];
    return id;
  };
});
afterAll(() => sb.close());

/** The doc's realistic invoice (domain.md §2): 1848.58 HT, 38.82 VAT, 1887.40 TTC. */
async function docBill(extra: Record<string, unknown> = {}) {
  const line = (productId: number | false, quantity: number, price_unit: number, uom?: number) => [
    0,
    0,
    {
      product_id: productId,
      name: 'x',
      quantity,
      price_unit,
      tax_ids: [[6, 0, [purchaseTax]]],
      analytic_distribution: { [String(ANALYTIC_922_ID)]: 100 },
      ...(uom ? { product_uom_id: uom } : {}),
    },
  ];
  return (await c.x('account.move', 'create', [
    {
      move_type: 'in_invoice',
      partner_id: URCOOPA_PARTNER_ID,
      ref: '251004512',
      invoice_date: '2025-10-14',
      invoice_date_due: '2025-11-30',
      invoice_line_ids: [
        line(await product('31040N25AA'), 40, 15.2),
        line(await product('20115VRAC'), 2.5, 486.23, ODOO_SEED.uom.tId),
        line(false, 1, 25),
      ],
      ...extra,
    },
  ])) as number;
}

describe('account.move', () => {
  it('computes totals from lines and taxes, rounded to cents', async () => {
    const id = await docBill();
    const [m] = (await c.x('account.move', 'read', [
      [id],
      ['amount_untaxed', 'amount_tax', 'amount_total', 'state', 'name', 'currency_id', 'invoice_line_ids'],
    ])) as Record<string, unknown>[];
    expect(m).toMatchObject({
      amount_untaxed: 1848.58,
      amount_tax: 38.82,
      amount_total: 1887.4,
      state: 'draft',
      name: '/',
      currency_id: [1, 'EUR'],
    });
    const lines = (await c.x('account.move.line', 'read', [
      m.invoice_line_ids,
      ['quantity', 'product_uom_id', 'price_subtotal', 'analytic_distribution', 'tax_ids'],
    ])) as Record<string, unknown>[];
    expect(lines[1]).toMatchObject({
      quantity: 2.5,
      product_uom_id: [ODOO_SEED.uom.tId, 't'],
      price_subtotal: 1215.58,
      tax_ids: [purchaseTax],
    });
    expect(lines[0].analytic_distribution).toEqual({ [String(ANALYTIC_922_ID)]: 100 });
  });

  it('rounds taxes per line when the company says so', async () => {
    sb.update('res.company', SICALAIT_COMPANY_ID, { tax_calculation_rounding_method: 'round_per_line' });
    const id = await docBill();
    expect(sb.value('account.move', id, 'amount_tax')).toBe(38.83);
    sb.update('res.company', SICALAIT_COMPANY_ID, { tax_calculation_rounding_method: 'round_globally' });
  });

  it('refuses a unit of another category than the product’s', async () => {
    const f = await failure(
      c.x('account.move', 'create', [
        {
          move_type: 'in_invoice',
          partner_id: URCOOPA_PARTNER_ID,
          invoice_line_ids: [
            [
              0,
              0,
              {
                product_id: await product('20115VRAC'),
                product_uom_id: ODOO_SEED.uom.unitsId,
                quantity: 1,
                price_unit: 1,
              },
            ],
          ],
        },
      ]),
    );
    expect(f.faultCode).toBe(2);
    expect(f.faultString).toMatch(
      /^The Unit of Measure \(UoM\) 'Units' you have selected for product .*is incompatible with its category : Weight\.$/,
    );
  });

  it('action_post numbers bills, refunds and invoices and answers false', async () => {
    const b1 = await docBill();
    const b2 = await docBill();
    expect(await c.x('account.move', 'action_post', [[b1]])).toBe(false);
    await c.x('account.move', 'action_post', [[b2]]);
    const refund = await docBill({ move_type: 'in_refund' });
    await c.x('account.move', 'action_post', [[refund]]);
    const inv = (await c.x('account.move', 'create', [
      {
        move_type: 'out_invoice',
        partner_id: URCOOPA_PARTNER_ID,
        invoice_line_ids: [[0, 0, { name: 'x', quantity: 1, price_unit: 10 }]],
      },
    ])) as number;
    await c.x('account.move', 'action_post', [[inv]]);
    const rows = (await c.x('account.move', 'read', [
      [b1, b2, refund, inv],
      ['name', 'state', 'invoice_date'],
    ])) as Record<string, unknown>[];
    expect(rows.map((r) => r.name)).toEqual([
      'BILL/2025/10/0001',
      'BILL/2025/10/0002',
      'RBILL/2025/10/0001',
      'INV/2025/00001',
    ]);
    expect(rows.every((r) => r.state === 'posted')).toBe(true);
    expect(rows[3].invoice_date).toBe('2025-10-20');
  });

  it('action_post faults: not draft, no line, no bill date', async () => {
    const b = await docBill();
    await c.x('account.move', 'action_post', [[b]]);
    const name = sb.get('account.move', b)?.name;
    expect(await failure(c.x('account.move', 'action_post', [[b]]))).toMatchObject({
      faultCode: 2,
      faultString: `The entry ${String(name)} (id ${b}) must be in draft.`,
    });
    const empty = await c.x('account.move', 'create', [
      { move_type: 'in_invoice', partner_id: URCOOPA_PARTNER_ID, invoice_date: '2025-10-14' },
    ]);
    expect(await failure(c.x('account.move', 'action_post', [[empty]]))).toMatchObject({
      faultCode: 2,
      faultString: 'You need to add a line before posting.',
    });
    const undated = await docBill({ invoice_date: false });
    expect(await failure(c.x('account.move', 'action_post', [[undated]]))).toMatchObject({
      faultCode: 2,
      faultString: 'The Bill/Refund date is required to validate this document.',
    });
    expect(sb.get('account.move', undated)?.state).toBe('draft');
  });

  it('button_draft commits, then faults because it returns None', async () => {
    const b = await docBill();
    await c.x('account.move', 'action_post', [[b]]);
    const f = await failure(c.x('account.move', 'button_draft', [[b]]));
    expect(f.faultCode).toBe(1);
    expect(lastLine(f.faultString)).toBe('TypeError: cannot marshal None unless allow_none is enabled');
    expect(sb.get('account.move', b)?.state).toBe('draft');
    await failure(c.x('account.move', 'button_cancel', [[b]]));
    expect(sb.get('account.move', b)?.state).toBe('cancel');
  });

  it('does not refuse a second bill with the same partner and ref', async () => {
    await docBill({ ref: 'DUP-1' });
    await docBill({ ref: 'DUP-1' });
    expect(
      await c.x('account.move', 'search_count', [
        [
          ['ref', '=', 'DUP-1'],
          ['partner_id', '=', URCOOPA_PARTNER_ID],
        ],
      ]),
    ).toBe(2);
  });

  it('rolls a failing call back entirely', async () => {
    const before = sb.records('account.move').length;
    await failure(c.x('account.move', 'create', [[{ move_type: 'in_invoice' }, { move_type: 'bogus' }]]));
    expect(sb.records('account.move')).toHaveLength(before);
  });
});

describe('purchase.order', () => {
  it('button_confirm: draft → purchase, answers true, creates the receipt', async () => {
    const [id] = (await c.x('purchase.order', 'search', [
      [['partner_ref', '=', 'GESICA706731']],
    ])) as number[];
    expect(await c.x('purchase.order', 'button_confirm', [[id]])).toBe(true);
    const [po] = (await c.x('purchase.order', 'read', [
      [id],
      ['state', 'picking_ids', 'invoice_status'],
    ])) as Record<string, unknown>[];
    expect(po).toMatchObject({ state: 'purchase', invoice_status: 'no' });
    const pickings = (await c.x('stock.picking', 'read', [
      po.picking_ids,
      ['origin', 'state', 'picking_type_code', 'purchase_id'],
    ])) as Record<string, unknown>[];
    expect(pickings).toEqual([
      {
        id: expect.any(Number),
        origin: 'P0005653',
        state: 'assigned',
        picking_type_code: 'incoming',
        purchase_id: [id, 'P0005653'],
      },
    ]);
  });

  it('action_create_invoice bills received − invoiced once, in the PO’s company, linked to its lines', async () => {
    const [id] = (await c.x('purchase.order', 'search', [[['name', '=', 'P0005651']]])) as number[];
    const action = (await c.x('purchase.order', 'action_create_invoice', [[id]])) as Record<string, unknown>;
    expect(action).toMatchObject({
      type: 'ir.actions.act_window',
      res_model: 'account.move',
      res_id: expect.any(Number),
    });
    const [bill] = (await c.x('account.move', 'read', [
      [action.res_id],
      ['move_type', 'state', 'company_id', 'invoice_origin', 'invoice_line_ids', 'amount_untaxed'],
    ])) as Record<string, unknown>[];
    expect(bill).toMatchObject({
      move_type: 'in_invoice',
      state: 'draft',
      company_id: [21, 'MAGASIN SICALAIT LE PORT'],
      invoice_origin: 'P0005651',
    });
    const lines = (await c.x('account.move.line', 'read', [
      bill.invoice_line_ids,
      ['purchase_line_id', 'quantity', 'product_uom_id'],
    ])) as Record<string, unknown>[];
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => Array.isArray(l.purchase_line_id))).toBe(true);
    expect(lines.map((l) => l.quantity)).toEqual([10, 3]);
    const [po] = (await c.x('purchase.order', 'read', [[id], ['invoice_status', 'invoice_ids']])) as Record<
      string,
      unknown
    >[];
    expect(po).toMatchObject({ invoice_status: 'invoiced', invoice_ids: [action.res_id] });
    const again = await failure(c.x('purchase.order', 'action_create_invoice', [[id]]));
    expect(again).toMatchObject({
      faultCode: 2,
      faultString:
        'There is no invoiceable line. If a product has a control policy based on received quantity, please make sure that a quantity has been received.',
    });
  });

  it('has nothing to invoice before reception, and something after', async () => {
    const [id] = (await c.x('purchase.order', 'search', [[['name', '=', 'P0005652']]])) as number[];
    expect((await failure(c.x('purchase.order', 'action_create_invoice', [[id]]))).faultCode).toBe(2);
    sb.receive('P0005652');
    expect(sb.value('purchase.order', id, 'invoice_status')).toBe('to invoice');
    const action = (await c.x('purchase.order', 'action_create_invoice', [[id]])) as { res_id: number };
    expect(typeof action.res_id).toBe('number');
  });

  it('cannot bill a PO of a company without purchase journal', async () => {
    const [id] = (await c.x('purchase.order', 'search', [[['name', '=', 'P0005655']]])) as number[];
    const f = await failure(c.x('purchase.order', 'action_create_invoice', [[id]]));
    expect(f.faultString).toBe(
      'No journal could be found in company MAGASIN SICALAIT SAINT-BENOIT for any of those types: purchase',
    );
    expect(sb.value('purchase.order', id, 'invoice_status')).toBe('to invoice');
  });
});
