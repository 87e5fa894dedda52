import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../schema-helpers';

/**
 * The monthly figures kept by the jobs that write the invoice lines (issue 13): one row per month,
 * kind (member / store / other invoices), client (store invoices only, for the month exclusions)
 * and invoice type. sync_month_dirty lists the months to rebuild; every month already holding
 * lines is listed here, so the first reader builds them from the lines.
 */
export class MonthFigures1765130000001 implements MigrationInterface {
  name = 'MonthFigures1765130000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
    const amount = (name: string, scale = 2) => col.decimal(name, 20, scale);
    await queryRunner.createTable(
      new Table({
        name: 'sync_month_figures',
        columns: [
          col.varchar('month', 7, false, { isPrimary: true }),
          col.varchar('kind', 10, false, { isPrimary: true }),
          col.varchar('client', 255, false, { isPrimary: true }),
          col.varchar('type_facture', 2, false, { isPrimary: true }),
          col.int('invoices', false),
          col.int('line_count', false),
          amount('ht'),
          amount('tva', 6),
          col.int('intr_line_count', false),
          amount('intr_ht'),
          amount('intr_tva', 6),
          amount('head_ht'),
          amount('head_ttc'),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_month_dirty',
        columns: [col.varchar('month', 7, false, { isPrimary: true }), col.int('version', false)],
      }),
      true,
    );
    const month = mysql ? "DATE_FORMAT(Date_Facture, '%Y-%m')" : 'substr(Date_Facture, 1, 7)';
    await queryRunner.query(
      `INSERT INTO sync_month_dirty (month, version)
       SELECT DISTINCT ${month}, 1 FROM sic_urcoopa_facture WHERE Date_Facture IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_month_dirty', true);
    await queryRunner.dropTable('sync_month_figures', true);
  }
}
