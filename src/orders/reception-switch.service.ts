import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { m2oId, type Many2one } from '../odoo/odoo.types';
import type { OdooIntentOutcome } from '../odoo-sync/odoo-intent.types';
import { DropshipLinker } from './dropship-linker';
import { OrdersErrorCode } from './orders.error';
import { PoBillService, type PoToBill } from './po-bill.service';

export const DEFAULT_SWITCH_DAYS = 30;

export interface SwitchReport {
  po: string;
  kind: 'intercompany' | 'dropship';
  outcome:
    | 'bill_created'
    | 'bill_exists'
    | 'linked_to_urcoopa_bill'
    | 'awaiting_urcoopa_bill'
    | 'pending'
    | 'failed';
  billId?: number | null;
  invoiceStatus?: string | null;
  message?: string;
}

interface PoRow {
  id: number;
  name: string;
  company_id: Many2one;
}

export const INTERCOMPANY_NOT_CONFIGURED =
  'Bascule des commandes intersociétés : ODOO_INTERCOMPANY_PARTNER_ID non défini';

/**
 * Job 3 (domain.md §5), "switch after reception":
 * - store POs to the intercompany supplier, received and `to invoice` → their draft bill, made by
 *   Odoo's action_create_invoice, once per PO (PoBillService);
 * - Urcoopa drop-ship POs (purchase, invoice_status 'no') that an imported Urcoopa invoice line
 *   references → received (their drop-ship picking validated) and the vendor bill that jobs 5/6 made
 *   for that Urcoopa invoice linked to their lines, so that Odoo itself computes 'invoiced'. invoice_status is never written: it is a
 *   computed field that Odoo would recompute (and undo) at the next change of the PO.
 */
@SyncJob('switch-factures')
@Injectable()
export class ReceptionSwitchService implements JobHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly odoo: OdooClient,
    private readonly catalog: OdooCatalogService,
    private readonly bills: PoBillService,
    private readonly dropship: DropshipLinker,
    @InjectRepository(InvoiceLineEntity) private readonly invoiceLines: Repository<InvoiceLineEntity>,
  ) {}

  notConfigured(): string[] {
    return this.config.odoo.intercompanyPartnerId ? [] : [INTERCOMPANY_NOT_CONFIGURED];
  }

  async run(context: JobContext): Promise<JobResult> {
    this.catalog.beginRun();
    const days = Number(context.params.days ?? DEFAULT_SWITCH_DAYS);
    const window = this.clock.window(days);
    const errors: RecordError[] = [];
    const reports: SwitchReport[] = [];

    const interco = await this.intercompanyPos(window.fromUtc, window.toUtc);
    const outcomes = await this.bills.ensureBills(interco, context.signal);
    for (const po of interco) reports.push(this.report(po, 'intercompany', outcomes.get(po.name), errors));

    const references = await this.urcoopaReferences();
    const drops = await this.dropship.candidates([...references.keys()]);
    if (drops.length > 0) {
      await this.dropship.receive(drops, errors);
      // The vendor bill of a drop-ship PO is the one jobs 5/6 make for the Urcoopa invoice (ref =
      // invoice number). Billing the PO here too (action_create_invoice) would bill the same goods
      // twice; until that bill exists the PO waits, and a later run links it.
      const linked = await this.dropship.linkToUrcoopaBills(drops, references, errors);
      for (const po of drops) {
        const bill = linked.get(po.name);
        reports.push(
          bill
            ? { po: po.name, kind: 'dropship', outcome: 'linked_to_urcoopa_bill', billId: bill }
            : {
                po: po.name,
                kind: 'dropship',
                outcome: 'awaiting_urcoopa_bill',
                message: `en attente de la facture fournisseur de ${(references.get(po.name) ?? []).join(', ')}`,
              },
        );
      }
    }
    await this.readStatuses(reports, [...interco, ...drops]);
    context.progress(reports.length, reports.length);
    return {
      counts: {
        read: interco.length + drops.length,
        created: reports.filter((r) => r.outcome === 'bill_created').length,
        updated: reports.filter((r) => r.outcome === 'linked_to_urcoopa_bill').length,
        unchanged: reports.filter((r) => r.outcome === 'bill_exists').length,
        skipped: reports.filter((r) => r.outcome === 'awaiting_urcoopa_bill').length,
        rejected: reports.filter((r) => r.outcome === 'failed' || r.outcome === 'pending').length,
      },
      errors,
      details: {
        days,
        firstDay: window.firstDay,
        lastDay: window.lastDay,
        orders: reports,
        notConfigured: this.notConfigured(),
      },
    };
  }

  private async intercompanyPos(fromUtc: string, toUtc: string): Promise<PoToBill[]> {
    const partnerId = this.config.odoo.intercompanyPartnerId;
    // Not configured is not a failure (see notConfigured()): the drop-ship part still runs.
    if (!partnerId) return [];
    const rows = await this.odoo.searchReadAll<PoRow>(
      'purchase.order',
      [
        ['partner_id', '=', partnerId],
        ['state', 'in', ['purchase', 'done']],
        ['invoice_status', '=', 'to invoice'],
        ['receipt_status', '=', 'full'],
        ['date_order', '>=', fromUtc],
        ['date_order', '<', toUtc],
      ],
      ['id', 'name', 'company_id'],
    );
    return rows.map((po) => ({ id: po.id, name: po.name, companyId: m2oId(po.company_id) ?? 0 }));
  }

  /** PO name → the Urcoopa invoice numbers whose lines reference it (Numero_Commande_ODOO). */
  private async urcoopaReferences(): Promise<Map<string, string[]>> {
    const rows = await this.invoiceLines
      .createQueryBuilder('l')
      .select(['l.Numero_Commande_ODOO AS po', 'l.Numero_Facture AS invoice'])
      .where({ Numero_Commande_ODOO: Not(IsNull()) })
      .distinct(true)
      .getRawMany<{ po: string; invoice: string }>();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.po, [...(out.get(r.po) ?? []), String(r.invoice)]);
    return out;
  }

  private report(
    po: PoToBill,
    kind: SwitchReport['kind'],
    outcome: OdooIntentOutcome | undefined,
    errors: RecordError[],
  ): SwitchReport {
    const result = outcome?.result;
    const mapped: SwitchReport['outcome'] =
      result === 'created'
        ? 'bill_created'
        : result === 'adopted' || result === 'existing'
          ? 'bill_exists'
          : result === 'pending'
            ? 'pending'
            : 'failed';
    const message = outcome?.error ?? (result ? undefined : 'aucune réponse du mécanisme de création');
    if (mapped === 'failed' || mapped === 'pending')
      errors.push({
        record: po.name,
        code: OrdersErrorCode.SwitchFailed,
        message: `Facture brouillon de ${po.name} : ${message ?? result ?? ''}`,
      });
    return { po: po.name, kind, outcome: mapped, billId: outcome?.odooId ?? null, message };
  }

  private async readStatuses(reports: SwitchReport[], pos: PoToBill[]): Promise<void> {
    if (pos.length === 0) return;
    const rows = await this.odoo.read<{ id: number; name: string; invoice_status: string | false }>(
      'purchase.order',
      pos.map((po) => po.id),
      ['id', 'name', 'invoice_status'],
    );
    const status = new Map(rows.map((r) => [r.name, r.invoice_status || null]));
    for (const r of reports) r.invoiceStatus = status.get(r.po) ?? null;
  }
}
