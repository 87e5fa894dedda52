import { MonthDirtyEntity } from '../accounting/entities/month-dirty.entity';
import { MonthExclusionEntity } from '../accounting/entities/month-exclusion.entity';
import { MonthFigureEntity } from '../accounting/entities/month-figure.entity';
import { ArticleMappingEntity } from '../correspondence/entities/article-mapping.entity';
import { MemberMappingEntity } from '../correspondence/entities/member-mapping.entity';
import { UnknownArticleEntity } from '../correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../correspondence/entities/unknown-member.entity';
import { DeliveryLineEntity } from '../invoices/entities/delivery-line.entity';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { RejectedPayloadEntity } from '../invoices/entities/rejected-payload.entity';
import { JobLockEntity } from '../jobs/job-lock.entity';
import { JobRunEntity } from '../jobs/job-run.entity';
import { OdooIntentEntity } from '../odoo-sync/entities/odoo-intent.entity';
import { SentOrderEntity } from '../orders/entities/sent-order.entity';
import { SignInLockoutEntity } from '../web/auth/entities/sign-in-lockout.entity';
import { StaffSessionEntity } from '../web/auth/entities/staff-session.entity';
import { DiscrepancyEntity } from '../reconciliation/entities/discrepancy.entity';
import { ReconciliationLineEntity } from '../reconciliation/entities/reconciliation-line.entity';
import { ReconciliationOrderEntity } from '../reconciliation/entities/reconciliation-order.entity';

/** Every entity of the service. */
export const ENTITIES = [
  InvoiceLineEntity,
  DeliveryLineEntity,
  DepotEntity,
  SentOrderEntity,
  UnknownMemberEntity,
  UnknownArticleEntity,
  MonthExclusionEntity,
  MonthFigureEntity,
  MonthDirtyEntity,
  JobRunEntity,
  JobLockEntity,
  RejectedPayloadEntity,
  MemberMappingEntity,
  ArticleMappingEntity,
  OdooIntentEntity,
  StaffSessionEntity,
  SignInLockoutEntity,
  ReconciliationOrderEntity,
  ReconciliationLineEntity,
  DiscrepancyEntity,
];
