import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sic_urcoopa_non_correspondance_article: Urcoopa article codes that match no Odoo product. */
@Entity({ name: 'sic_urcoopa_non_correspondance_article' })
export class UnknownArticleEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  Numero_Article_Urcoopa!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Libelle_Produit!: string | null;

  @Column({ type: 'datetime', nullable: true })
  first_seen_at!: Date | null;
}
