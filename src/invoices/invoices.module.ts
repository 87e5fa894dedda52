import { Module } from '@nestjs/common';
import { AccountingModule } from '../accounting/accounting.module';
import { CorrespondenceModule } from '../correspondence/correspondence.module';
import { OdooModule } from '../odoo/odoo.module';
import { UrcoopaModule } from '../urcoopa/urcoopa.module';
import { DeliveryImportService } from './delivery-import.service';
import { InvoiceEnrichmentService } from './invoice-enrichment.service';
import { InvoiceImportService } from './invoice-import.service';
import { InvoicesController } from './invoices.controller';
import { RejectedPayloadsService } from './rejected-payloads.service';
import { UrcoopaWindowImport } from './urcoopa-window-import';

/** Jobs 1 and 2: Urcoopa invoices and deliveries into exportOdoo, and the invoices' enrichment. */
@Module({
  imports: [UrcoopaModule, OdooModule, CorrespondenceModule, AccountingModule],
  controllers: [InvoicesController],
  providers: [
    InvoiceImportService,
    DeliveryImportService,
    InvoiceEnrichmentService,
    RejectedPayloadsService,
    UrcoopaWindowImport,
  ],
  exports: [InvoiceEnrichmentService],
})
export class InvoicesModule {}
