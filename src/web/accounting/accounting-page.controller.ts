import { Controller, Get, Header, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccountingPageQuery } from './accounting-page.query';
import { AccountingPageQueryDto } from './dto/accounting-page.dto';

@ApiExcludeController()
@Controller('comptabilite')
export class AccountingPageController {
  constructor(private readonly page: AccountingPageQuery) {}

  @Get()
  @Render('comptabilite')
  async show(@Query() query: AccountingPageQueryDto) {
    return { title: 'Comptabilité', nav: 'accounting', ...(await this.page.build(query.mois)) };
  }

  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Query() query: AccountingPageQueryDto, @Res() res: Response) {
    const { filename, body } = await this.page.csv(query.mois);
    res.attachment(filename).send(body);
  }
}
