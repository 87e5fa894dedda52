import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UnknownsPageQuery } from './unknowns-page.query';

/** The unknowns page lives at /inconnus: /les_inconnus stays the legacy JSON route. */
@ApiExcludeController()
@Controller('inconnus')
export class UnknownsPageController {
  constructor(private readonly page: UnknownsPageQuery) {}

  @Get()
  @Render('inconnus')
  async show() {
    return { title: 'Inconnus', nav: 'unknowns', ...(await this.page.build()) };
  }
}
