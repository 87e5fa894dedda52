import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { normalizeName } from '../common/text';
import { INTEGRATION_STATUS, InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { OdooClient } from '../odoo/odoo.client';
import { CorrespondenceMatcher } from './correspondence-matcher.service';
import { CorrespondenceError, CorrespondenceErrorCode } from './correspondence.error';
import { ArticleMappingEntity } from './entities/article-mapping.entity';
import { MemberMappingEntity } from './entities/member-mapping.entity';
import { MemberCheckService } from './member-check.service';
import { convertedQuantity, memberLabel } from './matching-rules';
import { articleKey, UnknownsService } from './unknowns.service';

export interface ResolveMemberInput {
  codeClient?: string;
  nomClient?: string;
  odooPartnerId: number;
  resolvedBy?: string;
}

export interface ResolveArticleInput {
  code?: string;
  libelle?: string;
  odooProductId: number;
  resolvedBy?: string;
}

export interface ResolutionResult {
  /** The stored mapping keys (customer codes, or article code / normalised label). */
  mappings: string[];
  odooId: number;
  odooName: string;
  rowsUpdated: number;
  invoices: string[];
  /** Member invoices now ready for injection. */
  ready: string[];
}

/**
 * An operator links an unknown member or article to an Odoo record (checked to exist): the link is
 * stored (sync_member_mapping / sync_article_mapping, used by every later match) and the pending
 * rows concerned are re-matched at once.
 */
@Injectable()
export class UnknownsResolutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly odoo: OdooClient,
    private readonly matcher: CorrespondenceMatcher,
    private readonly check: MemberCheckService,
    private readonly unknowns: UnknownsService,
  ) {}

  async resolveMember(input: ResolveMemberInput): Promise<ResolutionResult> {
    const code = input.codeClient?.trim();
    const name = input.nomClient?.trim();
    if (!code && !name) throw invalid('codeClient ou nomClient est requis');
    const [partner] = await this.odoo.read<{
      id: number;
      name: string;
      ref: string | false;
      category_id: number[];
    }>('res.partner', [input.odooPartnerId], ['name', 'ref', 'category_id']);
    if (!partner) throw notInOdoo(`Partenaire Odoo ${input.odooPartnerId} introuvable`);
    const adherent = partner.category_id.length
      ? await this.odoo.searchRead(
          'res.partner.category',
          [
            ['id', 'in', partner.category_id],
            ['name', '=ilike', 'ADHERENT'],
          ],
          ['id'],
        )
      : [];
    const lines = this.pending();
    const rows = await lines.find({ where: code ? { Code_Client: code } : { Nom_Client: name } });
    const codes = code ? [code] : [...new Set(rows.map((r) => r.Code_Client))];
    if (codes.length === 0) throw nothing(`Aucune facture en attente pour l'adhérent '${name}'`);
    const now = new Date();
    await this.dataSource.getRepository(MemberMappingEntity).save(
      codes.map((c) => ({
        codeClient: c,
        odooPartnerId: partner.id,
        nomClient: rows.find((r) => r.Code_Client === c)?.Nom_Client ?? name ?? null,
        createdBy: input.resolvedBy ?? null,
        createdAt: now,
      })),
    );
    const affected = await lines.find({
      where: { Code_Client: In(codes), Statut_Integration_Fac_inOdoo: INTEGRATION_STATUS.pending },
    });
    const label = memberLabel({
      ref: partner.ref || null,
      name: partner.name,
      isAdherent: adherent.length > 0,
    });
    await lines.update(
      { Code_Client: In(codes), Statut_Integration_Fac_inOdoo: INTEGRATION_STATUS.pending },
      { ID_Client_ODOO: partner.id, Code_Client_ODOO: label },
    );
    await this.unknowns.forget('member', [
      ...new Set([...affected.map((r) => (r.Nom_Client ?? '').trim()), ...(name ? [name] : [])]),
    ]);
    return this.finish(codes, partner.id, partner.name, affected);
  }

  async resolveArticle(input: ResolveArticleInput): Promise<ResolutionResult> {
    const code = input.code?.trim();
    const label = input.libelle?.trim();
    if (!code && !label) throw invalid('code ou libelle est requis');
    const product = await this.matcher.product(input.odooProductId);
    if (!product) throw notInOdoo(`Produit Odoo ${input.odooProductId} introuvable`);
    const key = code ?? normalizeName(label);
    const lines = this.pending();
    const candidates = code
      ? await lines.find({
          where: { Code_Produit: code, Statut_Integration_Fac_inOdoo: INTEGRATION_STATUS.pending },
        })
      : (
          await lines.find({
            where: { Code_Produit: IsNull(), Statut_Integration_Fac_inOdoo: INTEGRATION_STATUS.pending },
          })
        ).filter((r) => normalizeName(r.Libelle_Produit) === key);
    await this.dataSource.getRepository(ArticleMappingEntity).save({
      kind: code ? 'code' : 'label',
      urcoopaKey: key,
      odooProductId: product.productId,
      createdBy: input.resolvedBy ?? null,
      createdAt: new Date(),
    });
    await this.dataSource.transaction(async (manager) => {
      for (const row of candidates) {
        await manager.update(
          InvoiceLineEntity,
          { Numero_Facture: row.Numero_Facture, Numero_Ligne_Facture: row.Numero_Ligne_Facture },
          {
            ID_Produit_ODOO: product.productId,
            ID_Produit_tmpl_ODOO: product.templateId,
            Code_Produit_ODOO: product.defaultCode,
            poid_unit_odoo: product.weightKg,
            Qte_Fact_Conv: convertedQuantity(row.Quantite_Facturee, row.Unite_Facturee, product.weightKg),
          },
        );
      }
    });
    await this.unknowns.forget('article', [...new Set([...candidates.map(articleKey), code ?? label!])]);
    const [named] = await this.odoo.read<{ id: number; display_name: string }>(
      'product.product',
      [product.productId],
      ['display_name'],
    );
    return this.finish(
      [key],
      product.productId,
      named?.display_name ?? String(product.productId),
      candidates,
    );
  }

  private async finish(
    keys: string[],
    odooId: number,
    odooName: string,
    rows: InvoiceLineEntity[],
  ): Promise<ResolutionResult> {
    const invoices = [...new Set(rows.map((r) => r.Numero_Facture))].sort();
    const report = invoices.length ? await this.check.check(invoices) : null;
    return {
      mappings: keys,
      odooId,
      odooName,
      rowsUpdated: rows.length,
      invoices,
      ready: report?.ready ?? [],
    };
  }

  private pending() {
    return this.dataSource.getRepository(InvoiceLineEntity);
  }
}

const invalid = (m: string) => CorrespondenceError.badRequest(CorrespondenceErrorCode.InvalidInput, m);
const notInOdoo = (m: string) => CorrespondenceError.notFound(CorrespondenceErrorCode.OdooRecordNotFound, m);
const nothing = (m: string) => CorrespondenceError.notFound(CorrespondenceErrorCode.NothingToResolve, m);
