import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  AcceptDiscrepancyDto,
  DiscrepancyIdParamDto,
  DiscrepancyListQueryDto,
  OrderNumberParamDto,
  ReconciliationListQueryDto,
} from './dto/reconciliation-query.dto';
import { ReconciliationQuery } from './reconciliation.query';
import { ReconciliationService } from './reconciliation.service';

/** The rapprochement as JSON (what the pages show). */
@ApiTags('rapprochement')
@Controller('api/rapprochement')
export class ReconciliationController {
  constructor(
    private readonly query: ReconciliationQuery,
    private readonly service: ReconciliationService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Orders matched by the last run, with their status chips (filters as the page)' })
  list(@Query() q: ReconciliationListQueryDto) {
    return this.query.list(ReconciliationQuery.filters(q), q.page ?? 1);
  }

  @Get('ecarts')
  @ApiOperation({ summary: 'Discrepancies (open and accepted), by status, kind or invoice' })
  discrepancies(@Query() q: DiscrepancyListQueryDto) {
    return this.query.discrepancies({ status: q.status, kind: q.kind, invoiceNumber: q.facture });
  }

  @Get('ecarts/resume')
  @ApiOperation({ summary: 'Open discrepancies: count, money at stake, count per kind' })
  summary() {
    return this.query.openSummary();
  }

  @Post('ecarts/:id/accepter')
  @ApiOperation({ summary: 'Accept an open discrepancy with a comment (who and when are kept)' })
  @ApiNotFoundResponse({ description: 'RAPPROCHEMENT_UNKNOWN_DISCREPANCY' })
  @ApiConflictResponse({ description: 'RAPPROCHEMENT_ALREADY_ACCEPTED' })
  accept(@Param() p: DiscrepancyIdParamDto, @Body() body: AcceptDiscrepancyDto, @Req() req: Request) {
    const user = (req as Request & { session?: { user?: string } }).session?.user ?? 'API';
    return this.service.accept(p.id, user, body.commentaire);
  }

  @Get(':numero')
  @ApiOperation({ summary: 'One order: the chain line by line and its discrepancies' })
  @ApiNotFoundResponse({ description: 'RAPPROCHEMENT_UNKNOWN_ORDER' })
  order(@Param() p: OrderNumberParamDto) {
    return this.query.order(p.numero);
  }
}
