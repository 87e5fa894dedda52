import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { JobName } from '../config/job-definitions';
import type { JobRunView } from './dto/job-run.view';
import { INSTANCE_ID, JobLockService } from './job-lock';
import { JobLockEntity } from './job-lock.entity';
import { JobCounts, JobRunEntity, JobRunStatus, JobTrigger, RecordError } from './job-run.entity';
import { JobsError } from './jobs.error';
import { jobRuns } from './metrics';

const MAX_SUMMARY = 1000;
const MAX_RECORD_ERRORS = 1000;
/** Results above this size keep only their failure (MEDIUMTEXT holds 16 MB; pages stay fast). */
const MAX_RESULT_BYTES = 2_000_000;

function boundedJson(value: { details: unknown; failure: unknown }): string {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) <= MAX_RESULT_BYTES) return json;
  return JSON.stringify({
    details: { truncated: true, bytes: Buffer.byteLength(json) },
    failure: value.failure,
  });
}

export interface RunFailure {
  code: string;
  external: boolean;
  httpStatus?: number;
  transient?: boolean;
}

export interface RunOutcome {
  status: Extract<JobRunStatus, 'succeeded' | 'partial' | 'failed'>;
  counts: JobCounts;
  progressDone: number;
  progressTotal: number | null;
  errorSummary: string | null;
  recordErrors: RecordError[];
  details: Record<string, unknown> | null;
  failure: RunFailure | null;
}

export function emptyCounts(): JobCounts {
  return { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 };
}

/**
 * When a failure is an outside system's (legacy routes answer 502): an AppError marked transient
 * by its client, or carrying details.external = true, or an HTTP status 502/503/504.
 */
export function isExternalFailure(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  return error.transient || error.details?.external === true || [502, 503, 504].includes(error.httpStatus);
}

function truncate(text: string, max = MAX_SUMMARY): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function summarizeError(error: unknown): { summary: string; failure: RunFailure } {
  if (error instanceof AppError) {
    return {
      summary: truncate(`${error.code}: ${error.message}`),
      failure: {
        code: error.code,
        external: isExternalFailure(error),
        httpStatus: error.httpStatus,
        transient: error.transient,
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    summary: truncate(message || 'Unknown error'),
    failure: { code: 'INTERNAL_ERROR', external: false },
  };
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The sync_job_run rows: create, progress, finish, abandon, read back as views. */
/** A run as one line of the tasks page. */
export interface JobRunSummary {
  id: number;
  job: string;
  trigger: string;
  status: string;
  startedAt: Date;
  durationMs: number | null;
  counts: { read: number; created: number; updated: number; rejected: number };
  errorSummary: string | null;
  errorCount: number;
}

@Injectable()
export class JobHistoryService {
  private readonly logger = new Logger(JobHistoryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locks: JobLockService,
  ) {}

  private get runs(): Repository<JobRunEntity> {
    return this.dataSource.getRepository(JobRunEntity);
  }

  async create(job: JobName, trigger: JobTrigger, params: Record<string, unknown>): Promise<JobRunEntity> {
    const row = this.runs.create({
      job,
      trigger,
      status: 'running',
      startedAt: new Date(),
      endedAt: null,
      durationMs: null,
      progressDone: 0,
      progressTotal: null,
      errorSummary: null,
      recordErrors: null,
      resultJson: null,
      parametersJson: JSON.stringify(params),
      instance: INSTANCE_ID,
    });
    return this.runs.save(row);
  }

  async progress(id: number, done: number, total: number | null): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { progressDone: done, progressTotal: total });
  }

  async finish(row: JobRunEntity, outcome: RunOutcome): Promise<JobRunEntity> {
    const endedAt = new Date();
    const recordErrors = outcome.recordErrors.slice(0, MAX_RECORD_ERRORS);
    const changes: Partial<JobRunEntity> = {
      status: outcome.status,
      endedAt,
      durationMs: endedAt.getTime() - row.startedAt.getTime(),
      countRead: outcome.counts.read,
      countCreated: outcome.counts.created,
      countUpdated: outcome.counts.updated,
      countUnchanged: outcome.counts.unchanged,
      countSkipped: outcome.counts.skipped,
      countRejected: outcome.counts.rejected,
      progressDone: outcome.progressDone,
      progressTotal: outcome.progressTotal,
      errorSummary: outcome.errorSummary,
      recordErrors: recordErrors.length > 0 ? JSON.stringify(recordErrors) : null,
      resultJson: boundedJson({ details: outcome.details, failure: outcome.failure }),
    };
    try {
      await this.runs.update({ id: row.id }, changes);
    } catch (error) {
      // The end of a run must be recorded whatever its details: retry without them.
      this.logger.error(
        { err: error, runId: row.id },
        'could not record the run in full; recording its outcome only',
      );
      changes.recordErrors = null;
      changes.resultJson = JSON.stringify({ details: { truncated: true }, failure: outcome.failure });
      await this.runs.update({ id: row.id }, changes);
    }
    return Object.assign(row, changes);
  }

  async get(id: number): Promise<JobRunView> {
    const row = await this.runs.findOneBy({ id });
    if (!row) throw JobsError.runNotFound(id);
    return JobHistoryService.toView(row);
  }

  /** The newest runs (the API list), in plain SQL read through the entity's conversions. */
  async list(filter: { job?: string; status?: string; limit?: number }): Promise<JobRunView[]> {
    const { where, params } = runFilter(filter);
    const raw = await this.runs.query<Array<Record<string, unknown>>>(
      `SELECT * FROM sync_job_run${where} ORDER BY id DESC LIMIT ?`,
      [...params, filter.limit ?? 50],
    );
    return raw.map((r) => JobHistoryService.toView(this.hydrate(r)));
  }

  /** A raw sync_job_run row as the entity reads it (the driver's own conversions per column). */
  private hydrate(raw: Record<string, unknown>): JobRunEntity {
    const driver = this.runs.manager.connection.driver;
    const row = new JobRunEntity();
    for (const column of this.runs.metadata.columns)
      column.setEntityValue(row, driver.prepareHydratedValue(raw[column.databaseName], column));
    return row;
  }

  /**
   * One page of the history as the tasks page shows it, newest first, before run `before`: the
   * listed columns only (no JSON parsed; the record errors counted by the database), keyset on the
   * id (indexes (job, id) and (status, id)).
   */
  async summaries(filter: {
    job?: string;
    status?: string;
    before?: number;
    limit: number;
  }): Promise<{ runs: JobRunSummary[]; more: boolean }> {
    const { where, params } = runFilter(filter);
    const sqlite = this.runs.manager.connection.options.type === 'better-sqlite3';
    const errorCount = sqlite
      ? 'CASE WHEN json_valid(record_errors) THEN json_array_length(record_errors) ELSE 0 END'
      : 'COALESCE(JSON_LENGTH(record_errors), 0)';
    const rows = await this.runs.query<Array<Record<string, unknown>>>(
      `SELECT id, job, trigger_source, status, started_at, duration_ms, count_read, count_created,
         count_updated, count_rejected, error_summary, ${errorCount} AS error_count
       FROM sync_job_run${where} ORDER BY id DESC LIMIT ?`,
      [...params, filter.limit + 1],
    );
    const startedAt = this.runs.metadata.findColumnWithPropertyName('startedAt')!;
    const driver = this.runs.manager.connection.driver;
    const runs = rows.slice(0, filter.limit).map((r) => ({
      id: Number(r.id),
      job: String(r.job),
      trigger: String(r.trigger_source),
      status: String(r.status),
      startedAt: driver.prepareHydratedValue(r.started_at, startedAt) as Date,
      durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      counts: {
        read: Number(r.count_read ?? 0),
        created: Number(r.count_created ?? 0),
        updated: Number(r.count_updated ?? 0),
        rejected: Number(r.count_rejected ?? 0),
      },
      errorSummary: (r.error_summary as string | null) ?? null,
      errorCount: Number(r.error_count ?? 0),
    }));
    return { runs, more: rows.length > filter.limit };
  }

  async lastRun(job: string): Promise<JobRunView | null> {
    const row = await this.runs.findOne({ where: { job }, order: { id: 'DESC' } });
    return row ? JobHistoryService.toView(row) : null;
  }

  /** The last run of each job, in one query (the dashboard, the tasks page). */
  async lastRuns(jobs: string[]): Promise<Map<string, JobRunView>> {
    if (jobs.length === 0) return new Map();
    // Plain SQL, rows read as the entity reads them: the dashboard asks at every request.
    const raw = await this.runs.query<Array<Record<string, unknown>>>(
      `SELECT * FROM sync_job_run WHERE id IN (
         SELECT MAX(m.id) FROM sync_job_run m WHERE m.job IN (${jobs.map(() => '?').join(', ')}) GROUP BY m.job)`,
      jobs,
    );
    return new Map(
      raw.map((r) => {
        const row = this.hydrate(r);
        return [row.job, JobHistoryService.toView(row)];
      }),
    );
  }

  async latestRunning(job: string): Promise<JobRunView | null> {
    const row = await this.runs.findOne({ where: { job, status: 'running' }, order: { id: 'DESC' } });
    return row ? JobHistoryService.toView(row) : null;
  }

  /**
   * Marks 'abandoned' the runs left 'running' by a process that died: those whose lock nobody holds
   * (MySQL: IS_USED_LOCK; SQLite: the lock row is stale). Rows are read before the locks are checked,
   * so that a run another instance starts meanwhile is never touched.
   */
  async abandonOrphans(): Promise<number> {
    const running = await this.runs.find({
      where: { status: 'running' },
      select: { id: true, job: true, trigger: true },
    });
    if (running.length === 0) return 0;
    const orphanIds: number[] = [];
    for (const job of new Set(running.map((r) => r.job))) {
      if (await this.locks.isHeld(job)) continue;
      orphanIds.push(...running.filter((r) => r.job === job).map((r) => r.id));
    }
    if (orphanIds.length === 0) return 0;
    await this.runs.update(
      { id: In(orphanIds), status: 'running' },
      {
        status: 'abandoned',
        endedAt: new Date(),
        errorSummary: 'Abandoned: the process running it stopped before the end (found at the next start).',
      },
    );
    if (!this.locks.isMysql) {
      await this.dataSource.getRepository(JobLockEntity).delete({ runId: In(orphanIds) });
    }
    for (const row of running.filter((r) => orphanIds.includes(r.id)))
      jobRuns.inc({ job: row.job, status: 'abandoned', trigger: row.trigger });
    this.logger.warn({ runIds: orphanIds }, `Marked ${orphanIds.length} orphan run(s) as abandoned`);
    return orphanIds.length;
  }

  static toView(row: JobRunEntity): JobRunView {
    const result = parseJson<{ details?: Record<string, unknown> | null; failure?: RunFailure | null }>(
      row.resultJson,
      {},
    );
    return {
      id: row.id,
      job: row.job,
      trigger: row.trigger,
      status: row.status,
      startedAt: new Date(row.startedAt).toISOString(),
      endedAt: row.endedAt ? new Date(row.endedAt).toISOString() : null,
      durationMs: row.durationMs,
      counts: {
        read: row.countRead ?? 0,
        created: row.countCreated ?? 0,
        updated: row.countUpdated ?? 0,
        unchanged: row.countUnchanged ?? 0,
        skipped: row.countSkipped ?? 0,
        rejected: row.countRejected ?? 0,
      },
      progress: { done: row.progressDone ?? 0, total: row.progressTotal ?? null },
      errorSummary: row.errorSummary,
      failure: result.failure ? { code: result.failure.code, external: result.failure.external } : null,
      recordErrors: parseJson<RecordError[]>(row.recordErrors, []),
      result: result.details ?? null,
      params: parseJson<Record<string, unknown>>(row.parametersJson, {}),
      instance: row.instance,
    };
  }
}

/** The WHERE clause (with its leading space, or '') and parameters of the history's filters. */
function runFilter(filter: { job?: string; status?: string; before?: number }) {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [condition, value] of [
    ['job = ?', filter.job],
    ['status = ?', filter.status],
    ['id < ?', filter.before],
  ] as const)
    if (value !== undefined && value !== '') {
      sql.push(condition);
      params.push(value);
    }
  return { where: sql.length > 0 ? ` WHERE ${sql.join(' AND ')}` : '', params };
}
