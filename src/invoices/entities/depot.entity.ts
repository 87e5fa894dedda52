import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sic_depot: the stores, mapping an Urcoopa customer code to an Odoo company and a delivery address code. */
@Entity({ name: 'sic_depot' })
export class DepotEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code_urcoopa!: string;

  @Column({ type: 'int' })
  company_id!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  code!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  lib!: string | null;
}
