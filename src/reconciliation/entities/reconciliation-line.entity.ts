import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

/** sync_reconciliation_line: the chain of one PO line (ordered → delivered → received → invoiced → billed). */
@Entity({ name: 'sync_reconciliation_line' })
@Index('IDX_sync_reconciliation_line_order', ['order_number', 'line_number'])
export class ReconciliationLineEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  order_number!: string;

  @Column({ type: 'int' })
  po_line_id!: number;

  @Column({ type: 'int' })
  line_number!: number;

  @Column({ type: 'int', nullable: true })
  product_id!: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  label!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  unit!: string | null;

  @Column(decimalColumn(14, 4))
  price_unit!: Decimal | null;

  @Column(decimalColumn(16, 4))
  ordered!: Decimal | null;

  @Column(decimalColumn(16, 4))
  delivered!: Decimal | null;

  @Column(decimalColumn(16, 4))
  received!: Decimal | null;

  @Column(decimalColumn(16, 4))
  invoiced!: Decimal | null;

  @Column(decimalColumn(16, 4))
  billed!: Decimal | null;

  @Column(decimalColumn(14, 4))
  invoice_price!: Decimal | null;

  /** Comma-separated invoice numbers of the line. */
  @Column({ type: 'text', nullable: true })
  invoice_numbers!: string | null;

  @Column({ type: 'text', nullable: true })
  bl_numbers!: string | null;
}
