import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

/** sync_reconciliation_order: one row per order matched by the last rapprochement run. */
@Entity({ name: 'sync_reconciliation_order' })
export class ReconciliationOrderEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The order number as Urcoopa knows it (PO name, or Gesica number). */
  @Index('UQ_sync_reconciliation_order_number', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  order_number!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  po_name!: string | null;

  @Column({ type: 'int', nullable: true })
  po_id!: number | null;

  @Column({ type: 'int', nullable: true })
  company_id!: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  code_client!: string | null;

  @Column({ type: 'date', nullable: true })
  order_day!: string | null;

  @Column({ type: 'date', nullable: true })
  sent_day!: string | null;

  @Column({ type: 'tinyint', default: 0 })
  waiting_delivery!: number;

  @Column({ type: 'tinyint', default: 0 })
  waiting_invoice!: number;

  @Column({ type: 'tinyint', default: 0 })
  unknown!: number;

  @Column(decimalColumn(14, 2))
  ordered_amount!: Decimal | null;

  @Column(decimalColumn(14, 2))
  invoiced_amount!: Decimal | null;

  @Column({ type: 'int', default: 0 })
  line_count!: number;

  @Column({ type: 'datetime' })
  updated_at!: Date;
}
