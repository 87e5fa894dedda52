import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthFiguresService } from '../../src/accounting/month-figures';
import { MEMBERS, PRODUCTS, SERVICES, STORES } from '../../src/sandbox/world/catalogue';
import { filterWindow } from '../../src/sandbox/world/world';
import type { UrcoopaInvoice } from '../../src/sandbox/world/world.types';
import {
  count,
  day,
  fixed,
  REFERENCE_DAY,
  rows,
  startImportHarness,
  type Dialect,
  type ImportHarness,
} from './invoice-import.helpers';

type Line = Record<string, unknown>;

/** Job 1 end to end, the same on MariaDB (production) and SQLite (embedded). */
describe.each<Dialect>(['mariadb', 'sqlite'])('invoice import on %s', (dialect) => {
  let h: ImportHarness;
  let expected: UrcoopaInvoice[];

  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 40, seed: 7 } });
    expected = filterWindow(h.world.invoices, 'Date_Facture', 30, REFERENCE_DAY);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports the window through GET /Recupere_Factures/ and answers the run', async () => {
    const before = h.urcoopa.calls.count('Get_Factures');
    const { status, body } = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe('succeeded');
    expect(body.counts).toMatchObject({ read: expected.length, created: expected.length, unchanged: 0 });
    expect(body.result).toMatchObject({ nbJours: 30, dateReference: REFERENCE_DAY });
    // Asked in slices of at most URCOOPA_SLICE_DAYS (7) days, oldest first, ending on the day.
    const slices = h.urcoopa.calls.entries.filter((c) => c.operation === 'Get_Factures').slice(before);
    expect(slices.reduce((n, c) => n + Number(c.params.NbJours), 0)).toBe(30);
    expect(slices.every((c) => Number(c.params.NbJours) <= 7)).toBe(true);
    expect(slices[slices.length - 1].params.DateReference).toBe(REFERENCE_DAY);
  });

  it('stores every invoice line exactly as Urcoopa sent it (money exact)', async () => {
    const stored = await rows<Line>(h, 'SELECT * FROM sic_urcoopa_facture');
    expect(stored).toHaveLength(expected.reduce((n, i) => n + i.Detail.length, 0));
    const byKey = new Map(
      stored.map((r) => [`${String(r.Numero_Facture)}/${String(r.Numero_Ligne_Facture)}`, r]),
    );
    for (const inv of expected) {
      for (const line of inv.Detail) {
        const row = byKey.get(`${inv.Numero_Facture}/${line.Numero_Ligne_Facture}`);
        expect(row, `${inv.Numero_Facture}/${line.Numero_Ligne_Facture}`).toBeDefined();
        const r = row!;
        expect({
          Type_Facture: r.Type_Facture,
          Date_Facture: day(r.Date_Facture),
          Date_Echeance: day(r.Date_Echeance),
          Societe_Facture: r.Societe_Facture,
          Code_Client: r.Code_Client,
          Nom_Client: r.Nom_Client,
          Type_Client: r.Type_Client,
          Montant_HT: fixed(r.Montant_HT, 2),
          Montant_TTC: fixed(r.Montant_TTC, 2),
          Code_Produit: r.Code_Produit,
          Libelle_Produit: r.Libelle_Produit,
          Prix_Unitaire: fixed(r.Prix_Unitaire, 2),
          Quantite_Facturee: fixed(r.Quantite_Facturee, 4),
          Unite_Facturee: r.Unite_Facturee,
          Numero_Silo: r.Numero_Silo,
          Montant_HT_Ligne: fixed(r.Montant_HT_Ligne, 2),
          Taux_TVA: fixed(r.Taux_TVA, 2),
          Depot_BL: r.Depot_BL,
          Numero_BL: r.Numero_BL,
          Numero_Ligne_BL: r.Numero_Ligne_BL === null ? null : Number(r.Numero_Ligne_BL),
          Numero_Commande_Client: r.Numero_Commande_Client,
          Date_Commande_Client: day(r.Date_Commande_Client),
          Commentaires: r.Commentaires,
          Date_Livraison: day(r.Date_Livraison),
        }).toEqual({
          Type_Facture: inv.Type_Facture,
          Date_Facture: inv.Date_Facture,
          Date_Echeance: inv.Date_Echeance,
          Societe_Facture: inv.Societe_Facture,
          Code_Client: inv.Code_Client,
          Nom_Client: inv.Nom_Client,
          Type_Client: inv.Type_Client,
          Montant_HT: inv.Montant_HT.toFixed(2),
          Montant_TTC: inv.Montant_TTC.toFixed(2),
          Code_Produit: line.Code_Produit,
          Libelle_Produit: line.Libelle_Produit,
          Prix_Unitaire: line.Prix_Unitaire.toFixed(2),
          Quantite_Facturee: fixed(String(line.Quantite_Facturee), 4),
          Unite_Facturee: line.Unite_Facturee,
          Numero_Silo: line.Numero_Silo,
          Montant_HT_Ligne: line.Montant_HT_Ligne.toFixed(2),
          Taux_TVA: fixed(String(line.Taux_TVA), 2),
          Depot_BL: line.Depot_BL,
          Numero_BL: line.Numero_BL,
          Numero_Ligne_BL: line.Numero_Ligne_BL,
          Numero_Commande_Client: line.Numero_Commande_Client,
          Date_Commande_Client: line.Date_Commande_Client,
          Commentaires: line.Commentaires ?? null,
          Date_Livraison: line.Date_Livraison,
        });
      }
    }
  });

  it('enriches the new lines: store, member, article, converted quantity, purchase order', async () => {
    const stored = await rows<Line>(h, 'SELECT * FROM sic_urcoopa_facture');
    expect(stored.every((r) => r.enriched_at !== null)).toBe(true);
    for (const r of stored) {
      const store = STORES.find((s) => s.codeUrcoopa === r.Code_Client);
      expect(r.Societe_Facture_ODOO === null ? null : Number(r.Societe_Facture_ODOO)).toBe(
        store?.companyId ?? null,
      );
      const member = MEMBERS.find((m) => m.code === r.Code_Client);
      if (member && member.odooName) {
        expect(r.Code_Client_ODOO).toBe(`${member.adherent ? 'CLIENT' : 'NON ADHERENT'} : ${member.ref}`);
        expect(Number(r.ID_Client_ODOO)).toBeGreaterThan(0);
      }
      if (member && !member.odooName) {
        expect(r.Code_Client_ODOO).toBe('INCONNU !');
        expect(Number(r.ID_Client_ODOO)).toBe(0);
      }
      const service = Number(r.Numero_Ligne_Facture) === 900;
      const product = service
        ? SERVICES.find((p) => p.label === r.Libelle_Produit)
        : PRODUCTS.find((p) => p.code === r.Code_Produit);
      expect(product, String(r.Code_Produit ?? r.Libelle_Produit)).toBeDefined();
      if (product!.knownInOdoo) {
        expect(Number(r.ID_Produit_ODOO)).toBeGreaterThan(0);
        expect(Number(r.ID_Produit_tmpl_ODOO)).toBeGreaterThan(0);
        // Services weigh nothing in Odoo (0 = unknown weight).
        expect(fixed(r.poid_unit_odoo, 4)).toBe(service ? null : fixed(String(product!.weightKg), 4));
        const qty = Number(r.Quantite_Facturee);
        const conv = r.Unite_Facturee === 'TO' ? (qty * 1000) / product!.weightKg : qty;
        expect(Number(r.Qte_Fact_Conv)).toBeCloseTo(conv, 4);
      } else {
        expect(r.ID_Produit_ODOO).toBeNull();
        expect(r.Unite_Facturee === 'UN' ? Number(r.Qte_Fact_Conv) : r.Qte_Fact_Conv).toEqual(
          r.Unite_Facturee === 'UN' ? Number(r.Quantite_Facturee) : null,
        );
      }
    }
    const poNames = new Set(h.world.purchaseOrders.map((po) => po.name));
    const byGesica = new Map(h.world.purchaseOrders.map((po) => [po.partnerRef, po.name]));
    for (const r of stored.filter((x) => x.Numero_Commande_Client)) {
      const ref = String(r.Numero_Commande_Client);
      const want = poNames.has(ref) ? ref : (byGesica.get(`GESICA${ref}`) ?? null);
      expect(r.Numero_Commande_ODOO, ref).toBe(want);
    }
    expect(stored.some((r) => r.Numero_Commande_ODOO)).toBe(true);
  });

  it('a second run of the same window creates nothing, changes nothing, reads Odoo not at all', async () => {
    const before = await rows<Line>(
      h,
      'SELECT * FROM sic_urcoopa_facture ORDER BY Numero_Facture, Numero_Ligne_Facture',
    );
    const odooCalls = h.odoo.calls.entries.length;
    const { status, body } = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ created: 0, updated: 0, unchanged: expected.length });
    expect(h.odoo.calls.entries.length).toBe(odooCalls);
    const after = await rows<Line>(
      h,
      'SELECT * FROM sic_urcoopa_facture ORDER BY Numero_Facture, Numero_Ligne_Facture',
    );
    expect(after).toEqual(before);
  });

  it('updates an invoice changed at Urcoopa (dropped line removed), keeps one already sent to Odoo', async () => {
    const [changed, sent] = expected.filter((i) => i.Detail.length >= 3);
    const dropped = changed.Detail.pop()!;
    changed.Montant_HT = Number((changed.Montant_HT - dropped.Montant_HT_Ligne).toFixed(2));
    changed.Nom_Client = `${changed.Nom_Client} BIS`;
    await h.ds.query('UPDATE sic_urcoopa_facture SET facture_valider = 1 WHERE Numero_Facture = ?', [
      changed.Numero_Facture,
    ]);
    await h.ds.query('UPDATE sic_urcoopa_facture SET ID_Facture_ODOO = 4242 WHERE Numero_Facture = ?', [
      sent.Numero_Facture,
    ]);
    sent.Detail[0].Commentaires = 'modifiée après envoi';

    const { status, body } = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(status).toBe(207);
    expect(body.status).toBe('partial');
    expect(body.counts, JSON.stringify(body.recordErrors)).toMatchObject({
      created: 0,
      updated: 1,
      skipped: 1,
      unchanged: expected.length - 2,
    });
    expect(body.recordErrors).toEqual([
      expect.objectContaining({
        record: `facture ${sent.Numero_Facture}`,
        code: 'INVOICES_CHANGED_AFTER_SENT',
        message: expect.stringContaining('4242'),
      }),
    ]);
    const changedRows = await rows<Line>(h, 'SELECT * FROM sic_urcoopa_facture WHERE Numero_Facture = ?', [
      changed.Numero_Facture,
    ]);
    expect(changedRows).toHaveLength(changed.Detail.length);
    expect(
      changedRows.every((r) => r.Nom_Client === changed.Nom_Client && Number(r.facture_valider) === 0),
    ).toBe(true);
    expect(changedRows.every((r) => r.enriched_at !== null && r.Code_Client_ODOO)).toBe(true);
    const sentRows = await rows<Line>(
      h,
      'SELECT Commentaires FROM sic_urcoopa_facture WHERE Numero_Facture = ?',
      [sent.Numero_Facture],
    );
    expect(sentRows.some((r) => r.Commentaires === 'modifiée après envoi')).toBe(false);
  });

  it('keeps the monthly figures equal to the lines when Urcoopa moves an invoice to another month', async () => {
    const monthOf = (inv: UrcoopaInvoice) => inv.Date_Facture.slice(0, 7);
    const months = [...new Set(expected.map(monthOf))].sort();
    expect(months).toEqual(['2025-09', '2025-10']);
    await expectMonthTotalsEqualLines(months);
    // Neither the invoice changed nor the one locked by the test above.
    const [, , moved] = expected.filter((i) => i.Detail.length >= 3);
    const from = monthOf(moved);
    moved.Date_Facture = from === '2025-09' ? '2025-10-02' : '2025-09-20';
    moved.Montant_HT = Number((moved.Montant_HT + 10).toFixed(2));
    moved.Detail[0].Montant_HT_Ligne = Number((moved.Detail[0].Montant_HT_Ligne + 10).toFixed(2));

    const { body } = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(body.counts, JSON.stringify(body.recordErrors)).toMatchObject({
      created: 0,
      updated: 1,
      skipped: 1,
    });
    // The month it left lost it and the month it entered has it, with its new amounts.
    await expectMonthTotalsEqualLines(months);
  });

  /** sync_month_figures' invoice counts and header amounts per month and type, against the lines. */
  async function expectMonthTotalsEqualLines(months: string[]) {
    const heads = await rows<Line>(
      h,
      `SELECT Numero_Facture AS n, MAX(Type_Facture) AS type, MAX(Date_Facture) AS d,
         MAX(Montant_HT) AS ht, MAX(Montant_TTC) AS ttc
       FROM sic_urcoopa_facture GROUP BY Numero_Facture`,
    );
    const fromLines = new Map<string, { invoices: number; ht: number; ttc: number }>();
    for (const r of heads) {
      const key = `${day(r.d)!.slice(0, 7)} ${String(r.type)}`;
      const e = fromLines.get(key) ?? { invoices: 0, ht: 0, ttc: 0 };
      // Cents as integers: exact.
      fromLines.set(key, {
        invoices: e.invoices + 1,
        ht: e.ht + Math.round(Number(r.ht) * 100),
        ttc: e.ttc + Math.round(Number(r.ttc) * 100),
      });
    }
    const totals = await h.app.app.get(MonthFiguresService).monthTotals(months[0], months[months.length - 1]);
    const fromSummary = new Map(
      totals.map((t) => [
        `${t.month} ${t.typeFacture}`,
        { invoices: t.invoices, ht: Number(t.headHt.times(100)), ttc: Number(t.headTtc.times(100)) },
      ]),
    );
    expect(fromSummary).toEqual(fromLines);
  }

  it('rejects malformed and inconsistent invoices with the reason, stores the others', async () => {
    const good = structuredClone(expected[0]);
    const inconsistent = { ...structuredClone(expected[1]), Numero_Facture: '259999001', Montant_HT: 1 };
    const malformed = structuredClone(expected[2]) as unknown as Record<string, unknown>;
    malformed.Numero_Facture = '259999002';
    (malformed.Detail as Line[])[0].Unite_Facturee = 'SAC';
    const fresh = { ...structuredClone(expected[3]), Numero_Facture: '259999003' };
    h.urcoopa.world = { ...h.urcoopa.world, invoices: [good, inconsistent, malformed as never, fresh] };

    const { status, body } = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(status).toBe(207);
    expect(body.counts).toMatchObject({ read: 4, created: 1, rejected: 2 });
    expect(body.recordErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          record: 'facture 259999001',
          field: 'Montant_HT',
          code: 'AMOUNT_MISMATCH',
        }),
        expect.objectContaining({
          record: 'facture 259999002',
          field: 'Detail[0].Unite_Facturee',
          code: 'BAD_VALUE',
        }),
      ]),
    );
    expect(body.recordErrors.find((e) => e.code === 'AMOUNT_MISMATCH')?.message).toMatch(
      /1\.00.*differs.*\d+\.\d{2}/,
    );
    const kept = await rows<Line>(
      h,
      'SELECT * FROM sync_rejected_payload WHERE run_id = ? ORDER BY record_key',
      [body.id],
    );
    expect(kept.map((k) => [k.kind, k.record_key, k.code])).toEqual([
      ['facture', '259999001', 'AMOUNT_MISMATCH'],
      ['facture', '259999002', 'BAD_VALUE'],
    ]);
    expect(JSON.parse(String(kept[1].raw_json))).toEqual(malformed);
    expect(await count(h, "sic_urcoopa_facture WHERE Numero_Facture IN ('259999001', '259999002')")).toBe(0);
    expect(await count(h, "sic_urcoopa_facture WHERE Numero_Facture = '259999003'")).toBe(
      fresh.Detail.length,
    );
  });
});
