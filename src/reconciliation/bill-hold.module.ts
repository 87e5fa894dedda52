import { Module } from '@nestjs/common';
import { BillHoldService } from './bill-hold.service';

/** The bill hold alone, so that jobs 5 and 6 depend on it without the rest of the rapprochement. */
@Module({ providers: [BillHoldService], exports: [BillHoldService] })
export class BillHoldModule {}
