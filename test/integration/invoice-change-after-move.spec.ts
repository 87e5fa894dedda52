import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { REFERENCE_DAY, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

/**
 * An invoice one of whose moves is already in Odoo (the member's vendor bill made, the customer
 * invoice refused) is not integrated yet; Urcoopa then changes it. Overwriting our rows would leave
 * the vendor bill in Odoo with the old content and make the customer invoice from the new one.
 */
describeDialects('an invoice changed at Urcoopa after one of its moves was created', (dialect) => {
  let h: ImportHarness;
  const window = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

  beforeAll(async () => {
    h = await startImportHarness({ dialect });
  });
  afterAll(() => h?.close());

  it('is kept as it was and reported, and the second move is made from the content of the first', async () => {
    expect((await h.get('/Recupere_Factures/', window)).status).toBeLessThan(300);
    await h.get('/api/verification-correspondance-adherent');
    const ready = await rows<{ Numero_Facture: string }>(
      h,
      `SELECT Numero_Facture FROM sic_urcoopa_facture WHERE UPPER(Societe_Facture) = 'VRAC' AND UPPER(Type_Client) = 'ADHERENT'
       GROUP BY Numero_Facture
       HAVING SUM(Statut_Correspondance_Adherent <> 'déjà traiter' OR Statut_Correspondance_Article <> 'déjà traiter') = 0
       ORDER BY Numero_Facture LIMIT 1`,
    );
    expect(ready).toHaveLength(1);
    const numero = ready[0].Numero_Facture;

    // The vendor bills' batch create (1st create call) goes through; every customer invoice is refused.
    h.odoo.faults.fault(2, 'The operation cannot be completed: the sale journal is locked', {
      model: 'account.move',
      method: 'create',
      nth: 2,
      persistent: true,
    });
    const injected = await h.get('/api/injection-dans-odoo-donnees-adherent');
    expect(injected.status).toBe(207);
    h.odoo.faults.clear();
    const movesOf = () => h.odoo.records('account.move').filter((m) => m.ref === numero);
    expect(movesOf().map((m) => m.move_type)).toEqual([expect.stringMatching(/^in_/)]);
    const vendorBill = movesOf()[0];

    // Urcoopa changes the invoice (a line's comment), and job 1 runs again.
    const invoice = h.urcoopa.world.invoices.find((i) => i.Numero_Facture === numero)!;
    invoice.Detail[0].Commentaires = 'modifiée après la facture fournisseur';
    const reimport = await h.get('/Recupere_Factures/', window);
    expect(reimport.body.recordErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          record: `facture ${numero}`,
          code: 'INVOICES_CHANGED_AFTER_SENT',
          message: expect.stringContaining(String(vendorBill.id)),
        }),
      ]),
    );
    const kept = await rows<{ Commentaires: string | null; Statut_Correspondance_Adherent: string }>(
      h,
      'SELECT Commentaires, Statut_Correspondance_Adherent FROM sic_urcoopa_facture WHERE Numero_Facture = ?',
      [numero],
    );
    expect(kept.some((r) => r.Commentaires === 'modifiée après la facture fournisseur')).toBe(false);
    expect(kept.every((r) => r.Statut_Correspondance_Adherent === 'déjà traiter')).toBe(true);

    // The rerun makes the customer invoice only; the invoice is then integrated, each move once.
    const rerun = await h.get('/api/injection-dans-odoo-donnees-adherent');
    expect(rerun.status).toBeLessThan(300);
    expect(
      movesOf()
        .map((m) => String(m.move_type).slice(0, 3))
        .sort(),
    ).toEqual(['in_', 'out']);
    const [row] = await rows<{ Statut_Integration_Fac_inOdoo: string }>(
      h,
      'SELECT Statut_Integration_Fac_inOdoo FROM sic_urcoopa_facture WHERE Numero_Facture = ?',
      [numero],
    );
    expect(row.Statut_Integration_Fac_inOdoo).toBe('intégré');
  });
});
