import { Module } from '@nestjs/common';
import { MoveLookupsModule } from '../invoices/move-lookups.module';
import { OdooModule } from '../odoo/odoo.module';
import { OdooSyncModule } from '../odoo-sync/odoo-sync.module';
import { BillHoldModule } from '../reconciliation/bill-hold.module';
import { CorrespondenceModule } from './correspondence.module';
import { MemberCheckService } from './member-check.service';
import { MemberInjectionService } from './member-injection.service';
import { MemberJobsController } from './member-jobs.controller';
import { UnknownsResolutionService } from './unknowns-resolution.service';
import { UnknownsController } from './unknowns.controller';
import { UnknownsService } from './unknowns.service';

/** Jobs 4 and 5 (member check and injection), the unknowns and their resolution. */
@Module({
  imports: [OdooModule, OdooSyncModule, MoveLookupsModule, CorrespondenceModule, BillHoldModule],
  controllers: [MemberJobsController, UnknownsController],
  providers: [MemberCheckService, MemberInjectionService, UnknownsService, UnknownsResolutionService],
  exports: [MemberCheckService, MemberInjectionService, UnknownsService, UnknownsResolutionService],
})
export class CorrespondenceJobsModule {}
