import { Inject, Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountingModule } from '../accounting/accounting.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UnknownArticleEntity } from '../correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../correspondence/entities/unknown-member.entity';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { SentOrderEntity } from '../orders/entities/sent-order.entity';
import { AccountingPageController } from './accounting/accounting-page.controller';
import { AccountingPageQuery } from './accounting/accounting-page.query';
import { AuthController } from './auth/auth.controller';
import { DatabaseSessionStore } from './auth/database-session.store';
import { SignInLockoutEntity } from './auth/entities/sign-in-lockout.entity';
import { StaffSessionEntity } from './auth/entities/staff-session.entity';
import { StaffAuthService } from './auth/staff-auth.service';
import { webMiddleware } from './auth/web-middleware';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardQuery } from './dashboard/dashboard.query';
import { CorrespondenceJobsModule } from '../correspondence/correspondence-jobs.module';
import { OdooModule } from '../odoo/odoo.module';
import { InvoiceActionsController } from './invoices/invoice-actions.controller';
import { InvoiceActionsService } from './invoices/invoice-actions.service';
import { InvoiceDetailQuery } from './invoices/invoice-detail.query';
import { InvoiceListQuery } from './invoices/invoice-list.query';
import { InvoicePageQuery } from './invoices/invoice-page.query';
import { InvoicesPageController } from './invoices/invoices-page.controller';
import { ReconciliationModule } from '../reconciliation/reconciliation.module';
import { ReconciliationPageController } from './reconciliation/reconciliation-page.controller';
import { ReconciliationPageQuery } from './reconciliation/reconciliation-page.query';
import { TasksController } from './tasks/tasks.controller';
import { TasksQuery } from './tasks/tasks.query';
import { UnknownsPageController } from './unknowns/unknowns-page.controller';
import { OdooSearchQuery } from './unknowns/odoo-search.query';
import { UnknownsActionsController } from './unknowns/unknowns-actions.controller';
import { UnknownsActionsService } from './unknowns/unknowns-actions.service';
import { OdooIntentEntity } from '../odoo-sync/entities/odoo-intent.entity';
import { OdooConflictsService } from './invoices/odoo-conflicts.service';
import { UnknownsPageQuery } from './unknowns/unknowns-page.query';

/** The staff pages (server-rendered, French), their sign-in, session and CSRF protection. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      InvoiceLineEntity,
      SentOrderEntity,
      UnknownMemberEntity,
      UnknownArticleEntity,
      StaffSessionEntity,
      SignInLockoutEntity,
      OdooIntentEntity,
    ]),
    AccountingModule,
    OdooModule,
    CorrespondenceJobsModule,
    ReconciliationModule,
  ],
  controllers: [
    AuthController,
    DashboardController,
    InvoiceActionsController,
    InvoicesPageController,
    UnknownsActionsController,
    UnknownsPageController,
    AccountingPageController,
    TasksController,
    ReconciliationPageController,
  ],
  providers: [
    StaffAuthService,
    DashboardQuery,
    InvoiceListQuery,
    InvoiceDetailQuery,
    InvoicePageQuery,
    InvoiceActionsService,
    OdooConflictsService,
    OdooSearchQuery,
    UnknownsActionsService,
    UnknownsPageQuery,
    AccountingPageQuery,
    TasksQuery,
    ReconciliationPageQuery,
  ],
})
export class WebModule implements NestModule {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(StaffSessionEntity) private readonly sessions: Repository<StaffSessionEntity>,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const { auth } = this.config;
    const logger = new Logger('WebModule');
    if (auth.sessionSecretRandom)
      logger.warn('SESSION_SECRET is not set: a random one is used, staff sessions end at every restart.');
    if (auth.secureCookies && auth.trustProxy === false)
      logger.warn(
        'SECURE_COOKIES without TRUST_PROXY: sessions work only over HTTPS served by this process.',
      );
    const store = new DatabaseSessionStore(this.sessions, auth.sessionIdleMs, auth.sessionMaxMs);
    consumer.apply(...webMiddleware(this.config, store)).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
