import { Decimal, dec, round2 } from '../common/money';
import { toOdooNumber } from '../odoo/odoo-values';
import type { OdooUoms } from '../odoo/odoo.types';
import type { OdooTotals } from '../odoo-sync/odoo-intent.types';
import type { InvoiceLineEntity } from './entities/invoice-line.entity';
import { isCreditNote, lineLabel, type UrcoopaInvoiceRows } from './urcoopa-invoice';

export type MoveSide = 'vendor' | 'customer';

/** What a move needs from Odoo, looked up once per run. */
export interface MoveContext {
  side: MoveSide;
  partnerId: number;
  companyId: number;
  uoms: OdooUoms;
  /** Tax id of the move's company for this rate and the side's use, or null. */
  taxId(companyId: number, rate: Decimal): number | null;
  analyticAccountId: number;
  analyticPercentage: Decimal;
  /** Customer moves: Urcoopa's unit price × coefficient, rounded to the cent. */
  priceCoefficient?: Decimal;
  /** Vendor moves: the PO line of this invoice line's product, if the PO has it. */
  purchaseLineId?(line: InvoiceLineEntity): number | null;
  /** PO name(s) of the invoice (invoice_origin). */
  origin: string | null;
  /** 'round_globally' or 'round_per_line' of the move's company (for our expected tax). */
  taxRounding: string;
}

export type BuiltMove =
  { ok: true; values: Record<string, unknown>; expected: OdooTotals } | { ok: false; problems: string[] };

const UNIT_OF: Record<string, keyof OdooUoms> = { UN: 'units', TO: 'tonne', KG: 'kg' };

/**
 * The account.move values of one Urcoopa invoice (domain.md §4): quantity, unit and price as billed
 * with Odoo's unit, the tax of the line's rate in the move's company, the 922 analytic distribution,
 * the PO line when known. Lists every problem instead of sending a half-right move.
 */
export function buildMove(invoice: UrcoopaInvoiceRows, ctx: MoveContext): BuiltMove {
  const problems: string[] = [];
  const lines: unknown[] = [];
  const perRate = new Map<string, Decimal>();
  let untaxed = dec(0);
  let roundedTax = dec(0);
  for (const line of invoice.lines) {
    const where = `ligne ${line.Numero_Ligne_Facture}`;
    const unit = UNIT_OF[(line.Unite_Facturee ?? '').trim().toUpperCase()];
    const rate = line.Taux_TVA;
    const taxId = rate && rate.gt(0) ? ctx.taxId(ctx.companyId, rate) : null;
    if (!line.ID_Produit_ODOO)
      problems.push(
        `${where}: article ${line.Code_Produit ?? line.Libelle_Produit ?? '?'} sans produit Odoo`,
      );
    if (!unit)
      problems.push(`${where}: unité '${line.Unite_Facturee ?? ''}' inconnue (UN, TO ou KG attendu)`);
    if (line.Prix_Unitaire === null || line.Quantite_Facturee === null)
      problems.push(`${where}: prix ou quantité manquant`);
    if (rate === null) problems.push(`${where}: Taux_TVA manquant`);
    else if (rate.gt(0) && taxId === null) {
      problems.push(
        `${where}: aucune taxe ${ctx.side === 'vendor' ? 'achat' : 'vente'} à ${rate.toString()} % dans la société ${ctx.companyId}`,
      );
    }
    if (problems.length > 0 || !unit || rate === null) continue;
    const price = ctx.priceCoefficient
      ? round2(line.Prix_Unitaire!.times(ctx.priceCoefficient))
      : line.Prix_Unitaire!;
    const quantity = line.Quantite_Facturee!;
    const subtotal = round2(quantity.times(price));
    untaxed = untaxed.plus(subtotal);
    const rateKey = rate.toString();
    perRate.set(rateKey, (perRate.get(rateKey) ?? dec(0)).plus(subtotal));
    roundedTax = roundedTax.plus(round2(subtotal.times(rate).dividedBy(100)));
    const purchaseLineId = ctx.side === 'vendor' ? (ctx.purchaseLineId?.(line) ?? null) : null;
    lines.push([
      0,
      0,
      {
        product_id: line.ID_Produit_ODOO,
        name: lineLabel(line),
        quantity: toOdooNumber(quantity, 4),
        product_uom_id: ctx.uoms[unit],
        price_unit: toOdooNumber(price, 4),
        tax_ids: [[6, 0, taxId ? [taxId] : []]],
        analytic_distribution: { [String(ctx.analyticAccountId)]: toOdooNumber(ctx.analyticPercentage, 2) },
        ...(purchaseLineId ? { purchase_line_id: purchaseLineId } : {}),
      },
    ]);
  }
  if (invoice.lines.length === 0) problems.push('facture sans ligne');
  if (problems.length > 0) return { ok: false, problems };
  const globalTax = [...perRate.entries()].reduce(
    (s, [rate, base]) => s.plus(round2(base.times(rate).dividedBy(100))),
    dec(0),
  );
  const tax = ctx.taxRounding === 'round_per_line' ? roundedTax : globalTax;
  const refund = isCreditNote(invoice);
  const h = invoice.header;
  return {
    ok: true,
    values: {
      move_type:
        ctx.side === 'vendor' ? (refund ? 'in_refund' : 'in_invoice') : refund ? 'out_refund' : 'out_invoice',
      partner_id: ctx.partnerId,
      company_id: ctx.companyId,
      ref: invoice.numero,
      invoice_date: dayOf(h.Date_Facture),
      invoice_date_due: dayOf(h.Date_Echeance),
      ...(ctx.origin ? { invoice_origin: ctx.origin } : {}),
      invoice_line_ids: lines,
    },
    expected: { untaxed, tax, total: untaxed.plus(tax) },
  };
}

/** PO names of an invoice's lines, distinct, in line order. */
export function purchaseOrderNames(invoice: UrcoopaInvoiceRows): string[] {
  return [...new Set(invoice.lines.map((l) => l.Numero_Commande_ODOO).filter((n): n is string => !!n))];
}

/** A DATE column as Odoo's 'YYYY-MM-DD' (TypeORM gives strings; a driver may give a Date at UTC midnight). */
export function dayOf(value: string | Date | null): string | false {
  if (value === null || value === undefined) return false;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
