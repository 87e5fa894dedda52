import { Module } from '@nestjs/common';
import { OdooModule } from '../odoo/odoo.module';
import { UrcoopaModule } from '../urcoopa/urcoopa.module';
import { ContractController } from './contract.controller';
import { ContractService } from './contract.service';

/** The pre-flight check of Odoo and Urcoopa (npm run contract, GET /api/contract). */
@Module({
  imports: [OdooModule, UrcoopaModule],
  controllers: [ContractController],
  providers: [ContractService],
  exports: [ContractService],
})
export class ContractModule {}
