import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type JobRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'abandoned';
export type JobTrigger = 'cron' | 'api' | 'cli' | 'web' | 'pipeline';

export interface JobCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
}

/** One error about one record (an invoice, an order…), kept with the run that met it. */
export interface RecordError {
  record: string;
  field?: string;
  code: string;
  message: string;
}

/** sync_job_run: one row per run of a job, whatever triggered it. */
@Entity({ name: 'sync_job_run' })
@Index('IDX_sync_job_run_job_started', ['job', 'startedAt'])
export class JobRunEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  job!: string;

  @Column({ name: 'trigger_source', type: 'varchar', length: 20 })
  trigger!: JobTrigger;

  @Column({ type: 'varchar', length: 20 })
  status!: JobRunStatus;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'datetime', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'count_read', type: 'int', default: 0 })
  countRead!: number;

  @Column({ name: 'count_created', type: 'int', default: 0 })
  countCreated!: number;

  @Column({ name: 'count_updated', type: 'int', default: 0 })
  countUpdated!: number;

  @Column({ name: 'count_unchanged', type: 'int', default: 0 })
  countUnchanged!: number;

  @Column({ name: 'count_skipped', type: 'int', default: 0 })
  countSkipped!: number;

  @Column({ name: 'count_rejected', type: 'int', default: 0 })
  countRejected!: number;

  @Column({ name: 'progress_done', type: 'int', default: 0 })
  progressDone!: number;

  @Column({ name: 'progress_total', type: 'int', nullable: true })
  progressTotal!: number | null;

  @Column({ name: 'error_summary', type: 'text', nullable: true })
  errorSummary!: string | null;

  /** JSON array of RecordError. */
  @Column({ name: 'record_errors', type: 'text', nullable: true })
  recordErrors!: string | null;

  /** JSON: the job's own result (parameters, per-record outcomes). */
  @Column({ name: 'result_json', type: 'text', nullable: true })
  resultJson!: string | null;

  @Column({ name: 'parameters_json', type: 'text', nullable: true })
  parametersJson!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  instance!: string | null;
}
