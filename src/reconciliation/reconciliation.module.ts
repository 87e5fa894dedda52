import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationJob } from './reconciliation.job';
import { ReconciliationMetrics } from './reconciliation.metrics';
import { ReconciliationQuery } from './reconciliation.query';
import { ReconciliationService } from './reconciliation.service';

/** Issue 15: the three-way match order ↔ delivery ↔ invoice (job, API, queries for the pages, bill hold). */
@Module({
  imports: [OdooModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationJob, ReconciliationQuery, ReconciliationService, ReconciliationMetrics],
  exports: [ReconciliationJob, ReconciliationQuery, ReconciliationService],
})
export class ReconciliationModule {}
