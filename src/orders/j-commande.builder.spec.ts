import { describe, expect, it } from 'vitest';
import { buildJCommande, orderNumberOf, urcoopaUnitOf, type OrderInput } from './j-commande.builder';
import { OrdersError, OrdersErrorCode } from './orders.error';

function storeOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    poName: 'P0005650',
    partnerRef: null,
    dateOrder: '2025-10-09 20:30:00',
    // 21:00 UTC on the 12th is 01:00 on the 13th in La Réunion.
    datePlanned: '2025-10-12 21:00:00',
    companyId: 21,
    companyName: 'MAGASIN SICALAIT LE PORT',
    companyEmail: 'leport@sicalait.example',
    companyPhone: '0262 42 00 00',
    depots: [{ codeUrcoopa: '5010', code: '11', lib: 'MAGASIN LE PORT' }],
    lines: [
      {
        displayType: false,
        name: '[31040N25AA] MAIS GRAIN NETTOYE 25KG',
        productId: 301,
        productCode: '31040N25AA',
        productLabel: 'MAIS GRAIN NETTOYE 25KG',
        qty: 40,
        uomName: 'Units',
      },
      {
        displayType: 'line_note',
        name: 'Livraison avant 10h svp',
        productId: null,
        productCode: null,
        qty: 0,
        uomName: null,
      },
      {
        displayType: false,
        name: 'ALIMENT VL PRODUCTION VRAC',
        productId: 302,
        productCode: '20115VRAC',
        qty: 2.5,
        uomName: 't',
      },
      {
        displayType: false,
        name: 'ALIMENT GENISSES VRAC',
        productId: 303,
        productCode: '20230VRAC',
        qty: 0,
        uomName: 't',
      },
      {
        displayType: false,
        name: 'ALIMENT VL PRODUCTION VRAC',
        productId: 302,
        productCode: '20115VRAC',
        qty: '1250',
        uomName: 'kg',
      },
      {
        displayType: 'line_section',
        name: 'Divers',
        productId: null,
        productCode: null,
        qty: 0,
        uomName: null,
      },
      {
        displayType: false,
        name: 'Appeler le magasin',
        productId: null,
        productCode: null,
        qty: 0,
        uomName: null,
      },
    ],
    ...overrides,
  };
}

describe('buildJCommande', () => {
  it('builds the order of domain.md §2 field by field', () => {
    const built = buildJCommande(storeOrder());
    expect(built.order).toEqual({
      Societe: 'UR',
      Code_Client: '5010',
      Numero_Commande: 'P0005650',
      Nom_Client: 'MAGASIN LE PORT',
      Code_Adresse_Livraison: '11',
      Commentaire: 'Livraison avant 10h svp / Appeler le magasin',
      Date_Livraison_Souhaitee: '20251013',
      Num_Telephone: '0262 42 00 00',
      Email: 'leport@sicalait.example',
      Ligne_Commande: [
        {
          Numero_ligne: 1,
          Code_Produit: '31040N25AA',
          Libelle_Produit: 'MAIS GRAIN NETTOYE 25KG',
          Quantite_Commandee: 40,
          Unite_Commande: 'UN',
        },
        {
          Numero_ligne: 2,
          Code_Produit: '20115VRAC',
          Libelle_Produit: 'ALIMENT VL PRODUCTION VRAC',
          Quantite_Commandee: 2.5,
          Unite_Commande: 'TO',
        },
        {
          Numero_ligne: 3,
          Code_Produit: '20115VRAC',
          Libelle_Produit: 'ALIMENT VL PRODUCTION VRAC',
          Quantite_Commandee: 1250,
          Unite_Commande: 'KG',
        },
      ],
    });
    expect(built.orderNumber).toBe('P0005650');
    expect(built.jCommande).toBe(JSON.stringify({ commande: [built.order] }));
    expect(built.jCommande).not.toMatch(/\\u/);
    expect(built.jCommande).not.toMatch(/\n/);
  });

  it('uses the order date when there is no planned date', () => {
    const built = buildJCommande(storeOrder({ datePlanned: null, dateOrder: '2025-10-09 20:30:00' }));
    expect(built.order.Date_Livraison_Souhaitee).toBe('20251010');
  });

  it('sends the Gesica number of a Gesica PO', () => {
    expect(buildJCommande(storeOrder({ partnerRef: 'GESICA706731' })).order.Numero_Commande).toBe('706731');
  });

  it('rejects an unmapped or ambiguous company by name', () => {
    const unmapped = (): unknown => buildJCommande(storeOrder({ depots: [] }));
    expect(unmapped).toThrow(OrdersError);
    expect(unmapped).toThrow(/P0005650.*MAGASIN SICALAIT LE PORT.*sic_depot/);
    try {
      buildJCommande(
        storeOrder({
          depots: [
            { codeUrcoopa: '5010', code: '11', lib: null },
            { codeUrcoopa: '5011', code: '12', lib: null },
          ],
        }),
      );
      expect.unreachable();
    } catch (error) {
      expect((error as OrdersError).code).toBe(OrdersErrorCode.UnmappedCompany);
      expect((error as OrdersError).message).toMatch(/5010, 5011/);
    }
  });

  it('rejects a product without URCOOPA code, an unknown unit, an order with nothing to order', () => {
    const code = (input: OrderInput) => {
      try {
        buildJCommande(input);
        return null;
      } catch (error) {
        return (error as OrdersError).code;
      }
    };
    const base = storeOrder();
    const first = base.lines[0];
    expect(code({ ...base, lines: [{ ...first, productCode: null }] })).toBe(
      OrdersErrorCode.MissingSupplierCode,
    );
    expect(code({ ...base, lines: [{ ...first, uomName: 'Dozens' }] })).toBe(OrdersErrorCode.UnsupportedUnit);
    expect(code({ ...base, lines: [{ ...first, qty: 0 }] })).toBe(OrdersErrorCode.NoLines);
    expect(code({ ...base, lines: [{ ...first, qty: -2 }] })).toBe(OrdersErrorCode.InvalidQuantity);
  });
});

describe('orderNumberOf', () => {
  it.each([
    ['GESICA706731', '706731'],
    ['gesica 706731', '706731'],
    ['GESSICA_706731_20251010', '706731'],
    ['GESICA_706748', '706748'],
    [null, 'P0005650'],
    [false, 'P0005650'],
    ['', 'P0005650'],
    ['DEVIS-2025-14', 'P0005650'],
    ['GESICA', 'P0005650'],
  ] as const)('%s → %s', (ref, expected) => {
    expect(orderNumberOf('P0005650', ref)).toBe(expected);
  });
});

describe('urcoopaUnitOf', () => {
  it('maps the Odoo units, English or French', () => {
    expect([
      urcoopaUnitOf('Units'),
      urcoopaUnitOf('Unités'),
      urcoopaUnitOf('kg'),
      urcoopaUnitOf('t'),
    ]).toEqual(['UN', 'UN', 'KG', 'TO']);
    expect(urcoopaUnitOf('L')).toBeNull();
    expect(urcoopaUnitOf(null)).toBeNull();
  });
});
