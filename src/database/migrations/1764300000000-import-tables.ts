import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../schema-helpers';

/** Rejected Urcoopa records, and the stored member/article mappings used by enrichment. */
export class ImportTables1764300000000 implements MigrationInterface {
  name = 'ImportTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
    await queryRunner.createTable(
      new Table({
        name: 'sync_rejected_payload',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          col.varchar('kind', 20, false),
          col.varchar('record_key', 50),
          col.varchar('record_label', 120, false),
          col.varchar('field', 120, false),
          col.varchar('code', 40, false),
          { name: 'reason', type: 'text', isNullable: false },
          // A whole invoice may exceed MySQL's 64 KB TEXT.
          { name: 'raw_json', type: mysql ? 'mediumtext' : 'text', isNullable: false },
          col.int('run_id'),
          col.datetime('created_at', false),
        ],
        indices: [{ name: 'IDX_sync_rejected_payload_key', columnNames: ['kind', 'record_key'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_member_mapping',
        columns: [
          col.varchar('code_client', 20, false, { isPrimary: true }),
          col.int('odoo_partner_id', false),
          col.varchar('nom_client', 255),
          col.varchar('created_by', 100),
          col.datetime('created_at', false),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_article_mapping',
        columns: [
          col.varchar('kind', 10, false, { isPrimary: true }),
          col.varchar('urcoopa_key', 255, false, { isPrimary: true }),
          col.int('odoo_product_id', false),
          col.varchar('created_by', 100),
          col.datetime('created_at', false),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_article_mapping', true);
    await queryRunner.dropTable('sync_member_mapping', true);
    await queryRunner.dropTable('sync_rejected_payload', true);
  }
}
