import { afterAll, beforeAll, expect, it } from 'vitest';
import { ODOO_SEED } from '../../src/sandbox/odoo';
import { URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import type { SandboxPurchaseOrder } from '../../src/sandbox/world/world.types';
import { TEST_API_KEY } from '../helpers/app';
import { movesByRef, sandboxIds, seedDepots, seedInvoice } from '../helpers/invoice-seed';
import { describeDialects } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

const storePo = (
  name: string,
  companyId: number,
  lines: SandboxPurchaseOrder['lines'],
): SandboxPurchaseOrder => ({
  name,
  companyId,
  partnerId: URCOOPA_PARTNER_ID,
  partnerRef: null,
  state: 'purchase',
  invoiceStatus: 'no',
  dateOrder: '2025-10-10 06:30:00',
  received: false,
  dropship: false,
  lines,
});

const PURCHASE_ORDERS = [
  storePo('P0007001', 21, [
    { productCode: '31040N25AA', name: 'MAIS GRAIN NETTOYE 25KG', qty: '40', uom: 'Units', price: '15.20' },
    { productCode: '20115VRAC', name: 'ALIMENT VL PRODUCTION VRAC', qty: '2.5', uom: 't', price: '486.23' },
  ]),
  storePo('P0007002', 22, [
    { productCode: '31055N25AA', name: 'ORGE APLATIE 25KG', qty: '2', uom: 'Units', price: '14.35' },
  ]),
  storePo('P0007003', 21, [
    { productCode: '31055N25AA', name: 'ORGE APLATIE 25KG', qty: '2', uom: 'Units', price: '14.35' },
  ]),
  storePo('P0007004', 24, [
    { productCode: '31055N25AA', name: 'ORGE APLATIE 25KG', qty: '2', uom: 'Units', price: '14.35' },
  ]),
];

describeDialects('job factures-magasins: store bills in Odoo', (dialect) => {
  let h: OdooSyncHarness;
  let ids: ReturnType<typeof sandboxIds>;

  beforeAll(async () => {
    h = await startOdooSyncHarness({ dialect, sandbox: { world: { purchaseOrders: PURCHASE_ORDERS } } });
    ids = sandboxIds(h.odoo);
    await seedDepots(h.db, [
      ['5010', 21, 'MAGASIN LE PORT'],
      ['5024', 22, 'MAGASIN SAINT-PIERRE'],
      ['5047', 24, 'MAGASIN SAINT-BENOIT'],
    ]);
    const mais = ids.product('31040N25AA');
    const vrac = ids.product('20115VRAC');
    const orge = ids.product('31055N25AA');
    const transport = ids.service('TRANSPORT');
    const store = { societe: 'VRAC', typeClient: 'MAG. SICALAIT' };
    // A store bill with a bag line, a bulk line in tonnes and a service line 900.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100001',
      codeClient: '5010',
      nomClient: 'MAGASIN LE PORT',
      companyId: 21,
      ht: '1848.58',
      ttc: '1887.40',
      lines: [
        {
          n: 1,
          code: '31040N25AA',
          label: 'MAIS GRAIN NETTOYE 25KG',
          price: '15.20',
          qty: '40',
          unit: 'UN',
          amount: '608.00',
          productId: mais,
          po: 'P0007001',
        },
        {
          n: 2,
          code: '20115VRAC',
          label: 'ALIMENT VL PRODUCTION VRAC',
          price: '486.23',
          qty: '2.5',
          unit: 'TO',
          amount: '1215.58',
          productId: vrac,
          po: 'P0007001',
        },
        {
          n: 900,
          code: null,
          label: 'TRANSPORT',
          price: '25.00',
          qty: '1',
          unit: 'UN',
          amount: '25.00',
          productId: transport,
          po: null,
        },
      ],
    });
    // A credit note of another store.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100002',
      type: 'A',
      codeClient: '5024',
      nomClient: 'MAGASIN SAINT-PIERRE',
      companyId: 22,
      ht: '28.70',
      ttc: '29.30',
      lines: [
        {
          n: 1,
          code: '31055N25AA',
          label: 'ORGE APLATIE 25KG',
          price: '14.35',
          qty: '2',
          unit: 'UN',
          amount: '28.70',
          productId: orge,
          po: 'P0007002',
        },
      ],
    });
    // The store company has no purchase journal: Odoo refuses, the others go on.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100003',
      codeClient: '5047',
      nomClient: 'MAGASIN SAINT-BENOIT',
      companyId: 24,
      ht: '28.70',
      ttc: '29.30',
      lines: [
        {
          n: 1,
          code: '31055N25AA',
          label: 'ORGE APLATIE 25KG',
          price: '14.35',
          qty: '2',
          unit: 'UN',
          amount: '28.70',
          productId: orge,
          po: 'P0007004',
        },
      ],
    });
    // A store sic_depot does not know.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100004',
      codeClient: '5099',
      nomClient: 'DEPOT INCONNU',
      companyId: null,
      ht: '28.70',
      ttc: '29.30',
      lines: [
        {
          n: 1,
          code: '31055N25AA',
          label: 'ORGE APLATIE 25KG',
          price: '14.35',
          qty: '2',
          unit: 'UN',
          amount: '28.70',
          productId: orge,
          po: 'P0007003',
        },
      ],
    });
    // An article Odoo does not know.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100005',
      codeClient: '5010',
      nomClient: 'MAGASIN LE PORT',
      companyId: 21,
      ht: '30.00',
      ttc: '30.63',
      lines: [
        {
          n: 1,
          code: 'XX999',
          label: 'ARTICLE MYSTERE',
          price: '30.00',
          qty: '1',
          unit: 'UN',
          amount: '30.00',
          productId: null,
          po: 'P0007003',
        },
      ],
    });
    // Not linked to any Odoo PO: left alone.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100006',
      codeClient: '5010',
      nomClient: 'MAGASIN LE PORT',
      companyId: 21,
      ht: '28.70',
      ttc: '29.30',
      lines: [
        {
          n: 1,
          code: '31055N25AA',
          label: 'ORGE APLATIE 25KG',
          price: '14.35',
          qty: '2',
          unit: 'UN',
          amount: '28.70',
          productId: orge,
          po: null,
        },
      ],
    });
    // Linked to the PO of another store's company: Odoo refuses the foreign PO line.
    await seedInvoice(h.db, {
      ...store,
      numero: '251100008',
      codeClient: '5010',
      nomClient: 'MAGASIN LE PORT',
      companyId: 21,
      ht: '28.70',
      ttc: '29.30',
      lines: [
        {
          n: 1,
          code: '31055N25AA',
          label: 'ORGE APLATIE 25KG',
          price: '14.35',
          qty: '2',
          unit: 'UN',
          amount: '28.70',
          productId: orge,
          po: 'P0007002',
        },
      ],
    });
  });
  afterAll(() => h?.close());

  const run = () => h.app.http.get('/ajout-facture-odoo').set('X-API-Key', TEST_API_KEY);

  it('creates one vendor bill per store invoice, field by field, and reports the others (207)', async () => {
    h.odoo.calls.reset();
    const res = await run();
    expect(res.status, JSON.stringify(res.body.errorSummary ?? res.body)).toBe(207);

    const [bill] = movesByRef(h.odoo, '251100001');
    expect(movesByRef(h.odoo, '251100001')).toHaveLength(1);
    // payment_reference is the member's payment communication: left to Odoo, never our marker.
    expect(bill.payment_reference).toBeFalsy();
    expect(bill).toMatchObject({
      move_type: 'in_invoice',
      partner_id: URCOOPA_PARTNER_ID,
      company_id: 21,
      ref: '251100001',
      invoice_origin: 'P0007001',
      invoice_date: '2025-10-14',
      invoice_date_due: '2025-11-30',
      state: 'draft',
      amount_untaxed: 1848.58,
      amount_tax: 38.82,
      amount_total: 1887.4,
    });
    const po = h.odoo.records('purchase.order').find((p) => p.name === 'P0007001')!;
    const poLines = h.odoo.records('purchase.order.line').filter((l) => l.order_id === po.id);
    const tax21 = ids.tax(21, 'purchase');
    const analytic = { [String(ODOO_SEED.analytic922Id)]: 100 };
    const byProduct = (id: number) => bill.lines.find((l) => l.product_id === id)!;
    expect(byProduct(ids.product('31040N25AA'))).toMatchObject({
      quantity: 40,
      price_unit: 15.2,
      product_uom_id: ids.uom('Units'),
      tax_ids: [tax21],
      analytic_distribution: analytic,
      purchase_line_id: poLines.find((l) => l.product_id === ids.product('31040N25AA'))!.id,
    });
    expect(byProduct(ids.product('20115VRAC'))).toMatchObject({
      quantity: 2.5,
      price_unit: 486.23,
      product_uom_id: ids.uom('t'),
      tax_ids: [tax21],
      purchase_line_id: poLines.find((l) => l.product_id === ids.product('20115VRAC'))!.id,
    });
    expect(byProduct(ids.service('TRANSPORT'))).toMatchObject({
      quantity: 1,
      price_unit: 25,
      tax_ids: [tax21],
    });

    const [refund] = movesByRef(h.odoo, '251100002');
    expect(refund).toMatchObject({
      move_type: 'in_refund',
      company_id: 22,
      partner_id: URCOOPA_PARTNER_ID,
      amount_total: 29.3,
    });
    expect(refund.lines[0]).toMatchObject({
      quantity: 2,
      price_unit: 14.35,
      tax_ids: [ids.tax(22, 'purchase')],
    });

    for (const numero of ['251100003', '251100004', '251100005', '251100006', '251100008']) {
      expect(movesByRef(h.odoo, numero)).toHaveLength(0);
    }
    const errors = res.body.recordErrors as Array<{ record: string; code: string; message: string }>;
    const about = (n: string) =>
      errors
        .filter((e) => e.record === n)
        .map((e) => e.message)
        .join(' | ');
    expect(about('251100003')).toMatch(/No journal could be found in company MAGASIN SICALAIT SAINT-BENOIT/);
    expect(about('251100004')).toMatch(/magasin 5099 inconnu/);
    expect(about('251100005')).toMatch(/XX999 sans produit Odoo/);
    expect(about('251100008')).toMatch(
      /commande P0007002 de la société Odoo 22, pas de celle du magasin \(21\)/,
    );
    expect(about('251100006')).toBe('');
    expect(res.body.result.skipped).toContainEqual(expect.objectContaining({ numero: '251100006' }));

    const rows = await h.db.query<Array<Record<string, unknown>>>(
      'SELECT Numero_Facture, ID_Facture_ODOO, Statut_Integration_Fac_inOdoo FROM sic_urcoopa_facture WHERE Numero_Ligne_Facture = 1 ORDER BY Numero_Facture',
    );
    expect(
      rows
        .filter((r) => r.Statut_Integration_Fac_inOdoo === 'intégré')
        .map((r) => [r.Numero_Facture, r.ID_Facture_ODOO]),
    ).toEqual([
      ['251100001', bill.id],
      ['251100002', refund.id],
    ]);
    // Lookups and batches: far fewer calls than lines.
    expect(h.odoo.calls.count('account.move', 'create')).toBeLessThanOrEqual(4);

    const unknowns = await h.app.http.get('/les_inconnus').set('X-API-Key', TEST_API_KEY);
    expect(unknowns.body.articles).toContainEqual(
      expect.objectContaining({ code: 'XX999', factures: ['251100005'] }),
    );
    expect(unknowns.body.magasins).toContainEqual(
      expect.objectContaining({ codeClient: '5099', factures: ['251100004'] }),
    );
  });

  it('a rerun creates nothing', async () => {
    const before = h.odoo.records('account.move').length;
    h.odoo.calls.reset();
    const res = await run();
    expect(res.status).toBe(207);
    expect(h.odoo.records('account.move').length).toBe(before);
    // Only the refused ones are tried again (their cause may be fixed); the created ones are not sent.
    const moves = res.body.result.moves as Array<{ numero: string; result: string }>;
    expect(moves.map((m) => [m.numero, m.result])).toEqual([['251100003', 'failed']]);
  });
});
