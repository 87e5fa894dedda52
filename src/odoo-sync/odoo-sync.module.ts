import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { OdooIntentService } from './odoo-intent.service';
import { OdooIntentStore } from './odoo-intent.store';

/** The exactly-once mechanism towards Odoo, used by every job that creates records there. */
@Module({
  imports: [OdooModule],
  providers: [OdooIntentStore, OdooIntentService],
  exports: [OdooIntentService],
})
export class OdooSyncModule {}
