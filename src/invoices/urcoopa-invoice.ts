import { Decimal, dec } from '../common/money';
import type { InvoiceLineEntity } from './entities/invoice-line.entity';

/** One Urcoopa invoice: its sic_urcoopa_facture rows (one per line), the header repeated on each. */
export interface UrcoopaInvoiceRows {
  numero: string;
  header: InvoiceLineEntity;
  lines: InvoiceLineEntity[];
}

/** Groups rows by Numero_Facture, lines in Numero_Ligne_Facture order, invoices in number order. */
export function groupInvoices(rows: InvoiceLineEntity[]): UrcoopaInvoiceRows[] {
  const byNumber = new Map<string, InvoiceLineEntity[]>();
  for (const row of rows)
    byNumber.set(row.Numero_Facture, [...(byNumber.get(row.Numero_Facture) ?? []), row]);
  return [...byNumber.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([numero, lines]) => {
      lines.sort((a, b) => a.Numero_Ligne_Facture - b.Numero_Ligne_Facture);
      return { numero, header: lines[0], lines };
    });
}

export const isCreditNote = (invoice: UrcoopaInvoiceRows) =>
  (invoice.header.Type_Facture ?? '').trim().toUpperCase() === 'A';

export const isStoreClient = (typeClient: string | null) => /^MAG\./i.test((typeClient ?? '').trim());

export const isMemberClient = (typeClient: string | null) => /^ADHERENT$/i.test((typeClient ?? '').trim());

/** Urcoopa's own figures of an invoice (header), tax = TTC − HT. */
export function urcoopaTotals(invoice: UrcoopaInvoiceRows): {
  untaxed: Decimal;
  tax: Decimal;
  total: Decimal;
} {
  const untaxed =
    invoice.header.Montant_HT ?? invoice.lines.reduce((s, l) => s.plus(l.Montant_HT_Ligne ?? 0), dec(0));
  const total = invoice.header.Montant_TTC ?? untaxed;
  return { untaxed, tax: total.minus(untaxed), total };
}

/** The label shown on a line in Odoo: the Urcoopa label, with its silo / BL when there is one. */
export function lineLabel(line: InvoiceLineEntity): string {
  const parts = [line.Libelle_Produit ?? line.Code_Produit ?? `Ligne ${line.Numero_Ligne_Facture}`];
  if (line.Numero_BL) parts.push(`BL ${line.Numero_BL}`);
  if (line.Numero_Silo) parts.push(`silo ${line.Numero_Silo}`);
  return parts.join(' - ');
}
