import { applyDecorators, Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRunView } from '../jobs/dto/job-run.view';
import { JobRunner } from '../jobs/job-runner.service';
import { runLegacyJob } from '../jobs/legacy-job-response';

const LegacyRunResponses = () =>
  applyDecorators(
    ApiResponse({ status: 200, type: JobRunView, description: 'Run réussi' }),
    ApiResponse({ status: 207, type: JobRunView, description: 'Run partiel (recordErrors)' }),
    ApiResponse({ status: 409, type: JobRunView, description: 'Le job tourne déjà' }),
    ApiResponse({ status: 502, type: JobRunView, description: 'Odoo injoignable ou en erreur' }),
  );

@ApiTags('jobs (routes historiques)')
@Controller('api')
export class MemberJobsController {
  constructor(private readonly runner: JobRunner) {}

  @Get('verification-correspondance-adherent')
  @ApiOperation({ summary: 'Job 4 : vérification des correspondances adhérents / articles' })
  @LegacyRunResponses()
  check(@Res({ passthrough: true }) res: Response) {
    return runLegacyJob(this.runner, res, 'verif-correspondance');
  }

  @Get('injection-dans-odoo-donnees-adherent')
  @ApiOperation({
    summary: 'Job 5 : factures adhérents dans Odoo (facture fournisseur + facture client, une fois chacune)',
  })
  @LegacyRunResponses()
  inject(@Res({ passthrough: true }) res: Response) {
    return runLegacyJob(this.runner, res, 'injection-adherents');
  }
}
