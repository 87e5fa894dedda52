import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { MoveLookupsService } from './move-lookups.service';
import { InvoiceIntegrationWriter } from './odoo-move.writer';

/** What every job that sends Urcoopa invoices to Odoo shares: run lookups and the integration writer. */
@Module({
  imports: [OdooModule],
  providers: [MoveLookupsService, InvoiceIntegrationWriter],
  exports: [MoveLookupsService, InvoiceIntegrationWriter],
})
export class MoveLookupsModule {}
