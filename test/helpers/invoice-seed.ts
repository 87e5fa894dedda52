import type { OdooSandbox } from '../../src/sandbox/odoo';
import { STORES, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import type { DialectDatabase } from './dialect-database';

export interface SeedLine {
  n: number;
  code: string | null;
  label: string;
  price: string;
  qty: string;
  unit: string;
  amount: string;
  rate?: string;
  productId?: number | null;
  po?: string | null;
}

export interface SeedInvoice {
  numero: string;
  type?: 'F' | 'A';
  date?: string;
  due?: string;
  societe?: string;
  codeClient: string;
  nomClient: string;
  typeClient: string;
  ht: string;
  ttc: string;
  /** Societe_Facture_ODOO (stores). */
  companyId?: number | null;
  /** ID_Client_ODOO (members; 0 = unknown). */
  clientId?: number;
  clientLabel?: string | null;
  matched?: boolean;
  validated?: boolean;
  lines: SeedLine[];
}

/** Inserts an invoice's rows into sic_urcoopa_facture as the import + enrichment would leave them. */
export async function seedInvoice(db: Pick<DialectDatabase, 'query'>, inv: SeedInvoice): Promise<void> {
  const status = inv.matched ? 'déjà traiter' : 'à traiter';
  for (const l of inv.lines) {
    await db.query(
      `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Date_Facture, Date_Echeance,
        Societe_Facture, Code_Client, Nom_Client, Type_Client, Montant_HT, Montant_TTC, Code_Produit, Libelle_Produit,
        Prix_Unitaire, Quantite_Facturee, Unite_Facturee, Montant_HT_Ligne, Taux_TVA, Numero_Commande_Client,
        Numero_Commande_ODOO, ID_Produit_ODOO, ID_Client_ODOO, Code_Client_ODOO, Societe_Facture_ODOO,
        facture_valider, Statut_Correspondance_Article, Statut_Correspondance_Adherent, Statut_Integration_Fac_inOdoo)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'à intégrer')`,
      [
        inv.numero,
        l.n,
        inv.type ?? 'F',
        inv.date ?? '2025-10-14',
        inv.due ?? '2025-11-30',
        inv.societe ?? 'VRAC',
        inv.codeClient,
        inv.nomClient,
        inv.typeClient,
        inv.ht,
        inv.ttc,
        l.code,
        l.label,
        l.price,
        l.qty,
        l.unit,
        l.amount,
        l.rate ?? '2.1',
        l.po ?? null,
        l.po ?? null,
        l.productId ?? null,
        inv.clientId ?? 0,
        inv.clientLabel ?? null,
        inv.companyId ?? null,
        inv.validated ? 1 : 0,
        status,
        status,
      ],
    );
  }
}

/** A store as sic_depot holds it. */
export interface DepotRow {
  codeUrcoopa: string;
  companyId: number;
  code: string | null;
  lib: string | null;
}

/** Inserts stores (sic_depot), by default the sandbox world's. */
export async function insertStores(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  stores: readonly DepotRow[] = STORES,
): Promise<void> {
  for (const s of stores)
    await db.query('INSERT INTO sic_depot (code_urcoopa, company_id, code, lib) VALUES (?, ?, ?, ?)', [
      s.codeUrcoopa,
      s.companyId,
      s.code,
      s.lib,
    ]);
}

export async function seedDepots(
  db: Pick<DialectDatabase, 'query'>,
  depots: Array<[code: string, companyId: number, lib: string]>,
) {
  await insertStores(
    db,
    depots.map(([code, companyId, lib]) => ({ codeUrcoopa: code, companyId, code: code.slice(-2), lib })),
  );
}

/** Sandbox ids: product of an URCOOPA supplier code, service product of a label, partner of a ref, tax. */
export function sandboxIds(odoo: OdooSandbox) {
  return {
    product(code: string): number {
      const info = odoo
        .records('product.supplierinfo')
        .find((i) => i.partner_id === URCOOPA_PARTNER_ID && i.product_code === code);
      if (!info) throw new Error(`no supplier info for ${code}`);
      return odoo.records('product.product').find((p) => p.product_tmpl_id === info.product_tmpl_id)!.id;
    },
    service(label: string): number {
      return odoo.records('product.product').find((p) => {
        const tmpl = odoo.get('product.template', p.product_tmpl_id as number);
        return tmpl?.name === label;
      })!.id;
    },
    partnerByRef(ref: string): number {
      return odoo.records('res.partner').find((p) => p.ref === ref)!.id;
    },
    tax(companyId: number, use: 'purchase' | 'sale', rate = 2.1): number {
      return odoo
        .records('account.tax')
        .find((t) => t.company_id === companyId && t.type_tax_use === use && t.amount === rate)!.id;
    },
    uom(name: string): number {
      return odoo.records('uom.uom').find((u) => u.name === name)!.id;
    },
  };
}

/** Moves of the sandbox with their product lines, as stored. */
export interface SandboxMove extends Record<string, unknown> {
  id: number;
  lines: Array<Record<string, unknown> & { id: number }>;
}

export function movesByRef(odoo: OdooSandbox, ref: string): SandboxMove[] {
  return odoo
    .records('account.move')
    .filter((m) => m.ref === ref)
    .map((m) => ({
      ...m,
      lines: odoo
        .records('account.move.line')
        .filter((l) => l.move_id === m.id && l.display_type === 'product'),
      amount_untaxed: odoo.value('account.move', m.id, 'amount_untaxed'),
      amount_tax: odoo.value('account.move', m.id, 'amount_tax'),
      amount_total: odoo.value('account.move', m.id, 'amount_total'),
    }));
}
