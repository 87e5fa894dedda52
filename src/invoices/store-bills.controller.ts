import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRunView } from '../jobs/dto/job-run.view';
import { JobRunner } from '../jobs/job-runner.service';
import { runLegacyJob } from '../jobs/legacy-job-response';

@ApiTags('jobs (routes historiques)')
@Controller()
export class StoreBillsController {
  constructor(private readonly runner: JobRunner) {}

  @Get('ajout-facture-odoo')
  @ApiOperation({
    summary: 'Job 6 : factures fournisseur des magasins dans Odoo (une fois par facture Urcoopa)',
  })
  @ApiResponse({ status: 200, type: JobRunView, description: 'Run réussi' })
  @ApiResponse({
    status: 207,
    type: JobRunView,
    description: 'Run partiel : recordErrors liste les factures non envoyées',
  })
  @ApiResponse({ status: 409, type: JobRunView, description: 'Le job tourne déjà' })
  @ApiResponse({ status: 502, type: JobRunView, description: 'Odoo injoignable ou en erreur' })
  run(@Res({ passthrough: true }) res: Response) {
    return runLegacyJob(this.runner, res, 'factures-magasins');
  }
}
