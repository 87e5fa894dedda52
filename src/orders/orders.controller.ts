import { applyDecorators, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRunView } from '../jobs/dto/job-run.view';
import { JobRunner } from '../jobs/job-runner.service';
import { runLegacyJob } from '../jobs/legacy-job-response';
import { SwitchQueryDto } from './dto/orders-query.dto';

const RunResponses = () =>
  applyDecorators(
    ApiResponse({ status: 200, type: JobRunView, description: 'Run succeeded' }),
    ApiResponse({
      status: 207,
      type: JobRunView,
      description: 'Partial: recordErrors lists the records refused',
    }),
    ApiResponse({ status: 502, type: JobRunView, description: 'Failed because of Urcoopa, Odoo or Gesica' }),
    ApiConflictResponse({ type: JobRunView, description: 'The job is already running (body: that run)' }),
  );

/** Routes of the previous tool for job 7, job 3 and the Gesica import: they only ask the JobRunner. */
@ApiTags('orders')
@Controller()
export class OrdersController {
  constructor(private readonly runner: JobRunner) {}

  @Post('envoyer-commande')
  @HttpCode(200)
  @ApiOperation({ summary: 'Job 7: send the confirmed URCOOPA purchase orders of the last DATE_JOUR days' })
  @RunResponses()
  sendOrders(@Res({ passthrough: true }) res: Response): Promise<JobRunView> {
    return runLegacyJob(this.runner, res, 'commandes');
  }

  @Get('switch-facture-apres-reception')
  @ApiOperation({ summary: 'Job 3: draft bills of received store POs; drop-ship POs invoiced by Urcoopa' })
  @RunResponses()
  switchInvoices(
    @Query() query: SwitchQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobRunView> {
    return runLegacyJob(this.runner, res, 'switch-factures', query.days ? { days: query.days } : {});
  }

  @Get('api/gesica/import')
  @ApiOperation({ summary: 'Gesica import: CMD400 orders become URCOOPA purchase orders (GESICA<ENOCOM>)' })
  @RunResponses()
  importGesica(@Res({ passthrough: true }) res: Response): Promise<JobRunView> {
    return runLegacyJob(this.runner, res, 'gesica');
  }
}
