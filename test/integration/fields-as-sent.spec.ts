import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DAY, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

/** Urcoopa's free texts are stored as sent (MariaDB): '' as '', null as NULL. */
describe('fields as sent', () => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImportHarness({ world: { invoices: 3, seed: 31 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stores Commentaires '' as '' and null as NULL, and a rerun sees no change", async () => {
    const [a, b] = h.urcoopa.world.invoices as unknown as Array<{
      Numero_Facture: string;
      Detail: Array<Record<string, unknown>>;
    }>;
    a.Detail[0].Commentaires = '';
    b.Detail[0].Commentaires = null;
    const first = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(first.body.counts.created).toBe(3);
    const stored = await rows<{ n: string; c: string | null }>(
      h,
      'SELECT Numero_Facture AS n, Commentaires AS c FROM sic_urcoopa_facture WHERE Numero_Facture IN (?, ?) AND Numero_Ligne_Facture = ?',
      [a.Numero_Facture, b.Numero_Facture, a.Detail[0].Numero_Ligne_Facture],
    );
    const byNumber = new Map(stored.map((r) => [r.n, r.c]));
    expect(byNumber.get(a.Numero_Facture)).toBe('');
    expect(byNumber.get(b.Numero_Facture)).toBeNull();

    const again = await h.get('/Recupere_Factures/', `nb_jours=30&dateReference=${REFERENCE_DAY}`);
    expect(again.body.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });
});
