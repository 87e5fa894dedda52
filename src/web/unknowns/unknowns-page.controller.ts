import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OdooSearchQueryDto } from './dto/odoo-search.dto';
import { OdooSearchQuery } from './odoo-search.query';
import { UnknownsPageQuery } from './unknowns-page.query';

/** The unknowns page lives at /inconnus: /les_inconnus stays the legacy JSON route. */
@ApiExcludeController()
@Controller('inconnus')
export class UnknownsPageController {
  constructor(
    private readonly page: UnknownsPageQuery,
    private readonly odoo: OdooSearchQuery,
  ) {}

  @Get()
  @Render('inconnus')
  async show() {
    return { title: 'Inconnus', nav: 'unknowns', ...(await this.page.build()) };
  }

  /** JSON for the page's search box (session-authenticated, read-only). */
  @Get('recherche-odoo')
  search(@Query() query: OdooSearchQueryDto) {
    return this.odoo.search(query.type, query.q);
  }
}
