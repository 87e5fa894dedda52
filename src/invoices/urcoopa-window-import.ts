import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { RecordError } from '../jobs/job-run.entity';
import type { JobContext } from '../jobs/job.types';
import { retryTransient } from '../jobs/retry';
import { UrcoopaCallKeys } from '../urcoopa/urcoopa-call-keys';
import type { ParsedPayload } from '../urcoopa/urcoopa-payload';
import { UrcoopaClient } from '../urcoopa/urcoopa.client';
import type { RejectedPayloadKind } from './entities/rejected-payload.entity';
import { GroupedUpsert, type GroupedTable, type WriteOutcome } from './grouped-upsert';
import { importWindow, windowStart, type ImportWindow } from './import-window';
import { RejectedPayloadsService } from './rejected-payloads.service';
import { incompleteAnswerError, missingFromAnswer, type DatedDocuments } from './window-completeness';

/** One kind of Urcoopa document fetched by window (invoices for job 1, delivery notes for job 2). */
export interface UrcoopaDocuments<R> {
  kind: RejectedPayloadKind;
  operation: 'getInvoices' | 'getDeliveries';
  defaultDays: number;
  parse(text: string): ParsedPayload<R>;
  table: GroupedTable<R>;
  /** Where the documents we hold are dated (for the outage rule of window-completeness.ts). */
  dated: DatedDocuments;
}

export interface WindowImport<R> {
  window: ImportWindow;
  parsed: ParsedPayload<R>;
  written: WriteOutcome;
  /** Record error when the answer lacks documents we hold for its days (an outage), else null. */
  incomplete: RecordError | null;
}

/**
 * What jobs 1 and 2 share: the run's window, the Urcoopa call (transient failures retried), the
 * payload's validation (rejections kept) and the exactly-once grouped upsert, with progress.
 */
@Injectable()
export class UrcoopaWindowImport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly urcoopa: UrcoopaClient,
    private readonly keys: UrcoopaCallKeys,
    private readonly rejected: RejectedPayloadsService,
  ) {}

  async run<R>(context: JobContext, documents: UrcoopaDocuments<R>): Promise<WindowImport<R>> {
    const fixedDay = this.config.urcoopa.fixedReferenceDay;
    const window = importWindow(context.params, documents.defaultDays, fixedDay, this.clock);
    const apiKey = this.keys.take(context.params.keyRef);
    const text = await retryTransient(
      () => this.urcoopa[documents.operation](window.nbJours, window.dateReference, { apiKey }),
      { signal: context.signal },
    );
    const parsed = documents.parse(text);
    const days = { firstDay: windowStart(window), lastDay: window.dateReference };
    const answered = [
      ...parsed.records.map((r) => documents.table.key(r)),
      ...parsed.rejections.flatMap((r) => (r.key === null ? [] : [r.key])),
    ];
    const missing = await missingFromAnswer(this.dataSource, documents.dated, days, answered);
    const total = parsed.records.length;
    context.progress(0, total);
    await this.rejected.record(documents.kind, parsed.rejections, context.runId);
    const written = await new GroupedUpsert(this.dataSource, documents.table).write(
      parsed.records,
      (done) => context.progress(done, total),
      context.signal,
    );
    const incomplete = missing.length > 0 ? incompleteAnswerError(documents.dated, days, missing) : null;
    return { window, parsed, written, incomplete };
  }
}
