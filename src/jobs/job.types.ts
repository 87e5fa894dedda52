import type { JobName } from '../config/job-definitions';
import type { JobCounts, JobRunStatus, JobTrigger, RecordError } from './job-run.entity';

/** What a job service receives for one run. */
export interface JobContext {
  runId: number;
  job: JobName;
  trigger: JobTrigger;
  /** Parameters of this run (e.g. { nbJours, dateReference } from a legacy route's query). */
  params: Record<string, unknown>;
  /** Reports progress into the run row (throttled by the runner). */
  progress(done: number, total?: number): void;
  /** Aborted when the process shuts down; long loops should check it between batches. */
  signal: AbortSignal;
}

/** What a job service returns. Errors about single records go in `errors`; the run is then 'partial'. */
export interface JobResult {
  counts?: Partial<JobCounts>;
  errors?: RecordError[];
  /** Job-specific result shown in the API and pages (per-record outcomes, parameters used…). */
  details?: Record<string, unknown>;
  /** Force a status (e.g. 'failed' on an authentication error that was not thrown). */
  status?: Extract<JobRunStatus, 'succeeded' | 'partial' | 'failed'>;
  /** Short reason when status is 'failed'. */
  failureReason?: string;
  /** With status 'failed': the failure comes from an outside system (legacy routes answer 502). */
  external?: boolean;
}

/** A job service: the business rule of one job of domain.md §5, run by the JobRunner. */
export interface JobHandler {
  run(context: JobContext): Promise<JobResult>;
  /**
   * Why the job cannot run in this configuration (e.g. Gesica without its database), or null when
   * it can. Optional: a handler without it is always available.
   */
  unavailableReason?(): string | null;
  /**
   * Parts of the job that this configuration leaves off, each with its reason in French (e.g. job 3
   * without ODOO_INTERCOMPANY_PARTNER_ID). Not an error: shown as "non configurée", pushed up.
   */
  notConfigured?(): string[];
}
