import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { SICALAIT_COMPANY_ID, STORES } from '../../src/sandbox/world/catalogue';
import {
  BAG,
  BULK_KG,
  BULK_T,
  ledger,
  note,
  po,
  startOrdersHarness,
  TEST_API_KEY,
  type OrdersHarness,
} from './orders.helpers';

interface OrderReport {
  orderNumber: string;
  po: string;
  outcome: string;
  message?: string;
}

async function sendOrders(h: OrdersHarness) {
  const res = await h.app.http.post('/envoyer-commande/').set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as OrderReport[];
  return { res, orders, outcome: (name: string) => orders.find((o) => o.po === name)?.outcome };
}

// Window: DATE_JOUR = 5 Réunion days up to 14 October 2025, i.e. [2025-10-09 20:00, 2025-10-14 20:00) UTC.
const PURCHASE_ORDERS = [
  po('P0007001', {
    lines: [
      BAG,
      note('Livraison avant 10h svp'),
      BULK_T,
      { ...BAG, qty: '0' },
      BULK_KG,
      note('Appeler le magasin'),
    ],
  }),
  // 00:00:00 on the 10th in La Réunion: the first instant of the window.
  po('P0007002', {
    companyId: 22,
    partnerRef: 'GESICA706731',
    dateOrder: '2025-10-09 20:00:00',
    lines: [BULK_T],
  }),
  // 23:59:59 on the 14th in La Réunion: the last second of the window.
  po('P0007003', { companyId: 23, partnerRef: 'GESSICA_706748_20251012', dateOrder: '2025-10-14 19:59:59' }),
  // 23:59:59 on the 9th, and 00:00 on the 15th in La Réunion: outside.
  po('P0007004', { dateOrder: '2025-10-09 19:59:59' }),
  po('P0007005', { dateOrder: '2025-10-14 20:00:00' }),
  // A SICALAIT draft: confirmed, then sent; Urcoopa does not know its client code.
  po('P0007006', {
    companyId: SICALAIT_COMPANY_ID,
    state: 'draft',
    dateOrder: '2025-10-12 06:00:00',
    lines: [BULK_T],
  }),
  // SDPMA has no sic_depot row in this test.
  po('P0007007', { companyId: 56 }),
  // A store's draft is not confirmed by the job; a cancelled PO is not sent.
  po('P0007008', { companyId: 22, state: 'draft' }),
  po('P0007009', { state: 'cancel' }),
];

const DEPOTS = [
  ...STORES.filter((s) => s.companyId !== 56),
  { codeUrcoopa: '5001', companyId: SICALAIT_COMPANY_ID, code: '01', lib: 'SICALAIT SIEGE' },
];

describeDialects('job 7: orders to Urcoopa (POST /envoyer-commande/)', (dialect) => {
  let h: OrdersHarness;
  let first: Awaited<ReturnType<typeof sendOrders>>;

  beforeAll(async () => {
    h = await startOrdersHarness({ dialect, purchaseOrders: PURCHASE_ORDERS, depots: DEPOTS });
    first = await sendOrders(h);
  }, 60_000);
  afterAll(() => h?.close());

  it('sends the jCommande of domain.md §2, field by field', () => {
    const received = h.urcoopa.orders.find((o) => o.numeroCommande === 'P0007001');
    expect(received?.accepted).toBe(true);
    expect(JSON.parse(received!.jCommande)).toEqual({
      commande: [
        {
          Societe: 'UR',
          Code_Client: '5010',
          Numero_Commande: 'P0007001',
          Nom_Client: 'MAGASIN LE PORT',
          Code_Adresse_Livraison: '11',
          Commentaire: 'Livraison avant 10h svp / Appeler le magasin',
          Date_Livraison_Souhaitee: '20251013',
          Num_Telephone: '',
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
              Code_Produit: '20130VRAC',
              Libelle_Produit: 'ALIMENT VL HAUTE PRODUCTION VRAC',
              Quantite_Commandee: 1250,
              Unite_Commande: 'KG',
            },
          ],
        },
      ],
    });
    expect(received!.jCommande).not.toMatch(/\s{2}|\n/);
  });

  it('sends Gesica numbers, both spellings, with their store codes and Réunion dates', () => {
    const byNumber = (n: string) => h.urcoopa.orders.find((o) => o.numeroCommande === n)?.order;
    expect(byNumber('706731')).toMatchObject({
      Code_Client: '5024',
      Code_Adresse_Livraison: '12',
      Date_Livraison_Souhaitee: '20251010',
      Email: 'stpierre@sicalait.example',
      Ligne_Commande: [
        { Numero_ligne: 1, Code_Produit: '20115VRAC', Quantite_Commandee: 2.5, Unite_Commande: 'TO' },
      ],
    });
    expect(byNumber('706748')).toMatchObject({ Code_Client: '5031', Date_Livraison_Souhaitee: '20251014' });
  });

  it('selects the POs of the Réunion-day window only, confirmed or SICALAIT drafts', () => {
    const pushed = new Set(h.urcoopa.orders.map((o) => o.numeroCommande));
    expect([...pushed].sort()).toEqual(['706731', '706748', 'P0007001', 'P0007006']);
    const state = (name: string) => h.odoo.records('purchase.order').find((p) => p.name === name)?.state;
    expect(state('P0007006')).toBe('purchase');
    expect(state('P0007008')).toBe('draft');
    expect(first.orders.map((o) => o.po).sort()).toEqual([
      'P0007001',
      'P0007002',
      'P0007003',
      'P0007006',
      'P0007007',
    ]);
  });

  it('maps each answer to its status and reports the run as partial', async () => {
    expect(first.res.status).toBe(207);
    expect(first.res.body.status).toBe('partial');
    expect(first.outcome('P0007001')).toBe('sent');
    expect(first.outcome('P0007006')).toBe('rejected');
    expect(first.outcome('P0007007')).toBe('invalid');
    const rows = await ledger(h.db);
    expect(rows.get('P0007001')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get('706731')).toMatchObject({ status: 'sent' });
    expect(rows.get('P0007006')).toMatchObject({
      status: 'rejected',
      last_response: 'ERREUR : Client N°5001 inconnu',
    });
    expect(rows.has('P0007007')).toBe(false);
    const errors = first.res.body.recordErrors as Array<{ record: string; code: string; message: string }>;
    expect(errors.find((e) => e.record === 'P0007007')).toMatchObject({ code: 'ORDERS_UNMAPPED_COMPANY' });
    expect(errors.find((e) => e.record === 'P0007007')?.message).toMatch(/SDPMA.*sic_depot/);
    expect(errors.find((e) => e.record === 'P0007006')?.message).toMatch(/Client N°5001 inconnu/);
  });

  it('sends an order once across runs; a rejected one is tried again', async () => {
    const before = h.urcoopa.orders.length;
    const second = await sendOrders(h);
    expect(second.outcome('P0007001')).toBe('skipped');
    expect(second.outcome('P0007002')).toBe('skipped');
    expect(second.outcome('P0007006')).toBe('rejected');
    const again = h.urcoopa.orders.slice(before).map((o) => o.numeroCommande);
    expect(again).toEqual(['P0007006']);
    expect(h.urcoopa.orders.filter((o) => o.accepted && o.numeroCommande === 'P0007001')).toHaveLength(1);
    expect((await ledger(h.db)).get('P0007006')?.attempts).toBe(2);
  });
});
