import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { JobName } from '../config/job-definitions';
import { JobDefinitionView, JobRunView, RunStartedView } from './dto/job-run.view';
import { ListRunsQueryDto, RunIdParamDto, RunJobBodyDto, RunJobQueryDto } from './dto/jobs-query.dto';
import { JobCatalogService } from './job-catalog.service';
import { JobHistoryService } from './job-history.service';
import { JobRunner } from './job-runner.service';

@ApiTags('jobs')
@Controller('api/jobs')
export class JobsController {
  constructor(
    private readonly runner: JobRunner,
    private readonly history: JobHistoryService,
    private readonly catalog: JobCatalogService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The jobs: definitions, schedules, availability, last run, next run' })
  @ApiOkResponse({ type: [JobDefinitionView] })
  list(): Promise<JobDefinitionView[]> {
    return this.catalog.describe();
  }

  @Get('runs')
  @ApiOperation({ summary: 'Run history, newest first' })
  @ApiOkResponse({ type: [JobRunView] })
  runs(@Query() query: ListRunsQueryDto): Promise<JobRunView[]> {
    return this.history.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One run (with progress while it runs)' })
  @ApiOkResponse({ type: JobRunView })
  @ApiNotFoundResponse({ description: 'No such run' })
  run(@Param() params: RunIdParamDto): Promise<JobRunView> {
    return this.history.get(params.id);
  }

  @Post(':name/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a job: 202 with the run id at once, or 200 with the finished run when wait=true',
  })
  @ApiAcceptedResponse({ type: RunStartedView })
  @ApiOkResponse({ type: JobRunView, description: 'With wait=true: the finished run, whatever its status' })
  @ApiConflictResponse({ description: 'ALREADY_RUNNING; details.runId is the running run' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_JOB' })
  @ApiServiceUnavailableResponse({ description: 'NOT_AVAILABLE: no handler, or disabled by configuration' })
  async trigger(
    @Param('name') name: string,
    @Query() query: RunJobQueryDto,
    @Body() body: RunJobBodyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunStartedView | JobRunView> {
    if (!query.wait) return this.runner.start(name as JobName, 'api', body?.params ?? {});
    const run = await this.runner.run(name as JobName, 'api', body?.params ?? {});
    res.status(200);
    return run;
  }
}
