import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

/**
 * pending: not known to exist in Odoo (never sent, or sent without a definite answer);
 * created: the Odoo record exists and its id is stored; failed: Odoo refused it (definite error,
 * nothing was created), retried by the next run; conflict: several Odoo records carry our marker,
 * or the one found does not match: a human must look, nothing is created.
 */
export type OdooIntentStatus = 'pending' | 'created' | 'failed' | 'conflict';

/**
 * sync_odoo_intent: one row per record we create in Odoo, keyed by (kind, business_key). Written
 * before any call to Odoo, so that a crash or a lost answer can never lead to a second record.
 */
@Entity({ name: 'sync_odoo_intent' })
@Index('UQ_sync_odoo_intent_kind_key', ['kind', 'businessKey'], { unique: true })
@Index('IDX_sync_odoo_intent_status', ['status'])
export class OdooIntentEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 64 })
  businessKey!: string;

  @Column({ name: 'company_id', type: 'int', nullable: true })
  companyId!: number | null;

  @Column({ name: 'odoo_model', type: 'varchar', length: 64 })
  odooModel!: string;

  @Column({ name: 'odoo_id', type: 'int', nullable: true })
  odooId!: number | null;

  /** The value of our marker field on the Odoo record (how an earlier attempt is found). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  marker!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: OdooIntentStatus;

  /** Odoo `state` of the record when last seen (draft/posted, or a PO's state). */
  @Column({ name: 'odoo_state', type: 'varchar', length: 20, nullable: true })
  odooState!: string | null;

  /** Creates sent to Odoo (incremented and saved before each send). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'expected_untaxed', ...decimalColumn(14, 2) })
  expectedUntaxed!: Decimal | null;

  @Column({ name: 'expected_tax', ...decimalColumn(14, 2) })
  expectedTax!: Decimal | null;

  @Column({ name: 'expected_total', ...decimalColumn(14, 2) })
  expectedTotal!: Decimal | null;

  @Column({ name: 'odoo_untaxed', ...decimalColumn(14, 2) })
  odooUntaxed!: Decimal | null;

  @Column({ name: 'odoo_tax', ...decimalColumn(14, 2) })
  odooTax!: Decimal | null;

  @Column({ name: 'odoo_total', ...decimalColumn(14, 2) })
  odooTotal!: Decimal | null;

  /** null = not checked; 0 = Odoo's totals differ from ours by more than 0.01. */
  @Column({ name: 'totals_ok', type: 'tinyint', nullable: true })
  totalsOk!: number | null;

  /** 1 = created (or sent) while ODOO_POST_MOVES was on: may be posted. Older drafts never are. */
  @Column({ name: 'post_wanted', type: 'tinyint', default: 0 })
  postWanted!: number;

  @Column({ name: 'last_attempt_at', type: 'datetime', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
