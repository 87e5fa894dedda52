import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { JobCatalogService } from './job-catalog.service';
import { JobHistoryService } from './job-history.service';
import { JobLockService } from './job-lock';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JOBS_MODULE_OPTIONS, JobsModuleOptions, JobsScheduler } from './jobs.scheduler';
import { MetricsController } from './metrics.controller';
import { UptimeKumaClient } from './uptime-kuma.client';

/**
 * The job runner and its triggers (cron, API). Global so that feature modules can inject JobRunner
 * for their legacy routes without importing this module.
 */
@Module({})
export class JobsModule {
  static register(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule, ScheduleModule.forRoot()],
      controllers: [JobsController, MetricsController],
      providers: [
        { provide: JOBS_MODULE_OPTIONS, useValue: options },
        JobLockService,
        JobHistoryService,
        UptimeKumaClient,
        JobRunner,
        JobsScheduler,
        JobCatalogService,
      ],
      exports: [JobRunner, JobHistoryService, JobsScheduler, JobCatalogService],
    };
  }
}
