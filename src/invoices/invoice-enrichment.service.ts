import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { dec } from '../common/money';
import { releaseMemory } from '../common/release-memory';
import { CorrespondenceMatcher } from '../correspondence/correspondence-matcher.service';
import { convertedQuantity, memberLabel, orderReference } from '../correspondence/matching-rules';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { SERVICE_LINE_NUMBER } from '../urcoopa/urcoopa-payload';
import { DepotEntity } from './entities/depot.entity';
import { InvoiceLineEntity } from './entities/invoice-line.entity';
import { PlainUpsert } from './plain-upsert';
import { sqlDatetime, updateInvoices } from './sql';

/** Lines enriched per transaction (whole invoices): a batch's lines, usually. */
const ROWS_PER_WRITE = 3000;
/** Invoices read, matched and written per batch: a run holds one batch's lines, whatever the window. */
const INVOICES_PER_BATCH = 250;
/** The columns the enrichment fills. */
const ENRICHMENT_COLUMNS = [
  'Societe_Facture_ODOO',
  'Code_Client_ODOO',
  'ID_Client_ODOO',
  'Code_Produit_ODOO',
  'ID_Produit_ODOO',
  'ID_Produit_tmpl_ODOO',
  'poid_unit_odoo',
  'Qte_Fact_Conv',
  'Numero_Commande_ODOO',
] as const;
/** The rows exist: the key, and the columns an INSERT would need, only make the upsert valid SQL. */
const ENRICHED_ROW = [
  'Numero_Facture',
  'Numero_Ligne_Facture',
  'Type_Facture',
  'Code_Client',
  ...ENRICHMENT_COLUMNS,
];

interface PendingLine {
  Numero_Facture: string;
  Numero_Ligne_Facture: number;
  Type_Facture: string;
  Code_Client: string;
  Nom_Client: string | null;
  Code_Produit: string | null;
  Libelle_Produit: string | null;
  Quantite_Facturee: string | number | null;
  Unite_Facturee: string | null;
  Numero_Commande_Client: string | null;
}

const PENDING_COLUMNS: (keyof PendingLine)[] = [
  'Numero_Facture',
  'Numero_Ligne_Facture',
  'Type_Facture',
  'Code_Client',
  'Nom_Client',
  'Code_Produit',
  'Libelle_Produit',
  'Quantite_Facturee',
  'Unite_Facturee',
  'Numero_Commande_Client',
];

export interface EnrichmentReport {
  lines: number;
  invoices: number;
  unknownMembers: string[];
  unknownArticles: string[];
  odooCalls: number;
}

/**
 * Replaces the previous tool's stored procedure: fills the Odoo columns of the lines still to be
 * enriched (enriched_at IS NULL: new or changed in this run, or left by a failed enrichment),
 * never the whole table. Odoo is read in a constant number of batched calls per run, from the
 * distinct values the pending lines hold (members, articles, orders); the lines themselves are
 * then read, matched and written a batch of invoices at a time.
 */
@Injectable()
export class InvoiceEnrichmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: OdooCatalogService,
    private readonly matcher: CorrespondenceMatcher,
    private readonly odoo: OdooClient,
  ) {}

  async enrichPending(signal?: AbortSignal): Promise<EnrichmentReport> {
    const callsBefore = this.odoo.stats().total;
    // First pass: the distinct values Odoo is asked about, compared exactly (not by the collation).
    const memberKeys = new Map<string, Pick<PendingLine, 'Code_Client' | 'Nom_Client'>>();
    const articleKeys = new Map<
      string,
      Pick<PendingLine, 'Numero_Ligne_Facture' | 'Code_Produit' | 'Libelle_Produit'>
    >();
    const orderKeys = new Map<string, string | null>();
    for await (const lines of this.pendingBatches(signal)) {
      for (const l of lines) {
        memberKeys.set(memberKey(l), { Code_Client: l.Code_Client, Nom_Client: l.Nom_Client });
        articleKeys.set(articleTuple(l), {
          Numero_Ligne_Facture: l.Numero_Ligne_Facture,
          Code_Produit: l.Code_Produit,
          Libelle_Produit: l.Libelle_Produit,
        });
        orderKeys.set(orderKey(l.Numero_Commande_Client), l.Numero_Commande_Client);
      }
    }
    if (memberKeys.size === 0)
      return { lines: 0, invoices: 0, unknownMembers: [], unknownArticles: [], odooCalls: 0 };
    this.catalog.beginRun();
    const clients = [...new Set([...memberKeys.values()].map((l) => l.Code_Client))];
    const [depots, members, articles, orders] = await Promise.all([
      this.dataSource.getRepository(DepotEntity).findBy({ code_urcoopa: In(clients) }),
      this.matcher.members([...memberKeys.values()]),
      this.matcher.articles([...articleKeys.values()]),
      this.orders([...orderKeys.values()]),
    ]);
    const companyOf = new Map(depots.map((d) => [d.code_urcoopa, d.company_id]));
    // A line gone pending after the first pass waits for the next run (only job 1 makes lines pending).
    const covered = (l: PendingLine) =>
      memberKeys.has(memberKey(l)) &&
      articleKeys.has(articleTuple(l)) &&
      orderKeys.has(orderKey(l.Numero_Commande_Client));

    const unknownMembers = new Set<string>();
    const unknownArticles = new Set<string>();
    const now = new Date();
    let lineCount = 0;
    let invoiceCount = 0;
    for await (const all of this.pendingBatches(signal)) {
      const later = new Set(all.filter((l) => !covered(l)).map((l) => l.Numero_Facture));
      const lines = later.size > 0 ? all.filter((l) => !later.has(l.Numero_Facture)) : all;
      if (lines.length === 0) continue;
      const rows = lines.map((line) => {
        const member = members(line);
        if (!member) unknownMembers.add(`${line.Code_Client} ${line.Nom_Client ?? ''}`.trim());
        const product = articles(line);
        if (!product) unknownArticles.add(articleKey(line));
        const quantity = line.Quantite_Facturee === null ? null : dec(line.Quantite_Facturee);
        return {
          Numero_Facture: line.Numero_Facture,
          Numero_Ligne_Facture: line.Numero_Ligne_Facture,
          Type_Facture: line.Type_Facture,
          Code_Client: line.Code_Client,
          Societe_Facture_ODOO: companyOf.get(line.Code_Client) ?? null,
          Code_Client_ODOO: memberLabel(member),
          ID_Client_ODOO: member?.id ?? 0,
          Code_Produit_ODOO: product?.defaultCode ?? null,
          ID_Produit_ODOO: product?.productId ?? null,
          ID_Produit_tmpl_ODOO: product?.templateId ?? null,
          poid_unit_odoo: product?.weightKg ?? null,
          Qte_Fact_Conv: convertedQuantity(quantity, line.Unite_Facturee, product?.weightKg ?? null),
          Numero_Commande_ODOO: orders(line.Numero_Commande_Client),
        };
      });
      await this.write(rows, now);
      lineCount += lines.length;
      invoiceCount += new Set(lines.map((l) => l.Numero_Facture)).size;
    }
    return {
      lines: lineCount,
      invoices: invoiceCount,
      unknownMembers: [...unknownMembers].sort(),
      unknownArticles: [...unknownArticles].sort(),
      odooCalls: this.odoo.stats().total - callsBefore,
    };
  }

  /** The pending lines, a batch of whole invoices at a time (keyset on the invoice number). */
  private async *pendingBatches(signal?: AbortSignal): AsyncGenerator<PendingLine[]> {
    let after: string | null = null;
    for (;;) {
      signal?.throwIfAborted();
      const invoices = await this.nextPendingInvoices(after);
      if (invoices.length === 0) return;
      after = invoices[invoices.length - 1];
      yield await this.pendingLines(invoices);
      releaseMemory();
    }
  }

  /** The next pending invoices after `after` (keyset on the invoice number, IDX_facture_enriched_at). */
  private async nextPendingInvoices(after: string | null): Promise<string[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('sic_urcoopa_facture', 't')
      .select('t.Numero_Facture', 'n')
      .distinct(true)
      .where('t.enriched_at IS NULL');
    if (after !== null) qb.andWhere('t.Numero_Facture > :after', { after });
    const rows = await qb.orderBy('t.Numero_Facture').limit(INVOICES_PER_BATCH).getRawMany<{ n: string }>();
    return rows.map((r) => String(r.n));
  }

  private pendingLines(invoices: string[]): Promise<PendingLine[]> {
    const qb = this.dataSource.createQueryBuilder().from('sic_urcoopa_facture', 't');
    for (const column of PENDING_COLUMNS) qb.addSelect(`t.${column}`, column);
    return qb
      .where('t.enriched_at IS NULL')
      .andWhere('t.Numero_Facture IN (:...invoices)', { invoices })
      .getRawMany<PendingLine>();
  }

  /** Numero_Commande_Client → the Odoo PO name, by name or by Gesica partner_ref: two batched reads. */
  private async orders(values: Array<string | null>): Promise<(value: string | null) => string | null> {
    const refs = [...new Set(values)].map(orderReference);
    const names = refs.flatMap((r) => (r && 'name' in r ? [r.name] : []));
    const partnerRefs = refs.flatMap((r) => (r && 'partnerRef' in r ? [r.partnerRef] : []));
    const [byName, byRef] = await Promise.all([
      names.length > 0 ? this.catalog.purchaseOrdersByNames(names) : Promise.resolve([]),
      partnerRefs.length > 0 ? this.catalog.purchaseOrdersByPartnerRefs(partnerRefs) : Promise.resolve([]),
    ]);
    const known = new Set(byName.map((po) => po.name));
    const nameOfRef = new Map(byRef.map((po) => [(po.partnerRef ?? '').toUpperCase(), po.name]));
    return (value) => {
      const ref = orderReference(value);
      if (!ref) return null;
      if ('name' in ref) return known.has(ref.name) ? ref.name : null;
      return nameOfRef.get(ref.partnerRef) ?? null;
    };
  }

  /**
   * Plain multi-row upserts on the natural key touching only the enrichment columns (the rows
   * exist), and enriched_at set, per slice of whole invoices in one transaction.
   */
  private async write(rows: Record<string, unknown>[], now: Date): Promise<void> {
    const writer = PlainUpsert.of(
      this.dataSource,
      InvoiceLineEntity,
      ENRICHED_ROW,
      ['Numero_Facture', 'Numero_Ligne_Facture'],
      ENRICHMENT_COLUMNS,
    );
    for (const slice of wholeInvoices(rows, ROWS_PER_WRITE)) {
      await this.dataSource.transaction(async (manager) => {
        const lines = slice.map((row) => ENRICHED_ROW.map((column, i) => writer.value(i, row[column])));
        await writer.write(manager, [{ head: [], lines }]);
        const invoices = [...new Set(slice.map((r) => String(r.Numero_Facture)))];
        // Slices hold whole invoices: every pending line of these invoices was just written.
        await updateInvoices(
          manager,
          { enriched_at: sqlDatetime(now) },
          invoices,
          ' AND enriched_at IS NULL',
        );
      });
    }
  }
}

const memberKey = (l: Pick<PendingLine, 'Code_Client' | 'Nom_Client'>) =>
  `m\u0000${l.Code_Client}\u0000${l.Nom_Client ?? '\u0001'}`;
const articleTuple = (l: Pick<PendingLine, 'Numero_Ligne_Facture' | 'Code_Produit' | 'Libelle_Produit'>) =>
  `a\u0000${Number(l.Numero_Ligne_Facture)}\u0000${l.Code_Produit ?? '\u0001'}\u0000${l.Libelle_Produit ?? '\u0001'}`;
const orderKey = (value: string | null) => `o\u0000${value ?? '\u0001'}`;

function articleKey(line: PendingLine): string {
  return line.Numero_Ligne_Facture === SERVICE_LINE_NUMBER && !line.Code_Produit
    ? `${line.Libelle_Produit ?? ''} (ligne 900)`
    : (line.Code_Produit ?? '');
}

/** Slices of about `size` rows that never split an invoice. */
function wholeInvoices<T extends Record<string, unknown>>(rows: T[], size: number): T[][] {
  const byInvoice = new Map<string, T[]>();
  for (const row of rows) {
    const key = String(row.Numero_Facture);
    const group = byInvoice.get(key);
    if (group) group.push(row);
    else byInvoice.set(key, [row]);
  }
  const slices: T[][] = [];
  let current: T[] = [];
  for (const group of byInvoice.values()) {
    if (current.length > 0 && current.length + group.length > size) {
      slices.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
