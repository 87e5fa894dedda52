import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { normalizeName } from '../common/text';
import type { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import type { OdooMember, OdooProductRef } from '../odoo/odoo.types';
import { ArticleMappingEntity } from './entities/article-mapping.entity';
import { MemberMappingEntity } from './entities/member-mapping.entity';
import { articleCode, matchedByLabel, membersByName } from './matching-rules';

/** What a matched article fills in a line (ID_Produit_ODOO, ID_Produit_tmpl_ODOO, …). */
export type ProductMatch = Pick<OdooProductRef, 'productId' | 'templateId' | 'defaultCode' | 'weightKg'>;
export type MemberLine = Pick<InvoiceLineEntity, 'Code_Client' | 'Nom_Client'>;
export type ArticleLine = Pick<
  InvoiceLineEntity,
  'Numero_Ligne_Facture' | 'Code_Produit' | 'Libelle_Produit'
>;

/**
 * The one matcher of domain.md §6, used by the enrichment (job 1), the correspondence check (job 4)
 * and the unknowns' resolution: the stored mappings (operators' choices) first, then Odoo (member
 * name, URCOOPA supplier code, service label). Each call answers for a whole batch of lines in a
 * constant number of Odoo calls (the catalog batches and caches for the run).
 */
@Injectable()
export class CorrespondenceMatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: OdooCatalogService,
  ) {}

  /** The member of each line: sync_member_mapping by Code_Client, then the name (safe tie rule). */
  async members(lines: MemberLine[]): Promise<(line: MemberLine) => OdooMember | null> {
    const codes = [...new Set(lines.map((l) => l.Code_Client))];
    if (codes.length === 0) return () => null;
    const [mappings, members] = await Promise.all([
      this.dataSource.getRepository(MemberMappingEntity).findBy({ codeClient: In(codes) }),
      this.catalog.members(),
    ]);
    const byId = new Map(members.map((m) => [m.id, m]));
    const byName = membersByName(members);
    // The operator's choice wins even for a partner outside the member list (a contact, say).
    const mapped = new Map(
      mappings.map((m) => [m.codeClient, byId.get(m.odooPartnerId) ?? chosenPartner(m.odooPartnerId)]),
    );
    return (line) => mapped.get(line.Code_Client) ?? byName.get(normalizeName(line.Nom_Client)) ?? null;
  }

  /**
   * The product of each line: sync_article_mapping (by label for line 900, then by code), then Odoo
   * (service product by label for line 900, then the URCOOPA supplier code). A mapping to a product
   * gone from Odoo is passed over.
   */
  async articles(lines: ArticleLine[]): Promise<(line: ArticleLine) => ProductMatch | null> {
    if (lines.length === 0) return () => null;
    // Operators' choices: a small table, read whole.
    const mappings = await this.dataSource.getRepository(ArticleMappingEntity).find();
    const mapped = new Map(mappings.map((m) => [`${m.kind}:${m.urcoopaKey}`, m.odooProductId]));
    const labelOf = (line: ArticleLine) => (matchedByLabel(line) ? (line.Libelle_Produit ?? '').trim() : '');
    const mappingOf = (line: ArticleLine) => {
      const label = labelOf(line);
      const code = articleCode(line);
      return (
        (label ? mapped.get(`label:${normalizeName(label)}`) : undefined) ??
        (code ? mapped.get(`code:${code}`) : undefined)
      );
    };
    const codes = lines.map(articleCode).filter((c): c is string => c !== null);
    const labels = lines.map(labelOf).filter(Boolean);
    const [byId, byCode, byLabel] = await Promise.all([
      this.catalog.productsByIds(lines.map(mappingOf).filter((id): id is number => id !== undefined)),
      codes.length > 0
        ? this.catalog.productsBySupplierCodes(codes)
        : Promise.resolve(new Map<string, OdooProductRef>()),
      labels.length > 0
        ? this.catalog.serviceProductsByLabels(labels)
        : Promise.resolve(new Map<string, OdooProductRef>()),
    ]);
    return (line) => {
      const id = mappingOf(line);
      const chosen = id !== undefined ? byId.get(id) : undefined;
      const label = labelOf(line);
      const code = articleCode(line);
      return (
        chosen ?? (label ? byLabel.get(label) : undefined) ?? (code ? byCode.get(code) : undefined) ?? null
      );
    };
  }

  /** One product by id (an operator's choice), or null when Odoo has no such active product. */
  async product(id: number): Promise<ProductMatch | null> {
    return (await this.catalog.productsByIds([id])).get(id) ?? null;
  }
}

function chosenPartner(id: number): OdooMember {
  return { id, name: '', ref: String(id), isAdherent: false, companyId: null };
}
