import { afterAll, beforeAll, expect, it } from 'vitest';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { ODOO_SEED } from '../../src/sandbox/odoo';
import { TEST_API_KEY } from '../helpers/app';
import { movesByRef, sandboxIds, seedInvoice } from '../helpers/invoice-seed';
import { MEMBER_INVOICES } from '../helpers/member-invoices';
import { describeDialects, fixed } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

describeDialects('jobs verif-correspondance and injection-adherents', (dialect) => {
  let h: OdooSyncHarness;
  let ids: ReturnType<typeof sandboxIds>;
  const get = (path: string) => h.app.http.get(path).set('X-API-Key', TEST_API_KEY);

  beforeAll(async () => {
    h = await startOdooSyncHarness({ dialect });
    ids = sandboxIds(h.odoo);
    for (const invoice of MEMBER_INVOICES) await seedInvoice(h.db, invoice);
  });
  afterAll(() => h?.close());

  it('the check matches members and articles, marks the complete invoices ready, records the unknowns once', async () => {
    const res = await get('/api/verification-correspondance-adherent');
    expect(res.status).toBe(200);
    expect(res.body.result.ready).toBe(2);
    const rows = await h.db.query<Array<Record<string, unknown>>>(
      'SELECT Numero_Facture, Numero_Ligne_Facture, ID_Client_ODOO, Code_Client_ODOO, ID_Produit_ODOO, Qte_Fact_Conv, Statut_Correspondance_Adherent, Statut_Correspondance_Article FROM sic_urcoopa_facture ORDER BY Numero_Facture, Numero_Ligne_Facture',
    );
    const row = (n: string, l: number) => {
      const found = rows.find((r) => r.Numero_Facture === n && r.Numero_Ligne_Facture === l)!;
      return { ...found, Qte_Fact_Conv: fixed(found.Qte_Fact_Conv, 4) };
    };
    expect(row('251200001', 1)).toMatchObject({
      ID_Client_ODOO: ids.partnerByRef('AD1873'),
      Code_Client_ODOO: 'CLIENT : AD1873',
      ID_Produit_ODOO: ids.product('31040N25AA'),
      Qte_Fact_Conv: '40.0000',
      Statut_Correspondance_Adherent: 'déjà traiter',
      Statut_Correspondance_Article: 'déjà traiter',
    });
    expect(row('251200001', 2)).toMatchObject({
      ID_Produit_ODOO: ids.product('20115VRAC'),
      Qte_Fact_Conv: '2500.0000',
    });
    expect(row('251200001', 900)).toMatchObject({ ID_Produit_ODOO: ids.service('TRANSPORT') });
    expect(row('251200003', 1)).toMatchObject({
      ID_Client_ODOO: 0,
      Code_Client_ODOO: 'INCONNU !',
      Statut_Correspondance_Adherent: 'à traiter',
    });
    expect(row('251200004', 1)).toMatchObject({
      ID_Produit_ODOO: null,
      Statut_Correspondance_Article: 'à traiter',
    });
    await get('/api/verification-correspondance-adherent');
    const members = await h.db.query<unknown[]>('SELECT * FROM sic_urcoopa_non_correspondance_adherent');
    const articles = await h.db.query<Array<Record<string, unknown>>>(
      'SELECT * FROM sic_urcoopa_non_correspondance_article',
    );
    expect(members).toHaveLength(1);
    expect(articles.map((a) => a.Numero_Article_Urcoopa)).toEqual(['39990X25ZZ']);
  });

  it('the injection creates, in SICALAIT, the URCOOPA bill and the member invoice at the coefficient price', async () => {
    const res = await get('/api/injection-dans-odoo-donnees-adherent');
    expect(res.status).toBe(200);
    const moves = movesByRef(h.odoo, '251200001');
    expect(moves).toHaveLength(2);
    const bill = moves.find((m) => m.move_type === 'in_invoice')!;
    const sale = moves.find((m) => m.move_type === 'out_invoice')!;
    const analytic = { [String(ODOO_SEED.analytic922Id)]: 100 };
    expect(bill).toMatchObject({
      partner_id: URCOOPA_PARTNER_ID,
      company_id: SICALAIT_COMPANY_ID,
      invoice_origin: 'P0005650',
      invoice_date: '2025-10-14',
      amount_untaxed: 1848.58,
      amount_tax: 38.82,
      amount_total: 1887.4,
      state: 'draft',
    });
    const po = h.odoo.records('purchase.order').find((p) => p.name === 'P0005650')!;
    const poLine = (code: string) =>
      h.odoo
        .records('purchase.order.line')
        .find((l) => l.order_id === po.id && l.product_id === ids.product(code))!.id;
    const purchaseTax = ids.tax(SICALAIT_COMPANY_ID, 'purchase');
    expect(bill.lines.find((l) => l.product_id === ids.product('20115VRAC'))).toMatchObject({
      quantity: 2.5,
      price_unit: 486.23,
      product_uom_id: ids.uom('t'),
      tax_ids: [purchaseTax],
      analytic_distribution: analytic,
      purchase_line_id: poLine('20115VRAC'),
    });
    expect(bill.lines.find((l) => l.product_id === ids.product('31040N25AA'))).toMatchObject({
      purchase_line_id: poLine('31040N25AA'),
      product_uom_id: ids.uom('Units'),
    });

    const saleTax = ids.tax(SICALAIT_COMPANY_ID, 'sale');
    expect(sale).toMatchObject({
      partner_id: ids.partnerByRef('AD1873'),
      company_id: SICALAIT_COMPANY_ID,
      ref: '251200001',
    });
    const price = (code: number) => sale.lines.find((l) => l.product_id === code)!;
    expect(price(ids.product('31040N25AA'))).toMatchObject({
      quantity: 40,
      price_unit: 15.96,
      tax_ids: [saleTax],
      analytic_distribution: analytic,
    });
    expect(price(ids.product('20115VRAC'))).toMatchObject({
      quantity: 2.5,
      price_unit: 510.54,
      product_uom_id: ids.uom('t'),
    });
    expect(price(ids.service('TRANSPORT'))).toMatchObject({ quantity: 1, price_unit: 26.25 });
    expect(price(ids.product('31040N25AA')).purchase_line_id ?? false).toBe(false);
    // 638.40 + 1276.35 + 26.25 = 1941.00; VAT 2.1 % = 40.76
    expect([sale.amount_untaxed, sale.amount_tax, sale.amount_total]).toEqual([1941, 40.76, 1981.76]);

    const refunds = movesByRef(h.odoo, '251200002');
    expect(refunds.map((m) => m.move_type).sort()).toEqual(['in_refund', 'out_refund']);
    const memberRefund = refunds.find((m) => m.move_type === 'out_refund')!;
    expect(memberRefund).toMatchObject({
      partner_id: ids.partnerByRef('AD1402'),
      company_id: SICALAIT_COMPANY_ID,
      amount_untaxed: 30.14,
    });
    expect(memberRefund.lines[0]).toMatchObject({ quantity: 2, price_unit: 15.07 });

    expect(movesByRef(h.odoo, '251200003')).toHaveLength(0);
    expect(movesByRef(h.odoo, '251200004')).toHaveLength(0);
    const [integrated] = await h.db.query<Array<Record<string, unknown>>>(
      "SELECT ID_Facture_ODOO, Statut_Integration_Fac_inOdoo FROM sic_urcoopa_facture WHERE Numero_Facture = '251200001' AND Numero_Ligne_Facture = 900",
    );
    expect(integrated).toEqual({ ID_Facture_ODOO: sale.id, Statut_Integration_Fac_inOdoo: 'intégré' });
  });

  it('a rerun creates nothing', async () => {
    const before = h.odoo.records('account.move').length;
    h.odoo.calls.reset();
    const res = await get('/api/injection-dans-odoo-donnees-adherent');
    expect(res.status).toBe(200);
    expect(h.odoo.records('account.move').length).toBe(before);
    expect(h.odoo.calls.count('account.move', 'create')).toBe(0);
  });

  it('a member is not invoiced while the URCOOPA bill of the same invoice is refused by Odoo', async () => {
    await seedInvoice(h.db, { ...MEMBER_INVOICES[0], numero: '251200030' });
    await get('/api/verification-correspondance-adherent');
    h.odoo.faults.fault(2, 'The operation cannot be completed: the bill was refused.', {
      model: 'account.move',
      method: 'create',
      times: 2,
    });
    const refused = await get('/api/injection-dans-odoo-donnees-adherent');
    h.odoo.faults.clear();
    expect(refused.status).toBe(207);
    expect(movesByRef(h.odoo, '251200030')).toHaveLength(0);
    const run = await get('/api/injection-dans-odoo-donnees-adherent');
    expect(run.status).toBe(200);
    expect(
      movesByRef(h.odoo, '251200030')
        .map((m) => m.move_type)
        .sort(),
    ).toEqual(['in_invoice', 'out_invoice']);
  });
});
