import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOB_DEFINITIONS, JobName } from '../config/job-definitions';
import { JobRunner } from './job-runner.service';
import { emptyCounts } from './job-history.service';
import { JobsError, JobsErrorCode } from './jobs.error';
import { UptimeKumaClient } from './uptime-kuma.client';

export const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');

export interface JobsModuleOptions {
  /**
   * Start the cron timers. Default: yes, except under NODE_ENV=test (tests call tick() or start
   * them on purpose). The CLI passes false.
   */
  startCrons?: boolean;
}

export type TickOutcome =
  | { ran: true; runId: number; status: string }
  | { ran: false; reason: 'already-running' | 'not-available' | 'error'; runId?: number | null };

export function cronJobName(job: JobName): string {
  return `job:${job}`;
}

/** One cron per job whose CRONTAB_APP_* is set, in the business time zone; each tick asks the runner. */
@Injectable()
export class JobsScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(JobsScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    private readonly uptime: UptimeKumaClient,
  ) {}

  onModuleInit(): void {
    for (const { name } of JOB_DEFINITIONS) {
      const cronTime = this.config.jobs[name].cron;
      if (!cronTime) continue;
      const job = CronJob.from({
        cronTime,
        onTick: async () => {
          await this.tick(name);
        },
        start: false,
        timeZone: this.config.businessTimeZone,
        waitForCompletion: true,
        name: cronJobName(name),
        errorHandler: (error) => this.logger.error({ err: error, job: name }, 'Cron tick failed'),
      });
      this.registry.addCronJob(cronJobName(name), job);
    }
  }

  onApplicationBootstrap(): void {
    if (!(this.options.startCrons ?? this.config.nodeEnv !== 'test')) return;
    for (const { name } of JOB_DEFINITIONS) {
      const job = this.cronJob(name);
      if (!job) continue;
      job.start();
      this.logger.log(
        { job: name, cron: job.cronTime.source, next: this.nextRun(name) },
        `Scheduled ${name}`,
      );
    }
  }

  cronJob(name: JobName): CronJob | null {
    const key = cronJobName(name);
    return this.registry.doesExist('cron', key)
      ? (this.registry.getCronJob(key) as unknown as CronJob)
      : null;
  }

  /** The next tick of a job's cron, kept until it passes (pages ask for it at every request). */
  nextRun(name: JobName): Date | null {
    const known = this.nextRuns.get(name);
    if (known && known.getTime() > Date.now()) return known;
    const next = this.cronJob(name)?.nextDate().toJSDate() ?? null;
    if (next) this.nextRuns.set(name, next);
    else this.nextRuns.delete(name);
    return next;
  }

  private readonly nextRuns = new Map<JobName, Date>();

  /** What a cron tick does: run the job and wait; skip (and log) when it runs already, here or elsewhere. */
  async tick(name: JobName): Promise<TickOutcome> {
    try {
      const run = await this.runner.run(name, 'cron');
      return { ran: true, runId: run.id, status: run.status };
    } catch (error) {
      if (error instanceof JobsError && error.code === JobsErrorCode.AlreadyRunning) {
        const runId = (error.details?.runId as number | null) ?? null;
        this.logger.warn({ job: name, runId }, `Cron tick of ${name} skipped: already running`);
        return { ran: false, reason: 'already-running', runId };
      }
      if (error instanceof JobsError && error.code === JobsErrorCode.NotAvailable) {
        this.logger.warn(
          { job: name, reason: error.details?.reason },
          `Cron tick of ${name} skipped: not available`,
        );
        // Not configured is not down: the monitor hears the reason and stays up.
        await this.uptime.push({
          job: name,
          status: 'succeeded',
          durationMs: null,
          counts: emptyCounts(),
          errorSummary: null,
          notConfigured: [String(error.details?.reason ?? 'non disponible')],
        });
        return { ran: false, reason: 'not-available' };
      }
      this.logger.error({ err: error, job: name }, `Cron tick of ${name} could not start the job`);
      return { ran: false, reason: 'error' };
    }
  }
}
