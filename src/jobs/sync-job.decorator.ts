import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { JobName } from '../config/job-definitions';

export const SYNC_JOB = 'sync-job';
export const SYNC_JOB_OVERRIDE = 'sync-job-override';

export interface SyncJobOptions {
  /**
   * Replaces the feature's handler of the same name (tests, demo). Without it, two providers for
   * one job stop the start.
   */
  override?: boolean;
}

/**
 * Marks a provider implementing JobHandler as the service of a named job; the JobRunner finds it
 * through Nest's DiscoveryService. Example: `@SyncJob('factures') @Injectable() class InvoiceImportService implements JobHandler`.
 */
export const SyncJob = (name: JobName, options: SyncJobOptions = {}) =>
  applyDecorators(SetMetadata(SYNC_JOB, name), SetMetadata(SYNC_JOB_OVERRIDE, options.override === true));
