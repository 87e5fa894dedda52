import { describe, expect, it } from 'vitest';
import { dec } from '../common/money';
import {
  beyondTolerance,
  convertPrice,
  convertQty,
  reconcile,
  type DeliveryFacts,
  type InvoiceFacts,
  type MatchInput,
  type MatchSettings,
  type PoLineFacts,
} from './matching-rules';

const SETTINGS: MatchSettings = {
  qtyTolerancePct: dec(2),
  priceTolerancePct: dec('0.5'),
  invoiceDays: 10,
  deliveryDays: 7,
  today: '2025-10-30',
};

function poLine(id: number, over: Partial<PoLineFacts> = {}): PoLineFacts {
  return {
    id,
    orderId: 1,
    productId: 100 + id,
    name: `Produit ${id}`,
    isNote: false,
    productQty: dec(40),
    uomName: 'Units',
    priceUnit: dec('15.20'),
    qtyReceived: dec(40),
    qtyInvoiced: dec(0),
    ...over,
  };
}

function delivery(line: number, qty: string, over: Partial<DeliveryFacts> = {}): DeliveryFacts {
  return {
    numeroBl: `78${line}`,
    ligneBl: 1,
    dateBl: '2025-10-20',
    codeClient: '5010',
    codeProduit: `C${line}`,
    libelle: null,
    qty: dec(qty),
    numeroCommande: 'P0005650',
    ligneCommande: line,
    numeroFacture: '251',
    ...over,
  };
}

function invoice(line: number, qty: string, over: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    numeroFacture: '251',
    ligne: line,
    type: 'F',
    dateFacture: '2025-10-21',
    codeClient: '5010',
    codeProduit: `C${line}`,
    libelle: null,
    productId: 100 + line,
    unit: 'UN',
    price: dec('15.20'),
    qty: dec(qty),
    amount: dec('15.20').times(qty),
    weightKg: dec(25),
    numeroBl: `78${line}`,
    ligneBl: 1,
    numeroCommande: 'P0005650',
    ...over,
  };
}

function input(over: Partial<MatchInput> = {}): MatchInput {
  return {
    purchaseOrders: [
      { id: 1, name: 'P0005650', partnerRef: null, companyId: 3, state: 'purchase', orderDay: '2025-10-10' },
    ],
    poLines: [poLine(1)],
    deliveries: [delivery(1, '40')],
    invoices: [invoice(1, '40')],
    sentOrders: [{ numero: 'P0005650', codeClient: '5010', sentDay: '2025-10-10' }],
    ...over,
  };
}

const kinds = (i: MatchInput, s = SETTINGS) =>
  reconcile(i, s)
    .discrepancies.map((d) => d.kind)
    .sort();

describe('conversions (domain.md §3)', () => {
  it('converts tonnes, kg and weighed units, never guessing a weight', () => {
    expect(convertQty(dec('2.5'), 'TO', 'KG', null)!.toString()).toBe('2500');
    expect(convertQty(dec(40), 'UN', 'KG', dec(25))!.toString()).toBe('1000');
    expect(convertQty(dec(1), 'TO', 'UN', dec(25))!.toString()).toBe('40');
    expect(convertQty(dec(40), 'UN', 'KG', null)).toBeNull();
    expect(convertPrice(dec('486.23'), 'TO', 'KG', null)!.toString()).toBe('0.48623');
  });

  it('tolerance is a percentage of the expected figure; any difference from zero counts', () => {
    expect(beyondTolerance(dec(100), dec(102), dec(2))).toBe(false);
    expect(beyondTolerance(dec(100), dec('102.01'), dec(2))).toBe(true);
    expect(beyondTolerance(dec(0), dec('0.001'), dec(2))).toBe(true);
  });
});

describe('reconcile', () => {
  it('an order delivered, received and invoiced as ordered is conforme', () => {
    const r = reconcile(input(), SETTINGS);
    expect(r.discrepancies).toEqual([]);
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({ poName: 'P0005650', waitingDelivery: false, waitingInvoice: false });
    expect(r.orders[0].lines[0].delivered!.toString()).toBe('40');
    expect(r.orders[0].lines[0].invoiced!.toString()).toBe('40');
  });

  it('bulk weighed within 2 % passes; beyond it is a quantity discrepancy with both figures', () => {
    const bulk = { uomName: 't', productQty: dec('2.5'), priceUnit: dec('486.23'), qtyReceived: dec('2.5') };
    const inv = { unit: 'TO', price: dec('486.23') };
    expect(
      kinds(
        input({
          poLines: [poLine(1, bulk)],
          deliveries: [delivery(1, '2.54')],
          invoices: [invoice(1, '2.54', inv)],
        }),
      ),
    ).toEqual(['non_receptionne'].filter(() => false));
    const r = reconcile(
      input({
        poLines: [poLine(1, { ...bulk, qtyReceived: dec('2.8') })],
        deliveries: [delivery(1, '2.8')],
        invoices: [invoice(1, '2.8', inv)],
      }),
      SETTINGS,
    );
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['qte_livree']);
    expect(r.discrepancies[0]).toMatchObject({ unit: 't' });
    expect(r.discrepancies[0].expected!.toString()).toBe('2.5');
    expect(r.discrepancies[0].actual!.toString()).toBe('2.8');
    expect(r.discrepancies[0].difference!.toString()).toBe('0.3');
    expect(r.discrepancies[0].amount!.toString()).toBe('145.87');
  });

  it('a PO in kg billed in tonnes is compared after conversion, price included', () => {
    const r = reconcile(
      input({
        poLines: [
          poLine(1, {
            uomName: 'kg',
            productQty: dec(2500),
            priceUnit: dec('0.4862'),
            qtyReceived: dec(2500),
          }),
        ],
        deliveries: [delivery(1, '2.5')],
        invoices: [invoice(1, '2.5', { unit: 'TO', price: dec('486.23') })],
      }),
      SETTINGS,
    );
    expect(r.discrepancies).toEqual([]);
    expect(r.orders[0].lines[0].delivered!.toString()).toBe('2500');
  });

  it('invoiced ≠ delivered, and a price drift, are flagged', () => {
    expect(kinds(input({ invoices: [invoice(1, '45', { price: dec('16') })] }))).toEqual([
      'prix',
      'qte_facturee',
    ]);
  });

  it('a credit note is subtracted from the invoiced quantity', () => {
    const credit = invoice(1, '5', { numeroFacture: '252', type: 'A', numeroBl: null, ligneBl: null });
    expect(kinds(input({ invoices: [invoice(1, '45'), credit] }))).toEqual([]);
  });

  it('an invoice line without delivery, and a delivery not invoiced after the delay', () => {
    expect(kinds(input({ deliveries: [], poLines: [poLine(1, { qtyReceived: dec(0) })] }))).toEqual([
      'commande_non_livree',
      'facture_sans_livraison',
    ]);
    const late = delivery(1, '40', { dateBl: '2025-10-10', numeroFacture: null });
    expect(kinds(input({ deliveries: [late], invoices: [] }))).toEqual(['livraison_non_facturee']);
    const recent = delivery(1, '40', { dateBl: '2025-10-25', numeroFacture: null });
    const r = reconcile(input({ deliveries: [recent], invoices: [] }), SETTINGS);
    expect(r.discrepancies).toEqual([]);
    expect(r.orders[0].waitingInvoice).toBe(true);
  });

  it('an order sent and not delivered: waiting, then flagged after the delay', () => {
    const base = { deliveries: [], invoices: [], poLines: [poLine(1, { qtyReceived: dec(0) })] };
    expect(
      kinds(
        input({ ...base, sentOrders: [{ numero: 'P0005650', codeClient: '5010', sentDay: '2025-10-25' }] }),
      ),
    ).toEqual([]);
    expect(kinds(input(base))).toEqual(['commande_non_livree']);
  });

  it('unknown order, unknown line, Gesica number found through partner_ref', () => {
    const unknown = delivery(1, '40', { numeroCommande: '709999' });
    expect(kinds(input({ deliveries: [unknown], invoices: [], sentOrders: [] }))).toEqual([
      'commande_inconnue',
    ]);
    expect(kinds(input({ deliveries: [delivery(1, '40'), delivery(3, '5', { numeroBl: '799' })] }))).toEqual([
      'ligne_inconnue',
    ]);
    const gesica = input({
      purchaseOrders: [
        {
          id: 1,
          name: 'P0005650',
          partnerRef: 'GESICA706731',
          companyId: 3,
          state: 'purchase',
          orderDay: '2025-10-10',
        },
      ],
      deliveries: [delivery(1, '40', { numeroCommande: '706731' })],
      invoices: [invoice(1, '40', { numeroCommande: '706731' })],
      sentOrders: [{ numero: '706731', codeClient: '5010', sentDay: '2025-10-10' }],
    });
    const r = reconcile(gesica, SETTINGS);
    expect(r.discrepancies).toEqual([]);
    expect(r.orders.map((o) => o.orderNumber)).toEqual(['706731']);
  });

  it('delivered but not received in Odoo, and the reverse', () => {
    expect(kinds(input({ poLines: [poLine(1, { qtyReceived: dec(0) })] }))).toEqual(['non_receptionne']);
    expect(
      kinds(input({ poLines: [poLine(1, { qtyReceived: dec(40) })], deliveries: [], invoices: [] })),
    ).toEqual(['commande_non_livree', 'receptionne_non_livre']);
  });

  it('a unit that cannot be converted is flagged, not guessed', () => {
    const r = reconcile(
      input({ invoices: [invoice(1, '1', { unit: 'TO', weightKg: null, price: dec(608) })] }),
      SETTINGS,
    );
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['unite_inconnue']);
    expect(r.orders[0].lines[0].invoiced).toBeNull();
  });

  it('discrepancy keys are stable from one run to the next', () => {
    const a = reconcile(input({ invoices: [invoice(1, '45')] }), SETTINGS).discrepancies.map((d) => d.key);
    const b = reconcile(input({ invoices: [invoice(1, '45')] }), SETTINGS).discrepancies.map((d) => d.key);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
});
