import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

/** The invoice kinds of the monthly figures: VRAC member invoices, VRAC store invoices (codes 5…), the rest. */
export type MonthKind = 'member' | 'store' | 'other';

/**
 * sync_month_figures: the sums of one month's invoice lines per kind, client (store invoices only,
 * '' otherwise) and invoice type, kept by the jobs that write the lines (see month-figures.ts).
 */
@Entity({ name: 'sync_month_figures' })
export class MonthFigureEntity {
  /** 'YYYY-MM' */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  kind!: MonthKind;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  client!: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  type_facture!: string;

  @Column({ type: 'int' })
  invoices!: number;

  /** Lines other than INTR, their HT and VAT (Σ HT × rate / 100, not rounded). */
  @Column({ type: 'int' })
  line_count!: number;

  @Column(decimalColumn(20, 2))
  ht!: Decimal | null;

  @Column(decimalColumn(20, 6))
  tva!: Decimal | null;

  @Column({ type: 'int' })
  intr_line_count!: number;

  @Column(decimalColumn(20, 2))
  intr_ht!: Decimal | null;

  @Column(decimalColumn(20, 6))
  intr_tva!: Decimal | null;

  /** Σ of the invoices' header amounts (Montant_HT, Montant_TTC), once per invoice. */
  @Column(decimalColumn(20, 2))
  head_ht!: Decimal | null;

  @Column(decimalColumn(20, 2))
  head_ttc!: Decimal | null;
}
