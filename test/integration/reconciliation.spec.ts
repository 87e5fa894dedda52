import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REFERENCE_DAY,
  rows,
  startImportHarness,
  TEST_API_KEY,
  type Dialect,
  type ImportHarness,
  type RunBody,
} from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

export async function runJob(h: ImportHarness, name: string): Promise<RunBody> {
  const res = await h.app.http
    .post(`/api/jobs/${name}/run?wait=true`)
    .set('X-API-Key', TEST_API_KEY)
    .send({});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as RunBody;
}

/** Invoices and deliveries of the world imported (jobs 1 and 2), as the daily pipeline does. */
export async function importWorld(h: ImportHarness): Promise<void> {
  expect((await h.get('/Recupere_Factures/', WINDOW)).status).toBe(200);
  expect((await h.get('/recupere_livraison/', WINDOW)).status).toBe(200);
}

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

describe.each<Dialect>(['mariadb', 'sqlite'])('rapprochement on %s', (dialect) => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 40, seed: 9 } });
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
