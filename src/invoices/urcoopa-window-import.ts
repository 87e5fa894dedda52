import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { releaseMemory } from '../common/release-memory';
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
  /** Records counted as the slices pass (`counted`), e.g. delivery notes without detail: no slice is kept. */
  countIf?(record: R): boolean;
}

export interface WindowImport<R> {
  window: ImportWindow;
  /** What the slices' answers held (their records are released with each slice). */
  parsed: Omit<ParsedPayload<R>, 'records'>;
  /** Records for which `countIf` held. */
  counted: number;
  written: WriteOutcome;
  /** Record error when the answer lacks documents we hold for its days (an outage), else null. */
  incomplete: RecordError | null;
  /** Every slice's incompleteness or failure (the first is `incomplete`). */
  errors: RecordError[];
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

  /**
   * The window asked in slices of days, oldest first, each one fetched, validated, checked for
   * completeness, written and released before the next: a run holds one slice, whatever the
   * window. The first slice is one day; the next ones span at most URCOOPA_SLICE_DAYS days and
   * aim at URCOOPA_SLICE_RECORDS documents (each span follows the density seen so far). A slice that fails after earlier ones
   * were written ends the run partial (what was written stays, a rerun is idempotent); the first
   * one failing fails the run as a single call did.
   */
  async run<R>(context: JobContext, documents: UrcoopaDocuments<R>): Promise<WindowImport<R>> {
    const fixedDay = this.config.urcoopa.fixedReferenceDay;
    const window = importWindow(context.params, documents.defaultDays, fixedDay, this.clock);
    const apiKey = this.keys.take(context.params.keyRef);
    const { sliceDays, sliceRecords } = this.config.urcoopa;
    const parsed: WindowImport<R>['parsed'] = { rejections: [], received: 0 };
    let counted = 0;
    const written: WriteOutcome = { created: [], updated: [], unchanged: 0, conflicts: [], failures: [] };
    const failures: RecordError[] = [];
    const missing: string[] = [];
    const firstDay = windowStart(window);
    let sliceStart = firstDay;
    // One day first: the density is unknown until a slice has answered.
    let span = 1;
    let done = 0;
    while (sliceStart <= window.dateReference) {
      const sliceEnd = minDay(addDays(sliceStart, span - 1), window.dateReference);
      const days = daysBetween(sliceStart, sliceEnd);
      let slice: SliceOutcome<R>;
      try {
        slice = await this.importSlice(
          context,
          documents,
          { firstDay: sliceStart, lastDay: sliceEnd },
          apiKey,
          {
            onProgress: (n) => context.progress(done + n),
          },
        );
      } catch (error) {
        if (sliceStart === firstDay) throw error;
        failures.push(sliceFailure(sliceStart, window.dateReference, error));
        break;
      }
      parsed.received += slice.received;
      parsed.rejections.push(...slice.rejections);
      if (documents.countIf) counted += slice.records.filter((r) => documents.countIf!(r)).length;
      merge(written, slice.written);
      missing.push(...slice.missing);
      done += slice.records.length;
      const density = Math.max(slice.received, 1) / days;
      span = Math.max(1, Math.min(sliceDays, Math.floor(sliceRecords / density)));
      sliceStart = addDays(sliceEnd, 1);
      releaseMemory();
    }
    // One outage message for the window, naming every document missing from its slices.
    const days = { firstDay, lastDay: window.dateReference };
    const incomplete =
      missing.length > 0 ? incompleteAnswerError(documents.dated, days, missing.sort()) : null;
    return {
      window,
      parsed,
      counted,
      written,
      incomplete,
      errors: [...(incomplete ? [incomplete] : []), ...failures],
    };
  }

  /**
   * One slice of days: the Urcoopa call (transient failures retried), the payload's validation
   * (rejections kept), the completeness check against what we hold for those days (`missing`)
   * and the exactly-once grouped upsert.
   */
  async importSlice<R>(
    context: JobContext,
    documents: UrcoopaDocuments<R>,
    days: { firstDay: string; lastDay: string },
    apiKey: string | undefined,
    options: { onProgress?: (done: number) => void } = {},
  ): Promise<SliceOutcome<R>> {
    const nbJours = daysBetween(days.firstDay, days.lastDay);
    const text = await retryTransient(
      () => this.urcoopa[documents.operation](nbJours, days.lastDay, { apiKey }),
      { signal: context.signal },
    );
    const parsed = documents.parse(text);
    const answered = [
      ...parsed.records.map((r) => documents.table.key(r)),
      ...parsed.rejections.flatMap((r) => (r.key === null ? [] : [r.key])),
    ];
    const missing = await missingFromAnswer(this.dataSource, documents.dated, days, answered);
    await this.rejected.record(documents.kind, parsed.rejections, context.runId);
    const written = await new GroupedUpsert(this.dataSource, documents.table).write(
      parsed.records,
      options.onProgress,
      context.signal,
    );
    return { ...parsed, written, missing };
  }
}

export interface SliceOutcome<R> extends ParsedPayload<R> {
  written: WriteOutcome;
  /** Documents we hold for the slice's days that its answer lacks (an outage). */
  missing: string[];
}

function merge(into: WriteOutcome, from: WriteOutcome): void {
  into.created.push(...from.created);
  into.updated.push(...from.updated);
  into.unchanged += from.unchanged;
  into.conflicts.push(...from.conflicts);
  into.failures.push(...from.failures);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** Days from `first` to `last`, both included. */
function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The record error of a slice that failed after earlier slices were written (the run is partial). */
function sliceFailure(from: string, to: string, error: unknown): RecordError {
  return {
    record: `fenêtre du ${from} au ${to}`,
    code: 'URCOOPA_SLICE_FAILED',
    message:
      `Urcoopa n'a pas répondu pour les jours du ${from} au ${to} (${(error as Error).message}) : les jours précédents sont importés, le prochain passage redemandera ceux-ci.`.slice(
        0,
        500,
      ),
  };
}
