import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col, createOrAdoptTable } from '../schema-helpers';

const pending = (name: string, value: string) => col.varchar(name, 20, false, { default: `'${value}'` });

/**
 * The exportOdoo tables of domain.md §3 (created, or adopted when the previous tool created them)
 * and the job history tables of this service.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_facture',
        columns: [
          col.varchar('Numero_Facture', 20, false, { isPrimary: true }),
          col.int('Numero_Ligne_Facture', false, { isPrimary: true }),
          col.varchar('Type_Facture', 2, false),
          col.date('Date_Facture'),
          col.date('Date_Echeance'),
          col.varchar('Societe_Facture', 50),
          col.varchar('Code_Client', 20, false),
          col.varchar('Nom_Client', 255),
          col.varchar('Type_Client', 50),
          col.decimal('Montant_HT', 14, 2),
          col.decimal('Montant_TTC', 14, 2),
          col.varchar('Code_Produit', 50),
          col.varchar('Libelle_Produit', 255),
          col.decimal('Prix_Unitaire', 14, 4),
          col.decimal('Quantite_Facturee', 14, 4),
          col.varchar('Unite_Facturee', 5),
          col.varchar('Numero_Silo', 50),
          col.decimal('Montant_HT_Ligne', 14, 2),
          col.decimal('Taux_TVA', 5, 2),
          col.varchar('Depot_BL', 100),
          col.varchar('Numero_BL', 50),
          col.int('Numero_Ligne_BL'),
          col.varchar('Numero_Commande_Client', 50),
          col.date('Date_Commande_Client'),
          col.text('Commentaires'),
          col.date('Date_Livraison'),
          col.varchar('Numero_Commande_ODOO', 50),
          col.varchar('Code_Produit_ODOO', 100),
          col.int('ID_Produit_ODOO'),
          col.int('ID_Produit_tmpl_ODOO'),
          col.varchar('Code_Client_ODOO', 255),
          col.int('ID_Client_ODOO', false, { default: 0 }),
          col.int('Societe_Facture_ODOO'),
          col.int('ID_Facture_ODOO'),
          col.decimal('poid_unit_odoo', 14, 4),
          col.decimal('Qte_Fact_Conv', 16, 4),
          col.tinyint('facture_valider', 0),
          col.datetime('date_validation'),
          pending('Statut_Correspondance_Article', 'à traiter'),
          pending('Statut_Correspondance_Adherent', 'à traiter'),
          pending('Statut_Integration_Fac_inOdoo', 'à intégrer'),
          col.varchar('content_hash', 64),
          col.datetime('imported_at'),
          col.datetime('updated_at'),
        ],
      }),
      ['Numero_Facture', 'Numero_Ligne_Facture'],
    );
    for (const [name, columns] of [
      ['IDX_facture_date', ['Date_Facture']],
      ['IDX_facture_client', ['Code_Client']],
      ['IDX_facture_integration', ['Statut_Integration_Fac_inOdoo']],
    ] as const) {
      const table = (await queryRunner.getTable('sic_urcoopa_facture'))!;
      if (!table.indices.some((i) => i.name === name)) {
        await queryRunner.createIndex(
          'sic_urcoopa_facture',
          new TableIndex({ name, columnNames: [...columns] }),
        );
      }
    }

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_livraison',
        columns: [
          col.varchar('Numero_BL', 50, false, { isPrimary: true }),
          col.int('Numero_Ligne_BL', false, { isPrimary: true }),
          col.varchar('Code_Client', 20),
          col.varchar('Nom_Client', 255),
          col.date('Date_BL'),
          col.varchar('Code_Adresse', 50),
          col.varchar('Libelle_Adresse', 255),
          col.varchar('Rue', 255),
          col.varchar('Lieu', 255),
          col.varchar('Code_Postal', 20),
          col.varchar('Ville', 100),
          col.varchar('Code_Produit', 50),
          col.varchar('Libelle_Produit', 255),
          col.decimal('Quantite_Livree', 14, 4),
          col.varchar('Silo', 50),
          col.varchar('Transporteur', 100),
          col.varchar('Depot_Commande', 100),
          col.varchar('Numero_Commande', 50),
          col.int('Numero_Ligne_Commande'),
          col.varchar('Numero_Facture', 20),
          col.varchar('Numero_Bande', 50),
          col.varchar('content_hash', 64),
          col.datetime('imported_at'),
        ],
      }),
      ['Numero_BL', 'Numero_Ligne_BL'],
    );

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_depot',
        columns: [
          col.varchar('code_urcoopa', 20, false, { isPrimary: true }),
          col.int('company_id', false),
          col.varchar('code', 20),
          col.varchar('lib', 255),
        ],
      }),
      ['code_urcoopa'],
    );

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_commande_odoo',
        columns: [
          col.varchar('Numero_Commande', 50, false, { isPrimary: true }),
          col.varchar('Code_Client', 20),
          col.varchar('Nom_Client', 255),
          col.varchar('Email', 255),
          col.datetime('date_envoi_commande'),
          col.int('Nombre_Article'),
          col.varchar('status', 20, false, { default: "'sent'" }),
          col.varchar('odoo_po_name', 50),
          col.int('attempts', false, { default: 0 }),
          col.text('last_response'),
          col.datetime('updated_at'),
        ],
      }),
      ['Numero_Commande'],
    );

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_non_correspondance_adherent',
        columns: [
          col.varchar('Nom_Adherent_Urcoopa', 255, false, { isPrimary: true }),
          col.varchar('Code_Client', 20),
          col.datetime('first_seen_at'),
        ],
      }),
      ['Nom_Adherent_Urcoopa'],
    );

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_non_correspondance_article',
        columns: [
          col.varchar('Numero_Article_Urcoopa', 100, false, { isPrimary: true }),
          col.varchar('Libelle_Produit', 255),
          col.datetime('first_seen_at'),
        ],
      }),
      ['Numero_Article_Urcoopa'],
    );

    await createOrAdoptTable(
      queryRunner,
      new Table({
        name: 'sic_urcoopa_Exclution_mois',
        columns: [
          col.varchar('Nom_Client', 255, false, { isPrimary: true }),
          col.varchar('mois_facture', 7, false, { isPrimary: true }),
        ],
      }),
      ['Nom_Client', 'mois_facture'],
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_job_run',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          col.varchar('job', 40, false),
          col.varchar('trigger_source', 20, false),
          col.varchar('status', 20, false),
          col.datetime('started_at', false),
          col.datetime('ended_at'),
          col.int('duration_ms'),
          col.int('count_read', false, { default: 0 }),
          col.int('count_created', false, { default: 0 }),
          col.int('count_updated', false, { default: 0 }),
          col.int('count_unchanged', false, { default: 0 }),
          col.int('count_skipped', false, { default: 0 }),
          col.int('count_rejected', false, { default: 0 }),
          col.int('progress_done', false, { default: 0 }),
          col.int('progress_total'),
          col.text('error_summary'),
          col.text('record_errors'),
          col.text('result_json'),
          col.text('parameters_json'),
          col.varchar('instance', 100),
        ],
        indices: [{ name: 'IDX_sync_job_run_job_started', columnNames: ['job', 'started_at'] }],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_job_lock',
        columns: [
          col.varchar('job', 40, false, { isPrimary: true }),
          col.int('run_id'),
          col.varchar('owner', 100, false),
          col.datetime('locked_at', false),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the tables this service owns; the exportOdoo tables hold business data and are never dropped.
    await queryRunner.dropTable('sync_job_lock', true);
    await queryRunner.dropTable('sync_job_run', true);
  }
}
