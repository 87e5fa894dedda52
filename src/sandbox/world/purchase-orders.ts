import { Decimal } from 'decimal.js';
import {
  INTERCOMPANY_SUPPLIER_PARTNER_ID,
  PRODUCTS,
  SICALAIT_COMPANY_ID,
  STORES,
  URCOOPA_PARTNER_ID,
  type SandboxProduct,
} from './catalogue';
import { addDays, maxDate, minDate, reunionToOdooUtc } from './dates';
import type { Rng } from './prng';
import type { SandboxPurchaseOrder, SandboxPurchaseOrderLine } from './world.types';

type PoKind =
  | 'store'
  | 'storeDone'
  | 'storeGesica'
  | 'dropship'
  | 'sicalaitDraft'
  | 'sicalaitSent'
  | 'intercoReceived'
  | 'intercoPending'
  | 'cancel';

/** Cycled so that even a handful of POs covers every kind the jobs care about. */
const PLAN: PoKind[] = [
  'store',
  'store',
  'sicalaitDraft',
  'storeGesica',
  'dropship',
  'intercoReceived',
  'store',
  'cancel',
  'intercoPending',
  'storeDone',
  'dropship',
  'sicalaitSent',
];

export const FIRST_GESICA_NUMBER = 706731;
const FIRST_PO_NUMBER = 5640;
const NOTES = ['Livraison avant 10h svp', 'Appeler le magasin avant livraison', 'Silo 2 uniquement'];

/** Catalogue products a PO may order: known to Odoo, not INTR. */
export const ORDERABLE = PRODUCTS.filter((p) => p.knownInOdoo && p.code !== 'INTR');
const BAGS = ORDERABLE.filter((p) => p.billedUnit === 'UN');

/** Bulk quantities in tonnes with at most 2 decimals (2.5, 3.25, …). */
export function bulkTonnes(rng: Rng): Decimal {
  return new Decimal(rng.int(10, 240)).div(20);
}

function poLine(rng: Rng, product: SandboxProduct, index: number): SandboxPurchaseOrderLine {
  const price = new Decimal(product.price);
  if (product.billedUnit === 'UN') {
    return {
      productCode: product.code,
      name: product.label,
      qty: String(rng.int(5, 80)),
      uom: 'Units',
      price: price.toFixed(2),
    };
  }
  const tonnes = bulkTonnes(rng);
  // Bulk feed is stocked in kg but mostly ordered in t; every third bulk line is ordered in kg.
  if (index % 3 === 2) {
    return {
      productCode: product.code,
      name: product.label,
      qty: tonnes.times(1000).toFixed(0),
      uom: 'kg',
      price: price.div(1000).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    };
  }
  return {
    productCode: product.code,
    name: product.label,
    qty: tonnes.toString(),
    uom: 't',
    price: price.toFixed(2),
  };
}

export function generatePurchaseOrders(
  rng: Rng,
  count: number,
  start: string,
  referenceDate: string,
): SandboxPurchaseOrder[] {
  const orders: SandboxPurchaseOrder[] = [];
  let gesica = FIRST_GESICA_NUMBER;
  for (let i = 0; i < count; i++) {
    const kind = PLAN[i % PLAN.length];
    const store = STORES[Math.floor(i / 2) % STORES.length];
    const recent = kind === 'sicalaitDraft' || kind === 'sicalaitSent';
    // Linked POs are dated early enough to be delivered and invoiced inside the window.
    const latest = recent ? referenceDate : maxDate(start, addDays(referenceDate, -3));
    const earliest = recent ? maxDate(start, addDays(referenceDate, -4)) : start;
    const span = Math.max(0, Math.round((Date.parse(latest) - Date.parse(earliest)) / 86_400_000));
    const day = minDate(latest, addDays(earliest, rng.int(0, span)));
    // Every fourth order is placed just after midnight in La Réunion: the previous day in UTC.
    const dateOrder =
      i % 4 === 1 ? reunionToOdooUtc(day, 0, 30) : reunionToOdooUtc(day, rng.int(7, 17), rng.int(0, 59));
    const products = kind.startsWith('interco')
      ? rng.sample(BAGS, rng.int(1, 3))
      : rng.sample(ORDERABLE, rng.int(1, 3));
    const lines = products.map((p, index) => poLine(rng, p, index + i));
    if (i % 5 === 2)
      lines.push({ productCode: null, name: rng.pick(NOTES), qty: '0', uom: 'Units', price: '0.00' });

    const base: SandboxPurchaseOrder = {
      name: `P${String(FIRST_PO_NUMBER + i).padStart(7, '0')}`,
      companyId: store.companyId,
      partnerId: URCOOPA_PARTNER_ID,
      partnerRef: null,
      state: 'purchase',
      invoiceStatus: 'to invoice',
      dateOrder,
      received: false,
      dropship: false,
      lines,
    };
    const received = rng.chance(0.6);
    const byKind: Record<PoKind, Partial<SandboxPurchaseOrder>> = {
      store: { received, invoiceStatus: received ? 'to invoice' : 'no' },
      storeDone: { state: 'done', invoiceStatus: 'invoiced', received: true },
      storeGesica: { partnerRef: `GESICA${gesica}`, received, invoiceStatus: received ? 'to invoice' : 'no' },
      dropship: { companyId: SICALAIT_COMPANY_ID, dropship: true },
      sicalaitDraft: { companyId: SICALAIT_COMPANY_ID, state: 'draft', invoiceStatus: 'no' },
      sicalaitSent: { companyId: SICALAIT_COMPANY_ID, state: 'sent', invoiceStatus: 'no' },
      intercoReceived: { partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID, received: true },
      intercoPending: { partnerId: INTERCOMPANY_SUPPLIER_PARTNER_ID, invoiceStatus: 'no' },
      cancel: { state: 'cancel', invoiceStatus: 'no' },
    };
    if (kind === 'storeGesica') gesica += 17;
    orders.push({ ...base, ...byKind[kind] });
  }
  return orders;
}

/** The order number an Urcoopa invoice line carries for a PO: its Gesica number, else its name. */
export function urcoopaOrderNumber(po: SandboxPurchaseOrder): string {
  return po.partnerRef?.startsWith('GESICA') ? po.partnerRef.slice('GESICA'.length) : po.name;
}

/** POs that Urcoopa has delivered and invoiced: confirmed Urcoopa orders of a store, or drop-shipped ones. */
export function isInvoicedByUrcoopa(po: SandboxPurchaseOrder): boolean {
  return po.partnerId === URCOOPA_PARTNER_ID && (po.state === 'purchase' || po.state === 'done');
}
