import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../schema-helpers';

/** sync_odoo_intent: the exactly-once ledger of the records this service creates in Odoo. */
export class OdooIntent1764400000000 implements MigrationInterface {
  name = 'OdooIntent1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_odoo_intent',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          col.varchar('kind', 40, false),
          col.varchar('business_key', 64, false),
          col.int('company_id'),
          col.varchar('odoo_model', 64, false),
          col.int('odoo_id'),
          col.varchar('marker', 128),
          col.varchar('status', 20, false, { default: "'pending'" }),
          col.varchar('odoo_state', 20),
          col.int('attempts', false, { default: 0 }),
          col.text('last_error'),
          col.decimal('expected_untaxed', 14, 2),
          col.decimal('expected_tax', 14, 2),
          col.decimal('expected_total', 14, 2),
          col.decimal('odoo_untaxed', 14, 2),
          col.decimal('odoo_tax', 14, 2),
          col.decimal('odoo_total', 14, 2),
          { name: 'totals_ok', type: 'tinyint', isNullable: true },
          col.datetime('last_attempt_at'),
          col.datetime('created_at', false),
          col.datetime('updated_at', false),
        ],
        indices: [
          { name: 'UQ_sync_odoo_intent_kind_key', columnNames: ['kind', 'business_key'], isUnique: true },
          { name: 'IDX_sync_odoo_intent_status', columnNames: ['status'] },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_odoo_intent', true);
  }
}
