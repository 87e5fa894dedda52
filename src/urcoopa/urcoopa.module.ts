import { Module } from '@nestjs/common';
import { UrcoopaClient } from './urcoopa.client';

/** The Urcoopa SOAP client (the only importer of `soap`). */
@Module({
  providers: [UrcoopaClient],
  exports: [UrcoopaClient],
})
export class UrcoopaModule {}
