import { afterAll, describe, expect, it } from 'vitest';
import { MEMBERS, PRODUCTS } from '../../src/sandbox/world/catalogue';
import { REFERENCE_DAY, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

/** execute_kw calls the Odoo sandbox received during one run of job 1 (authentication aside). */
async function odooCallsOfRun(h: ImportHarness): Promise<Record<string, number>> {
  h.odoo.calls.reset();
  const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
  expect(status, JSON.stringify(body.recordErrors)).toBe(200);
  const counts = h.odoo.calls.counts();
  delete counts.authenticate;
  delete counts.version;
  return counts;
}

describe('invoice enrichment', () => {
  const harnesses: ImportHarness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('reads Odoo in the same number of batched calls for 10 and for 500 invoices', async () => {
    const small = await startImportHarness({ dialect: 'sqlite', world: { invoices: 10, seed: 3 } });
    harnesses.push(small);
    const large = await startImportHarness({ dialect: 'sqlite', world: { invoices: 500, seed: 3 } });
    harnesses.push(large);
    const few = await odooCallsOfRun(small);
    const many = await odooCallsOfRun(large);
    expect(many).toEqual(few);
    expect(Object.values(many).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    const lines = await rows<{ n: number }>(large, 'SELECT COUNT(*) AS n FROM sic_urcoopa_facture');
    expect(Number(lines[0].n)).toBeGreaterThan(1000);
  });

  it('uses the stored mappings first (member code → partner, article code → product)', async () => {
    const h = await startImportHarness({ world: { invoices: 40, seed: 5 } });
    harnesses.push(h);
    const unknownMember = MEMBERS.find((m) => !m.odooName)!;
    const knownMember = MEMBERS.find((m) => m.odooName && m.adherent)!;
    const unknownProduct = PRODUCTS.find((p) => !p.knownInOdoo)!;
    const knownProduct = PRODUCTS.find((p) => p.knownInOdoo && p.billedUnit === 'UN')!;
    const partner = h.odoo.records('res.partner').find((p) => p.name === knownMember.odooName)!;
    const variant = h.odoo.records('product.supplierinfo').find((s) => s.product_code === knownProduct.code)!;
    const productId = h.odoo
      .records('product.product')
      .find((p) => p.product_tmpl_id === variant.product_tmpl_id)!.id as number;
    await h.ds.query(
      'INSERT INTO sync_member_mapping (code_client, odoo_partner_id, nom_client, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
      [unknownMember.code, partner.id, unknownMember.urcoopaName, 'test', '2025-10-14 06:00:00'],
    );
    await h.ds.query(
      'INSERT INTO sync_article_mapping (kind, urcoopa_key, odoo_product_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
      ['code', unknownProduct.code, productId, 'test', '2025-10-14 06:00:00'],
    );
    // An invoice of the unknown member buying the unknown article.
    const template = h.world.invoices[0];
    h.urcoopa.world = {
      ...h.urcoopa.world,
      invoices: [
        {
          ...template,
          Numero_Facture: '259900001',
          Code_Client: unknownMember.code,
          Nom_Client: unknownMember.urcoopaName,
          Montant_HT: 100,
          Montant_TTC: 102.1,
          Detail: [
            {
              ...template.Detail[0],
              Numero_Ligne_Facture: 1,
              Code_Produit: unknownProduct.code,
              Libelle_Produit: unknownProduct.label,
              Prix_Unitaire: 10,
              Quantite_Facturee: 10,
              Unite_Facturee: 'UN',
              Montant_HT_Ligne: 100,
            },
          ],
        },
      ],
    };
    const { status } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status).toBe(200);
    const [line] = await rows<Record<string, unknown>>(
      h,
      "SELECT * FROM sic_urcoopa_facture WHERE Numero_Facture = '259900001'",
    );
    expect(Number(line.ID_Client_ODOO)).toBe(partner.id);
    expect(line.Code_Client_ODOO).toBe(`CLIENT : ${knownMember.ref}`);
    expect(Number(line.ID_Produit_ODOO)).toBe(productId);
    expect(Number(line.Qte_Fact_Conv)).toBe(10);
  });
  it('a name shared by several partners matches only its single ADHERENT, else nobody (never the smallest id)', async () => {
    const h = await startImportHarness({ world: { invoices: 5, seed: 7 } });
    harnesses.push(h);
    const partner = (ref: string) => h.odoo.records('res.partner').find((p) => p.ref === ref)!;
    const tamarins = MEMBERS.find((m) => m.code === '1873')!;
    const hoarau = MEMBERS.find((m) => m.code === '1620')!;
    const customer = MEMBERS.find((m) => m.odooName && !m.adherent)!;
    // Two ADHERENT partners of one name: ambiguous. An ADHERENT and a plain customer: the ADHERENT.
    h.odoo.update('res.partner', partner('AD1402').id as number, { name: tamarins.odooName });
    h.odoo.update('res.partner', partner(customer.ref!).id as number, { name: hoarau.odooName });
    const template = h.world.invoices[0];
    const invoice = (numero: string, member: (typeof MEMBERS)[number]) => ({
      ...template,
      Numero_Facture: numero,
      Code_Client: member.code,
      Nom_Client: member.urcoopaName,
      Montant_HT: 100,
      Montant_TTC: 102.1,
      Detail: [
        {
          ...template.Detail[0],
          Numero_Ligne_Facture: 1,
          Prix_Unitaire: 10,
          Quantite_Facturee: 10,
          Unite_Facturee: 'UN' as const,
          Montant_HT_Ligne: 100,
        },
      ],
    });
    h.urcoopa.world = {
      ...h.urcoopa.world,
      invoices: [invoice('259900002', tamarins), invoice('259900003', hoarau)],
    };
    const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status, JSON.stringify(body.recordErrors)).toBe(200);
    const lines = await rows<Record<string, unknown>>(
      h,
      "SELECT Numero_Facture, ID_Client_ODOO, Code_Client_ODOO FROM sic_urcoopa_facture WHERE Numero_Facture IN ('259900002', '259900003') ORDER BY Numero_Facture",
    );
    expect(lines.map((l) => [l.Numero_Facture, Number(l.ID_Client_ODOO), l.Code_Client_ODOO])).toEqual([
      ['259900002', 0, 'INCONNU !'],
      ['259900003', partner('AD1620').id, `CLIENT : ${hoarau.ref}`],
    ]);
  });
});
