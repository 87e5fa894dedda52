import { Module } from '@nestjs/common';
import { UrcoopaCallKeys } from './urcoopa-call-keys';
import { UrcoopaClient } from './urcoopa.client';

/** The Urcoopa SOAP client (the only importer of `soap`). */
@Module({
  providers: [UrcoopaClient, UrcoopaCallKeys],
  exports: [UrcoopaClient, UrcoopaCallKeys],
})
export class UrcoopaModule {}
