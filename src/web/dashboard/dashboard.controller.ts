import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DashboardQuery } from './dashboard.query';

@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardQuery) {}

  @Get()
  @Render('tableau-de-bord')
  async show() {
    return { title: 'Tableau de bord', nav: 'dashboard', ...(await this.dashboard.build()) };
  }
}
