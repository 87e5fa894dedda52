import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Decimal, decimalColumn } from '../../common/money';

export const ARTICLE_STATUS = { pending: 'à traiter', done: 'déjà traiter' } as const;
export const INTEGRATION_STATUS = { pending: 'à intégrer', done: 'intégré' } as const;

/**
 * sic_urcoopa_facture: one row per Urcoopa invoice line (domain.md §3). Column names are kept
 * exactly as the previous tool and the other reports use them.
 */
@Entity({ name: 'sic_urcoopa_facture' })
export class InvoiceLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  Numero_Facture!: string;

  @PrimaryColumn({ type: 'int' })
  Numero_Ligne_Facture!: number;

  @Column({ type: 'varchar', length: 2 })
  Type_Facture!: string;

  @Column({ type: 'date', nullable: true })
  Date_Facture!: string | null;

  @Column({ type: 'date', nullable: true })
  Date_Echeance!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Societe_Facture!: string | null;

  @Column({ type: 'varchar', length: 20 })
  Code_Client!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Nom_Client!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Type_Client!: string | null;

  @Column(decimalColumn(14, 2))
  Montant_HT!: Decimal | null;

  @Column(decimalColumn(14, 2))
  Montant_TTC!: Decimal | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Code_Produit!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Libelle_Produit!: string | null;

  @Column(decimalColumn(14, 4))
  Prix_Unitaire!: Decimal | null;

  @Column(decimalColumn(14, 4))
  Quantite_Facturee!: Decimal | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  Unite_Facturee!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_Silo!: string | null;

  @Column(decimalColumn(14, 2))
  Montant_HT_Ligne!: Decimal | null;

  @Column(decimalColumn(5, 2))
  Taux_TVA!: Decimal | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  Depot_BL!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_BL!: string | null;

  @Column({ type: 'int', nullable: true })
  Numero_Ligne_BL!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_Commande_Client!: string | null;

  @Column({ type: 'date', nullable: true })
  Date_Commande_Client!: string | null;

  @Column({ type: 'text', nullable: true })
  Commentaires!: string | null;

  @Column({ type: 'date', nullable: true })
  Date_Livraison!: string | null;

  // Enrichment (filled from Odoo).
  @Column({ type: 'varchar', length: 50, nullable: true })
  Numero_Commande_ODOO!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  Code_Produit_ODOO!: string | null;

  @Column({ type: 'int', nullable: true })
  ID_Produit_ODOO!: number | null;

  @Column({ type: 'int', nullable: true })
  ID_Produit_tmpl_ODOO!: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Code_Client_ODOO!: string | null;

  @Column({ type: 'int', default: 0 })
  ID_Client_ODOO!: number;

  @Column({ type: 'int', nullable: true })
  Societe_Facture_ODOO!: number | null;

  @Column({ type: 'int', nullable: true })
  ID_Facture_ODOO!: number | null;

  @Column(decimalColumn(14, 4))
  poid_unit_odoo!: Decimal | null;

  @Column(decimalColumn(16, 4))
  Qte_Fact_Conv!: Decimal | null;

  // Workflow.
  @Column({ type: 'tinyint', default: 0 })
  facture_valider!: number;

  @Column({ type: 'datetime', nullable: true })
  date_validation!: Date | null;

  @Column({ type: 'varchar', length: 20, default: ARTICLE_STATUS.pending })
  Statut_Correspondance_Article!: string;

  @Column({ type: 'varchar', length: 20, default: ARTICLE_STATUS.pending })
  Statut_Correspondance_Adherent!: string;

  @Column({ type: 'varchar', length: 20, default: INTEGRATION_STATUS.pending })
  Statut_Integration_Fac_inOdoo!: string;

  // Ours: a hash of the Urcoopa content of the whole invoice, to tell unchanged from changed re-imports.
  @Column({ type: 'varchar', length: 64, nullable: true })
  content_hash!: string | null;

  @Column({ type: 'datetime', nullable: true })
  imported_at!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  updated_at!: Date | null;
}
