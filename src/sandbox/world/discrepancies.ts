/**
 * World option `discrepancies`: a few orders that do not match their deliveries or invoices, so
 * that the rapprochement (issue 15) has every kind to show — a partial delivery, an over-delivery,
 * a price drift, an invoice whose delivery note never came, an unknown order, a delivery naming a
 * PO line that does not exist, and an old delivery nobody invoiced.
 */
import { Decimal } from 'decimal.js';
import { addDays, maxDate } from './dates';
import type { DraftInvoice } from './drafts';
import type { UrcoopaDelivery, UrcoopaInvoice } from './world.types';

export const UNKNOWN_ORDER = 'P0099999';

function scaled(qty: Decimal, factor: string, bulk: boolean): Decimal {
  const q = qty.times(factor);
  return bulk
    ? q.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    : q.toDecimalPlaces(0, Decimal.ROUND_DOWN).clamp(1, 1e9);
}

/** Changes drafts before they become invoices and delivery notes; returns the drafts whose BL goes missing. */
export function skewDrafts(drafts: DraftInvoice[]): Set<DraftInvoice> {
  const ordered = drafts.filter(
    (d) => d.type === 'F' && d.lines.some((l) => l.orderLine !== null && l.delivered),
  );
  const missingBl = new Set<DraftInvoice>();
  const first = (d: DraftInvoice | undefined) => d?.lines.find((l) => l.orderLine !== null && l.delivered);
  const partial = first(ordered[0]);
  if (partial) partial.qty = scaled(partial.qty, '0.6', partial.product.billedUnit === 'TO');
  const over = first(ordered[1]);
  if (over)
    over.qty = scaled(over.qty, '1.1', over.product.billedUnit === 'TO').plus(
      over.product.billedUnit === 'TO' ? 0 : 1,
    );
  const drift = first(ordered[2]);
  if (drift) drift.price = drift.price.times('1.04').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (ordered[3]) missingBl.add(ordered[3]);
  for (const line of ordered[4]?.lines ?? []) if (line.orderRef) line.orderRef = UNKNOWN_ORDER;
  return missingBl;
}

/** After numbering: drops the delivery notes of `missing`, and adds two deliveries no invoice covers. */
export function skewDeliveries(
  invoices: UrcoopaInvoice[],
  deliveries: UrcoopaDelivery[],
  missingInvoiceNumbers: Set<string>,
  window: { start: string; end: string },
): UrcoopaDelivery[] {
  const kept = deliveries.filter(
    (bl) => !(bl.Detail ?? []).some((l) => l.Numero_Facture && missingInvoiceNumbers.has(l.Numero_Facture)),
  );
  const template = kept.find((bl) =>
    (bl.Detail ?? []).some(
      (l) => l.Numero_Commande && l.Numero_Commande !== UNKNOWN_ORDER && l.Numero_Ligne_Commande,
    ),
  );
  if (!template) return kept;
  const line = template.Detail!.find((l) => l.Numero_Commande && l.Numero_Ligne_Commande)!;
  const old = maxDate(window.start, addDays(window.end, -15));
  kept.push(
    {
      ...template,
      Numero_BL: '7899001',
      Date_BL: old,
      Detail: [{ ...line, Numero_Ligne_BL: 1, Numero_Facture: null, Numero_Bande: null }],
    },
    {
      ...template,
      Numero_BL: '7899002',
      Date_BL: old,
      Detail: [
        { ...line, Numero_Ligne_BL: 1, Numero_Ligne_Commande: 9, Numero_Facture: null, Numero_Bande: null },
      ],
    },
  );
  void invoices;
  return kept;
}
