import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AcceptDiscrepancyFormDto,
  DiscrepancyIdParamDto,
  OrderNumberParamDto,
  ReconciliationListQueryDto,
} from '../../reconciliation/dto/reconciliation-query.dto';
import { ReconciliationError } from '../../reconciliation/reconciliation.error';
import { ReconciliationService } from '../../reconciliation/reconciliation.service';
import { setFlash, WebRequest } from '../auth/web-session';
import { ReconciliationPageQuery } from './reconciliation-page.query';

const LIST = '/rapprochement';
const back = (retour: string | undefined, fallback: string) =>
  retour?.startsWith(`${LIST}?`) || retour?.startsWith(`${LIST}/`) || retour === LIST ? retour : fallback;

/** /rapprochement: the orders matched with their deliveries and invoices, one PO per row. */
@ApiExcludeController()
@Controller('rapprochement')
export class ReconciliationPageController {
  constructor(
    private readonly page: ReconciliationPageQuery,
    private readonly service: ReconciliationService,
  ) {}

  @Get()
  @Render('rapprochement')
  async list(@Query() query: ReconciliationListQueryDto) {
    return { title: 'Rapprochement', nav: 'reconciliation', ...(await this.page.list(query)) };
  }

  /** The discrepancies of the orders the filters select, one per row. */
  @Get('export.csv')
  async export(@Query() query: ReconciliationListQueryDto, @Res() res: Response) {
    const { filename, content } = await this.page.exportCsv(query);
    res.type('text/csv; charset=utf-8').attachment(filename).send(content);
  }

  @Post('ecarts/:id/accepter')
  async accept(
    @Param() p: DiscrepancyIdParamDto,
    @Body() body: AcceptDiscrepancyFormDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    try {
      const accepted = await this.service.accept(p.id, req.session?.user ?? 'API', body.commentaire);
      setFlash(req, 'ok', `Écart accepté (${accepted.kindLabel}, commande ${accepted.orderNumber}).`);
    } catch (error) {
      if (!(error instanceof ReconciliationError)) throw error;
      setFlash(req, 'warn', error.message);
    }
    res.redirect(303, back(body.retour, LIST));
  }

  @Get(':numero')
  @Render('rapprochement-commande')
  async detail(@Param() p: OrderNumberParamDto) {
    return {
      title: `Rapprochement ${p.numero}`,
      nav: 'reconciliation',
      ...(await this.page.detail(p.numero)),
    };
  }
}
