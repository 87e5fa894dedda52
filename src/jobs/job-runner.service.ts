import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { exclusiveGroupOf, isJobName, JobName } from '../config/job-definitions';
import type { JobRunView } from './dto/job-run.view';
import { emptyCounts, JobHistoryService, RunOutcome, summarizeError } from './job-history.service';
import { HeldLock, JobLockService } from './job-lock';
import type { JobRunEntity, JobTrigger } from './job-run.entity';
import type { JobContext, JobHandler, JobResult } from './job.types';
import { JobsError } from './jobs.error';
import { jobRunning, recordRunMetrics } from './metrics';
import { PipelineJob } from './pipeline.job';
import { withRunGuard, type RunGuard } from './run-guard';
import { SYNC_JOB, SYNC_JOB_OVERRIDE } from './sync-job.decorator';
import { UptimeKumaClient } from './uptime-kuma.client';

/** Progress is written to the run row at most this often (and always at the end). */
export const PROGRESS_WRITE_INTERVAL_MS = 500;
/** How long the shutdown waits for running jobs (after aborting their signal). */
const SHUTDOWN_GRACE_MS = 15_000;

interface ActiveRun {
  runId: number | null;
  controller: AbortController;
  done?: Promise<JobRunView>;
}

interface Registration {
  handler: JobHandler;
  override: boolean;
  source: string;
}

/**
 * The one way to run a job, whatever the trigger (cron, API, CLI, web page, legacy route, pipeline):
 * in-process guard + database lock, a sync_job_run row, progress, metrics, Uptime Kuma push.
 */
@Injectable()
export class JobRunner
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobName, Registration>();
  private readonly active = new Map<JobName, ActiveRun>();
  private shuttingDown = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly history: JobHistoryService,
    private readonly locks: JobLockService,
    private readonly uptime: UptimeKumaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler | undefined;
      const target = wrapper.metatype ?? (instance as object | undefined)?.constructor;
      if (!instance || !target || typeof target !== 'function') continue;
      const name = this.reflector.get<string | undefined>(SYNC_JOB, target);
      if (!name) continue;
      this.register(
        name,
        instance,
        this.reflector.get<boolean>(SYNC_JOB_OVERRIDE, target) === true,
        target.name,
      );
    }
    this.handlers.set('pipeline', {
      handler: new PipelineJob(this),
      override: false,
      source: PipelineJob.name,
    });
  }

  private register(name: string, handler: JobHandler, override: boolean, source: string): void {
    if (!isJobName(name) || name === 'pipeline')
      throw new Error(
        `@SyncJob('${name}') on ${source}: not a job of job-definitions.ts (or the built-in pipeline)`,
      );
    if (typeof handler.run !== 'function')
      throw new Error(`${source} is a @SyncJob but has no run(context) method`);
    const existing = this.handlers.get(name);
    if (existing?.handler === handler) return;
    if (!existing || (override && !existing.override)) this.handlers.set(name, { handler, override, source });
    else if (override === existing.override)
      throw new Error(`Two handlers for job '${name}': ${existing.source} and ${source}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.history.abandonOrphans();
    } catch (error) {
      this.logger.error({ err: error }, 'Could not mark the abandoned runs');
    }
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
    for (const run of this.active.values()) run.controller.abort(new Error('The service is shutting down'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const pending = [...this.active.values()].map((run) => run.done).filter(Boolean);
    if (pending.length === 0) return;
    this.logger.warn(`Waiting for ${pending.length} running job(s) to end`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(pending),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timer);
  }

  /** Whether the job can run here: a handler exists and the configuration enables it. */
  availability(name: JobName): { available: boolean; reason: string | null; notConfigured: string[] } {
    const registration = this.handlers.get(name);
    if (!registration)
      return { available: false, reason: 'no handler is registered for this job yet', notConfigured: [] };
    const reason = registration.handler.unavailableReason?.() ?? null;
    return {
      available: reason === null,
      reason,
      notConfigured: registration.handler.notConfigured?.() ?? [],
    };
  }

  /** Run id of the job when this process runs it now. */
  runningRunId(name: JobName): number | null {
    return this.active.get(name)?.runId ?? null;
  }

  /** Starts a run and returns at once; the job goes on in the background. */
  async start(
    name: JobName,
    trigger: JobTrigger,
    params: Record<string, unknown> = {},
  ): Promise<{ runId: number }> {
    const run = await this.launch(name, trigger, params);
    return { runId: run.runId! };
  }

  /** Runs a job and waits for its end; returns the finished run (a failed run is returned, not thrown). */
  async run(name: JobName, trigger: JobTrigger, params: Record<string, unknown> = {}): Promise<JobRunView> {
    const run = await this.launch(name, trigger, params);
    return run.done!;
  }

  getRun(id: number): Promise<JobRunView> {
    return this.history.get(id);
  }

  private async launch(
    name: string,
    trigger: JobTrigger,
    params: Record<string, unknown>,
  ): Promise<ActiveRun> {
    if (!isJobName(name)) throw JobsError.unknownJob(name);
    const availability = this.availability(name);
    if (!availability.available) throw JobsError.notAvailable(name, availability.reason!);
    if (this.shuttingDown) throw JobsError.notAvailable(name, 'the service is shutting down');
    const current = this.active.get(name);
    if (current) throw JobsError.alreadyRunning(name, current.runId);
    const exclusive = exclusiveGroupOf(name);
    const sibling = exclusive?.jobs.map((job) => this.active.get(job)).find((run) => run !== undefined);
    if (sibling) throw JobsError.alreadyRunning(name, sibling.runId);

    const slot: ActiveRun = { runId: null, controller: new AbortController() };
    this.active.set(name, slot);
    let lock: HeldLock | undefined;
    let row: JobRunEntity | undefined;
    try {
      const attempt = await this.locks.acquire(name);
      if (!attempt.acquired) throw JobsError.alreadyRunning(name, attempt.runId);
      lock = attempt.lock;
      if (exclusive) {
        const group = await this.locks.acquire(`group:${exclusive.group}`, exclusive.jobs);
        if (!group.acquired) throw JobsError.alreadyRunning(name, group.runId);
        lock = bothLocks(lock, group.lock);
      }
      row = await this.history.create(name, trigger, params);
      slot.runId = row.id;
      await lock.attachRun(row.id);
    } catch (error) {
      this.active.delete(name);
      if (row) await this.history.finish(row, this.failedOutcome(error)).catch(() => undefined);
      if (lock)
        await lock.release().catch((e) => this.logger.error({ err: e, job: name }, 'Lock release failed'));
      throw error;
    }
    slot.done = this.execute(name, this.handlers.get(name)!.handler, row, lock, slot);
    return slot;
  }

  private failedOutcome(error: unknown): RunOutcome {
    const { summary, failure } = summarizeError(error);
    return {
      status: 'failed',
      counts: emptyCounts(),
      progressDone: 0,
      progressTotal: null,
      errorSummary: summary,
      recordErrors: [],
      details: null,
      failure,
    };
  }

  /** Never rejects: whatever happens, the run row is finished and the lock released. */
  private async execute(
    name: JobName,
    handler: JobHandler,
    row: JobRunEntity,
    lock: HeldLock,
    slot: ActiveRun,
  ): Promise<JobRunView> {
    jobRunning.set({ job: name }, 1);
    const progress = { done: 0, total: null as number | null, lastWrite: 0, writing: Promise.resolve() };
    const context: JobContext = {
      runId: row.id,
      job: name,
      trigger: row.trigger,
      params: JSON.parse(row.parametersJson ?? '{}') as Record<string, unknown>,
      signal: slot.controller.signal,
      progress: (done, total) => {
        progress.done = done;
        if (total !== undefined) progress.total = total;
        const now = Date.now();
        if (now - progress.lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
        progress.lastWrite = now;
        const [d, t] = [progress.done, progress.total];
        progress.writing = progress.writing
          .then(() => this.history.progress(row.id, d, t))
          .catch((error) => this.logger.warn({ err: error, runId: row.id }, 'Progress write failed'));
      },
    };
    const guard = new RunGuardOf(name, this.config.jobDeadlineMs, lock, slot.controller);
    let outcome: RunOutcome;
    try {
      const result = await withRunGuard(guard, () => handler.run(context));
      // A run stopped by its guard failed, even when the handler ended its loop quietly.
      outcome = guard.stopped ? this.failedOutcome(guard.stopped) : this.outcomeOf(result);
      if (guard.stopped) outcome.counts = { ...outcome.counts, ...(result?.counts ?? {}) };
    } catch (error) {
      outcome = this.failedOutcome(guard.stopped ?? error);
      this.logger.error({ err: error, job: name, runId: row.id }, `Job ${name} failed`);
    } finally {
      guard.dispose();
    }
    Object.assign(outcome, { progressDone: progress.done, progressTotal: progress.total });
    await progress.writing;

    let finished: JobRunEntity = row;
    try {
      finished = await this.history.finish(row, outcome);
    } catch (error) {
      this.logger.error({ err: error, runId: row.id }, 'Could not record the end of the run');
    } finally {
      await lock.release().catch((e) => this.logger.error({ err: e, job: name }, 'Lock release failed'));
      this.active.delete(name);
      jobRunning.set({ job: name }, 0);
    }
    const view = JobHistoryService.toView(finished);
    recordRunMetrics({ ...view, endedAt: finished.endedAt, counts: outcome.counts });
    this.logger.log(
      { job: name, runId: view.id, status: view.status, durationMs: view.durationMs, counts: view.counts },
      `Job ${name} ${view.status}`,
    );
    await this.uptime.push({
      job: name,
      status: view.status as RunOutcome['status'],
      durationMs: view.durationMs,
      counts: outcome.counts,
      errorSummary: view.errorSummary,
      notConfigured: handler.notConfigured?.() ?? [],
    });
    return view;
  }

  private outcomeOf(result: JobResult | undefined): RunOutcome {
    const counts = { ...emptyCounts(), ...(result?.counts ?? {}) };
    const recordErrors = result?.errors ?? [];
    const status = result?.status ?? (recordErrors.length > 0 ? 'partial' : 'succeeded');
    let errorSummary: string | null = null;
    if (status === 'failed') errorSummary = result?.failureReason ?? 'The job reported a failure';
    else if (status === 'partial') {
      const first = recordErrors[0];
      errorSummary = `${recordErrors.length} record error(s)${first ? `; first: ${first.record}: ${first.message}` : ''}`;
    }
    return {
      status,
      counts,
      progressDone: 0,
      progressTotal: null,
      errorSummary:
        errorSummary && errorSummary.length > 1000 ? `${errorSummary.slice(0, 999)}…` : errorSummary,
      recordErrors,
      details: result?.details ?? null,
      failure: status === 'failed' ? { code: 'JOB_FAILED', external: result?.external === true } : null,
    };
  }

  /** Registered job names (the pipeline included). */
  registeredJobs(): JobName[] {
    return [...this.handlers.keys()];
  }

  get businessTimeZone(): string {
    return this.config.businessTimeZone;
  }
}

/** A run's deadline (a timer aborting its signal) and its lock, checked by beforeRunWrite(). */
class RunGuardOf implements RunGuard {
  stopped: JobsError | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly deadlineAt: number;

  constructor(
    private readonly job: string,
    private readonly deadlineMs: number,
    private readonly lock: HeldLock,
    private readonly controller: AbortController,
  ) {
    this.deadlineAt = Date.now() + deadlineMs;
    this.timer = setTimeout(() => this.stop(JobsError.deadline(job, deadlineMs)), deadlineMs);
    this.timer.unref();
  }

  async check(): Promise<void> {
    if (!this.stopped && Date.now() >= this.deadlineAt)
      this.stop(JobsError.deadline(this.job, this.deadlineMs));
    if (!this.stopped) {
      const lost = await this.lock.lostReason();
      if (lost) this.stop(JobsError.lockLost(this.job, lost));
    }
    if (this.stopped) throw this.stopped;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private stop(error: JobsError): void {
    this.stopped ??= error;
    this.controller.abort(this.stopped);
  }
}

/** The job's own lock and its exclusive group's lock, held and released together. */
function bothLocks(own: HeldLock, group: HeldLock): HeldLock {
  return {
    attachRun: async (runId) => {
      await own.attachRun(runId);
      await group.attachRun(runId);
    },
    lostReason: async () => (await own.lostReason()) ?? (await group.lostReason()),
    release: async () => {
      try {
        await group.release();
      } finally {
        await own.release();
      }
    },
  };
}
