import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  INTERCOMPANY_SUPPLIER_PARTNER_ID,
  MEMBERS,
  SERVICES,
  STORES,
  UNKNOWN_STORE,
  URCOOPA_PARTNER_ID,
} from '../../src/sandbox/world/catalogue';
import { filterWindow, generateWorld, reunionToday } from '../../src/sandbox/world/world';

const REF = '2025-10-14';
const world = generateWorld({ referenceDate: REF });
const lines = world.invoices.flatMap((i) => i.Detail.map((l) => ({ invoice: i, line: l })));
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

describe('generateWorld', () => {
  it('has the documented defaults', () => {
    const w = generateWorld();
    expect(w.options).toEqual({
      seed: 42,
      invoices: 60,
      linesPerInvoice: 4,
      days: 30,
      referenceDate: reunionToday(),
      purchaseOrders: 25,
      discrepancies: false,
    });
    expect(w.invoices).toHaveLength(60);
    expect(w.purchaseOrders).toHaveLength(25);
  });

  it('is deterministic: same options give the same JSON, another seed another world', () => {
    const again = generateWorld({ referenceDate: REF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    expect(JSON.stringify(generateWorld({ referenceDate: REF, seed: 7 }))).not.toBe(JSON.stringify(world));
  });

  it('keeps every amount consistent, computed exactly', () => {
    for (const invoice of world.invoices) {
      let ht = new Decimal(0);
      for (const line of invoice.Detail) {
        const expected = round2(new Decimal(line.Prix_Unitaire).times(line.Quantite_Facturee));
        expect(
          new Decimal(line.Montant_HT_Ligne).equals(expected),
          `${invoice.Numero_Facture}/${line.Numero_Ligne_Facture}`,
        ).toBe(true);
        expect(line.Taux_TVA).toBe(2.1);
        ht = ht.plus(line.Montant_HT_Ligne);
      }
      expect(new Decimal(invoice.Montant_HT).equals(ht)).toBe(true);
      const ttc = ht.plus(round2(ht.times('2.1').div(100)));
      expect(new Decimal(invoice.Montant_TTC).equals(ttc), invoice.Numero_Facture).toBe(true);
      for (const amount of [invoice.Montant_HT, invoice.Montant_TTC]) {
        expect(new Decimal(amount).decimalPlaces()).toBeLessThanOrEqual(2);
      }
    }
  });

  it('numbers invoices with unique numeric strings, dated in the window', () => {
    const numbers = world.invoices.map((i) => i.Numero_Facture);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const invoice of world.invoices) {
      expect(invoice.Numero_Facture).toMatch(/^25\d{7}$/);
      expect(invoice.Date_Facture >= '2025-09-15' && invoice.Date_Facture <= REF).toBe(true);
      expect(invoice.Date_Echeance > invoice.Date_Facture).toBe(true);
    }
  });

  it('bills members, stores, an unknown store, with credit notes', () => {
    const memberCodes = new Set(MEMBERS.map((m) => m.code));
    const members = world.invoices.filter((i) => i.Type_Client === 'ADHERENT');
    expect(members.length).toBeGreaterThan(10);
    for (const m of members) {
      expect(m.Societe_Facture).toBe('VRAC');
      expect(memberCodes.has(m.Code_Client)).toBe(true);
      expect(m.Code_Client.startsWith('5')).toBe(false);
    }
    const stores = world.invoices.filter((i) => i.Type_Client.startsWith('MAG.'));
    expect(new Set(stores.map((s) => s.Type_Client))).toEqual(new Set(['MAG. SICALAIT', 'MAG. SDPMA']));
    const storeCodes = new Set([...STORES.map((s) => s.codeUrcoopa), UNKNOWN_STORE.codeUrcoopa]);
    for (const s of stores) expect(storeCodes.has(s.Code_Client)).toBe(true);
    expect(stores.some((s) => s.Code_Client === UNKNOWN_STORE.codeUrcoopa)).toBe(true);

    const credits = world.invoices.filter((i) => i.Type_Facture === 'A');
    expect(credits.length).toBeGreaterThanOrEqual(3);
    for (const c of credits) expect(c.Montant_HT).toBeGreaterThan(0);
  });

  it('has unknown members and unknown articles, and mostly known ones', () => {
    const unknownMembers = new Set(MEMBERS.filter((m) => m.odooName === null).map((m) => m.code));
    expect(world.invoices.some((i) => unknownMembers.has(i.Code_Client))).toBe(true);
    expect(
      lines.some(({ line }) => line.Code_Produit === '39990X25ZZ' || line.Code_Produit === '29900VRAC'),
    ).toBe(true);
    const unknownLines = lines.filter(({ line }) =>
      ['39990X25ZZ', '29900VRAC'].includes(String(line.Code_Produit)),
    );
    expect(unknownLines.length).toBeLessThan(lines.length / 10);
  });

  it('has INTR lines, TO lines with decimal quantities, UN lines in whole units, and line-900 services', () => {
    expect(lines.some(({ line }) => line.Code_Produit === 'INTR')).toBe(true);
    const tonnes = lines.filter(({ line }) => line.Unite_Facturee === 'TO');
    expect(tonnes.some(({ line }) => !Number.isInteger(line.Quantite_Facturee))).toBe(true);
    for (const { line } of lines.filter(({ line }) => line.Unite_Facturee === 'UN')) {
      expect(Number.isInteger(line.Quantite_Facturee)).toBe(true);
    }
    const services = lines.filter(({ line }) => line.Numero_Ligne_Facture === 900);
    expect(services.length).toBeGreaterThan(world.invoices.length / 3);
    const labels = new Set(SERVICES.map((s) => s.label));
    for (const { line } of services) {
      expect(line.Code_Produit).toBeNull();
      expect(labels.has(line.Libelle_Produit)).toBe(true);
      expect([
        line.Numero_BL,
        line.Depot_BL,
        line.Numero_Commande_Client,
        line.Commentaires,
        line.Date_Livraison,
      ]).toEqual([null, null, null, null, null]);
    }
  });

  it('links store lines to purchase orders of the store company, by name or Gesica number', () => {
    const byName = new Map(world.purchaseOrders.map((p) => [p.name, p]));
    const byGesica = new Map(world.purchaseOrders.filter((p) => p.partnerRef).map((p) => [p.partnerRef, p]));
    let linked = 0;
    let gesica = 0;
    for (const { invoice, line } of lines) {
      const ref = line.Numero_Commande_Client;
      const store = STORES.find((s) => s.codeUrcoopa === invoice.Code_Client);
      if (!ref || !store) continue;
      const po = byName.get(ref) ?? byGesica.get(`GESICA${ref}`);
      if (!po) continue;
      linked++;
      if (!ref.startsWith('P')) gesica++;
      expect(po.companyId).toBe(store.companyId);
      expect(po.partnerId).toBe(URCOOPA_PARTNER_ID);
      expect(line.Date_Commande_Client! <= line.Date_Livraison!).toBe(true);
    }
    expect(linked).toBeGreaterThan(5);
    expect(gesica).toBeGreaterThan(0);
    expect(byGesica.has('GESICA706731')).toBe(true);
  });

  it('seeds purchase orders in every state the jobs meet', () => {
    const pos = world.purchaseOrders;
    expect(new Set(pos.map((p) => p.state))).toEqual(
      new Set(['draft', 'sent', 'purchase', 'done', 'cancel']),
    );
    expect(pos.some((p) => p.state === 'draft' && p.companyId === 19)).toBe(true);
    expect(new Set(pos.map((p) => p.invoiceStatus))).toEqual(new Set(['no', 'to invoice', 'invoiced']));
    expect(pos.some((p) => p.received)).toBe(true);
    expect(pos.some((p) => p.dropship)).toBe(true);
    expect(pos.some((p) => p.partnerId === INTERCOMPANY_SUPPLIER_PARTNER_ID)).toBe(true);
    const uoms = new Set(pos.flatMap((p) => p.lines.map((l) => l.uom)));
    expect(uoms).toEqual(new Set(['Units', 'kg', 't']));
    expect(pos.some((p) => p.lines.some((l) => l.productCode === null))).toBe(true);
    for (const p of pos) expect(p.dateOrder).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Just after midnight in La Réunion is still the previous day in UTC.
    expect(pos.some((p) => p.dateOrder.endsWith(' 20:30:00'))).toBe(true);
  });

  it('delivers every delivered line on the delivery note it names', () => {
    const notes = new Map(world.deliveries.map((d) => [d.Numero_BL, d]));
    expect(notes.size).toBe(world.deliveries.length);
    expect(world.deliveries.some((d) => d.Detail === null)).toBe(true);
    for (const { invoice, line } of lines.filter(({ line }) => line.Numero_BL !== null)) {
      const note = notes.get(line.Numero_BL!)!;
      expect(note.Code_Client).toBe(invoice.Code_Client);
      expect(note.Date_BL).toBe(line.Date_Livraison);
      expect(note.Date_BL <= invoice.Date_Facture).toBe(true);
      if (note.Detail === null) continue;
      const delivered = note.Detail.find((d) => d.Numero_Ligne_BL === line.Numero_Ligne_BL)!;
      expect(delivered).toMatchObject({
        Code_Produit: line.Code_Produit,
        Quantite_Livree: line.Quantite_Facturee,
        Numero_Facture: invoice.Numero_Facture,
        Numero_Commande: line.Numero_Commande_Client,
      });
    }
  });

  it('scales to 2,000 invoices of ~10 lines', () => {
    const big = generateWorld({ invoices: 2000, linesPerInvoice: 10, referenceDate: REF });
    const count = big.invoices.reduce((n, i) => n + i.Detail.length, 0);
    expect(big.invoices).toHaveLength(2000);
    expect(count).toBeGreaterThan(18_000);
    expect(new Set(big.invoices.map((i) => i.Numero_Facture)).size).toBe(2000);
  });
});

describe('filterWindow', () => {
  const items = ['2025-10-12', '2025-10-13', '2025-10-14', '2025-10-15'].map((d) => ({ d }));

  it('keeps the NbJours days up to and including DateReference', () => {
    expect(filterWindow(items, 'd', 1, '2025-10-14').map((i) => i.d)).toEqual(['2025-10-14']);
    expect(filterWindow(items, 'd', 2, '2025-10-14').map((i) => i.d)).toEqual(['2025-10-13', '2025-10-14']);
    expect(filterWindow(items, 'd', 30, '2025-10-13').map((i) => i.d)).toEqual(['2025-10-12', '2025-10-13']);
    expect(filterWindow(items, 'd', 0, '2025-10-14')).toEqual([]);
  });
});
