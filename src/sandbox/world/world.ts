/**
 * The deterministic world both sandboxes serve: Urcoopa's invoices and delivery notes, and the
 * purchase orders seeded in Odoo that the invoices reference. Same options → same world (byte for
 * byte): a seeded PRNG, no clock read except the default reference date.
 */
import { Decimal } from 'decimal.js';
import { VAT_RATE } from './catalogue';
import { endOfNextMonth, reunionToday, windowStart } from './dates';
import { invoiceForPurchaseOrder, randomInvoice, type DraftInvoice, type DraftLine } from './drafts';
import { skewDeliveries, skewDrafts } from './discrepancies';
import { Rng } from './prng';
import { generatePurchaseOrders, isInvoicedByUrcoopa } from './purchase-orders';
import type {
  UrcoopaDelivery,
  UrcoopaDeliveryLine,
  UrcoopaInvoice,
  UrcoopaInvoiceLine,
  World,
  WorldOptions,
} from './world.types';

export { filterWindow, inWindow, reunionToday, windowStart } from './dates';

const DEPOTS = ['LE PORT', 'SAINT-PIERRE', 'SAINT-BENOIT'];
const CARRIERS = ['TRANSPORTS HOARAU', 'SOTRANS REUNION', 'URCOOPA LOGISTIQUE'];
const FIRST_BL_NUMBER = 7_804_000;

export function resolveWorldOptions(options: WorldOptions = {}): Required<WorldOptions> {
  return {
    seed: options.seed ?? 42,
    invoices: options.invoices ?? 60,
    linesPerInvoice: options.linesPerInvoice ?? 4,
    days: Math.max(1, options.days ?? 30),
    referenceDate: options.referenceDate ?? reunionToday(),
    purchaseOrders: options.purchaseOrders ?? 25,
    discrepancies: options.discrepancies ?? false,
  };
}

export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Money as Urcoopa sends it: a JSON number, exact to the cent. */
function money(value: Decimal): number {
  return Number(value.toFixed(2));
}

export function generateWorld(options: WorldOptions = {}): World {
  const opts = resolveWorldOptions(options);
  const rng = new Rng(opts.seed);
  const window = { start: windowStart(opts.days, opts.referenceDate), end: opts.referenceDate };
  const purchaseOrders = generatePurchaseOrders(rng, opts.purchaseOrders, window.start, window.end);

  const drafts: DraftInvoice[] = [];
  for (const po of purchaseOrders.filter(isInvoicedByUrcoopa)) {
    if (drafts.length >= opts.invoices) break;
    drafts.push(invoiceForPurchaseOrder(rng, po, window));
  }
  for (let i = 0; drafts.length < opts.invoices; i++) {
    drafts.push(randomInvoice(rng, i, opts.linesPerInvoice, window));
  }
  const missingBl = opts.discrepancies ? skewDrafts(drafts) : new Set<DraftInvoice>();
  // Stable sort: numbers grow with dates, as Urcoopa's do.
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const invoices: UrcoopaInvoice[] = [];
  let deliveries: UrcoopaDelivery[] = [];
  const missingInvoiceNumbers = new Set<string>();
  const year = Number(opts.referenceDate.slice(2, 4));
  let invoiceNumber = year * 10_000_000 + 1_004_000;
  let blNumber = FIRST_BL_NUMBER;
  for (const draft of drafts) {
    invoiceNumber += rng.int(1, 5);
    const numero = String(invoiceNumber);
    if (missingBl.has(draft)) missingInvoiceNumbers.add(numero);
    const { lines, notes } = buildLines(rng, draft, numero, () => (blNumber += rng.int(1, 3)));
    const ht = lines.reduce((sum, l) => sum.plus(l.Montant_HT_Ligne), new Decimal(0));
    const vat = round2(ht.times(VAT_RATE).div(100));
    invoices.push({
      Numero_Facture: numero,
      Type_Facture: draft.type,
      Date_Facture: draft.date,
      Date_Echeance: endOfNextMonth(draft.date),
      Societe_Facture: draft.societe,
      Code_Client: draft.client.code,
      Nom_Client: draft.client.name,
      Type_Client: draft.client.typeClient,
      // Credit notes ('A') carry positive amounts like invoices: the type, not the sign, says it is
      // a refund (domain.md §2 and §7 sum per Type_Facture; the sign is ours to apply).
      Montant_HT: money(ht),
      Montant_TTC: money(ht.plus(vat)),
      Detail: lines,
    });
    deliveries.push(...notes);
  }
  const byDate = (a: UrcoopaDelivery, b: UrcoopaDelivery) =>
    a.Date_BL < b.Date_BL ? -1 : a.Date_BL > b.Date_BL ? 1 : 0;
  deliveries.sort(byDate);
  deliveries.forEach((bl, index) => {
    // A few delivery notes come without their detail, as Urcoopa sometimes sends them.
    if (index % 20 === 9) bl.Detail = null;
  });
  if (opts.discrepancies) {
    deliveries = skewDeliveries(invoices, deliveries, missingInvoiceNumbers, window);
    deliveries.sort(byDate);
  }
  return { options: opts, invoices, deliveries, purchaseOrders };
}

function invoiceLine(draft: DraftLine, numero: number, vatRate: number): UrcoopaInvoiceLine {
  return {
    Numero_Ligne_Facture: numero,
    Code_Produit: draft.product.code,
    Libelle_Produit: draft.product.label,
    Prix_Unitaire: money(draft.price),
    Quantite_Facturee: draft.qty.toNumber(),
    Unite_Facturee: draft.product.billedUnit,
    Numero_Silo: draft.silo,
    Montant_HT_Ligne: money(round2(draft.price.times(draft.qty))),
    Taux_TVA: vatRate,
    Depot_BL: null,
    Numero_BL: null,
    Numero_Ligne_BL: null,
    Numero_Commande_Client: draft.orderRef,
    Date_Commande_Client: draft.orderDate,
    Commentaires: draft.comment,
    Date_Livraison: draft.deliveryDate,
  };
}

/** The invoice's lines and its delivery notes: one note per group of lines delivered together. */
function buildLines(
  rng: Rng,
  draft: DraftInvoice,
  numeroFacture: string,
  nextBl: () => number,
): { lines: UrcoopaInvoiceLine[]; notes: UrcoopaDelivery[] } {
  const vatRate = Number(VAT_RATE);
  const lines = draft.lines.map((l, i) => invoiceLine(l, i + 1, vatRate));
  if (draft.service) {
    const service = draft.service;
    lines.push(
      invoiceLine({ ...SERVICE_LINE, product: service, price: new Decimal(service.price) }, 900, vatRate),
    );
  }

  const groups = new Map<string, number[]>();
  draft.lines.forEach((l, i) => {
    if (!l.delivered) return;
    const key = `${l.deliveryDate}|${l.product.billedUnit}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const notes: UrcoopaDelivery[] = [];
  for (const indexes of groups.values()) {
    const numeroBl = String(nextBl());
    const depot = rng.pick(DEPOTS);
    const carrier = rng.pick(CARRIERS);
    const detail: UrcoopaDeliveryLine[] = indexes.map((lineIndex, n) => {
      const line = lines[lineIndex];
      const source = draft.lines[lineIndex];
      Object.assign(line, { Depot_BL: depot, Numero_BL: numeroBl, Numero_Ligne_BL: n + 1 });
      const bulk = line.Unite_Facturee === 'TO';
      return {
        Numero_Ligne_BL: n + 1,
        Code_Produit: line.Code_Produit,
        Libelle_Produit: line.Libelle_Produit,
        Quantite_Livree: line.Quantite_Facturee,
        Silo: line.Numero_Silo,
        Transporteur: bulk ? carrier : null,
        Depot_Commande: depot,
        Numero_Commande: line.Numero_Commande_Client,
        Numero_Ligne_Commande: source.orderLine,
        Numero_Facture: numeroFacture,
        Numero_Bande: bulk ? `B${numeroBl.slice(-5)}${n + 1}` : null,
      };
    });
    const a = draft.client.address;
    notes.push({
      Numero_BL: numeroBl,
      Code_Client: draft.client.code,
      Nom_Client: draft.client.name,
      Date_BL: draft.lines[indexes[0]].deliveryDate as string,
      Code_Adresse: a.code,
      Libelle_Adresse: a.label,
      Rue: a.street,
      Lieu: a.place,
      Code_Postal: a.postalCode,
      Ville: a.town,
      Detail: detail,
    });
  }
  return { lines, notes };
}

/** Line 900: a service billed once, outside any delivery note or order. */
const SERVICE_LINE: Omit<DraftLine, 'product' | 'price'> = {
  qty: new Decimal(1),
  delivered: false,
  deliveryDate: null,
  orderRef: null,
  orderDate: null,
  orderLine: null,
  silo: null,
  comment: null,
};
