import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOB_DEFINITIONS } from '../config/job-definitions';
import type { JobDefinitionView } from './dto/job-run.view';
import { JobHistoryService } from './job-history.service';
import { JobRunner } from './job-runner.service';
import { JobsScheduler } from './jobs.scheduler';

/** The jobs as GET /api/jobs and `npm run job -- --list` show them. */
@Injectable()
export class JobCatalogService {
  constructor(
    private readonly runner: JobRunner,
    private readonly scheduler: JobsScheduler,
    private readonly history: JobHistoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async describe(): Promise<JobDefinitionView[]> {
    const lastRuns = await this.history.lastRuns(JOB_DEFINITIONS.map((def) => def.name));
    return Promise.all(
      JOB_DEFINITIONS.map(async (def) => {
        const availability = this.runner.availability(def.name);
        return {
          name: def.name,
          title: def.title,
          cronEnv: def.cronEnv,
          cron: this.config.jobs[def.name].cron,
          timeZone: this.config.businessTimeZone,
          enabled: availability.available,
          unavailableReason: availability.reason,
          notConfigured: availability.notConfigured,
          uptimeKuma: this.config.jobs[def.name].uptimeKumaUrl !== null,
          runningRunId: this.runner.runningRunId(def.name),
          lastRun: lastRuns.get(def.name) ?? null,
          nextRunAt: this.scheduler.nextRun(def.name)?.toISOString() ?? null,
        };
      }),
    );
  }
}
