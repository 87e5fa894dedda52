import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARTICLE_STATUS, InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { groupInvoices } from '../invoices/urcoopa-invoice';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { CorrespondenceMatcher } from './correspondence-matcher.service';
import { convertedQuantity, memberLabel } from './matching-rules';
import { firstOf } from '../invoices/odoo-move.writer';
import { pendingMemberRows } from './member-invoices.query';
import { articleKey, UnknownsService } from './unknowns.service';

export interface MemberCheckReport {
  invoices: number;
  ready: string[];
  notReady: Array<{ numero: string; reasons: string[] }>;
  rowsRematched: number;
}

/**
 * Job 4 (domain.md §5): for VRAC member invoices not yet in Odoo, match the member and every
 * article (re-matching what the enrichment left unmatched, with the operator's mappings first);
 * fully matched invoices are marked ready ('déjà traiter'), the others fill the unknown tables.
 */
@SyncJob('verif-correspondance')
@Injectable()
export class MemberCheckService implements JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matcher: CorrespondenceMatcher,
    private readonly catalog: OdooCatalogService,
    private readonly unknowns: UnknownsService,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const report = await this.check(context.params.numeros);
    return {
      counts: { read: report.invoices, updated: report.rowsRematched, skipped: report.notReady.length },
      details: {
        ready: report.ready.length,
        notReady: firstOf(report.notReady),
        notReadyTotal: report.notReady.length,
      },
    };
  }

  /** Checks the pending member invoices (or these numbers); usable by pages and by resolution. */
  async check(numeros?: unknown): Promise<MemberCheckReport> {
    const rows = await pendingMemberRows(this.dataSource, numeros).getMany();
    if (rows.length === 0) return { invoices: 0, ready: [], notReady: [], rowsRematched: 0 };
    this.catalog.beginRun();
    const changed = new Set<InvoiceLineEntity>();
    const noMember = rows.filter((r) => !r.ID_Client_ODOO);
    const memberOf = await this.matcher.members(noMember);
    for (const row of noMember) {
      const member = memberOf(row);
      row.ID_Client_ODOO = member?.id ?? 0;
      row.Code_Client_ODOO = memberLabel(member);
      changed.add(row);
    }
    const noProduct = rows.filter((r) => !r.ID_Produit_ODOO);
    const productOf = await this.matcher.articles(noProduct);
    for (const row of noProduct) {
      const product = productOf(row);
      if (!product) continue;
      row.ID_Produit_ODOO = product.productId;
      row.ID_Produit_tmpl_ODOO = product.templateId;
      row.Code_Produit_ODOO = product.defaultCode;
      row.poid_unit_odoo = product.weightKg;
      row.Qte_Fact_Conv = convertedQuantity(row.Quantite_Facturee, row.Unite_Facturee, product.weightKg);
      changed.add(row);
    }

    const ready: string[] = [];
    const notReady: MemberCheckReport['notReady'] = [];
    for (const invoice of groupInvoices(rows)) {
      const memberOk = invoice.lines.every((l) => l.ID_Client_ODOO > 0);
      const reasons: string[] = [];
      if (!memberOk)
        reasons.push(
          `adhérent '${invoice.header.Nom_Client ?? ''}' (${invoice.header.Code_Client}) inconnu dans Odoo`,
        );
      for (const line of invoice.lines) {
        const adherent = memberOk ? ARTICLE_STATUS.done : ARTICLE_STATUS.pending;
        const article = line.ID_Produit_ODOO ? ARTICLE_STATUS.done : ARTICLE_STATUS.pending;
        if (!line.ID_Produit_ODOO)
          reasons.push(
            `ligne ${line.Numero_Ligne_Facture} : article '${articleKey(line)}' inconnu dans Odoo`,
          );
        if (
          line.Statut_Correspondance_Adherent !== adherent ||
          line.Statut_Correspondance_Article !== article
        ) {
          line.Statut_Correspondance_Adherent = adherent;
          line.Statut_Correspondance_Article = article;
          changed.add(line);
        }
      }
      if (reasons.length === 0) ready.push(invoice.numero);
      else notReady.push({ numero: invoice.numero, reasons });
    }
    await this.save([...changed]);
    await this.unknowns.recordMembers(rows.filter((r) => !r.ID_Client_ODOO));
    await this.unknowns.recordArticles(rows.filter((r) => !r.ID_Produit_ODOO));
    await this.unknowns.forget('member', [
      ...new Set(noMember.filter((r) => r.ID_Client_ODOO).map((r) => (r.Nom_Client ?? '').trim())),
    ]);
    await this.unknowns.forget('article', [
      ...new Set(noProduct.filter((r) => r.ID_Produit_ODOO).map(articleKey)),
    ]);
    return { invoices: ready.length + notReady.length, ready, notReady, rowsRematched: changed.size };
  }

  private async save(rows: InvoiceLineEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) {
        await manager.update(
          InvoiceLineEntity,
          { Numero_Facture: row.Numero_Facture, Numero_Ligne_Facture: row.Numero_Ligne_Facture },
          {
            ID_Client_ODOO: row.ID_Client_ODOO,
            Code_Client_ODOO: row.Code_Client_ODOO,
            ID_Produit_ODOO: row.ID_Produit_ODOO,
            ID_Produit_tmpl_ODOO: row.ID_Produit_tmpl_ODOO,
            Code_Produit_ODOO: row.Code_Produit_ODOO,
            poid_unit_odoo: row.poid_unit_odoo,
            Qte_Fact_Conv: row.Qte_Fact_Conv,
            Statut_Correspondance_Adherent: row.Statut_Correspondance_Adherent,
            Statut_Correspondance_Article: row.Statut_Correspondance_Article,
          },
        );
      }
    });
  }
}
