/**
 * Draft invoices: who is billed, when, for what. world.ts turns them into Urcoopa records
 * (numbers, amounts, delivery notes). Decimal quantities and prices, never floats.
 */
import { Decimal } from 'decimal.js';
import { MEMBERS, PRODUCTS, SERVICES, STORES, UNKNOWN_STORE, type SandboxProduct } from './catalogue';
import { addDays, maxDate, minDate, odooUtcToReunionDate } from './dates';
import { bulkTonnes, ORDERABLE, urcoopaOrderNumber } from './purchase-orders';
import type { Rng } from './prng';
import type { SandboxPurchaseOrder } from './world.types';

export interface Address {
  code: string | null;
  label: string | null;
  street: string | null;
  place: string | null;
  postalCode: string | null;
  town: string | null;
}

export interface Client {
  code: string;
  name: string;
  typeClient: string;
  address: Address;
}

export interface DraftLine {
  product: SandboxProduct;
  qty: Decimal;
  price: Decimal;
  /** Goes through a delivery note (false for INTR and credit-note lines). */
  delivered: boolean;
  deliveryDate: string | null;
  orderRef: string | null;
  orderDate: string | null;
  orderLine: number | null;
  silo: string | null;
  comment: string | null;
}

export interface DraftInvoice {
  type: 'F' | 'A';
  date: string;
  client: Client;
  societe: string;
  lines: DraftLine[];
  /** The line-900 service, if any. */
  service: SandboxProduct | null;
}

export interface Window {
  start: string;
  end: string;
}

const TOWNS: [string, string][] = [
  ['97418', 'LA PLAINE DES CAFRES'],
  ['97430', 'LE TAMPON'],
  ['97410', 'SAINT-PIERRE'],
  ['97420', 'LE PORT'],
  ['97470', 'SAINT-BENOIT'],
  ['97480', 'SAINT-JOSEPH'],
  ['97460', 'SAINT-PAUL'],
  ['97412', 'BRAS-PANON'],
];
const STREETS = [
  'CHEMIN DES TAMARINS',
  'ROUTE DU VOLCAN',
  'RUE DU GENERAL DE GAULLE',
  'CHEMIN PRINCIPAL',
  'RN3',
];
const PLACES = ['BOIS COURT', 'BOURG MUROL', null, null];
const STORE_TOWNS: Record<string, number> = {
  '5010': 3,
  '5024': 2,
  '5031': 0,
  '5047': 4,
  '5052': 7,
  '5099': 1,
};

const ADHERENTS = MEMBERS.filter((m) => m.adherent && m.odooName !== null);
/** Members that do not match in Odoo: unknown, or known but not in the ADHERENT category. */
const ODD_MEMBERS = MEMBERS.filter((m) => !(m.adherent && m.odooName !== null));
const UNKNOWN_PRODUCTS = PRODUCTS.filter((p) => !p.knownInOdoo);
const INTR = PRODUCTS.find((p) => p.code === 'INTR') as SandboxProduct;
const BULK = ORDERABLE.filter((p) => p.billedUnit === 'TO');
const BAGS = ORDERABLE.filter((p) => p.billedUnit === 'UN');

function address(code: string | null, label: string, seedIndex: number): Address {
  const [postalCode, town] = TOWNS[seedIndex % TOWNS.length];
  return {
    code,
    label,
    street: `${(seedIndex % 90) + 1} ${STREETS[seedIndex % STREETS.length]}`,
    place: PLACES[seedIndex % PLACES.length],
    postalCode,
    town,
  };
}

function memberClient(member: (typeof MEMBERS)[number]): Client {
  const n = Number(member.code);
  return {
    code: member.code,
    name: member.urcoopaName,
    typeClient: 'ADHERENT',
    address: address('01', 'EXPLOITATION', n),
  };
}

function storeClient(store: { codeUrcoopa: string; lib: string; typeClient: string; code?: string }): Client {
  return {
    code: store.codeUrcoopa,
    name: store.lib,
    typeClient: store.typeClient,
    address: address(store.code ?? null, store.lib, STORE_TOWNS[store.codeUrcoopa] ?? 0),
  };
}

function between(rng: Rng, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, rng.int(0, span));
}

function productLine(rng: Rng, product: SandboxProduct, qty?: Decimal): DraftLine {
  const bulk = product.billedUnit === 'TO';
  const silo = bulk && rng.chance(0.7) ? `S${rng.int(1, 4)}` : null;
  return {
    product,
    qty: qty ?? (bulk ? bulkTonnes(rng) : new Decimal(rng.int(1, 80))),
    price: new Decimal(product.price),
    delivered: true,
    deliveryDate: null,
    orderRef: null,
    orderDate: null,
    orderLine: null,
    silo,
    comment: silo && rng.chance(0.5) ? `Livraison silo ${silo.slice(1)}` : '',
  };
}

/** Delivery on or before the invoice date, never before the window; bulk and bags may come on different days. */
function scheduleDeliveries(rng: Rng, draft: DraftInvoice, earliest: string): void {
  const bags = maxDate(earliest, addDays(draft.date, -rng.int(0, 3)));
  const bulk = rng.chance(0.3) ? maxDate(earliest, addDays(bags, -1)) : bags;
  for (const line of draft.lines) {
    if (line.delivered) line.deliveryDate = line.product.billedUnit === 'TO' ? bulk : bags;
  }
}

function societe(client: Client, lines: DraftLine[]): string {
  // Members are billed by the bulk company; stores by it only when the invoice holds bulk feed.
  if (client.typeClient === 'ADHERENT') return 'VRAC';
  return lines.some((l) => l.product.billedUnit === 'TO') ? 'VRAC' : 'UR';
}

/** The invoice of a PO Urcoopa has delivered: the PO's product lines in full, in Urcoopa's billed unit. */
export function invoiceForPurchaseOrder(rng: Rng, po: SandboxPurchaseOrder, window: Window): DraftInvoice {
  const store = STORES.find((s) => s.companyId === po.companyId);
  const client = store ? storeClient(store) : memberClient(rng.pick(ADHERENTS));
  const orderDate = odooUtcToReunionDate(po.dateOrder);
  const lines: DraftLine[] = [];
  po.lines.forEach((poLine, index) => {
    const product = PRODUCTS.find((p) => p.code === poLine.productCode);
    if (!product) return;
    const qty = poLine.uom === 'kg' ? new Decimal(poLine.qty).div(1000) : new Decimal(poLine.qty);
    lines.push({
      ...productLine(rng, product, qty),
      orderRef: urcoopaOrderNumber(po),
      orderDate,
      orderLine: index + 1,
    });
  });
  const delivered = minDate(window.end, addDays(maxDate(orderDate, window.start), rng.int(1, 4)));
  const draft: DraftInvoice = {
    type: 'F',
    date: minDate(window.end, addDays(delivered, rng.int(0, 3))),
    client,
    societe: societe(client, lines),
    lines,
    service: rng.chance(0.7) ? rng.pick(SERVICES) : null,
  };
  scheduleDeliveries(rng, draft, maxDate(window.start, delivered));
  return draft;
}

/** The i-th invoice not tied to a PO. Fixed slots make every odd case appear even in a small world. */
export function randomInvoice(rng: Rng, i: number, linesPerInvoice: number, window: Window): DraftInvoice {
  const creditNote = i % 13 === 5;
  let client: Client;
  if (i % 25 === 17) client = storeClient(UNKNOWN_STORE);
  else if (i % 20 === 3) client = memberClient(ODD_MEMBERS[Math.floor(i / 20) % ODD_MEMBERS.length]);
  else if (rng.chance(0.55)) client = memberClient(rng.pick(ADHERENTS));
  else client = storeClient(rng.pick(STORES));
  const member = client.typeClient === 'ADHERENT';

  const count = creditNote ? rng.int(1, 2) : rng.int(Math.max(1, linesPerInvoice - 2), linesPerInvoice + 1);
  const bulkShare = member ? 0.6 : 0.3;
  let bulkCount = 0;
  for (let n = 0; n < count; n++) if (rng.chance(bulkShare)) bulkCount++;
  const products = [...rng.sample(BAGS, count - bulkCount), ...rng.sample(BULK, bulkCount)];
  const lines = products.map((p) => productLine(rng, p));
  if (i % 20 === 11)
    lines[0] = productLine(rng, UNKNOWN_PRODUCTS[Math.floor(i / 20) % UNKNOWN_PRODUCTS.length]);

  const date = between(rng, window.start, window.end);
  if (!member && !creditNote && rng.chance(0.3)) {
    // A Gesica order that was never imported into Odoo: no PO carries this number.
    const ref = String(rng.int(707000, 709999));
    const orderDate = addDays(date, -rng.int(3, 8));
    for (const line of lines) Object.assign(line, { orderRef: ref, orderDate });
  }
  if (creditNote) {
    for (const line of lines)
      Object.assign(line, { delivered: false, silo: null, comment: 'RETOUR MARCHANDISE' });
  }
  if (!creditNote && (i % 15 === 8 || rng.chance(0.03))) {
    const amount = new Decimal(rng.int(150, 6000)).div(100);
    lines.push({
      ...productLine(rng, INTR, new Decimal(1)),
      price: amount,
      delivered: false,
      comment: 'RETARD DE PAIEMENT',
    });
  }
  const draft: DraftInvoice = {
    type: creditNote ? 'A' : 'F',
    date,
    client,
    societe: societe(client, lines),
    lines,
    service: !creditNote && rng.chance(0.7) ? rng.pick(SERVICES) : null,
  };
  scheduleDeliveries(rng, draft, window.start);
  return draft;
}
