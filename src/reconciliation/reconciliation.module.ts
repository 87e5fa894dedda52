import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { ReconciliationJob } from './reconciliation.job';

/** Issue 15: the three-way match order ↔ delivery ↔ invoice (job, pages, API, bill hold). */
@Module({
  imports: [OdooModule],
  providers: [ReconciliationJob],
  exports: [ReconciliationJob],
})
export class ReconciliationModule {}
