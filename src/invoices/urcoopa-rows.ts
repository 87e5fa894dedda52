import type { UrcoopaDeliveryRecord, UrcoopaInvoiceRecord } from '../urcoopa/urcoopa-payload';
import { HEADER_ONLY_LINE } from './entities/delivery-line.entity';

/**
 * The one mapping from typed Urcoopa records to table rows: sic_urcoopa_facture (one row per
 * invoice line, the header repeated) and sic_urcoopa_livraison (one row per delivery line).
 */

/** Columns that hold Urcoopa's content: written on creation, overwritten when Urcoopa changes it. */
export const INVOICE_CONTENT_COLUMNS = [
  'Type_Facture',
  'Date_Facture',
  'Date_Echeance',
  'Societe_Facture',
  'Code_Client',
  'Nom_Client',
  'Type_Client',
  'Montant_HT',
  'Montant_TTC',
  'Code_Produit',
  'Libelle_Produit',
  'Prix_Unitaire',
  'Quantite_Facturee',
  'Unite_Facturee',
  'Numero_Silo',
  'Montant_HT_Ligne',
  'Taux_TVA',
  'Depot_BL',
  'Numero_BL',
  'Numero_Ligne_BL',
  'Numero_Commande_Client',
  'Date_Commande_Client',
  'Commentaires',
  'Date_Livraison',
  'content_hash',
  'updated_at',
] as const;

export const DELIVERY_CONTENT_COLUMNS = [
  'Code_Client',
  'Nom_Client',
  'Date_BL',
  'Code_Adresse',
  'Libelle_Adresse',
  'Rue',
  'Lieu',
  'Code_Postal',
  'Ville',
  'Code_Produit',
  'Libelle_Produit',
  'Quantite_Livree',
  'Silo',
  'Transporteur',
  'Depot_Commande',
  'Numero_Commande',
  'Numero_Ligne_Commande',
  'Numero_Facture',
  'Numero_Bande',
  'content_hash',
] as const;

export type Row = Record<string, unknown>;

/**
 * A document as table rows without repeating its header: the columns every row shares (the
 * header, the hash, the dates) and each line's own columns. Row i is `{ ...shared, ...lines[i] }`.
 */
export interface DocumentRows {
  shared: Row;
  lines: Row[];
}

/** The rows one by one (the writers take the document as it is). */
export function flatRows({ shared, lines }: DocumentRows): Row[] {
  return lines.map((line) => ({ ...shared, ...line }));
}

export function invoiceDocument(invoice: UrcoopaInvoiceRecord, now: Date): DocumentRows {
  const { Detail, contentHash, ...header } = invoice;
  return {
    shared: { ...header, content_hash: contentHash, imported_at: now, updated_at: now },
    lines: Detail as unknown as Row[],
  };
}

export function invoiceRows(invoice: UrcoopaInvoiceRecord, now: Date): Row[] {
  return flatRows(invoiceDocument(invoice, now));
}

const EMPTY_DELIVERY_LINE = {
  Code_Produit: null,
  Libelle_Produit: null,
  Quantite_Livree: null,
  Silo: null,
  Transporteur: null,
  Depot_Commande: null,
  Numero_Commande: null,
  Numero_Ligne_Commande: null,
  Numero_Facture: null,
  Numero_Bande: null,
};

/** A delivery sent with `Detail: null` is kept as one header-only row (line 0). */
export function deliveryDocument(delivery: UrcoopaDeliveryRecord, now: Date): DocumentRows {
  const { Detail, contentHash, ...header } = delivery;
  const lines = Detail ?? [{ ...EMPTY_DELIVERY_LINE, Numero_Ligne_BL: HEADER_ONLY_LINE }];
  return {
    shared: { ...header, content_hash: contentHash, imported_at: now },
    lines: lines as unknown as Row[],
  };
}
