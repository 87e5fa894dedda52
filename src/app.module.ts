import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccountingModule } from './accounting/accounting.module';
import { ApiKeyGuard } from './common/auth/api-key.guard';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { validationPipe } from './common/http/validation';
import { loggerParams } from './common/logging/logging';
import { BusinessClock } from './common/reunion-time';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ContractModule } from './contract/contract.module';
import { CorrespondenceJobsModule } from './correspondence/correspondence-jobs.module';
import { CorrespondenceModule } from './correspondence/correspondence.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { InvoicesModule } from './invoices/invoices.module';
import { StoreBillsModule } from './invoices/store-bills.module';
import { JobsModule } from './jobs/jobs.module';
import { OdooModule } from './odoo/odoo.module';
import { OrdersModule } from './orders/orders.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { UrcoopaModule } from './urcoopa/urcoopa.module';
import { WebModule } from './web/web.module';

export interface AppModuleOptions {
  /** Replace the business clock (tests). */
  clock?: BusinessClock;
  /**
   * Start the job crons (default: yes, except under NODE_ENV=test; the CLI passes false). Tests of
   * the scheduler call JobsScheduler.tick() instead of waiting for a timer.
   */
  startCrons?: boolean;
  /** Where the logs go instead of stdout (tests that read them). */
  logStream?: DestinationStream;
  /** Extra modules mounted beside the features (tests, demo). */
  extraModules?: Array<Type | DynamicModule>;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config, options.clock),
        LoggerModule.forRoot(loggerParams(config, options.logStream)),
        DatabaseModule.register(config),
        HealthModule,
        JobsModule.register({ startCrons: options.startCrons }),
        UrcoopaModule,
        OdooModule,
        InvoicesModule,
        OrdersModule,
        CorrespondenceModule,
        CorrespondenceJobsModule,
        StoreBillsModule,
        AccountingModule,
        ContractModule,
        ReconciliationModule,
        WebModule,
        ...(options.extraModules ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useValue: validationPipe() },
      ],
    };
  }
}
