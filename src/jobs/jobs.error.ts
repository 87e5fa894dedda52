import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum JobsErrorCode {
  UnknownJob = 'UNKNOWN_JOB',
  AlreadyRunning = 'ALREADY_RUNNING',
  NotAvailable = 'NOT_AVAILABLE',
  RunNotFound = 'RUN_NOT_FOUND',
}

export class JobsError extends AppError<JobsErrorCode> {
  readonly feature = 'jobs';

  static unknownJob(name: string): JobsError {
    return new JobsError(JobsErrorCode.UnknownJob, `Unknown job '${name}'.`, HttpStatus.NOT_FOUND, {
      job: name,
    });
  }

  static alreadyRunning(job: string, runId: number | null): JobsError {
    return new JobsError(
      JobsErrorCode.AlreadyRunning,
      `Job '${job}' is already running${runId ? ` (run ${runId})` : ''}.`,
      HttpStatus.CONFLICT,
      { job, runId },
    );
  }

  /** No handler registered (feature not built) or disabled by configuration (e.g. Gesica without its DB). */
  static notAvailable(job: string, reason: string): JobsError {
    return new JobsError(
      JobsErrorCode.NotAvailable,
      `Job '${job}' is not available: ${reason}`,
      HttpStatus.SERVICE_UNAVAILABLE,
      { job, reason },
    );
  }

  static runNotFound(id: number): JobsError {
    return new JobsError(JobsErrorCode.RunNotFound, `No job run ${id}.`, HttpStatus.NOT_FOUND, { runId: id });
  }
}
