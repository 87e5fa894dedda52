import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What identifies the Urcoopa article: its product code, or the label of a line-900 service line. */
export type ArticleMappingKind = 'code' | 'label';

/**
 * sync_article_mapping: an Urcoopa article → the Odoo product chosen for it. Enrichment uses it
 * before the supplier codes / service labels; the unknowns page writes it.
 */
@Entity({ name: 'sync_article_mapping' })
export class ArticleMappingEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  kind!: ArticleMappingKind;

  /** Code_Produit, or the normalised label (normalizeName) for kind 'label'. */
  @PrimaryColumn({ name: 'urcoopa_key', type: 'varchar', length: 255 })
  urcoopaKey!: string;

  @Column({ name: 'odoo_product_id', type: 'int' })
  odooProductId!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
