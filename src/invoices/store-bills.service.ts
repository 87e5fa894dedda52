import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnknownsService } from '../correspondence/unknowns.service';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import type { RecordError } from '../jobs/job-run.entity';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooIntentService } from '../odoo-sync/odoo-intent.service';
import {
  MOVE_MATCH_FIELDS,
  type OdooIntentRequest,
  type OdooIntentSpec,
} from '../odoo-sync/odoo-intent.types';
import { INTEGRATION_STATUS, InvoiceLineEntity } from './entities/invoice-line.entity';
import { BillHoldService } from '../reconciliation/bill-hold.service';
import { MoveLookupsService } from './move-lookups.service';
import { buildMove, purchaseOrderNames } from './odoo-move.builder';
import { firstOf, InvoiceIntegrationWriter, isInOdoo, outcomeErrors } from './odoo-move.writer';
import { groupInvoices, urcoopaTotals, type UrcoopaInvoiceRows } from './urcoopa-invoice';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

export const STORE_BILL_KIND = 'facture-magasin';

/**
 * Job 6 (domain.md §5): each store invoice (Type_Client 'MAG. …') linked to an Odoo PO becomes one
 * vendor bill (credit note: in_refund) in the store's company, exactly once, through OdooIntentService.
 * Params: `numeros` (optional) restricts the run to these invoice numbers.
 */
@SyncJob('factures-magasins')
@Injectable()
export class StoreBillsService implements JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lookups: MoveLookupsService,
    private readonly intents: OdooIntentService,
    private readonly writer: InvoiceIntegrationWriter,
    private readonly unknowns: UnknownsService,
    private readonly hold: BillHoldService,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const invoices = groupInvoices(await this.pendingRows(context.params.numeros));
    const errors: RecordError[] = [];
    const skipped: Array<{ numero: string; reason: string }> = [];
    const held = await this.hold.held(invoices.map((i) => i.numero));
    const linked = invoices.filter((i) => {
      const heldReason = held.get(i.numero);
      if (heldReason) {
        skipped.push({ numero: i.numero, reason: heldReason });
        errors.push(BillHoldService.error(i.numero, 'Facture magasin', heldReason));
        return false;
      }
      if (purchaseOrderNames(i).length > 0) return true;
      skipped.push({ numero: i.numero, reason: 'aucune commande Odoo liée (Numero_Commande_ODOO vide)' });
      return false;
    });
    context.progress(0, linked.length);
    if (linked.length === 0)
      return {
        counts: { read: invoices.length, skipped: skipped.length },
        errors,
        details: { skipped: firstOf(skipped), skippedTotal: skipped.length },
      };

    const companies = linked.map((i) => i.header.Societe_Facture_ODOO).filter((c): c is number => !!c);
    const lookups = await this.lookups.load(linked, companies, true);
    const requests: OdooIntentRequest[] = [];
    const unknownArticles: InvoiceLineEntity[] = [];
    for (const invoice of linked) {
      const problems = this.check(invoice, lookups);
      const companyId = invoice.header.Societe_Facture_ODOO;
      const built = companyId
        ? buildMove(
            invoice,
            this.lookups.context(lookups, invoice, 'vendor', companyId, lookups.urcoopaPartnerId, true),
          )
        : null;
      if (built && !built.ok) problems.push(...built.problems);
      unknownArticles.push(...invoice.lines.filter((l) => !l.ID_Produit_ODOO));
      if (problems.length > 0 || !built || !built.ok) {
        skipped.push({ numero: invoice.numero, reason: problems.join('; ') });
        errors.push({
          record: invoice.numero,
          code: 'NOT_SENT',
          message: `Facture magasin ${invoice.numero} non envoyée : ${problems.join('; ')}`,
        });
        continue;
      }
      requests.push({
        businessKey: invoice.numero,
        companyId,
        values: built.values,
        expectedTotals: urcoopaTotals(invoice),
      });
    }
    await this.unknowns.recordArticles(unknownArticles);

    const outcomes = await this.intents.ensure(this.spec(), requests, context.signal);
    const integrated: Array<{ numero: string; moveId: number }> = [];
    for (const outcome of outcomes) {
      errors.push(...outcomeErrors(outcome.businessKey, 'Facture magasin', outcome));
      if (isInOdoo(outcome)) integrated.push({ numero: outcome.businessKey, moveId: outcome.odooId! });
    }
    await this.writer.markIntegrated(integrated);
    context.progress(linked.length, linked.length);
    const count = (r: string) => outcomes.filter((o) => o.result === r).length;
    return {
      counts: {
        read: invoices.length,
        created: count('created') + count('adopted'),
        unchanged: count('existing'),
        skipped: skipped.length,
        rejected: outcomes.length - integrated.length,
      },
      errors,
      details: {
        moves: firstOf(outcomes, (o) => !isInOdoo(o) || o.issues.length > 0).map((o) => ({
          numero: o.businessKey,
          result: o.result,
          moveId: o.odooId,
          state: o.odooState,
          error: o.error,
        })),
        movesTotal: outcomes.length,
        skipped: firstOf(skipped),
        skippedTotal: skipped.length,
      },
    };
  }

  spec(): OdooIntentSpec {
    return {
      kind: STORE_BILL_KIND,
      model: 'account.move',
      moveKey: true,
      matchFields: MOVE_MATCH_FIELDS,
      checkTotals: true,
      confirmMethod: this.config.odoo.postMoves ? 'action_post' : undefined,
    };
  }

  private check(
    invoice: UrcoopaInvoiceRows,
    lookups: Awaited<ReturnType<MoveLookupsService['load']>>,
  ): string[] {
    const problems: string[] = [];
    if (!invoice.header.Societe_Facture_ODOO) {
      problems.push(`magasin ${invoice.header.Code_Client} inconnu (absent de sic_depot)`);
    }
    for (const name of purchaseOrderNames(invoice)) {
      const order = lookups.purchaseOrder(name);
      if (!order) problems.push(`commande ${name} introuvable dans Odoo`);
      else if (
        invoice.header.Societe_Facture_ODOO &&
        order.companyId !== invoice.header.Societe_Facture_ODOO
      ) {
        problems.push(
          `commande ${name} de la société Odoo ${order.companyId}, pas de celle du magasin (${invoice.header.Societe_Facture_ODOO}) : règle multi-société`,
        );
      }
    }
    return problems;
  }

  private pendingRows(numeros: unknown): Promise<InvoiceLineEntity[]> {
    const query = this.dataSource
      .getRepository(InvoiceLineEntity)
      .createQueryBuilder('f')
      .where("UPPER(f.Type_Client) LIKE 'MAG.%'")
      .andWhere('f.Statut_Integration_Fac_inOdoo = :pending', { pending: INTEGRATION_STATUS.pending });
    if (Array.isArray(numeros) && numeros.length > 0)
      query.andWhere('f.Numero_Facture IN (:...numeros)', { numeros });
    return query.getMany();
  }
}
