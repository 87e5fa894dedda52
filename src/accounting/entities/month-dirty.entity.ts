import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sync_month_dirty: months whose figures must be rebuilt; the version tells a newer change. */
@Entity({ name: 'sync_month_dirty' })
export class MonthDirtyEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  version!: number;
}
