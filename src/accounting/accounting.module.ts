import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { AccountingController } from './accounting.controller';
import { AccountingService } from './accounting.service';
import { MonthExclusionEntity } from './entities/month-exclusion.entity';
import { MonthFiguresService } from './month-figures';

@Module({
  imports: [TypeOrmModule.forFeature([InvoiceLineEntity, MonthExclusionEntity])],
  controllers: [AccountingController],
  providers: [AccountingService, MonthFiguresService],
  exports: [AccountingService, MonthFiguresService],
})
export class AccountingModule {}
