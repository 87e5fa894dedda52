import { describe, expect, it } from 'vitest';
import { UrcoopaError } from './urcoopa.error';
import { parseDeliveries, parseInvoices, readEnvelope } from './urcoopa-payload';

/** domain.md §2's realistic invoice. */
function invoice(overrides: Record<string, unknown> = {}, lines?: Record<string, unknown>[]) {
  return {
    Numero_Facture: '251004512',
    Type_Facture: 'F',
    Date_Facture: '2025-10-14',
    Date_Echeance: '2025-11-30',
    Societe_Facture: 'VRAC',
    Code_Client: '1873',
    Nom_Client: 'EARL DES TAMARINS',
    Type_Client: 'ADHERENT',
    Montant_HT: 1848.58,
    Montant_TTC: 1887.4,
    Detail: lines ?? [
      line({ Numero_Ligne_Facture: 1 }),
      line({
        Numero_Ligne_Facture: 2,
        Code_Produit: '20115VRAC',
        Prix_Unitaire: '486.23',
        Quantite_Facturee: '2,5',
        Unite_Facturee: 'TO',
        Montant_HT_Ligne: '1215.58',
      }),
      line({
        Numero_Ligne_Facture: 900,
        Code_Produit: null,
        Libelle_Produit: 'TRANSPORT',
        Prix_Unitaire: 25,
        Quantite_Facturee: 1,
        Montant_HT_Ligne: 25,
        Numero_BL: null,
        Date_Livraison: null,
      }),
    ],
    ...overrides,
  };
}

function line(overrides: Record<string, unknown> = {}) {
  return {
    Numero_Ligne_Facture: 1,
    Code_Produit: '31040N25AA',
    Libelle_Produit: 'MAIS GRAIN NETTOYE 25KG',
    Prix_Unitaire: 15.2,
    Quantite_Facturee: 40,
    Unite_Facturee: 'UN',
    Numero_Silo: null,
    Montant_HT_Ligne: 608.0,
    Taux_TVA: 2.1,
    Depot_BL: 'LE PORT',
    Numero_BL: '7804521',
    Numero_Ligne_BL: 1,
    Numero_Commande_Client: 'P0005650',
    Date_Commande_Client: '2025-10-10',
    Commentaires: '',
    Date_Livraison: '2025-10-13',
    ...overrides,
  };
}

const json = (...invoices: unknown[]) => JSON.stringify({ Factures: invoices });

describe('readEnvelope', () => {
  it('reads an empty window as nothing', () => {
    for (const text of ['', '  ', '{}', '{"Factures":[]}', '{"A":[],"B":[]}'])
      expect(readEnvelope(text, 'Get_Factures')).toEqual([]);
  });

  it('accepts any top-level key holding an array', () => {
    expect(readEnvelope('{"Factures":[1],"Autres":[2],"n":3}', 'Get_Factures')).toEqual([1, 2]);
  });

  it('fails the whole run on malformed or truncated JSON, naming the problem', () => {
    const text = json(invoice());
    for (const bad of [text.slice(0, text.length / 2), '{"Factures":[{"Libelle_Produit":"A "B""}]}']) {
      expect(() => readEnvelope(bad, 'Get_Factures')).toThrow(UrcoopaError);
      expect(() => readEnvelope(bad, 'Get_Factures')).toThrow(/not valid JSON.*Nothing was written/);
    }
    expect(() => readEnvelope('{"Erreur":"boom"}', 'Get_Factures')).toThrow(/no array/);
  });
});

describe('parseInvoices', () => {
  it('types the realistic invoice exactly (numbers and numeric strings → Decimal)', () => {
    const { records, rejections } = parseInvoices(json(invoice()));
    expect(rejections).toEqual([]);
    const [inv] = records;
    expect(inv.Montant_HT.toFixed(2)).toBe('1848.58');
    expect(inv.Detail[1].Quantite_Facturee.toString()).toBe('2.5');
    expect(inv.Detail[1].Unite_Facturee).toBe('TO');
    expect(inv.Detail[2].Code_Produit).toBeNull();
    expect(inv.Detail[0].Commentaires).toBe('');
    expect(inv.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps free texts as sent ("" stays "", null stays null) without changing the content hash', () => {
    const base = invoice();
    const variants = ['', null, '  ', 'Livré au silo 3 '].map((Commentaires) => {
      const inv = invoice();
      (inv.Detail as Array<Record<string, unknown>>)[0].Commentaires = Commentaires;
      return parseInvoices(json(inv)).records[0];
    });
    expect(variants.map((v) => v.Detail[0].Commentaires)).toEqual(['', null, '  ', 'Livré au silo 3 ']);
    // '' / null / blanks are the same content for the change rule: no rewrite, no false change.
    expect(new Set(variants.slice(0, 3).map((v) => v.contentHash)).size).toBe(1);
    expect(variants[0].contentHash).toBe(parseInvoices(json(base)).records[0].contentHash);
  });

  it('hashes the content, not its spelling (608 and "608.00" alike)', () => {
    const a = parseInvoices(json(invoice())).records[0];
    const b = parseInvoices(json(invoice({ Montant_HT: '1848.580', Numero_Facture: 251004512 }))).records[0];
    expect(b.contentHash).toBe(a.contentHash);
    const c = parseInvoices(json(invoice({ Nom_Client: 'EARL AUTRE' }))).records[0];
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('rejects a bad invoice naming record and field, and keeps the others', () => {
    const bad = invoice({ Numero_Facture: '251004513' });
    (bad.Detail[2] as Record<string, unknown>).Quantite_Facturee = 'beaucoup';
    const { records, rejections } = parseInvoices(json(invoice(), bad));
    expect(records.map((r) => r.Numero_Facture)).toEqual(['251004512']);
    expect(rejections).toMatchObject([
      {
        record: 'facture 251004513',
        key: '251004513',
        field: 'Detail[2].Quantite_Facturee',
        code: 'WRONG_TYPE',
      },
    ]);
    expect(rejections[0].raw).toEqual(bad);
  });

  it.each([
    [{ Type_Facture: 'X' }, 'Type_Facture', 'BAD_VALUE'],
    [{ Date_Facture: '14/10/2025' }, 'Date_Facture', 'BAD_DATE'],
    [{ Date_Facture: '2025-02-30' }, 'Date_Facture', 'BAD_DATE'],
    [{ Code_Client: null }, 'Code_Client', 'MISSING'],
    [{ Montant_HT: 'N/A' }, 'Montant_HT', 'WRONG_TYPE'],
    [{ Montant_HT: 1848.581 }, 'Montant_HT', 'TOO_PRECISE'],
    [{ Detail: [] }, 'Detail', 'NO_LINES'],
    [{ Detail: null }, 'Detail', 'MISSING'],
  ])('rejects header %j on %s (%s)', (overrides, field, code) => {
    const { records, rejections } = parseInvoices(json(invoice(overrides)));
    expect(records).toEqual([]);
    expect(rejections[0]).toMatchObject({ field, code });
  });

  it('rejects bad lines: unit, duplicate line number, missing product code outside line 900', () => {
    const cases: [Record<string, unknown>[], string, string][] = [
      [[line({ Unite_Facturee: 'LITRE' })], 'Detail[0].Unite_Facturee', 'BAD_VALUE'],
      [[line(), line({ Montant_HT_Ligne: 0 })], 'Detail[1].Numero_Ligne_Facture', 'DUPLICATE_LINE'],
      [[line({ Code_Produit: null })], 'Detail[0].Code_Produit', 'MISSING'],
    ];
    for (const [lines, field, code] of cases) {
      const { rejections } = parseInvoices(json(invoice({ Montant_HT: 608 }, lines)));
      expect(rejections[0]).toMatchObject({ field, code });
    }
  });

  it('accepts the KG unit', () => {
    const { records } = parseInvoices(json(invoice({ Montant_HT: 608 }, [line({ Unite_Facturee: 'kg' })])));
    expect(records[0].Detail[0].Unite_Facturee).toBe('KG');
  });

  it('rejects Σ lines ≠ header HT beyond 0.01 with both figures, tolerates a cent', () => {
    const { rejections } = parseInvoices(json(invoice({ Montant_HT: 1850 })));
    expect(rejections[0]).toMatchObject({ field: 'Montant_HT', code: 'AMOUNT_MISMATCH' });
    expect(rejections[0].message).toContain('1850.00');
    expect(rejections[0].message).toContain('1848.58');
    expect(parseInvoices(json(invoice({ Montant_HT: 1848.59 }))).rejections).toEqual([]);
  });

  it('names a record without number by its position', () => {
    const noNumber = invoice();
    delete (noNumber as Record<string, unknown>).Numero_Facture;
    const { rejections } = parseInvoices(json(invoice(), noNumber));
    expect(rejections[0]).toMatchObject({ key: null, field: 'Numero_Facture', code: 'MISSING' });
    expect(rejections[0].record).toContain('n°2');
  });

  it('drops an identical duplicate, rejects a differing one', () => {
    expect(parseInvoices(json(invoice(), invoice())).records).toHaveLength(1);
    const { records, rejections } = parseInvoices(json(invoice(), invoice({ Nom_Client: 'AUTRE' })));
    expect(records).toHaveLength(1);
    expect(rejections[0].code).toBe('DUPLICATE_RECORD');
  });
});

describe('parseDeliveries', () => {
  const bl = (overrides: Record<string, unknown> = {}) => ({
    Numero_BL: '7804521',
    Code_Client: '1873',
    Nom_Client: 'EARL DES TAMARINS',
    Date_BL: '2025-10-13',
    Code_Adresse: '11',
    Libelle_Adresse: null,
    Rue: null,
    Lieu: null,
    Code_Postal: '97420',
    Ville: 'LE PORT',
    Detail: [
      {
        Numero_Ligne_BL: 1,
        Code_Produit: '31040N25AA',
        Libelle_Produit: 'MAIS',
        Quantite_Livree: '40',
        Silo: null,
        Transporteur: null,
        Depot_Commande: 'LE PORT',
        Numero_Commande: 'P0005650',
        Numero_Ligne_Commande: 1,
        Numero_Facture: 251004512,
        Numero_Bande: null,
      },
    ],
    ...overrides,
  });

  it('reads a delivery, a delivery without detail, and rejects a bad one', () => {
    const text = JSON.stringify({
      Livraisons: [bl(), bl({ Numero_BL: '2', Detail: null }), bl({ Numero_BL: '3', Date_BL: '00/00/0000' })],
    });
    const { records, rejections } = parseDeliveries(text);
    expect(records.map((r) => r.Numero_BL)).toEqual(['7804521', '2']);
    expect(records[0].Detail![0].Numero_Facture).toBe('251004512');
    expect(records[1].Detail).toBeNull();
    expect(rejections).toMatchObject([{ record: 'BL 3', field: 'Date_BL', code: 'BAD_DATE' }]);
  });
});
