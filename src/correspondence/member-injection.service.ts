import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ARTICLE_STATUS } from '../invoices/entities/invoice-line.entity';
import { MoveLookupsService } from '../invoices/move-lookups.service';
import { buildMove } from '../invoices/odoo-move.builder';
import { firstOf, InvoiceIntegrationWriter, isInOdoo, outcomeErrors } from '../invoices/odoo-move.writer';
import { groupInvoices, urcoopaTotals, type UrcoopaInvoiceRows } from '../invoices/urcoopa-invoice';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooIntentService } from '../odoo-sync/odoo-intent.service';
import {
  MOVE_MATCH_FIELDS,
  type OdooIntentOutcome,
  type OdooIntentRequest,
  type OdooIntentSpec,
} from '../odoo-sync/odoo-intent.types';
import { BillHoldService, HELD_CODE } from '../reconciliation/bill-hold.service';
import { pendingMemberRows } from './member-invoices.query';

export const MEMBER_BILL_KIND = 'facture-adherent-achat';
export const MEMBER_SALE_KIND = 'facture-adherent-vente';

export interface MemberInvoiceOutcome {
  numero: string;
  integrated: boolean;
  vendorBill: Pick<OdooIntentOutcome, 'result' | 'odooId' | 'odooState' | 'error' | 'issues'> | null;
  customerInvoice: Pick<OdooIntentOutcome, 'result' | 'odooId' | 'odooState' | 'error' | 'issues'> | null;
  notSent: string[];
}

/**
 * Job 5 (domain.md §5): each ready member invoice becomes, in the SICALAIT company, the URCOOPA
 * vendor bill (in_invoice / in_refund) and the member's customer invoice (out_invoice / out_refund)
 * at Prix_Unitaire × COEFFICIENT, each exactly once. Params: `numeros` restricts the run.
 */
@SyncJob('injection-adherents')
@Injectable()
export class MemberInjectionService implements JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lookups: MoveLookupsService,
    private readonly intents: OdooIntentService,
    private readonly writer: InvoiceIntegrationWriter,
    private readonly hold: BillHoldService,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const invoices = groupInvoices(
      await pendingMemberRows(this.dataSource, context.params.numeros).getMany(),
    );
    const held = await this.hold.held(invoices.map((i) => i.numero));
    const outcomes = new Map<string, MemberInvoiceOutcome>(
      invoices.map((i) => [
        i.numero,
        { numero: i.numero, integrated: false, vendorBill: null, customerInvoice: null, notSent: [] },
      ]),
    );
    const ready = invoices.filter((i) => {
      const reasons = this.notReadyReasons(i);
      const heldReason = held.get(i.numero);
      if (heldReason) reasons.push(heldReason);
      outcomes.get(i.numero)!.notSent.push(...reasons);
      return reasons.length === 0;
    });
    context.progress(0, ready.length);
    const errors: RecordError[] = [];
    if (ready.length > 0) await this.inject(ready, outcomes, errors, context.signal);
    const list = [...outcomes.values()];
    const explicit = Array.isArray(context.params.numeros);
    for (const o of list.filter(
      (x) => x.notSent.length > 0 && (explicit || x.vendorBill || x.customerInvoice || held.has(x.numero)),
    )) {
      errors.push({
        record: o.numero,
        code: held.has(o.numero) ? HELD_CODE : 'NOT_SENT',
        message: `Facture adhérent ${o.numero} non envoyée : ${o.notSent.join('; ')}`,
      });
    }
    context.progress(ready.length, ready.length);
    const moves = list.flatMap((o) => [o.vendorBill, o.customerInvoice]).filter((m) => m !== null);
    return {
      counts: {
        read: invoices.length,
        created: moves.filter((m) => m.result === 'created' || m.result === 'adopted').length,
        unchanged: moves.filter((m) => m.result === 'existing').length,
        skipped: list.filter((o) => o.notSent.length > 0).length,
        rejected: list.filter((o) => o.notSent.length === 0 && !o.integrated).length,
      },
      errors,
      details: { invoices: firstOf(list, (o) => !o.integrated), invoicesTotal: list.length },
    };
  }

  specs(): { vendor: OdooIntentSpec; customer: OdooIntentSpec } {
    const common = {
      model: 'account.move',
      moveKey: true,
      matchFields: MOVE_MATCH_FIELDS,
      checkTotals: true,
      confirmMethod: this.config.odoo.postMoves ? 'action_post' : undefined,
    };
    return { vendor: { kind: MEMBER_BILL_KIND, ...common }, customer: { kind: MEMBER_SALE_KIND, ...common } };
  }

  private notReadyReasons(invoice: UrcoopaInvoiceRows): string[] {
    const reasons: string[] = [];
    const done = ARTICLE_STATUS.done;
    if (invoice.lines.some((l) => l.Statut_Correspondance_Adherent !== done || !l.ID_Client_ODOO)) {
      reasons.push(
        `adhérent non rapproché (${invoice.header.Code_Client} ${invoice.header.Nom_Client ?? ''})`,
      );
    }
    if (invoice.lines.some((l) => l.Statut_Correspondance_Article !== done || !l.ID_Produit_ODOO)) {
      reasons.push('article(s) non rapproché(s)');
    }
    if (this.config.business.injectOnlyValidated && invoice.lines.some((l) => !l.facture_valider)) {
      reasons.push('facture non validée (INJECT_ONLY_VALIDATED)');
    }
    return reasons;
  }

  private async inject(
    invoices: UrcoopaInvoiceRows[],
    outcomes: Map<string, MemberInvoiceOutcome>,
    errors: RecordError[],
    signal: AbortSignal,
  ): Promise<void> {
    const lookups = await this.lookups.load(invoices, [], true);
    const company = lookups.sicalaitCompanyId;
    const vendor: OdooIntentRequest[] = [];
    const customer: OdooIntentRequest[] = [];
    for (const invoice of invoices) {
      const bill = buildMove(
        invoice,
        this.lookups.context(lookups, invoice, 'vendor', company, lookups.urcoopaPartnerId, true),
      );
      const sale = buildMove(
        invoice,
        this.lookups.context(lookups, invoice, 'customer', company, invoice.header.ID_Client_ODOO, false),
      );
      const problems = [...(bill.ok ? [] : bill.problems), ...(sale.ok ? [] : sale.problems)];
      if (!bill.ok || !sale.ok) {
        outcomes.get(invoice.numero)!.notSent.push(...new Set(problems));
        continue;
      }
      vendor.push({
        businessKey: invoice.numero,
        companyId: company,
        values: bill.values,
        expectedTotals: urcoopaTotals(invoice),
      });
      customer.push({
        businessKey: invoice.numero,
        companyId: company,
        values: sale.values,
        expectedTotals: sale.expected,
      });
    }
    const specs = this.specs();
    const bills = await this.intents.ensure(specs.vendor, vendor, signal);
    const billByKey = new Map(bills.map((b) => [b.businessKey, b]));
    // The member is invoiced only once the purchase is in Odoo: the books never hold the resale
    // without the Urcoopa bill it comes from.
    const billed = customer.filter((c) => isInOdoo(billByKey.get(c.businessKey)));
    for (const c of customer.filter((x) => !isInOdoo(billByKey.get(x.businessKey)))) {
      outcomes
        .get(c.businessKey)!
        .notSent.push("facture client en attente : la facture fournisseur URCOOPA n'est pas dans Odoo");
    }
    const sales = await this.intents.ensure(specs.customer, billed, signal);
    const integrated: Array<{ numero: string; moveId: number }> = [];
    const pick = (o: OdooIntentOutcome) => ({
      result: o.result,
      odooId: o.odooId,
      odooState: o.odooState,
      error: o.error,
      issues: o.issues,
    });
    for (const o of bills) {
      outcomes.get(o.businessKey)!.vendorBill = pick(o);
      errors.push(...outcomeErrors(o.businessKey, 'Facture fournisseur adhérent', o));
    }
    for (const o of sales) {
      const outcome = outcomes.get(o.businessKey)!;
      outcome.customerInvoice = pick(o);
      errors.push(...outcomeErrors(o.businessKey, 'Facture client adhérent', o));
      if (isInOdoo(o) && isInOdoo(billByKey.get(o.businessKey))) {
        outcome.integrated = true;
        integrated.push({ numero: o.businessKey, moveId: o.odooId! });
      }
    }
    await this.writer.markIntegrated(integrated);
  }
}
