import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { rows, startImportHarness, TEST_API_KEY, type ImportHarness } from './invoice-import.helpers';
import { movesByRef } from '../helpers/invoice-seed';
import { importWorld, runJob } from './reconciliation.helpers';

async function runWith(h: ImportHarness, name: string, params: Record<string, unknown>) {
  const res = await h.app.http
    .post(`/api/jobs/${name}/run?wait=true`)
    .set('X-API-Key', TEST_API_KEY)
    .send({ params });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    status: string;
    counts: Record<string, number>;
    recordErrors: Array<{ record: string; code: string; message: string }>;
  };
}

describeDialects(
  'RAPPROCHEMENT_HOLD_BILLS: job 6 holds a bill until its discrepancy is accepted',
  (dialect) => {
    let h: ImportHarness;
    beforeAll(async () => {
      h = await startImportHarness({
        dialect,
        world: { invoices: 40, seed: 9 },
        env: { RAPPROCHEMENT_HOLD_BILLS: 'true' },
      });
      await importWorld(h);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('holds, says so in the run errors, and creates the move once accepted', async () => {
      const [line] = await rows<{ Numero_Facture: string; Numero_BL: string; Numero_Ligne_BL: number }>(
        h,
        `SELECT f.Numero_Facture, f.Numero_BL, f.Numero_Ligne_BL FROM sic_urcoopa_facture f
       JOIN sic_urcoopa_livraison l ON l.Numero_BL = f.Numero_BL AND l.Numero_Ligne_BL = f.Numero_Ligne_BL
       WHERE f.Type_Client LIKE 'MAG.%' AND f.Numero_Commande_ODOO IS NOT NULL AND f.Type_Facture = 'F'
       ORDER BY f.Numero_Facture LIMIT 1`,
      );
      expect(line).toBeDefined();
      await h.ds.query(
        'UPDATE sic_urcoopa_livraison SET Quantite_Livree = Quantite_Livree * 2 WHERE Numero_BL = ? AND Numero_Ligne_BL = ?',
        [line.Numero_BL, line.Numero_Ligne_BL],
      );
      await runJob(h, 'rapprochement');
      const numeros = [line.Numero_Facture];

      const held = await runWith(h, 'factures-magasins', { numeros });
      expect(held.recordErrors.map((e) => e.code)).toContain('HELD_BY_RAPPROCHEMENT');
      expect(held.recordErrors[0].message).toContain('/rapprochement');
      expect(movesByRef(h.odoo, line.Numero_Facture)).toEqual([]);

      const open = await h.app.http
        .get(`/api/rapprochement/ecarts?status=open&facture=${line.Numero_Facture}`)
        .set('X-API-Key', TEST_API_KEY)
        .expect(200);
      const holding = (open.body as Array<{ id: number; kind: string }>).filter((d) =>
        ['prix', 'qte_livree', 'qte_facturee'].includes(d.kind),
      );
      expect(holding.length).toBeGreaterThan(0);
      for (const d of holding)
        await h.app.http
          .post(`/api/rapprochement/ecarts/${d.id}/accepter`)
          .set('X-API-Key', TEST_API_KEY)
          .send({ commentaire: 'Livraison complémentaire confirmée par Urcoopa' })
          .expect(201);

      const released = await runWith(h, 'factures-magasins', { numeros });
      expect(released.recordErrors.filter((e) => e.code === 'HELD_BY_RAPPROCHEMENT')).toEqual([]);
      expect(released.counts.created, JSON.stringify(released.recordErrors)).toBe(1);
      expect(movesByRef(h.odoo, line.Numero_Facture)).toHaveLength(1);
    });
  },
);
