/**
 * Shapes of the generated "world" that both sandboxes serve. The Urcoopa sandbox serves the
 * invoices and deliveries; the Odoo sandbox is seeded with the catalogue (catalogue.ts) and the
 * purchase orders, so that invoice lines reference POs that exist in Odoo.
 * Field names of Urcoopa records are spelled exactly as Urcoopa spells them (domain.md §2).
 */

export interface WorldOptions {
  /** Seed of the deterministic generator. Same options → same world. */
  seed?: number;
  /** Number of invoices (headers). */
  invoices?: number;
  /** Average number of lines per invoice (the line-900 service line included). */
  linesPerInvoice?: number;
  /** Invoices and deliveries are dated within the `days` days up to and including `referenceDate`. */
  days?: number;
  /** 'YYYY-MM-DD', the last day of the generated span (a day in Indian/Reunion). */
  referenceDate?: string;
  /** Number of purchase orders to seed in Odoo. */
  purchaseOrders?: number;
  /** Orders that do not match their deliveries or invoices, for the rapprochement (discrepancies.ts). */
  discrepancies?: boolean;
}

export interface UrcoopaInvoiceLine {
  Numero_Ligne_Facture: number;
  Code_Produit: string | null;
  Libelle_Produit: string;
  Prix_Unitaire: number;
  Quantite_Facturee: number;
  Unite_Facturee: 'UN' | 'TO';
  Numero_Silo: string | null;
  Montant_HT_Ligne: number;
  Taux_TVA: number;
  Depot_BL: string | null;
  Numero_BL: string | null;
  Numero_Ligne_BL: number | null;
  Numero_Commande_Client: string | null;
  Date_Commande_Client: string | null;
  Commentaires: string | null;
  Date_Livraison: string | null;
}

export interface UrcoopaInvoice {
  Numero_Facture: string;
  Type_Facture: 'F' | 'A';
  Date_Facture: string;
  Date_Echeance: string;
  Societe_Facture: string;
  Code_Client: string;
  Nom_Client: string;
  Type_Client: string;
  Montant_HT: number;
  Montant_TTC: number;
  Detail: UrcoopaInvoiceLine[];
}

export interface UrcoopaDeliveryLine {
  Numero_Ligne_BL: number;
  Code_Produit: string | null;
  Libelle_Produit: string;
  Quantite_Livree: number;
  Silo: string | null;
  Transporteur: string | null;
  Depot_Commande: string | null;
  Numero_Commande: string | null;
  Numero_Ligne_Commande: number | null;
  Numero_Facture: string | null;
  Numero_Bande: string | null;
}

export interface UrcoopaDelivery {
  Numero_BL: string;
  Code_Client: string;
  Nom_Client: string;
  Date_BL: string;
  Code_Adresse: string | null;
  Libelle_Adresse: string | null;
  Rue: string | null;
  Lieu: string | null;
  Code_Postal: string | null;
  Ville: string | null;
  Detail: UrcoopaDeliveryLine[] | null;
}

export interface SandboxPurchaseOrderLine {
  /** URCOOPA supplier code of the product; null for a note line (display_type 'line_note'). */
  productCode: string | null;
  name: string;
  /** Decimal string. */
  qty: string;
  uom: 'Units' | 'kg' | 't';
  /** Decimal string, price per `uom`. */
  price: string;
}

export interface SandboxPurchaseOrder {
  /** Odoo PO name, e.g. 'P0005650'. */
  name: string;
  companyId: number;
  /** URCOOPA_PARTNER_ID or INTERCOMPANY_SUPPLIER_PARTNER_ID. */
  partnerId: number;
  /** e.g. 'GESICA706731' for an order that came from Gesica, else null. */
  partnerRef: string | null;
  state: 'draft' | 'sent' | 'purchase' | 'done' | 'cancel';
  invoiceStatus: 'no' | 'to invoice' | 'invoiced';
  /** UTC datetime string 'YYYY-MM-DD HH:MM:SS', as Odoo stores it. */
  dateOrder: string;
  /** Its incoming picking is done. */
  received: boolean;
  /** Delivered by Urcoopa straight to the member/store (drop-ship). */
  dropship: boolean;
  lines: SandboxPurchaseOrderLine[];
}

export interface World {
  options: Required<WorldOptions>;
  invoices: UrcoopaInvoice[];
  deliveries: UrcoopaDelivery[];
  purchaseOrders: SandboxPurchaseOrder[];
}
