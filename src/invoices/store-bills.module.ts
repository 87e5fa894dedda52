import { Module } from '@nestjs/common';
import { CorrespondenceJobsModule } from '../correspondence/correspondence-jobs.module';
import { OdooModule } from '../odoo/odoo.module';
import { OdooSyncModule } from '../odoo-sync/odoo-sync.module';
import { BillHoldModule } from '../reconciliation/bill-hold.module';
import { InvoiceInjectionService } from './invoice-injection.service';
import { InvoiceValidationController } from './invoice-validation.controller';
import { InvoiceValidationService } from './invoice-validation.service';
import { MoveLookupsModule } from './move-lookups.module';
import { StoreBillsController } from './store-bills.controller';
import { StoreBillsService } from './store-bills.service';

/** Job 6 (store bills), member invoice validation and "inject this invoice now". */
@Module({
  imports: [OdooModule, OdooSyncModule, MoveLookupsModule, CorrespondenceJobsModule, BillHoldModule],
  controllers: [StoreBillsController, InvoiceValidationController],
  providers: [StoreBillsService, InvoiceValidationService, InvoiceInjectionService],
  exports: [StoreBillsService, InvoiceValidationService, InvoiceInjectionService],
})
export class StoreBillsModule {}
