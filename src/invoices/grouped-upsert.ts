import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RecordError } from '../jobs/job-run.entity';
import { InvoicesErrorCode } from './invoices.error';
import type { Row } from './urcoopa-rows';
import { beforeRunWrite } from '../jobs/run-guard';

/** Records per transaction: one query to load their rows, then a few multi-row statements. */
export const RECORDS_PER_CHUNK = 200;
/** Rows per INSERT (≈ 30 parameters each: well under MySQL's 65,535 and SQLite's 32,766). */
const ROWS_PER_INSERT = 500;

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
  rows(record: R, now: Date): Row[];
  /** Why an existing, changed document must not be overwritten (null: it may be). */
  lockedReason?(existing: Row[]): string | null;
  /**
   * The same, from elsewhere than the document's rows (e.g. a record already made from it in Odoo):
   * key → reason, for the existing documents `keys` that Urcoopa changed. One query per chunk.
   */
  lockedElsewhere?(dataSource: DataSource, keys: string[]): Promise<Map<string, string>>;
  /**
   * Runs in the transaction before and after the documents `keys` are written (created or
   * changed), e.g. to mark the months they leave and enter for the monthly figures.
   */
  touched?(manager: EntityManager, keys: string[]): Promise<void>;
  /** Runs in the transaction after the documents `keys` were changed (not created). */
  afterUpdate?(manager: EntityManager, keys: string[]): Promise<void>;
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
      const plan = await this.plan(chunk, outcome);
      await this.applyChunk(plan, outcome);
      progress(Math.min(start + RECORDS_PER_CHUNK, records.length));
    }
    return outcome;
  }

  private async plan(chunk: R[], outcome: WriteOutcome): Promise<Planned<R>[]> {
    const { spec } = this;
    const existing = await this.existingRows(chunk.map((r) => spec.key(r)));
    const planned: Planned<R>[] = [];
    const changed: Array<{ record: R; rows: Row[]; have: number[]; wanted: Set<number> }> = [];
    for (const record of chunk) {
      const rows = existing.get(spec.key(record)) ?? [];
      if (rows.length === 0) {
        planned.push({ record, kind: 'create', droppedLines: [] });
        continue;
      }
      const hash = spec.hash(record);
      const wanted = new Set(spec.rows(record, new Date(0)).map((r) => Number(r[spec.lineColumn])));
      const have = rows.map((r) => Number(r[spec.lineColumn]));
      const same =
        rows.every((r) => r.content_hash === hash) &&
        have.length === wanted.size &&
        have.every((n) => wanted.has(n));
      if (same) outcome.unchanged += 1;
      else changed.push({ record, rows, have, wanted });
    }
    const lockedElsewhere =
      changed.length > 0 && spec.lockedElsewhere
        ? await spec.lockedElsewhere(
            this.dataSource,
            changed.map((c) => spec.key(c.record)),
          )
        : new Map<string, string>();
    for (const { record, rows, have, wanted } of changed) {
      const locked = spec.lockedReason?.(rows) ?? lockedElsewhere.get(spec.key(record)) ?? null;
      if (locked) {
        outcome.conflicts.push({
          record: spec.label(record),
          code: InvoicesErrorCode.ChangedAfterSent,
          message: `${spec.label(record)} changed at Urcoopa but ${locked}: kept as it was, not overwritten`,
        });
        continue;
      }
      planned.push({ record, kind: 'update', droppedLines: have.filter((n) => !wanted.has(n)) });
    }
    return planned;
  }

  private async existingRows(keys: string[]): Promise<Map<string, Row[]>> {
    const { spec } = this;
    const byKey = new Map<string, Row[]>();
    if (keys.length === 0) return byKey;
    const columns = [spec.groupColumn, spec.lineColumn, 'content_hash', ...(spec.extraColumns ?? [])];
    const qb = this.dataSource.createQueryBuilder().from(spec.table, 't');
    for (const column of columns) qb.addSelect(`t.${column}`, column);
    const rows = await qb.where(`t.${spec.groupColumn} IN (:...keys)`, { keys }).getRawMany<Row>();
    for (const row of rows) {
      const key = String(row[spec.groupColumn]);
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
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
    const now = new Date();
    const keys = plan.map((p) => spec.key(p.record));
    await spec.touched?.(manager, keys);
    const rows = plan.flatMap((p) => spec.rows(p.record, now));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const { sql, params } = this.upsertStatement(manager, rows.slice(i, i + ROWS_PER_INSERT));
      await manager.query(sql, params);
    }
    for (const item of plan.filter((p) => p.droppedLines.length > 0)) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(spec.table)
        .where(`${spec.groupColumn} = :key`, { key: spec.key(item.record) })
        .andWhere(`${spec.lineColumn} IN (:...lines)`, { lines: item.droppedLines })
        .execute();
    }
    const updated = plan.filter((p) => p.kind === 'update').map((p) => spec.key(p.record));
    if (updated.length > 0 && spec.afterUpdate) await spec.afterUpdate(manager, updated);
    await spec.touched?.(manager, keys);
  }

  /**
   * One multi-row upsert in plain SQL (`INSERT … ON DUPLICATE KEY UPDATE` on MySQL, `INSERT … ON
   * CONFLICT DO UPDATE` on SQLite), values converted by the entity's own column transformers: the
   * driver's speed, without the query builder's per-value work.
   */
  private upsertStatement(manager: EntityManager, rows: Row[]): { sql: string; params: unknown[] } {
    const { spec } = this;
    const meta = manager.connection.getMetadata(spec.entity);
    const driver = manager.connection.driver;
    const columns = Object.keys(rows[0]).map((key) => {
      const column = meta.findColumnWithPropertyName(key);
      if (!column) throw new Error(`${spec.table}: no column for ${key}`);
      return column;
    });
    const names = columns.map((c) => driver.escape(c.databaseName));
    const marks = `(${columns.map(() => '?').join(', ')})`;
    const params = rows.flatMap((row) =>
      columns.map((c) => driver.preparePersistentValue(c.getEntityValue(row, true), c) as unknown),
    );
    const updates = spec.updateColumns.map((name) => driver.escape(name));
    const mysql = manager.connection.options.type !== 'better-sqlite3';
    const onConflict = mysql
      ? `ON DUPLICATE KEY UPDATE ${updates.map((c) => `${c} = VALUES(${c})`).join(', ')}`
      : `ON CONFLICT (${driver.escape(spec.groupColumn)}, ${driver.escape(spec.lineColumn)}) DO UPDATE SET ${updates
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`;
    return {
      sql: `INSERT INTO ${driver.escape(spec.table)} (${names.join(', ')}) VALUES ${rows.map(() => marks).join(', ')} ${onConflict}`,
      params,
    };
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
