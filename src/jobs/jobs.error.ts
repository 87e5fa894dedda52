import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export enum JobsErrorCode {
  UnknownJob = 'UNKNOWN_JOB',
  AlreadyRunning = 'ALREADY_RUNNING',
  NotAvailable = 'NOT_AVAILABLE',
  RunNotFound = 'RUN_NOT_FOUND',
  /** The run passed JOB_DEADLINE_MS and stopped between two batches. */
  Deadline = 'JOB_DEADLINE',
  /** The connection holding the run's database lock dropped: the run stopped before its next write. */
  LockLost = 'JOB_LOCK_LOST',
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

  static deadline(job: string, deadlineMs: number): JobsError {
    const minutes = Math.round(deadlineMs / 60_000);
    return new JobsError(
      JobsErrorCode.Deadline,
      `Job '${job}' stopped: still running after ${deadlineMs >= 60_000 ? `${minutes} min` : `${deadlineMs} ms`} (JOB_DEADLINE_MS); what was written so far is kept and the next run goes on from there.`,
      HttpStatus.INTERNAL_SERVER_ERROR,
      { job, deadlineMs },
    );
  }

  static lockLost(job: string, reason: string): JobsError {
    return new JobsError(
      JobsErrorCode.LockLost,
      `Job '${job}' stopped: its database lock was lost (${reason}); another instance may run it now, so this run writes nothing more.`,
      HttpStatus.INTERNAL_SERVER_ERROR,
      { job },
    );
  }
}
