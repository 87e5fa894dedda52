import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { CorrespondenceMatcher } from './correspondence-matcher.service';

/**
 * The matching of domain.md §6 (CorrespondenceMatcher), shared by the enrichment of job 1
 * (InvoicesModule) and the correspondence jobs; it imports no feature module, so none cycles.
 */
@Module({
  imports: [OdooModule],
  providers: [CorrespondenceMatcher],
  exports: [CorrespondenceMatcher],
})
export class CorrespondenceModule {}
