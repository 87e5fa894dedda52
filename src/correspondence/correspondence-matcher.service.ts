import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Decimal, round4 } from '../common/money';
import { normalizeName } from '../common/text';
import type { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { m2oId, type OdooMember } from '../odoo/odoo.types';
import { ArticleMappingEntity } from './entities/article-mapping.entity';
import { MemberMappingEntity } from './entities/member-mapping.entity';

export const UNKNOWN_MEMBER_LABEL = 'INCONNU !';

/** The label of Code_Client_ODOO (domain.md §6). */
export function memberLabel(member: Pick<OdooMember, 'ref' | 'isAdherent' | 'name'>): string {
  return `${member.isAdherent ? 'CLIENT' : 'NON ADHERENT'} : ${member.ref ?? member.name}`;
}

export interface ProductMatch {
  productId: number;
  templateId: number;
  code: string | null;
  weightKg: Decimal | null;
}

/** Qte_Fact_Conv (domain.md §3): the billed quantity in the product's unit, 4 decimals. */
export function convertedQuantity(line: InvoiceLineEntity, weightKg: Decimal | null): Decimal | null {
  const qty = line.Quantite_Facturee;
  if (qty === null) return null;
  const unit = (line.Unite_Facturee ?? '').toUpperCase();
  if (unit === 'UN') return round4(qty);
  if (!weightKg || weightKg.isZero()) return null;
  if (unit === 'KG') return round4(qty.dividedBy(weightKg));
  if (unit === 'TO') return round4(qty.times(1000).dividedBy(weightKg));
  return null;
}

/**
 * Re-matches rows that the enrichment left unmatched, with the rules of domain.md §6: the stored
 * mappings (operator's choices) first, then Odoo (member name, supplier code, service label).
 * A constant number of Odoo calls per run (the catalog batches and caches).
 */
@Injectable()
export class CorrespondenceMatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: OdooCatalogService,
    private readonly odoo: OdooClient,
  ) {}

  /** Urcoopa customer code → Odoo member, for rows whose ID_Client_ODOO is 0. */
  async matchMembers(lines: InvoiceLineEntity[]): Promise<Map<string, OdooMember>> {
    const out = new Map<string, OdooMember>();
    const codes = [...new Set(lines.map((l) => l.Code_Client))];
    if (codes.length === 0) return out;
    const mappings = await this.dataSource
      .getRepository(MemberMappingEntity)
      .findBy({ codeClient: In(codes) });
    const members = await this.catalog.members();
    const byId = new Map(members.map((m) => [m.id, m]));
    const byName = new Map<string, OdooMember[]>();
    for (const m of members) {
      const key = normalizeName(m.name);
      if (key) byName.set(key, [...(byName.get(key) ?? []), m]);
    }
    for (const mapping of mappings) {
      const member = byId.get(mapping.odooPartnerId);
      if (member) out.set(mapping.codeClient, member);
    }
    for (const line of lines) {
      if (out.has(line.Code_Client)) continue;
      const candidates = byName.get(normalizeName(line.Nom_Client)) ?? [];
      // Several partners of that name: prefer the member (ADHERENT) one; still ambiguous → unknown.
      const adherents = candidates.filter((c) => c.isAdherent);
      const pick =
        candidates.length === 1 ? candidates[0] : adherents.length === 1 ? adherents[0] : undefined;
      if (pick) out.set(line.Code_Client, pick);
    }
    return out;
  }

  /** articleKey → product, for rows without ID_Produit_ODOO. */
  async matchArticles(lines: InvoiceLineEntity[]): Promise<Map<string, ProductMatch>> {
    const out = new Map<string, ProductMatch>();
    const withCode = [...new Set(lines.map((l) => l.Code_Produit?.trim()).filter((c): c is string => !!c))];
    const labels = [
      ...new Set(
        lines
          .filter((l) => !l.Code_Produit?.trim())
          .map((l) => (l.Libelle_Produit ?? '').trim())
          .filter(Boolean),
      ),
    ];
    if (withCode.length + labels.length === 0) return out;
    const repo = this.dataSource.getRepository(ArticleMappingEntity);
    const mappings = [
      ...(withCode.length ? await repo.findBy({ kind: 'code', urcoopaKey: In(withCode) }) : []),
      ...(labels.length
        ? await repo.findBy({ kind: 'label', urcoopaKey: In(labels.map(normalizeName)) })
        : []),
    ];
    if (mappings.length > 0) {
      const products = await this.products(mappings.map((m) => m.odooProductId));
      for (const m of mappings) {
        const product = products.get(m.odooProductId);
        if (!product) continue;
        if (m.kind === 'code') out.set(m.urcoopaKey, product);
        else
          for (const label of labels.filter((l) => normalizeName(l) === m.urcoopaKey))
            out.set(label, product);
      }
    }
    const codes = withCode.filter((c) => !out.has(c));
    const bySupplier = codes.length ? await this.catalog.productsBySupplierCodes(codes) : new Map();
    for (const [code, ref] of bySupplier)
      out.set(code, { productId: ref.productId, templateId: ref.templateId, code, weightKg: ref.weightKg });
    const rest = labels.filter((l) => !out.has(l));
    const services = rest.length ? await this.catalog.serviceProductsByLabels(rest) : new Map();
    for (const [label, ref] of services)
      out.set(label, {
        productId: ref.productId,
        templateId: ref.templateId,
        code: ref.defaultCode,
        weightKg: ref.weightKg,
      });
    return out;
  }

  /** Products by id (one read), for mappings and operator choices. */
  async products(ids: number[]): Promise<Map<number, ProductMatch>> {
    const rows = await this.odoo.read<{
      id: number;
      product_tmpl_id: [number, string] | false;
      default_code: string | false;
      weight: number | false;
    }>('product.product', ids, ['product_tmpl_id', 'default_code', 'weight']);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          productId: r.id,
          templateId: m2oId(r.product_tmpl_id) ?? 0,
          code: r.default_code || null,
          weightKg: r.weight ? new Decimal(String(r.weight)) : null,
        },
      ]),
    );
  }
}
