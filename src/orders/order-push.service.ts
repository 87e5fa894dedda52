import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DepotEntity } from '../invoices/entities/depot.entity';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { isTransientError, retryTransient } from '../jobs/retry';
import { beforeRunWrite } from '../jobs/run-guard';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { UrcoopaClient } from '../urcoopa/urcoopa.client';
import { UrcoopaError, UrcoopaErrorCode } from '../urcoopa/urcoopa.error';
import type { SentOrderStatus } from './entities/sent-order.entity';
import { buildJCommande, orderNumberOf, type BuiltOrder, type DepotInput } from './j-commande.builder';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { PurchaseOrderReader, type SelectedPurchaseOrder } from './purchase-order.reader';
import { classifyPushAnswer, SentOrderLedger } from './sent-order.ledger';

/** What happened to one order in this run. */
export type OrderOutcome =
  | SentOrderStatus
  /** Already sent or already received by an earlier run: nothing pushed. */
  | 'skipped'
  /** Could not be built (unmapped company, product without URCOOPA code…): nothing pushed. */
  | 'invalid'
  /** Not pushed because the API key was refused for an earlier order of this run. */
  | 'not_attempted';

export interface OrderReport {
  orderNumber: string;
  po: string;
  outcome: OrderOutcome;
  lines?: number;
  message?: string;
}

const PUSH_ATTEMPTS = 3;

/** Urcoopa answered nothing: no acknowledgement, whether or not it kept the order. */
class EmptyAnswer extends Error {
  constructor() {
    super("réponse vide d'Urcoopa (ni accusé de réception ni erreur)");
  }
}

/**
 * Job 7 (domain.md §5): confirmed URCOOPA POs of the last DATE_JOUR Réunion days → Push_Commandes,
 * each order number exactly once (SentOrderLedger: intent → push → outcome).
 */
@SyncJob('commandes')
@Injectable()
export class OrderPushService implements JobHandler {
  private readonly logger = new Logger(OrderPushService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly catalog: OdooCatalogService,
    private readonly reader: PurchaseOrderReader,
    private readonly ledger: SentOrderLedger,
    private readonly urcoopa: UrcoopaClient,
    @InjectRepository(DepotEntity) private readonly depots: Repository<DepotEntity>,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    this.catalog.beginRun();
    const days = Number(context.params.days ?? this.config.business.orderDays);
    const window = this.clock.window(days);
    const errors: RecordError[] = [];
    const selected = await this.reader.inWindow(window);
    await this.confirmSicalaitDrafts(selected, errors);
    const confirmed = selected.filter((po) => po.state === 'purchase' || po.state === 'done');

    const ledger = await this.ledger.find(confirmed.map((po) => orderNumberOf(po.name, po.partnerRef)));
    const reports: OrderReport[] = [];
    const todo: SelectedPurchaseOrder[] = [];
    for (const po of confirmed) {
      const orderNumber = orderNumberOf(po.name, po.partnerRef);
      const row = ledger.get(orderNumber);
      // The PO that took the number: one of this run, or the one an earlier run delivered.
      const twin =
        todo.find((t) => orderNumberOf(t.name, t.partnerRef) === orderNumber)?.name ??
        (this.ledger.isDelivered(row) && row?.odoo_po_name && row.odoo_po_name !== po.name
          ? row.odoo_po_name
          : undefined);
      if (!twin && this.ledger.isDelivered(row))
        reports.push({ orderNumber, po: po.name, outcome: 'skipped' });
      else if (!twin) todo.push(po);
      else {
        const message = `Commande ${po.name} : même numéro de commande ${orderNumber} que ${twin}, non envoyée`;
        reports.push({ orderNumber, po: po.name, outcome: 'invalid', message });
        errors.push({
          record: orderNumber,
          field: 'partner_ref',
          code: OrdersErrorCode.DuplicateNumber,
          message,
        });
      }
    }

    const built = await this.build(todo, reports, errors);
    let authFailure: string | null = null;
    for (const [index, { po, order }] of built.entries()) {
      if (context.signal.aborted) break;
      await beforeRunWrite();
      if (authFailure) {
        reports.push({ orderNumber: order.orderNumber, po: po.name, outcome: 'not_attempted' });
        continue;
      }
      const report = await this.push(po, order, context.signal);
      reports.push(report);
      if (report.outcome === 'auth_failed') authFailure = report.message ?? 'API key refused';
      if (report.outcome === 'rejected' || report.outcome === 'error')
        errors.push({
          record: report.orderNumber,
          code:
            report.outcome === 'rejected' ? OrdersErrorCode.RejectedByUrcoopa : OrdersErrorCode.PushFailed,
          message: `Commande ${report.orderNumber} (${po.name}) : ${report.message ?? ''}`,
        });
      context.progress(index + 1, built.length);
    }
    return this.result(days, window.firstDay, window.lastDay, selected.length, reports, errors, authFailure);
  }

  /** SICALAIT drafts (and RFQs sent) of the window are confirmed first, in one call. */
  private async confirmSicalaitDrafts(selected: SelectedPurchaseOrder[], errors: RecordError[]) {
    const sicalait = await this.catalog.sicalaitCompanyId();
    const drafts = selected.filter(
      (po) => po.companyId === sicalait && (po.state === 'draft' || po.state === 'sent'),
    );
    if (drafts.length === 0) return;
    try {
      await this.reader.confirm(
        drafts.map((po) => po.id),
        sicalait,
      );
      for (const po of drafts) po.state = 'purchase';
    } catch (error) {
      for (const po of drafts)
        errors.push({
          record: po.name,
          field: 'state',
          code: 'ODOO_CONFIRM_FAILED',
          message: `Confirmation de ${po.name} refusée par Odoo : ${(error as Error).message}`,
        });
    }
  }

  private async build(
    pos: SelectedPurchaseOrder[],
    reports: OrderReport[],
    errors: RecordError[],
  ): Promise<Array<{ po: SelectedPurchaseOrder; order: BuiltOrder }>> {
    if (pos.length === 0) return [];
    const [lines, companies, depotRows] = await Promise.all([
      this.reader.linesOf(pos.map((po) => po.id)),
      this.reader.companies(),
      this.depots.find({ order: { code_urcoopa: 'ASC' } }),
    ]);
    const depotsOf = (companyId: number): DepotInput[] =>
      depotRows
        .filter((d) => d.company_id === companyId)
        .map((d) => ({ codeUrcoopa: d.code_urcoopa, code: d.code, lib: d.lib }));
    const built: Array<{ po: SelectedPurchaseOrder; order: BuiltOrder }> = [];
    for (const po of pos) {
      const company = companies.get(po.companyId);
      try {
        const order = buildJCommande(
          {
            poName: po.name,
            partnerRef: po.partnerRef,
            dateOrder: po.dateOrder,
            datePlanned: po.datePlanned,
            companyId: po.companyId,
            companyName: company?.name ?? po.companyName,
            companyEmail: company?.email ?? null,
            // Odoo's res.company phone is not read: Urcoopa calls the store from its own records.
            companyPhone: null,
            depots: depotsOf(po.companyId),
            lines: lines.get(po.id) ?? [],
          },
          this.clock.zone,
        );
        built.push({ po, order });
      } catch (error) {
        if (!(error instanceof OrdersError)) throw error;
        const orderNumber = orderNumberOf(po.name, po.partnerRef);
        reports.push({ orderNumber, po: po.name, outcome: 'invalid', message: error.message });
        errors.push({
          record: orderNumber,
          field: typeof error.details?.field === 'string' ? error.details.field : undefined,
          code: error.code,
          message: error.message,
        });
      }
    }
    return built;
  }

  /** Intent → push → outcome, for one order. */
  private async push(
    po: SelectedPurchaseOrder,
    built: BuiltOrder,
    signal: AbortSignal,
  ): Promise<OrderReport> {
    const { order, orderNumber } = built;
    const base = { orderNumber, po: po.name, lines: order.Ligne_Commande.length };
    await this.ledger.markSending(
      {
        orderNumber,
        poName: po.name,
        codeClient: order.Code_Client,
        nomClient: order.Nom_Client,
        email: order.Email,
        lineCount: order.Ligne_Commande.length,
      },
      new Date(),
    );
    let status: SentOrderStatus;
    let message: string;
    try {
      // A retry after a lost or empty answer is safe: Urcoopa refuses a number it has ("déjà enregistrée").
      message = await retryTransient(
        async () => {
          const answer = await this.urcoopa.pushOrder(built.jCommande);
          if (answer.trim() === '') throw new EmptyAnswer();
          return answer;
        },
        {
          attempts: PUSH_ATTEMPTS,
          initialDelayMs: 500,
          signal,
          isTransient: (error) => error instanceof EmptyAnswer || isTransientError(error),
        },
      );
      status = classifyPushAnswer(message);
    } catch (error) {
      status =
        error instanceof UrcoopaError && error.code === UrcoopaErrorCode.AuthFailed ? 'auth_failed' : 'error';
      message = (error as Error).message;
    }
    await this.ledger.recordOutcome(orderNumber, status, message, new Date());
    if (status !== 'sent') this.logger.warn(`Commande ${orderNumber} (${po.name}): ${status}: ${message}`);
    return { ...base, outcome: status, message };
  }

  private result(
    days: number,
    firstDay: string,
    lastDay: string,
    read: number,
    orders: OrderReport[],
    errors: RecordError[],
    authFailure: string | null,
  ): JobResult {
    const count = (...outcomes: OrderOutcome[]) => orders.filter((o) => outcomes.includes(o.outcome)).length;
    return {
      counts: {
        read,
        created: count('sent'),
        unchanged: count('already_received'),
        skipped: count('skipped', 'not_attempted'),
        rejected: count('rejected', 'invalid', 'error', 'auth_failed'),
      },
      errors,
      details: { days, firstDay, lastDay, orders },
      ...(authFailure
        ? {
            status: 'failed' as const,
            failureReason: `Urcoopa a refusé la clé API : ${authFailure}`,
            external: true,
          }
        : {}),
    };
  }
}
