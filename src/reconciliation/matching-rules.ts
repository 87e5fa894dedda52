/**
 * The three-way match (order ↔ delivery ↔ invoice) as pure functions: facts in, per-PO chains and
 * discrepancies out. No database, no Odoo: the service gathers the facts and writes the result.
 */
import { dec, Decimal, round2, round4 } from '../common/money';

export type Unit = 'UN' | 'KG' | 'TO';

export const DISCREPANCY_KINDS = [
  'qte_livree',
  'qte_facturee',
  'prix',
  'facture_sans_livraison',
  'livraison_non_facturee',
  'commande_non_livree',
  'commande_inconnue',
  'ligne_inconnue',
  'non_receptionne',
  'receptionne_non_livre',
  'unite_inconnue',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** French labels shown to staff. */
export const KIND_LABELS: Record<DiscrepancyKind, string> = {
  qte_livree: 'Quantité livrée ≠ commandée',
  qte_facturee: 'Quantité facturée ≠ livrée',
  prix: 'Prix facturé ≠ prix de la commande',
  facture_sans_livraison: 'Ligne facturée sans livraison',
  livraison_non_facturee: 'Livraison non facturée',
  commande_non_livree: 'Commande non livrée',
  commande_inconnue: 'Commande inconnue',
  ligne_inconnue: 'Ligne de commande inconnue',
  non_receptionne: 'Livré mais non réceptionné dans Odoo',
  receptionne_non_livre: 'Réceptionné dans Odoo mais non livré',
  unite_inconnue: 'Unité non convertible',
};

/** Kinds that hold a bill when RAPPROCHEMENT_HOLD_BILLS is on (price or quantity). */
export const HOLDING_KINDS: readonly DiscrepancyKind[] = ['prix', 'qte_livree', 'qte_facturee'];

/** The status chips of an order on the page; every kind belongs to one. */
export const ORDER_CHIPS = [
  'conforme',
  'ecart_quantite',
  'ecart_prix',
  'attente_livraison',
  'attente_facture',
  'inconnu',
] as const;
export type OrderChip = (typeof ORDER_CHIPS)[number];

export const CHIP_LABELS: Record<OrderChip, string> = {
  conforme: 'Conforme',
  ecart_quantite: 'Écart quantité',
  ecart_prix: 'Écart prix',
  attente_livraison: 'En attente de livraison',
  attente_facture: 'En attente de facture',
  inconnu: 'Inconnu',
};

export const CHIP_OF_KIND: Record<DiscrepancyKind, OrderChip> = {
  qte_livree: 'ecart_quantite',
  qte_facturee: 'ecart_quantite',
  facture_sans_livraison: 'ecart_quantite',
  ligne_inconnue: 'ecart_quantite',
  non_receptionne: 'ecart_quantite',
  receptionne_non_livre: 'ecart_quantite',
  unite_inconnue: 'ecart_quantite',
  prix: 'ecart_prix',
  commande_non_livree: 'attente_livraison',
  livraison_non_facturee: 'attente_facture',
  commande_inconnue: 'inconnu',
};

export const kindsOfChip = (chip: OrderChip): DiscrepancyKind[] =>
  DISCREPANCY_KINDS.filter((k) => CHIP_OF_KIND[k] === chip);

export interface MatchSettings {
  qtyTolerancePct: Decimal;
  priceTolerancePct: Decimal;
  invoiceDays: number;
  deliveryDays: number;
  /** Today in the business zone, 'YYYY-MM-DD'. */
  today: string;
}

export interface PoFacts {
  id: number;
  name: string;
  partnerRef: string | null;
  companyId: number;
  state: string;
  /** Business day of the order (or of its confirmation), 'YYYY-MM-DD'. */
  orderDay: string | null;
}

export interface PoLineFacts {
  id: number;
  orderId: number;
  productId: number | null;
  name: string;
  isNote: boolean;
  productQty: Decimal;
  uomName: string | null;
  priceUnit: Decimal;
  qtyReceived: Decimal;
  qtyInvoiced: Decimal;
}

export interface DeliveryFacts {
  numeroBl: string;
  ligneBl: number;
  dateBl: string | null;
  codeClient: string | null;
  codeProduit: string | null;
  libelle: string | null;
  qty: Decimal | null;
  numeroCommande: string | null;
  ligneCommande: number | null;
  numeroFacture: string | null;
}

export interface InvoiceFacts {
  numeroFacture: string;
  ligne: number;
  type: string;
  dateFacture: string | null;
  codeClient: string;
  codeProduit: string | null;
  libelle: string | null;
  productId: number | null;
  unit: string | null;
  price: Decimal | null;
  qty: Decimal | null;
  amount: Decimal | null;
  /** Weight of one unit in kg (poid_unit_odoo). */
  weightKg: Decimal | null;
  numeroBl: string | null;
  ligneBl: number | null;
  numeroCommande: string | null;
}

export interface SentOrderFacts {
  numero: string;
  codeClient: string | null;
  sentDay: string | null;
}

export interface MatchInput {
  purchaseOrders: PoFacts[];
  poLines: PoLineFacts[];
  deliveries: DeliveryFacts[];
  invoices: InvoiceFacts[];
  sentOrders: SentOrderFacts[];
}

export interface Discrepancy {
  /** Stable across runs: what was accepted stays accepted while the key is the same. */
  key: string;
  kind: DiscrepancyKind;
  orderNumber: string;
  poName: string | null;
  poLineId: number | null;
  lineNumber: number | null;
  productCode: string | null;
  label: string | null;
  unit: string | null;
  expected: Decimal | null;
  actual: Decimal | null;
  difference: Decimal | null;
  /** Money at stake, in euros (difference valued at the PO price, or the invoice line amount). */
  amount: Decimal | null;
  invoiceNumbers: string[];
  blNumbers: string[];
  message: string;
}

export interface LineChain {
  poLineId: number;
  lineNumber: number;
  productId: number | null;
  label: string;
  unit: string | null;
  priceUnit: Decimal;
  ordered: Decimal;
  delivered: Decimal | null;
  received: Decimal;
  invoiced: Decimal | null;
  billed: Decimal;
  invoicePrice: Decimal | null;
  invoiceNumbers: string[];
  blNumbers: string[];
}

export type OrderState = 'conforme' | 'attente_livraison' | 'attente_facture' | 'inconnu' | 'ecart';

export interface OrderSummary {
  orderNumber: string;
  poName: string | null;
  poId: number | null;
  companyId: number | null;
  codeClient: string | null;
  orderDay: string | null;
  sentDay: string | null;
  waitingDelivery: boolean;
  waitingInvoice: boolean;
  unknown: boolean;
  orderedAmount: Decimal;
  invoicedAmount: Decimal;
  lines: LineChain[];
}

export interface MatchResult {
  orders: OrderSummary[];
  discrepancies: Discrepancy[];
}

const UNIT_BY_UOM: Record<string, Unit> = {
  units: 'UN',
  unit: 'UN',
  'unit(s)': 'UN',
  unités: 'UN',
  unité: 'UN',
  'unité(s)': 'UN',
  un: 'UN',
  kg: 'KG',
  t: 'TO',
  to: 'TO',
  tonne: 'TO',
  tonnes: 'TO',
};

/** Urcoopa's unit for an Odoo unit name or an Urcoopa unit code, or null when it is not one we convert. */
export function unitOf(name: string | null | undefined): Unit | null {
  return name ? (UNIT_BY_UOM[name.trim().toLowerCase()] ?? null) : null;
}

/** kg in one `unit`; for UN it is the product's weight per unit (domain.md §3, poid_unit_odoo). */
function kgPer(unit: Unit, weightKg: Decimal | null): Decimal | null {
  if (unit === 'KG') return dec(1);
  if (unit === 'TO') return dec(1000);
  return weightKg && weightKg.gt(0) ? weightKg : null;
}

/**
 * Converts a quantity from one unit to another with the conversions of domain.md §3 (t = 1000 kg,
 * a unit = its weight in kg). Null when it cannot be done without guessing (no weight for UN).
 */
export function convertQty(qty: Decimal, from: Unit, to: Unit, weightKg: Decimal | null): Decimal | null {
  if (from === to) return qty;
  const a = kgPer(from, weightKg);
  const b = kgPer(to, weightKg);
  return a && b ? qty.times(a).div(b) : null;
}

/** A unit price per `from` as a price per `to` (the inverse ratio of quantities). */
export function convertPrice(price: Decimal, from: Unit, to: Unit, weightKg: Decimal | null): Decimal | null {
  if (from === to) return price;
  const a = kgPer(from, weightKg);
  const b = kgPer(to, weightKg);
  return a && b ? price.times(b).div(a) : null;
}

/** |actual − expected| beyond pct % of expected (any difference when expected is 0). */
export function beyondTolerance(expected: Decimal, actual: Decimal, pct: Decimal): boolean {
  const diff = actual.minus(expected).abs();
  if (expected.isZero()) return !diff.isZero();
  return diff.gt(expected.abs().times(pct).div(100));
}

function addDaysIso(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The order number a PO carries at Urcoopa: its Gesica number, else its name (job 7's rule). */
export function urcoopaNumberOf(po: Pick<PoFacts, 'name' | 'partnerRef'>): string {
  return po.partnerRef?.toUpperCase().startsWith('GESICA') ? po.partnerRef.slice('GESICA'.length) : po.name;
}

const blKey = (bl: string, line: number) => `${bl}/${line}`;
const uniq = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => !!v))].sort();
const fmt = (d: Decimal) => round4(d).toString();

/** The product (non-note) lines of a PO in Odoo order: Numero_Ligne_Commande is their 1-based rank. */
function productLines(lines: PoLineFacts[]): PoLineFacts[] {
  return lines.filter((l) => !l.isNote && l.productId !== null);
}

interface Converted {
  qty: Decimal | null;
  /** Set when the unit could not be converted to the PO line's unit. */
  unknownUnit: string | null;
}

/**
 * Matches every order known from any side (orders sent, deliveries, invoices) with its PO in Odoo,
 * line by line, and lists what differs.
 */
export function reconcile(input: MatchInput, settings: MatchSettings): MatchResult {
  const discrepancies: Discrepancy[] = [];
  const orders: OrderSummary[] = [];
  const posByNumber = new Map<string, PoFacts>();
  for (const po of input.purchaseOrders) {
    posByNumber.set(po.name, po);
    posByNumber.set(urcoopaNumberOf(po), po);
  }
  const linesByPo = new Map<number, PoLineFacts[]>();
  for (const l of input.poLines) linesByPo.set(l.orderId, [...(linesByPo.get(l.orderId) ?? []), l]);

  // Invoice lines of products: service lines (no product or line 900) never go through an order.
  const invoiceLines = input.invoices.filter((i) => i.codeProduit !== null && i.ligne !== 900);
  const invoicedBl = new Set<string>();
  const importedInvoices = new Set(input.invoices.map((i) => i.numeroFacture));
  for (const i of invoiceLines)
    if (i.numeroBl !== null && i.ligneBl !== null) invoicedBl.add(blKey(i.numeroBl, i.ligneBl));
  const deliveryByKey = new Map(input.deliveries.map((d) => [blKey(d.numeroBl, d.ligneBl), d]));
  // Urcoopa bills a product in one unit: the unit of a delivery line is that of its invoice line,
  // else the unit its product is billed in elsewhere, else the unit it was ordered in.
  const invoiceUnitByBl = new Map<string, InvoiceFacts>();
  const unitsByProduct = new Map<string, Set<string>>();
  for (const i of invoiceLines) {
    if (i.numeroBl !== null && i.ligneBl !== null) invoiceUnitByBl.set(blKey(i.numeroBl, i.ligneBl), i);
    if (i.codeProduit && i.unit)
      unitsByProduct.set(i.codeProduit, (unitsByProduct.get(i.codeProduit) ?? new Set()).add(i.unit));
  }
  const weightByProduct = new Map<string, Decimal>();
  for (const i of invoiceLines)
    if (i.codeProduit && i.weightKg) weightByProduct.set(i.codeProduit, i.weightKg);

  const numbers = new Set<string>();
  const sentByNumber = new Map(input.sentOrders.map((s) => [s.numero, s]));
  const deliveriesByNumber = new Map<string, DeliveryFacts[]>();
  const invoicesByNumber = new Map<string, InvoiceFacts[]>();
  for (const s of input.sentOrders) numbers.add(s.numero);
  for (const d of input.deliveries) {
    if (!d.numeroCommande || d.qty === null) continue;
    numbers.add(d.numeroCommande);
    deliveriesByNumber.set(d.numeroCommande, [...(deliveriesByNumber.get(d.numeroCommande) ?? []), d]);
  }
  for (const i of invoiceLines) {
    if (!i.numeroCommande) continue;
    numbers.add(i.numeroCommande);
    invoicesByNumber.set(i.numeroCommande, [...(invoicesByNumber.get(i.numeroCommande) ?? []), i]);
  }
  // One order may be named by its PO name and by its Gesica number: group by PO.
  const groups = new Map<string, { po: PoFacts | null; numbers: string[] }>();
  for (const n of [...numbers].sort()) {
    const po = posByNumber.get(n) ?? null;
    const id = po ? `po:${po.id}` : `n:${n}`;
    const g = groups.get(id) ?? { po, numbers: [] };
    g.numbers.push(n);
    groups.set(id, g);
  }

  for (const { po, numbers: names } of groups.values()) {
    const orderNumber = po ? urcoopaNumberOf(po) : names[0];
    const deliveries = names.flatMap((n) => deliveriesByNumber.get(n) ?? []);
    const invoices = names.flatMap((n) => invoicesByNumber.get(n) ?? []);
    const sent = names.map((n) => sentByNumber.get(n)).find((s) => s !== undefined) ?? null;
    const codeClient = sent?.codeClient ?? invoices[0]?.codeClient ?? deliveries[0]?.codeClient ?? null;
    const summary: OrderSummary = {
      orderNumber,
      poName: po?.name ?? null,
      poId: po?.id ?? null,
      companyId: po?.companyId ?? null,
      codeClient,
      // An order Odoo does not know is dated by what Urcoopa says of it (first delivery or invoice).
      orderDay:
        po?.orderDay ??
        [...deliveries.map((d) => d.dateBl), ...invoices.map((i) => i.dateFacture)]
          .filter((d): d is string => d !== null)
          .sort()[0] ??
        null,
      sentDay: sent?.sentDay ?? null,
      waitingDelivery: false,
      waitingInvoice: false,
      unknown: po === null,
      orderedAmount: dec(0),
      invoicedAmount: invoices.reduce(
        (s, i) => (i.amount ? (i.type === 'A' ? s.minus(i.amount) : s.plus(i.amount)) : s),
        dec(0),
      ),
      lines: [],
    };
    orders.push(summary);
    const push = (d: Omit<Discrepancy, 'orderNumber' | 'poName'>) =>
      discrepancies.push({ ...d, orderNumber, poName: po?.name ?? null });

    if (!po) {
      const amount = invoices.reduce((s, i) => s.plus(i.amount ?? 0), dec(0));
      push({
        key: `commande_inconnue|${orderNumber}`,
        kind: 'commande_inconnue',
        poLineId: null,
        lineNumber: null,
        productCode: null,
        label: null,
        unit: null,
        expected: null,
        actual: null,
        difference: null,
        amount: invoices.length > 0 ? round2(amount) : null,
        invoiceNumbers: uniq(invoices.map((i) => i.numeroFacture)),
        blNumbers: uniq(deliveries.map((d) => d.numeroBl)),
        message: `La commande ${orderNumber} ${sent ? 'envoyée à Urcoopa' : 'citée par Urcoopa'} n'existe pas dans Odoo.`,
      });
      continue;
    }

    const lines = productLines(linesByPo.get(po.id) ?? []);
    const byNumber = new Map(lines.map((l, index) => [index + 1, l]));
    const deliveriesOf = new Map<number, DeliveryFacts[]>();
    const invoicesOf = new Map<number, InvoiceFacts[]>();
    for (const d of deliveries) {
      const line = d.ligneCommande !== null ? byNumber.get(d.ligneCommande) : undefined;
      if (!line) {
        push({
          key: `ligne_inconnue|${orderNumber}|BL${blKey(d.numeroBl, d.ligneBl)}`,
          kind: 'ligne_inconnue',
          poLineId: null,
          lineNumber: d.ligneCommande,
          productCode: d.codeProduit,
          label: d.libelle,
          unit: null,
          expected: null,
          actual: d.qty,
          difference: null,
          amount: null,
          invoiceNumbers: uniq([d.numeroFacture]),
          blNumbers: [d.numeroBl],
          message: `Le BL ${d.numeroBl} ligne ${d.ligneBl} cite la ligne ${d.ligneCommande ?? '?'} de ${po.name}, qui n'existe pas.`,
        });
        continue;
      }
      deliveriesOf.set(line.id, [...(deliveriesOf.get(line.id) ?? []), d]);
    }
    for (const i of invoices) {
      const viaBl =
        i.numeroBl !== null && i.ligneBl !== null ? deliveryByKey.get(blKey(i.numeroBl, i.ligneBl)) : null;
      let line =
        viaBl && viaBl.ligneCommande !== null && names.includes(viaBl.numeroCommande ?? '')
          ? byNumber.get(viaBl.ligneCommande)
          : undefined;
      line ??= i.productId !== null ? lines.find((l) => l.productId === i.productId) : undefined;
      if (!line) {
        push({
          key: `ligne_inconnue|${orderNumber}|F${i.numeroFacture}/${i.ligne}`,
          kind: 'ligne_inconnue',
          poLineId: null,
          lineNumber: null,
          productCode: i.codeProduit,
          label: i.libelle,
          unit: i.unit,
          expected: null,
          actual: i.qty,
          difference: null,
          amount: i.amount,
          invoiceNumbers: [i.numeroFacture],
          blNumbers: uniq([i.numeroBl]),
          message: `La facture ${i.numeroFacture} ligne ${i.ligne} (${i.codeProduit ?? '?'}) ne correspond à aucune ligne de ${po.name}.`,
        });
        continue;
      }
      invoicesOf.set(line.id, [...(invoicesOf.get(line.id) ?? []), i]);
    }

    lines.forEach((line, index) => {
      const lineNumber = index + 1;
      const poUnit = unitOf(line.uomName);
      const lineDeliveries = deliveriesOf.get(line.id) ?? [];
      const lineInvoices = invoicesOf.get(line.id) ?? [];
      const code = lineInvoices[0]?.codeProduit ?? lineDeliveries[0]?.codeProduit ?? null;
      const base = {
        poLineId: line.id,
        lineNumber,
        productCode: code,
        label: line.name,
        unit: line.uomName,
      };
      summary.orderedAmount = summary.orderedAmount.plus(line.productQty.times(line.priceUnit));
      const unknownUnits = new Set<string>();
      const toPoUnit = (qty: Decimal, unit: string | null, weight: Decimal | null): Converted => {
        const from = unitOf(unit);
        if (!poUnit || !from) return { qty: null, unknownUnit: unit ?? '?' };
        const q = convertQty(qty, from, poUnit, weight);
        return q ? { qty: q, unknownUnit: null } : { qty: null, unknownUnit: `${unit} sans poids` };
      };

      let delivered: Decimal | null = lineDeliveries.length > 0 ? dec(0) : null;
      for (const d of lineDeliveries) {
        const inv = invoiceUnitByBl.get(blKey(d.numeroBl, d.ligneBl));
        const productUnits = d.codeProduit ? unitsByProduct.get(d.codeProduit) : undefined;
        const unit =
          inv?.unit ?? (productUnits?.size === 1 ? [...productUnits][0] : null) ?? poUnit ?? line.uomName;
        const weight = inv?.weightKg ?? (d.codeProduit ? (weightByProduct.get(d.codeProduit) ?? null) : null);
        const c = toPoUnit(d.qty!, unit, weight);
        if (c.unknownUnit) unknownUnits.add(c.unknownUnit);
        delivered = delivered && c.qty ? delivered.plus(c.qty) : null;
      }
      let invoiced: Decimal | null = lineInvoices.length > 0 ? dec(0) : null;
      let invoicePrice: Decimal | null = null;
      for (const i of lineInvoices) {
        if (i.qty === null) continue;
        const c = toPoUnit(i.qty, i.unit, i.weightKg);
        if (c.unknownUnit) unknownUnits.add(c.unknownUnit);
        invoiced = invoiced && c.qty ? (i.type === 'A' ? invoiced.minus(c.qty) : invoiced.plus(c.qty)) : null;
        const from = unitOf(i.unit);
        if (i.type === 'A' || i.price === null || !from || !poUnit) continue;
        const converted = convertPrice(i.price, from, poUnit, i.weightKg);
        if (!converted) continue;
        // Odoo keeps PO unit prices to 2 decimals by default: a €/t price seen per kg is compared at
        // the precision the PO price was kept with, else a rounding would look like a price drift.
        const places = Math.max(2, line.priceUnit.decimalPlaces());
        const price = from === poUnit ? converted : converted.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
        invoicePrice = price;
        if (beyondTolerance(line.priceUnit, price, settings.priceTolerancePct)) {
          const diff = price.minus(line.priceUnit);
          push({
            ...base,
            key: `prix|${line.id}|F${i.numeroFacture}/${i.ligne}`,
            kind: 'prix',
            expected: line.priceUnit,
            actual: round4(price),
            difference: round4(diff),
            amount: round2(diff.times(c.qty ?? 0)),
            invoiceNumbers: [i.numeroFacture],
            blNumbers: uniq([i.numeroBl]),
            message: `Facture ${i.numeroFacture} ligne ${i.ligne} : ${fmt(price)} €/${line.uomName} au lieu de ${fmt(line.priceUnit)} € sur ${po.name}.`,
          });
        }
      }
      const invoiceNumbers = uniq(lineInvoices.map((i) => i.numeroFacture));
      const blNumbers = uniq(lineDeliveries.map((d) => d.numeroBl));
      summary.lines.push({
        poLineId: line.id,
        lineNumber,
        productId: line.productId,
        label: line.name,
        unit: line.uomName,
        priceUnit: line.priceUnit,
        ordered: line.productQty,
        delivered,
        received: line.qtyReceived,
        invoiced,
        billed: line.qtyInvoiced,
        invoicePrice,
        invoiceNumbers,
        blNumbers,
      });
      if (unknownUnits.size > 0) {
        push({
          ...base,
          key: `unite_inconnue|${line.id}`,
          kind: 'unite_inconnue',
          expected: null,
          actual: null,
          difference: null,
          amount: null,
          invoiceNumbers,
          blNumbers,
          message: `${po.name} ligne ${lineNumber} : unité ${[...unknownUnits].join(', ')} non convertible en ${line.uomName ?? '?'} (poids du produit inconnu ou unité non prise).`,
        });
      }
      const valued = (diff: Decimal) => round2(diff.times(line.priceUnit));
      const qtyDiscrepancy = (
        kind: DiscrepancyKind,
        expected: Decimal,
        actual: Decimal,
        message: string,
        key = `${kind}|${line.id}`,
      ) =>
        push({
          ...base,
          key,
          kind,
          expected: round4(expected),
          actual: round4(actual),
          difference: round4(actual.minus(expected)),
          amount: valued(actual.minus(expected)),
          invoiceNumbers,
          blNumbers,
          message,
        });
      const tol = settings.qtyTolerancePct;
      const unit = line.uomName ?? '';

      if (lineDeliveries.length === 0) {
        const since = summary.sentDay ?? summary.orderDay;
        const late = since !== null && addDaysIso(since, settings.deliveryDays) < settings.today;
        if (late && summary.sentDay !== null && line.productQty.gt(0))
          qtyDiscrepancy(
            'commande_non_livree',
            line.productQty,
            dec(0),
            `${po.name} ligne ${lineNumber} envoyée le ${since} : aucune livraison après ${settings.deliveryDays} jours.`,
          );
        else if (line.productQty.gt(0)) summary.waitingDelivery = true;
      } else if (delivered) {
        if (beyondTolerance(line.productQty, delivered, tol))
          qtyDiscrepancy(
            'qte_livree',
            line.productQty,
            delivered,
            `${po.name} ligne ${lineNumber} : ${fmt(delivered)} ${unit} livrés pour ${fmt(line.productQty)} commandés.`,
          );
        if (beyondTolerance(delivered, line.qtyReceived, tol))
          qtyDiscrepancy(
            delivered.gt(line.qtyReceived) ? 'non_receptionne' : 'receptionne_non_livre',
            delivered,
            line.qtyReceived,
            delivered.gt(line.qtyReceived)
              ? `${po.name} ligne ${lineNumber} : ${fmt(delivered)} ${unit} livrés, ${fmt(line.qtyReceived)} réceptionnés dans Odoo (réception à valider).`
              : `${po.name} ligne ${lineNumber} : ${fmt(line.qtyReceived)} ${unit} réceptionnés dans Odoo pour ${fmt(delivered)} livrés.`,
          );
        if (invoiced && lineInvoices.length > 0 && beyondTolerance(delivered, invoiced, tol))
          qtyDiscrepancy(
            'qte_facturee',
            delivered,
            invoiced,
            `${po.name} ligne ${lineNumber} : ${fmt(invoiced)} ${unit} facturés pour ${fmt(delivered)} livrés.`,
          );
      }
      if (lineDeliveries.length === 0 && line.qtyReceived.gt(0))
        qtyDiscrepancy(
          'receptionne_non_livre',
          dec(0),
          line.qtyReceived,
          `${po.name} ligne ${lineNumber} : ${fmt(line.qtyReceived)} ${unit} réceptionnés dans Odoo sans aucune livraison Urcoopa.`,
        );

      for (const d of lineDeliveries) {
        const key = blKey(d.numeroBl, d.ligneBl);
        if (invoicedBl.has(key) || (d.numeroFacture !== null && importedInvoices.has(d.numeroFacture)))
          continue;
        const late = d.dateBl !== null && addDaysIso(d.dateBl, settings.invoiceDays) < settings.today;
        if (!late) {
          summary.waitingInvoice = true;
          continue;
        }
        push({
          ...base,
          key: `livraison_non_facturee|BL${key}`,
          kind: 'livraison_non_facturee',
          expected: d.qty,
          actual: dec(0),
          difference: d.qty ? d.qty.negated() : null,
          amount: null,
          invoiceNumbers: [],
          blNumbers: [d.numeroBl],
          message: `BL ${d.numeroBl} ligne ${d.ligneBl} du ${d.dateBl} : non facturé après ${settings.invoiceDays} jours.`,
        });
      }
      for (const i of lineInvoices) {
        if (i.type === 'A') continue;
        const linked =
          i.numeroBl !== null && i.ligneBl !== null && deliveryByKey.has(blKey(i.numeroBl, i.ligneBl));
        if (linked) continue;
        push({
          ...base,
          key: `facture_sans_livraison|F${i.numeroFacture}/${i.ligne}`,
          kind: 'facture_sans_livraison',
          expected: dec(0),
          actual: i.qty,
          difference: i.qty,
          amount: i.amount,
          invoiceNumbers: [i.numeroFacture],
          blNumbers: uniq([i.numeroBl]),
          message: i.numeroBl
            ? `Facture ${i.numeroFacture} ligne ${i.ligne} : le BL ${i.numeroBl} ligne ${i.ligneBl ?? '?'} n'a pas été reçu d'Urcoopa.`
            : `Facture ${i.numeroFacture} ligne ${i.ligne} : aucun BL.`,
        });
      }
    });
  }
  orders.sort((a, b) => (a.orderNumber < b.orderNumber ? -1 : a.orderNumber > b.orderNumber ? 1 : 0));
  return { orders, discrepancies };
}
