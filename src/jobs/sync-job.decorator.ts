import { SetMetadata } from '@nestjs/common';
import type { JobName } from '../config/job-definitions';

export const SYNC_JOB = 'sync-job';

/**
 * Marks a provider implementing JobHandler as the service of a named job; the JobRunner finds it
 * through Nest's DiscoveryService. Example: `@SyncJob('factures') @Injectable() class InvoiceImportService implements JobHandler`.
 */
export const SyncJob = (name: JobName) => SetMetadata(SYNC_JOB, name);
