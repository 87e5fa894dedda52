import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { OdooModule } from '../odoo/odoo.module';
import { OdooSyncModule } from '../odoo-sync/odoo-sync.module';
import { UrcoopaModule } from '../urcoopa/urcoopa.module';
import { DropshipLinker } from './dropship-linker';
import { SentOrderEntity } from './entities/sent-order.entity';
import { OrderPushService } from './order-push.service';
import { OrdersController } from './orders.controller';
import { PoBillService } from './po-bill.service';
import { PurchaseOrderReader } from './purchase-order.reader';
import { ReceptionSwitchService } from './reception-switch.service';
import { SentOrderLedger } from './sent-order.ledger';
import { GesicaImportService } from './gesica-import.service';
import { GesicaRepository } from './gesica.repository';

/** Job 7 (orders to Urcoopa), job 3 (switch after reception) and the Gesica import. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SentOrderEntity, DepotEntity, InvoiceLineEntity]),
    OdooModule,
    OdooSyncModule,
    UrcoopaModule,
  ],
  controllers: [OrdersController],
  providers: [
    PurchaseOrderReader,
    SentOrderLedger,
    OrderPushService,
    PoBillService,
    DropshipLinker,
    ReceptionSwitchService,
    GesicaRepository,
    GesicaImportService,
  ],
})
export class OrdersModule {}
