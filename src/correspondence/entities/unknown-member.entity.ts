import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sic_urcoopa_non_correspondance_adherent: members Urcoopa bills that match no Odoo partner. */
@Entity({ name: 'sic_urcoopa_non_correspondance_adherent' })
export class UnknownMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  Nom_Adherent_Urcoopa!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  Code_Client!: string | null;

  @Column({ type: 'datetime', nullable: true })
  first_seen_at!: Date | null;
}
