import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { BusinessClock } from '../common/reunion-time';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { toOdooNumber } from '../odoo/odoo-values';
import { OdooIntentService } from '../odoo-sync/odoo-intent.service';
import type { OdooIntentRequest, OdooIntentSpec } from '../odoo-sync/odoo-intent.types';
import { groupGesicaLines, type GesicaOrder } from './gesica-order.mapper';
import { GesicaRepository } from './gesica.repository';
import { OrdersErrorCode } from './orders.error';

export const GESICA_PREFIX = 'GESICA';
const DEFAULT_GESICA_DAYS = 30;

export interface GesicaReport {
  enocom: string;
  outcome: 'created' | 'already_in_odoo' | 'rejected' | 'failed' | 'pending';
  po?: number | null;
  message?: string;
}

/**
 * Gesica import (domain.md §5): CMD400 lines grouped by ENOCOM become URCOOPA purchase orders with
 * partner_ref GESICA<ENOCOM>, in GESICA_COMPANY_ID (default SICALAIT; CMD400 names no store), created exactly once
 * through OdooIntentService (the partner_ref is the marker an earlier attempt is found by).
 */
@SyncJob('gesica')
@Injectable()
export class GesicaImportService implements JobHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly gesica: GesicaRepository,
    private readonly catalog: OdooCatalogService,
    private readonly intents: OdooIntentService,
  ) {}

  unavailableReason(): string | null {
    return this.gesica.configured ? null : 'Gesica database not configured (GESICA_DB_HOST)';
  }

  async run(context: JobContext): Promise<JobResult> {
    this.catalog.beginRun();
    const days = Number(context.params.days ?? DEFAULT_GESICA_DAYS);
    const window = this.clock.window(days);
    const rows = await this.gesica.orderLinesSince(window.firstDay.replace(/-/g, ''));
    const { orders, rejected } = groupGesicaLines(rows, this.clock.zone);
    const reports: GesicaReport[] = rejected.map((r) => ({
      enocom: r.enocom,
      outcome: 'rejected',
      message: r.message,
    }));
    const errors: RecordError[] = rejected.map((r) => ({
      record: `Gesica ${r.enocom}`,
      field: r.field,
      code: OrdersErrorCode.InvalidGesicaLine,
      message: r.message,
    }));

    const existing = await this.catalog.purchaseOrdersByPartnerRefs(
      orders.map((o) => GESICA_PREFIX + o.enocom),
    );
    const known = new Map(existing.map((po) => [po.partnerRef, po.id]));
    const fresh = orders.filter((o) => {
      const id = known.get(GESICA_PREFIX + o.enocom);
      if (id !== undefined) reports.push({ enocom: o.enocom, outcome: 'already_in_odoo', po: id });
      return id === undefined;
    });
    const requests = await this.requests(fresh, reports, errors);
    const spec: OdooIntentSpec = {
      kind: 'gesica-po',
      model: 'purchase.order',
      markerField: 'partner_ref',
      marker: (request) => GESICA_PREFIX + request.businessKey,
      matchFields: ['partner_id'],
    };
    for (const outcome of await this.intents.ensure(spec, requests, context.signal)) {
      const ok =
        outcome.result === 'created' || outcome.result === 'adopted' || outcome.result === 'existing';
      reports.push({
        enocom: outcome.businessKey,
        outcome: ok ? 'created' : outcome.result === 'pending' ? 'pending' : 'failed',
        po: outcome.odooId,
        message: outcome.error ?? undefined,
      });
      if (!ok)
        errors.push({
          record: `Gesica ${outcome.businessKey}`,
          code: outcome.errorCode ?? 'ODOO_CREATE_FAILED',
          message: `Commande Gesica ${outcome.businessKey} non créée dans Odoo : ${outcome.error ?? outcome.result}`,
        });
    }
    const count = (o: GesicaReport['outcome']) => reports.filter((r) => r.outcome === o).length;
    return {
      counts: {
        read: orders.length + new Set(rejected.map((r) => r.enocom)).size,
        created: count('created'),
        unchanged: count('already_in_odoo'),
        rejected: count('rejected') + count('failed') + count('pending'),
      },
      errors,
      details: { days, firstDay: window.firstDay, orders: reports },
    };
  }

  /** The create values of each order; an order with a product unknown to Odoo is rejected with the reason. */
  private async requests(
    orders: GesicaOrder[],
    reports: GesicaReport[],
    errors: RecordError[],
  ): Promise<OdooIntentRequest[]> {
    if (orders.length === 0) return [];
    const [partnerId, companyId, uoms, products] = await Promise.all([
      this.catalog.urcoopaPartnerId(),
      this.config.odoo.gesicaCompanyId ?? this.catalog.sicalaitCompanyId(),
      this.catalog.uoms(),
      this.catalog.productsBySupplierCodes(orders.flatMap((o) => o.lines.map((l) => l.productCode))),
    ]);
    const requests: OdooIntentRequest[] = [];
    for (const order of orders) {
      const unknown = [...new Set(order.lines.map((l) => l.productCode).filter((c) => !products.has(c)))];
      if (unknown.length > 0) {
        const message = `Commande Gesica ${order.enocom} : produit(s) ${unknown.join(', ')} sans fiche fournisseur URCOOPA dans Odoo`;
        reports.push({ enocom: order.enocom, outcome: 'rejected', message });
        errors.push({
          record: `Gesica ${order.enocom}`,
          field: 'DNOPRO',
          code: OrdersErrorCode.UnknownProduct,
          message,
        });
        continue;
      }
      requests.push({
        businessKey: order.enocom,
        companyId,
        values: {
          partner_id: partnerId,
          date_order: order.dateOrder,
          date_planned: order.datePlanned,
          order_line: order.lines.map((line) => {
            const product = products.get(line.productCode)!;
            return [
              0,
              0,
              {
                product_id: product.productId,
                name: product.name,
                product_qty: toOdooNumber(line.qty, 4),
                product_uom: line.unit === 'TO' ? uoms.tonne : uoms.units,
                price_unit: toOdooNumber(line.price, 4),
                date_planned: order.datePlanned,
              },
            ];
          }),
        },
      });
    }
    return requests;
  }
}
