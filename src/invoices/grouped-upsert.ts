import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RecordError } from '../jobs/job-run.entity';
import { InvoicesErrorCode } from './invoices.error';
import { PlainUpsert } from './plain-upsert';
import type { DocumentRows, Row } from './urcoopa-rows';
import { beforeRunWrite } from '../jobs/run-guard';

/** Records per transaction: one query to load their rows, then one multi-row upsert (or a few). */
export const RECORDS_PER_CHUNK = 200;

/** An Urcoopa document (invoice, delivery) stored as several rows sharing a key. */
export interface GroupedTable<R> {
  entity: EntityTarget<ObjectLiteral>;
  table: string;
  /** e.g. Numero_Facture. */
  groupColumn: string;
  /** e.g. Numero_Ligne_Facture. */
  lineColumn: string;
  /** Columns overwritten when Urcoopa changed the document. */
  updateColumns: readonly string[];
  /** More columns loaded with the existing rows (to tell a locked document). */
  extraColumns?: readonly string[];
  key(record: R): string;
  label(record: R): string;
  hash(record: R): string;
  rows(record: R, now: Date): DocumentRows;
  /** Why an existing, changed document must not be overwritten (null: it may be). */
  lockedReason?(existing: Row[]): string | null;
  /**
   * The same, from elsewhere than the document's rows (e.g. a record already made from it in Odoo):
   * key → reason, for the existing documents `keys` that Urcoopa changed. One query per chunk.
   */
  lockedElsewhere?(dataSource: DataSource, keys: string[]): Promise<Map<string, string>>;
  /**
   * Runs in the transaction before the existing documents `keys` are overwritten, e.g. to mark the
   * months they leave for the monthly figures (read from their stored rows).
   */
  beforeUpdate?(manager: EntityManager, keys: string[]): Promise<void>;
  /** Runs in the transaction after the documents `keys` were changed (not created). */
  afterUpdate?(manager: EntityManager, keys: string[]): Promise<void>;
  /**
   * Runs in the transaction after `records` were written (created or changed), e.g. to mark the
   * months they enter, known from the records themselves.
   */
  afterWrite?(manager: EntityManager, records: R[]): Promise<void>;
}

export interface WriteOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Changed at Urcoopa but locked (e.g. already in Odoo): kept as is. */
  conflicts: RecordError[];
  /** Could not be written (rolled back, the rest went on). */
  failures: RecordError[];
}

interface Planned<R> {
  record: R;
  document: DocumentRows;
  kind: 'create' | 'update';
  droppedLines: number[];
}

/**
 * Idempotent, batched writes of grouped documents: per chunk, one SELECT of the existing rows, a
 * content-hash comparison, then multi-row upserts in one transaction. A document is written whole
 * or not at all; when a chunk fails, its documents are retried one by one so that only the bad
 * one is missing (and reported).
 */
export class GroupedUpsert<R> {
  private readonly logger = new Logger(GroupedUpsert.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly spec: GroupedTable<R>,
  ) {}

  async write(
    records: R[],
    progress: (done: number) => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<WriteOutcome> {
    const outcome: WriteOutcome = { created: [], updated: [], unchanged: 0, conflicts: [], failures: [] };
    for (let start = 0; start < records.length; start += RECORDS_PER_CHUNK) {
      signal?.throwIfAborted();
      await beforeRunWrite();
      const chunk = records.slice(start, start + RECORDS_PER_CHUNK);
      const plan = await this.plan(chunk, outcome, new Date());
      await this.applyChunk(plan, outcome);
      progress(Math.min(start + RECORDS_PER_CHUNK, records.length));
    }
    return outcome;
  }

  private async plan(chunk: R[], outcome: WriteOutcome, now: Date): Promise<Planned<R>[]> {
    const { spec } = this;
    const existing = await this.existingRows(chunk.map((r) => spec.key(r)));
    const planned: Planned<R>[] = [];
    const changed: Array<{
      record: R;
      document: DocumentRows;
      rows: Row[];
      have: number[];
      wanted: Set<number>;
    }> = [];
    for (const record of chunk) {
      const rows = existing.get(spec.key(record));
      if (!rows) {
        planned.push({ record, document: spec.rows(record, now), kind: 'create', droppedLines: [] });
        continue;
      }
      const hash = spec.hash(record);
      const document = spec.rows(record, now);
      const wanted = new Set(document.lines.map((line) => Number(line[spec.lineColumn])));
      const have = rows.map((r) => Number(r[spec.lineColumn]));
      const same =
        rows.every((r) => r.content_hash === hash) &&
        have.length === wanted.size &&
        have.every((n) => wanted.has(n));
      if (same) outcome.unchanged += 1;
      else changed.push({ record, document, rows, have, wanted });
    }
    const lockedElsewhere =
      changed.length > 0 && spec.lockedElsewhere
        ? await spec.lockedElsewhere(
            this.dataSource,
            changed.map((c) => spec.key(c.record)),
          )
        : new Map<string, string>();
    for (const { record, document, rows, have, wanted } of changed) {
      const locked = spec.lockedReason?.(rows) ?? lockedElsewhere.get(spec.key(record)) ?? null;
      if (locked) {
        outcome.conflicts.push({
          record: spec.label(record),
          code: InvoicesErrorCode.ChangedAfterSent,
          message: `${spec.label(record)} changed at Urcoopa but ${locked}: kept as it was, not overwritten`,
        });
        continue;
      }
      planned.push({ record, document, kind: 'update', droppedLines: have.filter((n) => !wanted.has(n)) });
    }
    return planned;
  }

  private async existingRows(keys: string[]): Promise<Map<string, Row[]>> {
    const { spec } = this;
    const byKey = new Map<string, Row[]>();
    if (keys.length === 0) return byKey;
    const columns = [spec.groupColumn, spec.lineColumn, 'content_hash', ...(spec.extraColumns ?? [])];
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${columns.map((c) => this.escape(c)).join(', ')} FROM ${this.escape(spec.table)} WHERE ${this.escape(spec.groupColumn)} IN (${keys.map(() => '?').join(', ')})`,
      keys,
    );
    for (const row of rows) {
      const key = String(row[spec.groupColumn]);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return byKey;
  }

  private async applyChunk(plan: Planned<R>[], outcome: WriteOutcome): Promise<void> {
    if (plan.length === 0) return;
    try {
      await this.dataSource.transaction((manager) => this.apply(manager, plan));
      this.count(plan, outcome);
      return;
    } catch (error) {
      if (plan.length === 1) {
        this.fail(plan[0], error, outcome);
        return;
      }
      this.logger.warn(
        `A chunk of ${plan.length} documents failed (${(error as Error).message}); retrying one by one`,
      );
    }
    let failed = 0;
    let firstError: unknown;
    for (const item of plan) {
      try {
        await this.dataSource.transaction((manager) => this.apply(manager, [item]));
        this.count([item], outcome);
      } catch (error) {
        failed += 1;
        firstError ??= error;
        this.fail(item, error, outcome);
      }
    }
    // Nothing of the chunk could be written: the database itself is failing, stop the run.
    if (failed === plan.length) throw firstError;
  }

  private async apply(manager: EntityManager, plan: Planned<R>[]): Promise<void> {
    const { spec } = this;
    const updated = plan.filter((p) => p.kind === 'update').map((p) => spec.key(p.record));
    if (updated.length > 0 && spec.beforeUpdate) await spec.beforeUpdate(manager, updated);
    await this.upsert(
      manager,
      plan.map((p) => p.document),
    );
    for (const item of plan.filter((p) => p.droppedLines.length > 0)) {
      await manager.query(
        `DELETE FROM ${this.escape(spec.table)} WHERE ${this.escape(spec.groupColumn)} = ? AND ${this.escape(spec.lineColumn)} IN (${item.droppedLines.map(() => '?').join(', ')})`,
        [spec.key(item.record), ...item.droppedLines],
      );
    }
    if (updated.length > 0 && spec.afterUpdate) await spec.afterUpdate(manager, updated);
    await spec.afterWrite?.(
      manager,
      plan.map((p) => p.record),
    );
  }

  private escape(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  /**
   * The documents' rows in plain multi-row upserts (PlainUpsert), each value converted by the
   * entity's column transformer once: the columns a document's rows share once per document.
   */
  private async upsert(manager: EntityManager, documents: DocumentRows[]): Promise<void> {
    const { spec } = this;
    // The columns: every field of the documents' shared parts and lines (a line's own wins).
    const lineColumns = new Set<string>();
    const sharedColumns = new Set<string>();
    for (const { shared, lines } of documents) {
      if (lines.length > 0) for (const key of Object.keys(lines[0])) lineColumns.add(key);
      for (const key of Object.keys(shared)) sharedColumns.add(key);
    }
    for (const key of lineColumns) sharedColumns.delete(key);
    const shared = [...sharedColumns];
    const own = [...lineColumns];
    const writer = PlainUpsert.of(
      this.dataSource,
      spec.entity,
      [...shared, ...own],
      [spec.groupColumn, spec.lineColumn],
      spec.updateColumns,
    );
    const groups = documents.map((document) => ({
      head: shared.map((column, i) => writer.value(i, document.shared[column])),
      lines: document.lines.map((line) =>
        own.map((column, j) => writer.value(shared.length + j, line[column])),
      ),
    }));
    await writer.write(manager, groups);
  }

  private count(plan: Planned<R>[], outcome: WriteOutcome): void {
    for (const item of plan)
      (item.kind === 'create' ? outcome.created : outcome.updated).push(this.spec.key(item.record));
  }

  private fail(item: Planned<R>, error: unknown, outcome: WriteOutcome): void {
    const label = this.spec.label(item.record);
    outcome.failures.push({
      record: label,
      code: InvoicesErrorCode.WriteFailed,
      message: `${label} could not be written, nothing of it was stored: ${(error as Error).message}`.slice(
        0,
        500,
      ),
    });
  }
}
