import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterWindow } from '../../src/sandbox/world/world';
import type { UrcoopaDelivery } from '../../src/sandbox/world/world.types';
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

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

/** Job 2 end to end on MariaDB and SQLite. */
describe.each<Dialect>(['mariadb', 'sqlite'])('delivery import on %s', (dialect) => {
  let h: ImportHarness;
  let expected: UrcoopaDelivery[];

  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 40, seed: 9 } });
    expected = filterWindow(h.world.deliveries, 'Date_BL', 30, REFERENCE_DAY);
    expect(expected.some((d) => d.Detail === null)).toBe(true);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports the window through GET /recupere_livraison/, deliveries without detail included', async () => {
    const { status, body } = await h.get('/recupere_livraison/', WINDOW);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.counts).toMatchObject({ read: expected.length, created: expected.length });
    // Counted slice by slice (no slice's records are kept for the end of the run).
    expect((body.result as { withoutDetail: number }).withoutDetail).toBe(
      expected.filter((d) => d.Detail === null).length,
    );
    const stored = await rows<Record<string, unknown>>(h, 'SELECT * FROM sic_urcoopa_livraison');
    const byKey = new Map(stored.map((r) => [`${String(r.Numero_BL)}/${String(r.Numero_Ligne_BL)}`, r]));
    for (const bl of expected) {
      const lines = bl.Detail ?? [null];
      for (const line of lines) {
        const r = byKey.get(`${bl.Numero_BL}/${line?.Numero_Ligne_BL ?? 0}`);
        expect(r, bl.Numero_BL).toBeDefined();
        expect({
          Code_Client: r!.Code_Client,
          Nom_Client: r!.Nom_Client,
          Date_BL: day(r!.Date_BL),
          Code_Adresse: r!.Code_Adresse,
          Ville: r!.Ville,
          Code_Produit: r!.Code_Produit,
          Quantite_Livree: fixed(r!.Quantite_Livree, 4),
          Transporteur: r!.Transporteur,
          Numero_Commande: r!.Numero_Commande,
          Numero_Facture: r!.Numero_Facture,
          Numero_Bande: r!.Numero_Bande,
        }).toEqual({
          Code_Client: bl.Code_Client,
          Nom_Client: bl.Nom_Client,
          Date_BL: bl.Date_BL,
          Code_Adresse: bl.Code_Adresse,
          Ville: bl.Ville,
          Code_Produit: line?.Code_Produit ?? null,
          Quantite_Livree: line ? fixed(String(line.Quantite_Livree), 4) : null,
          Transporteur: line?.Transporteur ?? null,
          Numero_Commande: line?.Numero_Commande ?? null,
          Numero_Facture: line?.Numero_Facture ?? null,
          Numero_Bande: line?.Numero_Bande ?? null,
        });
      }
    }
  });

  it('a rerun creates nothing; a detail arriving later replaces the header-only row', async () => {
    const again = await h.get('/recupere_livraison/', WINDOW);
    expect(again.body.counts).toMatchObject({ created: 0, updated: 0, unchanged: expected.length });

    const late = expected.find((d) => d.Detail === null)!;
    late.Detail = [
      {
        Numero_Ligne_BL: 1,
        Code_Produit: '31040N25AA',
        Libelle_Produit: 'MAIS GRAIN NETTOYE 25KG',
        Quantite_Livree: 12,
        Silo: null,
        Transporteur: null,
        Depot_Commande: 'LE PORT',
        Numero_Commande: null,
        Numero_Ligne_Commande: null,
        Numero_Facture: null,
        Numero_Bande: null,
      },
    ];
    const { body } = await h.get('/recupere_livraison/', WINDOW);
    expect(body.counts).toMatchObject({ created: 0, updated: 1 });
    const stored = await rows<{ Numero_Ligne_BL: number }>(
      h,
      'SELECT Numero_Ligne_BL FROM sic_urcoopa_livraison WHERE Numero_BL = ?',
      [late.Numero_BL],
    );
    expect(stored.map((r) => Number(r.Numero_Ligne_BL))).toEqual([1]);
  });

  it('rejects a bad delivery note, keeps it for inspection, stores the others', async () => {
    h.urcoopa.faults.inject('Get_Livraisons', { badInvoice: 'wrongType', times: 1 });
    const { status, body } = await h.get('/recupere_livraison/', WINDOW);
    expect(status).toBe(207);
    expect(body.recordErrors[0]).toMatchObject({ field: 'Date_BL', code: 'BAD_DATE' });
    expect(await count(h, "sync_rejected_payload WHERE kind = 'livraison'")).toBe(1);
  });
});
