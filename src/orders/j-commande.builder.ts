/**
 * The jCommande of Push_Commandes (domain.md §2 "Order", §5 job 7), built from data already read
 * from Odoo and sic_depot. Pure: no I/O, no clock; the service resolves everything beforehand.
 */
import { DateTime } from 'luxon';
import { Decimal, dec } from '../common/money';
import { DEFAULT_BUSINESS_ZONE } from '../common/reunion-time';
import { OrdersError, OrdersErrorCode } from './orders.error';

export type UrcoopaUnit = 'UN' | 'KG' | 'TO';

export interface JCommandeLine {
  Numero_ligne: number;
  Code_Produit: string;
  Libelle_Produit: string;
  Quantite_Commandee: number;
  Unite_Commande: UrcoopaUnit;
}

export interface JCommandeOrder {
  Societe: 'UR';
  Code_Client: string;
  Numero_Commande: string;
  Nom_Client: string;
  Code_Adresse_Livraison: string;
  Commentaire: string;
  Date_Livraison_Souhaitee: string;
  Num_Telephone: string;
  Email: string;
  Ligne_Commande: JCommandeLine[];
}

export interface OrderLineInput {
  /** Odoo display_type: 'line_note' and 'line_section' carry text only. */
  displayType: string | false | null;
  name: string;
  productId: number | null;
  /** The URCOOPA supplier code of the product (product.supplierinfo of the URCOOPA partner). */
  productCode: string | null;
  /** The product's own name (the line name is used when absent). */
  productLabel?: string | null;
  /** product_qty in the line's unit. */
  qty: Decimal | number | string;
  /** Name of the line's product_uom ('Units', 'kg', 't'). */
  uomName: string | null;
}

export interface DepotInput {
  codeUrcoopa: string;
  code: string | null;
  lib: string | null;
}

export interface OrderInput {
  poName: string;
  partnerRef: string | null;
  /** Odoo UTC datetime strings. */
  dateOrder: string;
  datePlanned: string | null;
  companyId: number;
  companyName: string;
  companyEmail: string | null;
  companyPhone: string | null;
  /** The sic_depot rows of the PO's company (exactly one is expected). */
  depots: DepotInput[];
  lines: OrderLineInput[];
}

export interface BuiltOrder {
  orderNumber: string;
  order: JCommandeOrder;
  /** `{"commande":[order]}` as compact JSON (UTF-8, not ASCII-escaped). */
  jCommande: string;
}

/**
 * A Gesica reference: `GESICA706731`, and the variant some stores typed by hand,
 * `GESSICA_706731_20251010` (double S, underscores, the order date appended). Both mean 706731.
 */
const GESICA_REF = /^\s*GES{1,2}ICA[\s_-]*(\d+)(?:[\s_-]+\d{8})?\s*$/i;

/**
 * The order number Urcoopa receives and later quotes as Numero_Commande_Client: the Gesica number
 * of a PO that came from Gesica, else the PO name. Another vendor reference is not an order number
 * Urcoopa could quote back (domain.md §2), so the PO name is used then.
 */
export function orderNumberOf(poName: string, partnerRef: string | null | false): string {
  const match = partnerRef ? GESICA_REF.exec(partnerRef) : null;
  return match ? match[1] : poName;
}

const UNIT_BY_UOM: Record<string, UrcoopaUnit> = {
  units: 'UN',
  unit: 'UN',
  'unit(s)': 'UN',
  unités: 'UN',
  unité: 'UN',
  'unité(s)': 'UN',
  kg: 'KG',
  t: 'TO',
  tonne: 'TO',
  tonnes: 'TO',
};

/** Urcoopa's unit for an Odoo unit of measure name (English or French), or null. */
export function urcoopaUnitOf(uomName: string | null): UrcoopaUnit | null {
  return uomName ? (UNIT_BY_UOM[uomName.trim().toLowerCase()] ?? null) : null;
}

function reject(code: OrdersErrorCode, input: OrderInput, message: string, extra = {}): OrdersError {
  return new OrdersError(code, `Commande ${input.poName} : ${message}`, { po: input.poName, ...extra });
}

/** `YYYYMMDD` of the business day of an Odoo UTC datetime. */
function businessDay(utc: string, zone: string): string {
  const day = DateTime.fromFormat(utc.slice(0, 19), 'yyyy-MM-dd HH:mm:ss', { zone: 'utc' });
  const parsed = day.isValid ? day : DateTime.fromISO(utc.slice(0, 10), { zone: 'utc' });
  return parsed.setZone(zone).toFormat('yyyyLLdd');
}

function buildLines(input: OrderInput): { lines: JCommandeLine[]; notes: string[] } {
  const lines: JCommandeLine[] = [];
  const notes: string[] = [];
  for (const line of input.lines) {
    if (line.displayType === 'line_section') continue;
    if (line.displayType === 'line_note' || line.productId === null) {
      const note = line.name.trim();
      if (note) notes.push(note);
      continue;
    }
    const qty = dec(line.qty);
    if (qty.isZero()) continue;
    const label = (line.productLabel ?? line.name).trim();
    if (qty.isNegative())
      throw reject(
        OrdersErrorCode.InvalidQuantity,
        input,
        `quantité négative (${qty.toString()}) pour « ${label} »`,
        {
          field: 'product_qty',
        },
      );
    if (!line.productCode)
      throw reject(
        OrdersErrorCode.MissingSupplierCode,
        input,
        `le produit « ${label} » n'a pas de code fournisseur URCOOPA`,
        { field: 'product_id', productId: line.productId },
      );
    const unit = urcoopaUnitOf(line.uomName);
    if (!unit)
      throw reject(
        OrdersErrorCode.UnsupportedUnit,
        input,
        `unité « ${line.uomName ?? '?'} » non prise par Urcoopa pour « ${label} » (Units, kg ou t)`,
        { field: 'product_uom', uom: line.uomName },
      );
    lines.push({
      Numero_ligne: lines.length + 1,
      Code_Produit: line.productCode,
      Libelle_Produit: label,
      Quantite_Commandee: qty.toNumber(),
      Unite_Commande: unit,
    });
  }
  return { lines, notes };
}

/** Builds one order; throws an OrdersError naming the PO and the field when it cannot be sent. */
export function buildJCommande(input: OrderInput, zone: string = DEFAULT_BUSINESS_ZONE): BuiltOrder {
  if (input.depots.length !== 1) {
    throw reject(
      OrdersErrorCode.UnmappedCompany,
      input,
      input.depots.length === 0
        ? `la société « ${input.companyName} » (id ${input.companyId}) n'a pas de code client Urcoopa dans sic_depot`
        : `la société « ${input.companyName} » (id ${input.companyId}) a plusieurs lignes dans sic_depot (${input.depots
            .map((d) => d.codeUrcoopa)
            .join(', ')}) : adresse de livraison ambiguë`,
      { field: 'company_id', companyId: input.companyId },
    );
  }
  const depot = input.depots[0];
  const { lines, notes } = buildLines(input);
  if (lines.length === 0)
    throw reject(OrdersErrorCode.NoLines, input, 'aucune ligne de produit à commander', {
      field: 'order_line',
    });
  const orderNumber = orderNumberOf(input.poName, input.partnerRef);
  const order: JCommandeOrder = {
    Societe: 'UR',
    Code_Client: depot.codeUrcoopa,
    Numero_Commande: orderNumber,
    Nom_Client: depot.lib ?? input.companyName,
    Code_Adresse_Livraison: depot.code ?? '',
    Commentaire: notes.join(' / '),
    Date_Livraison_Souhaitee: businessDay(input.datePlanned || input.dateOrder, zone),
    Num_Telephone: input.companyPhone ?? '',
    Email: input.companyEmail ?? '',
    Ligne_Commande: lines,
  };
  return { orderNumber, order, jCommande: JSON.stringify({ commande: [order] }) };
}
