import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { dec } from '../common/money';
import { normalizeName } from '../common/text';
import { ArticleMappingEntity } from '../correspondence/entities/article-mapping.entity';
import { MemberMappingEntity } from '../correspondence/entities/member-mapping.entity';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { m2oId, orNull, type Many2one, type OdooMember, type OdooProductRef } from '../odoo/odoo.types';
import { SERVICE_LINE_NUMBER } from '../urcoopa/urcoopa-payload';
import { DepotEntity } from './entities/depot.entity';
import { InvoiceLineEntity } from './entities/invoice-line.entity';
import { sqlDatetime, updateInvoices } from './sql';
import { convertedQuantity, memberLabel, membersByName, orderReference } from './enrichment-rules';

/** Lines enriched per multi-row write. */
const ROWS_PER_WRITE = 500;

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

type ProductBits = Pick<OdooProductRef, 'productId' | 'templateId' | 'defaultCode' | 'weightKg'>;

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
 * never the whole table. Odoo is read in a constant number of batched calls per run.
 */
@Injectable()
export class InvoiceEnrichmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: OdooCatalogService,
    private readonly odoo: OdooClient,
  ) {}

  async enrichPending(signal?: AbortSignal): Promise<EnrichmentReport> {
    const callsBefore = this.odoo.stats().total;
    const lines = await this.pendingLines();
    if (lines.length === 0)
      return { lines: 0, invoices: 0, unknownMembers: [], unknownArticles: [], odooCalls: 0 };
    this.catalog.beginRun();
    const clients = [...new Set(lines.map((l) => l.Code_Client))];
    const [depots, memberMappings, articleMappings] = await Promise.all([
      this.dataSource.getRepository(DepotEntity).findBy({ code_urcoopa: In(clients) }),
      this.dataSource.getRepository(MemberMappingEntity).findBy({ codeClient: In(clients) }),
      this.dataSource.getRepository(ArticleMappingEntity).find(),
    ]);
    const companyOf = new Map(depots.map((d) => [d.code_urcoopa, d.company_id]));
    const mappedPartner = new Map(memberMappings.map((m) => [m.codeClient, m.odooPartnerId]));
    const mappedProduct = new Map(articleMappings.map((m) => [`${m.kind}:${m.urcoopaKey}`, m.odooProductId]));

    const members = await this.catalog.members();
    const memberById = new Map(members.map((m) => [m.id, m]));
    const memberByName = membersByName(members);
    const articles = await this.products(lines, mappedProduct);
    const orders = await this.orders(lines);
    signal?.throwIfAborted();

    const unknownMembers = new Set<string>();
    const unknownArticles = new Set<string>();
    const now = new Date();
    const rows = lines.map((line) => {
      const member = this.member(line, mappedPartner, memberById, memberByName);
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
    return {
      lines: lines.length,
      invoices: new Set(lines.map((l) => l.Numero_Facture)).size,
      unknownMembers: [...unknownMembers].sort(),
      unknownArticles: [...unknownArticles].sort(),
      odooCalls: this.odoo.stats().total - callsBefore,
    };
  }

  private pendingLines(): Promise<PendingLine[]> {
    const columns: (keyof PendingLine)[] = [
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
    const qb = this.dataSource.createQueryBuilder().from('sic_urcoopa_facture', 't');
    for (const column of columns) qb.addSelect(`t.${column}`, column);
    return qb.where('t.enriched_at IS NULL').getRawMany<PendingLine>();
  }

  private member(
    line: PendingLine,
    mapped: Map<string, number>,
    byId: Map<number, OdooMember>,
    byName: Map<string, OdooMember>,
  ): OdooMember | null {
    const partnerId = mapped.get(line.Code_Client);
    if (partnerId !== undefined)
      return (
        byId.get(partnerId) ?? {
          id: partnerId,
          name: '',
          ref: String(partnerId),
          isAdherent: false,
          companyId: null,
        }
      );
    return byName.get(normalizeName(line.Nom_Client)) ?? null;
  }

  /** Stored mappings first, then supplier codes (other lines) or service labels (line 900). */
  private async products(
    lines: PendingLine[],
    mapped: Map<string, number>,
  ): Promise<(line: PendingLine) => ProductBits | null> {
    const mappingOf = (line: PendingLine) =>
      line.Numero_Ligne_Facture === SERVICE_LINE_NUMBER
        ? (mapped.get(`label:${normalizeName(line.Libelle_Produit)}`) ??
          mapped.get(`code:${line.Code_Produit}`))
        : mapped.get(`code:${line.Code_Produit}`);
    const unmapped = lines.filter((l) => mappingOf(l) === undefined);
    const service = unmapped.filter((l) => l.Numero_Ligne_Facture === SERVICE_LINE_NUMBER);
    const codes = unmapped.map((l) => l.Code_Produit).filter((c): c is string => !!c);
    const [byCode, byLabel, byId] = await Promise.all([
      this.catalog.productsBySupplierCodes(codes),
      service.length > 0
        ? this.catalog.serviceProductsByLabels(service.map((l) => l.Libelle_Produit ?? ''))
        : Promise.resolve(new Map<string, OdooProductRef>()),
      this.productsById(lines.map(mappingOf).filter((id): id is number => id !== undefined)),
    ]);
    return (line) => {
      const id = mappingOf(line);
      if (id !== undefined) return byId.get(id) ?? null;
      if (line.Numero_Ligne_Facture === SERVICE_LINE_NUMBER) {
        const byService = byLabel.get(line.Libelle_Produit ?? '');
        if (byService) return byService;
      }
      return line.Code_Produit ? (byCode.get(line.Code_Produit) ?? null) : null;
    };
  }

  /** Products chosen by an operator (stored mappings): one batched read. */
  private async productsById(ids: number[]): Promise<Map<number, ProductBits>> {
    if (ids.length === 0) return new Map();
    const rows = await this.odoo.searchReadIn<{
      id: number;
      default_code: string | false;
      product_tmpl_id: Many2one;
      weight: number | false;
    }>('product.product', 'id', ids, ['id', 'default_code', 'product_tmpl_id', 'weight']);
    return new Map(
      rows.map((r) => {
        const weight = r.weight === false ? null : dec(String(r.weight));
        return [
          r.id,
          {
            productId: r.id,
            templateId: m2oId(r.product_tmpl_id) ?? 0,
            defaultCode: orNull(r.default_code),
            weightKg: weight && weight.gt(0) ? weight : null,
          },
        ];
      }),
    );
  }

  /** Numero_Commande_Client → the Odoo PO name, by name or by Gesica partner_ref: two batched reads. */
  private async orders(lines: PendingLine[]): Promise<(value: string | null) => string | null> {
    const refs = [...new Set(lines.map((l) => l.Numero_Commande_Client))].map(orderReference);
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

  /** Multi-row upsert on the natural key touching only the enrichment columns (rows exist). */
  private async write(rows: Record<string, unknown>[], now: Date): Promise<void> {
    const columns = [
      'Societe_Facture_ODOO',
      'Code_Client_ODOO',
      'ID_Client_ODOO',
      'Code_Produit_ODOO',
      'ID_Produit_ODOO',
      'ID_Produit_tmpl_ODOO',
      'poid_unit_odoo',
      'Qte_Fact_Conv',
      'Numero_Commande_ODOO',
    ];
    for (const slice of wholeInvoices(rows, ROWS_PER_WRITE)) {
      await this.dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(InvoiceLineEntity)
          .values(slice)
          .orUpdate(columns, ['Numero_Facture', 'Numero_Ligne_Facture'])
          .updateEntity(false)
          .execute();
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
    byInvoice.set(key, [...(byInvoice.get(key) ?? []), row]);
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
