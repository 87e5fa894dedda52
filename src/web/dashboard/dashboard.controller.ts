import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ReconciliationQuery } from '../../reconciliation/reconciliation.query';
import { DashboardQuery } from './dashboard.query';

@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardQuery,
    private readonly reconciliation: ReconciliationQuery,
  ) {}

  @Get()
  @Render('tableau-de-bord')
  async show() {
    const [figures, discrepancies] = await Promise.all([
      this.dashboard.build(),
      this.reconciliation.openSummary(),
    ]);
    return { title: 'Tableau de bord', nav: 'dashboard', ...figures, discrepancies };
  }
}
