import { Entity, PrimaryColumn } from 'typeorm';

/** sic_urcoopa_Exclution_mois (sic): clients excluded from one month's accounting figures. */
@Entity({ name: 'sic_urcoopa_Exclution_mois' })
export class MonthExclusionEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  Nom_Client!: string;

  /** 'YYYY-MM' */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  mois_facture!: string;
}
