import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InvoiceNumberParamDto } from './dto/invoice-action.dto';
import { InvoiceListQueryDto } from './dto/invoice-list-query.dto';
import { InvoicePageQuery } from './invoice-page.query';
import { OdooConflictsService } from './odoo-conflicts.service';

@ApiExcludeController()
@Controller('factureAdherentUrcoopa')
export class InvoicesPageController {
  constructor(
    private readonly page: InvoicePageQuery,
    private readonly conflicts: OdooConflictsService,
  ) {}

  @Get()
  @Render('factures')
  async list(@Query() query: InvoiceListQueryDto) {
    return { title: 'Factures adhérents', nav: 'invoices', ...(await this.page.list(query)) };
  }

  @Get(':numero')
  @Render('facture')
  async detail(@Param() params: InvoiceNumberParamDto) {
    return {
      title: `Facture ${params.numero}`,
      nav: 'invoices',
      invoice: await this.page.detail(params.numero),
      odooConflicts: await this.conflicts.of(params.numero),
    };
  }

  @Get(':numero/impression')
  @Render('facture-impression')
  async print(@Param() params: InvoiceNumberParamDto) {
    return {
      title: `Facture ${params.numero}`,
      layout: 'layout-print',
      invoice: await this.page.detail(params.numero),
    };
  }
}
