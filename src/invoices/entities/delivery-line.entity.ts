import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

/** Line number stored for a delivery whose Detail is null (a header without lines). */
export const HEADER_ONLY_LINE = 0;

/** sic_urcoopa_livraison: one row per Urcoopa delivery (BL) line. */
@Entity({ name: 'sic_urcoopa_livraison' })
export class DeliveryLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  Numero_BL!: string;

  @PrimaryColumn({ type: 'int' })
  Numero_Ligne_BL!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  Code_Client!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Nom_Client!: string | null;

  @Column({ type: 'date', nullable: true })
  Date_BL!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Code_Adresse!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Libelle_Adresse!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Rue!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Lieu!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  Code_Postal!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  Ville!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Code_Produit!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Libelle_Produit!: string | null;

  @Column(decimalColumn(14, 4))
  Quantite_Livree!: Decimal | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Silo!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  Transporteur!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  Depot_Commande!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_Commande!: string | null;

  @Column({ type: 'int', nullable: true })
  Numero_Ligne_Commande!: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  Numero_Facture!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_Bande!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  content_hash!: string | null;

  @Column({ type: 'datetime', nullable: true })
  imported_at!: Date | null;
}
