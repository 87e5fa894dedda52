import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

export type DiscrepancyStatus = 'open' | 'accepted';

/**
 * sync_reconciliation_discrepancy: what the three-way match found. Rows are kept across runs by
 * their key, so that an accepted discrepancy stays accepted; one no longer found is deleted.
 */
@Entity({ name: 'sync_reconciliation_discrepancy' })
@Index('IDX_sync_reconciliation_discrepancy_status', ['status', 'kind'])
@Index('IDX_sync_reconciliation_discrepancy_order', ['order_number'])
export class DiscrepancyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Index('UQ_sync_reconciliation_discrepancy_key', { unique: true })
  @Column({ type: 'varchar', length: 191 })
  discrepancy_key!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: string;

  @Column({ type: 'varchar', length: 50 })
  order_number!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  po_name!: string | null;

  @Column({ type: 'int', nullable: true })
  po_line_id!: number | null;

  @Column({ type: 'int', nullable: true })
  line_number!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  product_code!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  label!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  unit!: string | null;

  @Column(decimalColumn(16, 4))
  expected!: Decimal | null;

  @Column(decimalColumn(16, 4))
  actual!: Decimal | null;

  @Column(decimalColumn(16, 4))
  difference!: Decimal | null;

  @Column(decimalColumn(14, 2))
  amount!: Decimal | null;

  /** ',n1,n2,' so that one invoice's discrepancies are found with LIKE '%,n,%'. */
  @Column({ type: 'text', nullable: true })
  invoice_numbers!: string | null;

  @Column({ type: 'text', nullable: true })
  bl_numbers!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status!: DiscrepancyStatus;

  @Column({ type: 'datetime' })
  detected_at!: Date;

  @Column({ type: 'datetime' })
  updated_at!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  accepted_by!: string | null;

  @Column({ type: 'datetime', nullable: true })
  accepted_at!: Date | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}
