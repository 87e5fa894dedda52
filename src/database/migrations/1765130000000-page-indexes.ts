import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const FACTURE = 'sic_urcoopa_facture';

/**
 * Indexes for every filter and sort of the staff pages, so that a page reads a page's worth of
 * index entries whatever the table size (issue 13):
 * - the member invoices list walks (date, number) newest first and stops after a page; the
 *   columns of its scope and status filter ride along so that no row has to be read to skip one;
 * - the "to do / validated" tab walks its own (status, date, number) index;
 * - the search is a prefix match on numbers and codes (the primary key and IDX_facture_client),
 *   a prefix match on names, and on MariaDB a full-text match on the words of the names.
 */
export class PageIndexes1765130000000 implements MigrationInterface {
  name = 'PageIndexes1765130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
    const table = (await queryRunner.getTable(FACTURE))!;
    const has = (name: string) => table.indices.some((i) => i.name === name);
    const indexes: Array<[string, string[]]> = [
      [
        'IDX_facture_list',
        ['Date_Facture', 'Numero_Facture', 'Societe_Facture', 'Code_Client', 'facture_valider'],
      ],
      ['IDX_facture_status_list', ['facture_valider', 'Date_Facture', 'Numero_Facture']],
      ['IDX_facture_nom', ['Nom_Client']],
      ['IDX_facture_client_odoo', ['Code_Client_ODOO']],
    ];
    for (const [name, columnNames] of indexes) {
      if (!has(name)) await queryRunner.createIndex(FACTURE, new TableIndex({ name, columnNames }));
    }
    if (mysql && !has('FT_facture_nom')) {
      await queryRunner.query(`ALTER TABLE ${FACTURE} ADD FULLTEXT INDEX FT_facture_nom (Nom_Client)`);
    }
    const orders = await queryRunner.getTable('sic_urcoopa_commande_odoo');
    if (orders && !orders.indices.some((i) => i.name === 'IDX_sent_order_sent_at')) {
      await queryRunner.createIndex(
        'sic_urcoopa_commande_odoo',
        new TableIndex({ name: 'IDX_sent_order_sent_at', columnNames: ['date_envoi_commande'] }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
    const orders = await queryRunner.getTable('sic_urcoopa_commande_odoo');
    if (orders?.indices.some((i) => i.name === 'IDX_sent_order_sent_at'))
      await queryRunner.dropIndex('sic_urcoopa_commande_odoo', 'IDX_sent_order_sent_at');
    if (mysql) await queryRunner.query(`ALTER TABLE ${FACTURE} DROP INDEX FT_facture_nom`);
    for (const name of [
      'IDX_facture_client_odoo',
      'IDX_facture_nom',
      'IDX_facture_status_list',
      'IDX_facture_list',
    ])
      await queryRunner.dropIndex(FACTURE, name);
  }
}
