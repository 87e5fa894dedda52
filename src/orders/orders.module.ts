import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { OdooModule } from '../odoo/odoo.module';
import { UrcoopaModule } from '../urcoopa/urcoopa.module';
import { SentOrderEntity } from './entities/sent-order.entity';
import { OrderPushService } from './order-push.service';
import { OrdersController } from './orders.controller';
import { PurchaseOrderReader } from './purchase-order.reader';
import { SentOrderLedger } from './sent-order.ledger';

/** Job 7 (orders to Urcoopa), job 3 (switch after reception) and the Gesica import. */
@Module({
  imports: [TypeOrmModule.forFeature([SentOrderEntity, DepotEntity]), OdooModule, UrcoopaModule],
  controllers: [OrdersController],
  providers: [PurchaseOrderReader, SentOrderLedger, OrderPushService],
})
export class OrdersModule {}
