import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { JobName } from '../config/job-definitions';
import type { JobRunView } from './dto/job-run.view';
import type { JobTrigger } from './job-run.entity';
import { JobRunner } from './job-runner.service';
import { JobsError, JobsErrorCode } from './jobs.error';

export interface LegacyJobResponse {
  httpStatus: number;
  body: JobRunView;
}

/**
 * The HTTP status a legacy route answers for a finished run: 200 succeeded; 207 Multi-Status
 * partial (some records rejected, the body's recordErrors lists them); 502 failed because of an
 * outside system (run.failure.external: the client's AppError was transient, or had
 * details.external = true, or HTTP status 502/503/504; or the job returned external: true);
 * 500 any other failure.
 */
export function legacyHttpStatus(run: JobRunView): number {
  switch (run.status) {
    case 'succeeded':
      return HttpStatus.OK;
    case 'partial':
      return HttpStatus.MULTI_STATUS;
    case 'failed':
      return run.failure?.external ? HttpStatus.BAD_GATEWAY : HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/**
 * Runs a job for a route of the previous tool (e.g. GET /Recupere_Factures/) and waits for it:
 * the body is the run view; 409 (body: the running run) when it runs already. Unknown or
 * unavailable jobs throw the JobsError (404 / 503 through the global filter).
 */
export async function legacyJobResponse(
  runner: JobRunner,
  name: JobName,
  params: Record<string, unknown> = {},
  trigger: JobTrigger = 'api',
): Promise<LegacyJobResponse> {
  try {
    const run = await runner.run(name, trigger, params);
    return { httpStatus: legacyHttpStatus(run), body: run };
  } catch (error) {
    if (!(error instanceof JobsError) || error.code !== JobsErrorCode.AlreadyRunning) throw error;
    const runId = error.details?.runId as number | null;
    const running = runId ? await runner.getRun(runId).catch(() => null) : null;
    if (!running) throw error;
    return { httpStatus: HttpStatus.CONFLICT, body: running };
  }
}

/**
 * The same for a controller method with `@Res({ passthrough: true }) res`: sets the status and
 * returns the body. `return runLegacyJob(this.runner, res, 'factures', { nbJours, dateReference });`
 */
export async function runLegacyJob(
  runner: JobRunner,
  res: Response,
  name: JobName,
  params: Record<string, unknown> = {},
): Promise<JobRunView> {
  const { httpStatus, body } = await legacyJobResponse(runner, name, params);
  res.status(httpStatus);
  return body;
}
