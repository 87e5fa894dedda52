import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRunView } from '../jobs/dto/job-run.view';
import { JobRunner } from '../jobs/job-runner.service';
import { runLegacyJob } from '../jobs/legacy-job-response';
import { UrcoopaCallKeys } from '../urcoopa/urcoopa-call-keys';
import { LegacyImportQueryDto } from './dto/legacy-import-query.dto';

const RUN_RESPONSES = [
  { status: 207, description: 'Run partial: some records rejected (see recordErrors)', type: JobRunView },
  { status: 409, description: 'The job is already running (body: that run)', type: JobRunView },
  {
    status: 502,
    description: 'Urcoopa (or Odoo) failed: the run failed, nothing half-written',
    type: JobRunView,
  },
];

/** Routes of the previous tool kept for the crontab and scripts that call them (jobs 1 and 2). */
@ApiTags('urcoopa')
@Controller()
export class InvoicesController {
  constructor(
    private readonly runner: JobRunner,
    private readonly keys: UrcoopaCallKeys,
  ) {}

  @Get('Recupere_Factures')
  @ApiOperation({ summary: 'Job 1: fetch the Urcoopa invoices of the window, store and enrich them' })
  @ApiOkResponse({ type: JobRunView })
  @ApiResponse(RUN_RESPONSES[0])
  @ApiResponse(RUN_RESPONSES[1])
  @ApiResponse(RUN_RESPONSES[2])
  invoices(
    @Query() query: LegacyImportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobRunView> {
    return runLegacyJob(this.runner, res, 'factures', this.params(query));
  }

  @Get('recupere_livraison')
  @ApiOperation({ summary: 'Job 2: fetch the Urcoopa delivery notes of the window and store them' })
  @ApiOkResponse({ type: JobRunView })
  @ApiResponse(RUN_RESPONSES[0])
  @ApiResponse(RUN_RESPONSES[1])
  @ApiResponse(RUN_RESPONSES[2])
  deliveries(
    @Query() query: LegacyImportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobRunView> {
    return runLegacyJob(this.runner, res, 'livraisons', this.params(query));
  }

  /** The key itself never enters the run's parameters (stored and shown): only a one-use reference. */
  private params(query: LegacyImportQueryDto): Record<string, unknown> {
    return {
      ...(query.nb_jours !== undefined ? { nbJours: query.nb_jours } : {}),
      ...(query.dateReference !== undefined ? { dateReference: query.dateReference } : {}),
      ...(query.xCleAPI ? { keyRef: this.keys.hold(query.xCleAPI) } : {}),
    };
  }
}
