import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { markInvoiceMonthsDirty, markMonthsDirty, MonthFiguresService } from '../accounting/month-figures';
import { MEMBER_BILL_KIND, MEMBER_SALE_KIND } from '../correspondence/member-injection.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { summarizeError } from '../jobs/job-history.service';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooIntentEntity } from '../odoo-sync/entities/odoo-intent.entity';
import { parseInvoices, type UrcoopaInvoiceRecord } from '../urcoopa/urcoopa-payload';
import { ARTICLE_STATUS, INTEGRATION_STATUS, InvoiceLineEntity } from './entities/invoice-line.entity';
import type { GroupedTable } from './grouped-upsert';
import { InvoiceEnrichmentService, type EnrichmentReport } from './invoice-enrichment.service';
import { updateInvoices } from './sql';
import { STORE_BILL_KIND } from './store-bills.service';
import { rejectionError } from './rejected-payloads.service';
import { INVOICE_CONTENT_COLUMNS, invoiceDocument } from './urcoopa-rows';
import { UrcoopaWindowImport } from './urcoopa-window-import';
import type { DatedDocuments } from './window-completeness';

/** sic_urcoopa_facture as grouped documents: one invoice = its lines. */
export const INVOICE_TABLE: GroupedTable<UrcoopaInvoiceRecord> = {
  entity: InvoiceLineEntity,
  table: 'sic_urcoopa_facture',
  groupColumn: 'Numero_Facture',
  lineColumn: 'Numero_Ligne_Facture',
  updateColumns: INVOICE_CONTENT_COLUMNS,
  extraColumns: ['ID_Facture_ODOO', 'Statut_Integration_Fac_inOdoo'],
  key: (r) => r.Numero_Facture,
  label: (r) => `facture ${r.Numero_Facture}`,
  hash: (r) => r.contentHash,
  rows: invoiceDocument,
  lockedReason(existing) {
    const sent = existing.find((r) => Number(r.ID_Facture_ODOO ?? 0) > 0);
    if (sent) return `it was already sent to Odoo (move ${String(sent.ID_Facture_ODOO)})`;
    if (existing.some((r) => r.Statut_Integration_Fac_inOdoo === INTEGRATION_STATUS.done))
      return `it is already '${INTEGRATION_STATUS.done}' in Odoo`;
    return null;
  },
  // A move made from the invoice (one of the member's two, or a store bill whose bookkeeping was
  // lost) is in Odoo, or may be (sent without an answer): new content would no longer match it.
  async lockedElsewhere(dataSource: DataSource, keys: string[]) {
    const intents = await dataSource.getRepository(OdooIntentEntity).findBy({
      kind: In([MEMBER_BILL_KIND, MEMBER_SALE_KIND, STORE_BILL_KIND]),
      businessKey: In(keys),
      status: In(['created', 'pending', 'conflict']),
    });
    const reasons = new Map<string, string>();
    for (const intent of intents) {
      if (intent.status === 'pending' && intent.attempts === 0) continue; // never sent
      const what =
        intent.status === 'created'
          ? `its ${intent.kind} move ${String(intent.odooId)} is already in Odoo`
          : intent.status === 'conflict'
            ? `its ${intent.kind} move is in conflict in Odoo`
            : `its ${intent.kind} move was sent to Odoo without an answer`;
      reasons.set(intent.businessKey, what);
    }
    return reasons;
  },
  // The months the invoices leave (read from their stored rows) and enter (their new date): their
  // figures are rebuilt.
  beforeUpdate: markInvoiceMonthsDirty,
  afterWrite: (manager: EntityManager, records: UrcoopaInvoiceRecord[]) =>
    markMonthsDirty(
      manager,
      records.map((r) => r.Date_Facture.slice(0, 7)),
    ),
  // New content: enrichment, the correspondence checks and the staff's validation start again.
  async afterUpdate(manager: EntityManager, keys: string[]) {
    await updateInvoices(
      manager,
      {
        enriched_at: null,
        Statut_Correspondance_Article: ARTICLE_STATUS.pending,
        Statut_Correspondance_Adherent: ARTICLE_STATUS.pending,
        facture_valider: 0,
        date_validation: null,
      },
      keys,
    );
  },
};

export const INVOICE_DATES: DatedDocuments = {
  table: 'sic_urcoopa_facture',
  keyColumn: 'Numero_Facture',
  dateColumn: 'Date_Facture',
  noun: 'facture(s)',
};

/**
 * Job 1 (domain.md §5): the invoices of the window from Urcoopa into sic_urcoopa_facture, exactly
 * once, then the enrichment of the lines new or changed.
 */
@SyncJob('factures')
@Injectable()
export class InvoiceImportService implements JobHandler {
  private readonly logger = new Logger(InvoiceImportService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly windowImport: UrcoopaWindowImport,
    private readonly enrichment: InvoiceEnrichmentService,
    private readonly monthFigures: MonthFiguresService,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const {
      window,
      parsed,
      written,
      errors: windowErrors,
    } = await this.windowImport.run(context, {
      kind: 'facture',
      operation: 'getInvoices',
      defaultDays: this.config.urcoopa.invoiceDays,
      parse: parseInvoices,
      table: INVOICE_TABLE,
      dated: INVOICE_DATES,
    });
    const errors: RecordError[] = [
      ...windowErrors,
      ...parsed.rejections.map(rejectionError),
      ...written.conflicts,
      ...written.failures,
    ];
    // The months this run touched, rebuilt now rather than at the next page view (if this fails,
    // they stay marked and the next reader rebuilds them).
    await this.monthFigures
      .refresh()
      .catch((error: unknown) =>
        this.logger.warn(`Monthly figures not rebuilt: ${summarizeError(error).summary}`),
      );
    let enrichment: EnrichmentReport | { failed: string } | null = null;
    try {
      enrichment = await this.enrichment.enrichPending(context.signal);
    } catch (error) {
      // The invoices are stored; their lines stay pending and are enriched by the next run.
      const { summary } = summarizeError(error);
      this.logger.warn(`Enrichment failed: ${summary}`);
      enrichment = { failed: summary };
      errors.push({ record: 'enrichissement', code: 'ENRICHMENT_FAILED', message: summary });
    }
    return {
      counts: {
        read: parsed.received,
        created: written.created.length,
        updated: written.updated.length,
        unchanged: written.unchanged,
        skipped: written.conflicts.length,
        rejected: parsed.rejections.length + written.failures.length,
      },
      errors,
      details: { ...window, enrichment },
    };
  }
}
