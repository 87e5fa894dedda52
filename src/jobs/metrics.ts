import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobCounts } from './job-run.entity';

/**
 * The service's Prometheus metrics, in one registry served at GET /metrics. Module-level on
 * purpose: one set per process, whatever the number of Nest applications (tests start several).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'urcoopa_sync_' });

/** Finished runs, by job, final status (succeeded|partial|failed|abandoned) and trigger. */
export const jobRuns = new Counter({
  name: 'urcoopa_sync_job_runs_total',
  help: 'Job runs finished, by job, status and trigger',
  labelNames: ['job', 'status', 'trigger'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'urcoopa_sync_job_duration_seconds',
  help: 'Duration of job runs in seconds, by job and status',
  labelNames: ['job', 'status'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
  registers: [metricsRegistry],
});

/** Records processed by the jobs, by kind (read, created, updated, unchanged, skipped, rejected). */
export const jobRecords = new Counter({
  name: 'urcoopa_sync_job_records_total',
  help: 'Records processed by job runs, by job and kind',
  labelNames: ['job', 'kind'] as const,
  registers: [metricsRegistry],
});

export const jobLastSuccess = new Gauge({
  name: 'urcoopa_sync_job_last_success_timestamp_seconds',
  help: 'Unix time of the end of the last succeeded run of each job (since this process started)',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

export const jobRunning = new Gauge({
  name: 'urcoopa_sync_job_running',
  help: '1 while this process runs the job',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

export type ExternalSystem = 'urcoopa' | 'odoo' | 'gesica' | 'uptime-kuma';
export type ExternalOutcome = 'success' | 'business_error' | 'transient_error' | 'error' | 'timeout';

/**
 * Calls to outside systems, one increment per request (each retry attempt counts):
 * `externalCalls.inc({ system: 'odoo', operation: 'search_read', outcome: 'success' })`.
 */
export const externalCalls = new Counter<'system' | 'operation' | 'outcome'>({
  name: 'urcoopa_sync_external_calls_total',
  help: 'Requests to external systems, by system, operation and outcome',
  labelNames: ['system', 'operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Typed helper for the clients: same as externalCalls.inc with checked label values. */
export function countExternalCall(system: ExternalSystem, operation: string, outcome: ExternalOutcome): void {
  externalCalls.inc({ system, operation, outcome });
}

export function recordRunMetrics(run: {
  job: string;
  status: string;
  trigger: string;
  durationMs: number | null;
  endedAt: Date | null;
  counts: JobCounts;
}): void {
  jobRuns.inc({ job: run.job, status: run.status, trigger: run.trigger });
  if (run.durationMs !== null)
    jobDuration.observe({ job: run.job, status: run.status }, run.durationMs / 1000);
  for (const [kind, value] of Object.entries(run.counts)) {
    if (value > 0) jobRecords.inc({ job: run.job, kind }, value);
  }
  if (run.status === 'succeeded')
    jobLastSuccess.set({ job: run.job }, Math.floor((run.endedAt ?? new Date()).getTime() / 1000));
}
