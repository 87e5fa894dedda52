import type { JobName } from '../config/job-definitions';
import { PIPELINE_ORDER } from '../config/job-definitions';
import type { JobRunView } from './dto/job-run.view';
import { emptyCounts } from './job-history.service';
import type { JobCounts, JobTrigger, RecordError } from './job-run.entity';
import type { JobContext, JobHandler, JobResult } from './job.types';
import { JobsError, JobsErrorCode } from './jobs.error';

export interface PipelineStepReport {
  job: JobName;
  /** The step's run status, or 'skipped' (no handler, disabled, already running) / 'not-run' (shutdown). */
  status: string;
  runId: number | null;
  durationMs: number | null;
  reason: string | null;
}

/** What the pipeline needs of the runner (kept narrow: the runner builds the pipeline). */
export interface PipelineRunner {
  run(name: JobName, trigger: JobTrigger, params?: Record<string, unknown>): Promise<JobRunView>;
  availability(name: JobName): { available: boolean; reason: string | null };
}

/**
 * The daily pipeline: every job of domain.md §5 in order, each through the runner (its own run row,
 * lock and Uptime push, trigger 'pipeline'), each starting after the previous one ended. A failed
 * or partial step does not stop the next ones; it makes the pipeline 'partial'. Jobs without a
 * handler (or disabled) are skipped and reported.
 */
export class PipelineJob implements JobHandler {
  constructor(
    private readonly runner: PipelineRunner,
    private readonly order: readonly JobName[] = PIPELINE_ORDER,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const steps: PipelineStepReport[] = [];
    const errors: RecordError[] = [];
    const counts: JobCounts = emptyCounts();
    for (const [index, job] of this.order.entries()) {
      context.progress(index, this.order.length);
      const step: PipelineStepReport = {
        job,
        status: 'not-run',
        runId: null,
        durationMs: null,
        reason: null,
      };
      steps.push(step);
      if (context.signal.aborted) {
        step.reason = 'the service is shutting down';
        continue;
      }
      const availability = this.runner.availability(job);
      if (!availability.available) {
        Object.assign(step, { status: 'skipped', reason: availability.reason });
        continue;
      }
      try {
        const run = await this.runner.run(job, 'pipeline');
        Object.assign(step, {
          status: run.status,
          runId: run.id,
          durationMs: run.durationMs,
          reason: run.errorSummary,
        });
        for (const key of Object.keys(counts) as Array<keyof JobCounts>) counts[key] += run.counts[key];
        if (run.status !== 'succeeded')
          errors.push({
            record: job,
            code: run.status === 'partial' ? 'STEP_PARTIAL' : 'STEP_FAILED',
            message: `run ${run.id} ${run.status}${run.errorSummary ? `: ${run.errorSummary}` : ''}; the pipeline went on`,
          });
      } catch (error) {
        const running = error instanceof JobsError && error.code === JobsErrorCode.AlreadyRunning;
        Object.assign(step, {
          status: 'skipped',
          runId: running ? ((error.details?.runId as number | null) ?? null) : null,
          reason: (error as Error).message,
        });
        errors.push({ record: job, code: 'STEP_NOT_RUN', message: (error as Error).message });
      }
    }
    context.progress(this.order.length, this.order.length);
    return {
      counts,
      errors,
      details: {
        order: [...this.order],
        steps,
        skipped: steps.filter((s) => s.status === 'skipped').map((s) => s.job),
        failed: steps.filter((s) => s.status === 'failed').map((s) => s.job),
      },
    };
  }
}
