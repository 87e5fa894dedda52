import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, startImportHarness, TEST_API_KEY, type ImportHarness } from './invoice-import.helpers';
import { describeDialects } from '../helpers/dialects';
import { importWorld, runJob } from './reconciliation.helpers';
import { STAFF_USERS } from './web-fixtures';
import { signedInAgent, type Agent } from './web-session';

/** execute_kw calls of one rapprochement run, authentication aside. */
async function odooCallsOfRun(h: ImportHarness): Promise<Record<string, number>> {
  h.odoo.calls.reset();
  const run = await runJob(h, 'rapprochement');
  expect(run.status).toBe('succeeded');
  const counts = h.odoo.calls.counts();
  delete counts.authenticate;
  delete counts.version;
  return counts;
}

describeDialects('rapprochement', (dialect) => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 40, seed: 9 }, env: { STAFF_USERS } });
    await importWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('matches every order named by a delivery or an invoice with its PO, line by line', async () => {
    const run = await runJob(h, 'rapprochement');
    expect(run.status, JSON.stringify(run.recordErrors)).toBe('succeeded');
    const named = await rows<{ n: string }>(
      h,
      `SELECT DISTINCT Numero_Commande AS n FROM sic_urcoopa_livraison WHERE Numero_Commande IS NOT NULL
       UNION SELECT DISTINCT Numero_Commande_Client FROM sic_urcoopa_facture
       WHERE Numero_Commande_Client IS NOT NULL AND Code_Produit IS NOT NULL AND Numero_Ligne_Facture <> 900`,
    );
    const orders = await rows<{ order_number: string; po_name: string | null; unknown: number | string }>(
      h,
      'SELECT order_number, po_name, unknown FROM sync_reconciliation_order',
    );
    expect(orders.map((o) => o.order_number).sort()).toEqual(named.map((n) => n.n).sort());
    // The world's POs are all in Odoo; Gesica numbers with no PO are unknown.
    const linked = h.world.purchaseOrders.filter((po) => orders.some((o) => o.po_name === po.name));
    expect(linked.length).toBeGreaterThan(3);
    const unknown = orders.filter((o) => Number(o.unknown) === 1);
    for (const o of unknown) expect(o.po_name).toBeNull();
    const kinds = await rows<{ kind: string; order_number: string }>(
      h,
      'SELECT kind, order_number FROM sync_reconciliation_discrepancy',
    );
    expect(new Set(kinds.filter((k) => k.kind === 'commande_inconnue').map((k) => k.order_number))).toEqual(
      new Set(unknown.map((o) => o.order_number)),
    );
    // Invoiced as delivered in the world: no quantity or price discrepancy between them.
    expect(kinds.filter((k) => ['qte_facturee', 'prix', 'unite_inconnue'].includes(k.kind))).toEqual([]);
    const chain = await rows<{ ordered: unknown; delivered: unknown; invoiced: unknown }>(
      h,
      'SELECT ordered, delivered, invoiced FROM sync_reconciliation_line WHERE delivered IS NOT NULL',
    );
    expect(chain.length).toBeGreaterThan(3);
  });

  it('a rerun changes nothing; a discrepancy that goes away is deleted', async () => {
    const again = await runJob(h, 'rapprochement');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, skipped: 0 });
    const [bl] = await rows<{ Numero_BL: string; Numero_Ligne_BL: number; Quantite_Livree: string }>(
      h,
      `SELECT l.Numero_BL, l.Numero_Ligne_BL, l.Quantite_Livree FROM sic_urcoopa_livraison l
       JOIN sync_reconciliation_order o ON o.order_number = l.Numero_Commande AND o.po_name IS NOT NULL
       ORDER BY l.Numero_BL LIMIT 1`,
    );
    await h.ds.query(
      'UPDATE sic_urcoopa_livraison SET Quantite_Livree = Quantite_Livree * 2 WHERE Numero_BL = ? AND Numero_Ligne_BL = ?',
      [bl.Numero_BL, bl.Numero_Ligne_BL],
    );
    const changed = await runJob(h, 'rapprochement');
    expect(changed.counts.created).toBeGreaterThanOrEqual(2);
    const found = await rows<{ kind: string; bl_numbers: string }>(
      h,
      "SELECT kind, bl_numbers FROM sync_reconciliation_discrepancy WHERE kind IN ('qte_livree', 'qte_facturee')",
    );
    expect(found.map((f) => f.kind).sort()).toEqual(['qte_facturee', 'qte_livree']);
    expect(found[0].bl_numbers).toContain(`,${bl.Numero_BL},`);
    await h.ds.query(
      'UPDATE sic_urcoopa_livraison SET Quantite_Livree = ? WHERE Numero_BL = ? AND Numero_Ligne_BL = ?',
      [bl.Quantite_Livree, bl.Numero_BL, bl.Numero_Ligne_BL],
    );
    const back = await runJob(h, 'rapprochement');
    expect(back.counts.skipped).toBeGreaterThanOrEqual(2);
    expect(
      await rows(
        h,
        "SELECT id FROM sync_reconciliation_discrepancy WHERE kind IN ('qte_livree', 'qte_facturee')",
      ),
    ).toEqual([]);
  });
});

describeDialects('rapprochement pages, API and CSV', (dialect) => {
  let h: ImportHarness;
  let agent: Agent;
  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 40, seed: 9 }, env: { STAFF_USERS } });
    await importWorld(h);
    // A delivery naming an order nobody knows.
    await h.ds.query(
      `INSERT INTO sic_urcoopa_livraison (Numero_BL, Numero_Ligne_BL, Code_Client, Date_BL, Code_Produit,
         Quantite_Livree, Numero_Commande, Numero_Ligne_Commande) VALUES ('9900001', 1, '5010', '2025-10-08', '31040N25AA', 12, '709999', 1)`,
    );
    await runJob(h, 'rapprochement');
    ({ agent } = await signedInAgent(h.app.app));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists one row per PO with its status chips, filtered by status, kind, store and month', async () => {
    const [{ n }] = await rows<{ n: unknown }>(h, 'SELECT COUNT(*) AS n FROM sync_reconciliation_order');
    const page = await agent.get('/rapprochement').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(`${Number(n)} commande(s)`);
    expect(page.text).toContain('data-chip="conforme"');

    const api = await h.app.http.get('/api/rapprochement').set('X-API-Key', TEST_API_KEY).expect(200);
    expect(api.body.total).toBe(Number(n));
    const chipsOf = (r: { chips: Array<{ chip: string }> }) => r.chips.map((c) => c.chip);
    for (const statut of ['conforme', 'inconnu', 'ecart_quantite']) {
      const filtered = await h.app.http
        .get(`/api/rapprochement?statut=${statut}`)
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      expect(filtered.body.total, statut).toBeGreaterThan(0);
      for (const r of filtered.body.rows) expect(chipsOf(r)).toContain(statut);
    }
    const unknown = await h.app.http
      .get('/api/rapprochement?type=commande_inconnue')
      .set('X-API-Key', TEST_API_KEY)
      .expect(200);
    expect(unknown.body.rows.every((r: { poName: string | null }) => r.poName === null)).toBe(true);
    const store = api.body.rows.find((r: { codeClient: string | null }) => r.codeClient)!
      .codeClient as string;
    const byStore = await h.app.http
      .get(`/api/rapprochement?magasin=${store}&mois=2025-10`)
      .set('X-API-Key', TEST_API_KEY)
      .expect(200);
    expect(byStore.body.total).toBeGreaterThan(0);
    for (const r of byStore.body.rows) expect(r.codeClient).toBe(store);
    await h.app.http.get('/api/rapprochement?statut=bogus').set('X-API-Key', TEST_API_KEY).expect(400);
    await agent.get('/rapprochement?mois=2025-13').set('Accept', 'text/html').expect(400);
  });

  it('shows the chain line by line with links to the invoices, and 404 for an unknown order', async () => {
    const [line] = await rows<{ order_number: string; invoice_numbers: string }>(
      h,
      'SELECT order_number, invoice_numbers FROM sync_reconciliation_line WHERE invoice_numbers IS NOT NULL LIMIT 1',
    );
    const page = await agent
      .get(`/rapprochement/${line.order_number}`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain('La chaîne, ligne par ligne');
    expect(page.text).toContain(`href="/factureAdherentUrcoopa/${line.invoice_numbers.split(',')[0]}"`);
    const api = await h.app.http
      .get(`/api/rapprochement/${line.order_number}`)
      .set('X-API-Key', TEST_API_KEY)
      .expect(200);
    expect(api.body.lines.length).toBeGreaterThan(0);
    expect(api.body.lines[0]).toHaveProperty('ordered');
    await agent.get('/rapprochement/NOPE404').set('Accept', 'text/html').expect(404);
    await h.app.http.get('/api/rapprochement/NOPE404').set('X-API-Key', TEST_API_KEY).expect(404);
  });

  it('the invoice page shows its discrepancies, the dashboard the open count and amount, /metrics a gauge per kind', async () => {
    await h.ds.query(
      `UPDATE sic_urcoopa_facture SET Prix_Unitaire = Prix_Unitaire * 1.1
       WHERE Numero_Facture = (SELECT MIN(Numero_Facture) FROM sic_urcoopa_facture WHERE Numero_Commande_ODOO IS NOT NULL AND Code_Produit IS NOT NULL AND Numero_Ligne_Facture <> 900)
       AND Numero_Commande_ODOO IS NOT NULL AND Code_Produit IS NOT NULL AND Numero_Ligne_Facture <> 900`,
    );
    await runJob(h, 'rapprochement');
    const [price] = await rows<{ invoice_numbers: string; order_number: string }>(
      h,
      "SELECT invoice_numbers, order_number FROM sync_reconciliation_discrepancy WHERE kind = 'prix' LIMIT 1",
    );
    expect(price).toBeDefined();
    const numero = price.invoice_numbers.split(',').filter(Boolean)[0];
    const invoicePage = await agent
      .get(`/factureAdherentUrcoopa/${numero}`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(invoicePage.text).toContain('Rapprochement : écarts de cette facture');
    expect(invoicePage.text).toContain('data-kind="prix"');
    expect(invoicePage.text).toContain(`href="/rapprochement/${price.order_number}"`);

    const summary = (await h.app.http.get('/api/rapprochement/ecarts/resume').set('X-API-Key', TEST_API_KEY))
      .body;
    expect(summary.count).toBeGreaterThan(0);
    const dashboard = await agent.get('/').set('Accept', 'text/html').expect(200);
    expect(dashboard.text).toMatch(
      new RegExp(`id="kpi-rapprochement".*<span class="kpi-value">${summary.count}</span>`),
    );

    const metrics = await h.app.http.get('/metrics').set('X-API-Key', TEST_API_KEY).expect(200);
    expect(metrics.text).toContain(
      `urcoopa_sync_reconciliation_open_discrepancies{kind="prix"} ${summary.byKind.prix}`,
    );
    expect(metrics.text).toContain(
      'urcoopa_sync_reconciliation_open_discrepancies{kind="commande_inconnue"} 1',
    );
  });

  it('accepts a discrepancy with a comment (who and when kept), once; the CSV lists it', async () => {
    const [d] = await rows<{ id: number; order_number: string }>(
      h,
      "SELECT id, order_number FROM sync_reconciliation_discrepancy WHERE status = 'open' ORDER BY id LIMIT 1",
    );
    const before = await h.app.http.get('/api/rapprochement/ecarts/resume').set('X-API-Key', TEST_API_KEY);
    const detail = await agent.get(`/rapprochement/${d.order_number}`).set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(detail.text)![1];
    // Without CSRF token: refused.
    const refused = await agent
      .post(`/rapprochement/ecarts/${d.id}/accepter`)
      .type('form')
      .send({ commentaire: 'vu' });
    expect(refused.status).toBe(403);
    await agent
      .post(`/rapprochement/ecarts/${d.id}/accepter`)
      .type('form')
      .send({ _csrf: csrf, commentaire: '   ', retour: `/rapprochement/${d.order_number}` })
      .expect(400);
    await agent
      .post(`/rapprochement/ecarts/${d.id}/accepter`)
      .type('form')
      .send({
        _csrf: csrf,
        commentaire: 'Pesée validée avec le magasin',
        retour: `/rapprochement/${d.order_number}`,
      })
      .expect(303)
      .expect('Location', `/rapprochement/${d.order_number}`);
    const [after] = await rows<{
      status: string;
      accepted_by: string;
      accepted_at: unknown;
      comment: string;
    }>(
      h,
      'SELECT status, accepted_by, accepted_at, comment FROM sync_reconciliation_discrepancy WHERE id = ?',
      [d.id],
    );
    expect(after).toMatchObject({
      status: 'accepted',
      accepted_by: 'compta',
      comment: 'Pesée validée avec le magasin',
    });
    expect(after.accepted_at).not.toBeNull();
    const summary = await h.app.http.get('/api/rapprochement/ecarts/resume').set('X-API-Key', TEST_API_KEY);
    expect(summary.body.count).toBe(before.body.count - 1);
    await h.app.http
      .post(`/api/rapprochement/ecarts/${d.id}/accepter`)
      .set('X-API-Key', TEST_API_KEY)
      .send({ commentaire: 'encore' })
      .expect(409);
    await h.app.http
      .post('/api/rapprochement/ecarts/999999/accepter')
      .set('X-API-Key', TEST_API_KEY)
      .send({ commentaire: 'x' })
      .expect(404);
    // A rerun keeps the decision.
    await runJob(h, 'rapprochement');
    const [kept] = await rows<{ status: string }>(
      h,
      'SELECT status FROM sync_reconciliation_discrepancy WHERE id = ?',
      [d.id],
    );
    expect(kept.status).toBe('accepted');

    const csv = await agent.get('/rapprochement/export.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('Pesée validée avec le magasin');
    expect(csv.text.split('\r\n').length).toBeGreaterThan(2);
  });
});

describe('rapprochement reads Odoo in batches', () => {
  const harnesses: ImportHarness[] = [];
  afterAll(async () => {
    for (const x of harnesses) await x.close();
  });

  it('the same two calls for 10 invoices and for 300', async () => {
    const small = await startImportHarness({ dialect: 'sqlite', world: { invoices: 10, seed: 3 } });
    harnesses.push(small);
    const large = await startImportHarness({
      dialect: 'sqlite',
      world: { invoices: 300, seed: 3 },
    });
    harnesses.push(large);
    await importWorld(small);
    await importWorld(large);
    const few = await odooCallsOfRun(small);
    const many = await odooCallsOfRun(large);
    expect(many).toEqual(few);
    expect(many).toEqual({ 'purchase.order.search_read': 1, 'purchase.order.line.search_read': 1 });
  });
});

describe('the sandbox world with discrepancies', () => {
  let h: ImportHarness;
  afterAll(async () => {
    await h?.close();
  });

  it('gives the rapprochement every kind the world can show', async () => {
    h = await startImportHarness({
      dialect: 'sqlite',
      world: { invoices: 60, seed: 9, discrepancies: true },
    });
    await importWorld(h);
    const run = await runJob(h, 'rapprochement');
    expect(run.status).toBe('succeeded');
    const kinds = await rows<{ kind: string; n: unknown }>(
      h,
      'SELECT kind, COUNT(*) AS n FROM sync_reconciliation_discrepancy GROUP BY kind',
    );
    const found = kinds.map((k) => k.kind).sort();
    for (const kind of [
      'commande_inconnue',
      'facture_sans_livraison',
      'ligne_inconnue',
      'livraison_non_facturee',
      'non_receptionne',
      'prix',
      'qte_facturee',
      'qte_livree',
      'receptionne_non_livre',
    ])
      expect(found, kind).toContain(kind);
  });
});
