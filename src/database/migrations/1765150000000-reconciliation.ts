import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../schema-helpers';

const id = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment' as const,
};

/** The three-way match (issue 15): orders, their line chains, and the discrepancies found. */
export class Reconciliation1765150000000 implements MigrationInterface {
  name = 'Reconciliation1765150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_reconciliation_order',
        columns: [
          id,
          col.varchar('order_number', 50, false),
          col.varchar('po_name', 50),
          col.int('po_id'),
          col.int('company_id'),
          col.varchar('code_client', 20),
          col.date('order_day'),
          col.date('sent_day'),
          col.tinyint('waiting_delivery', 0),
          col.tinyint('waiting_invoice', 0),
          col.tinyint('unknown', 0),
          col.decimal('ordered_amount', 14, 2),
          col.decimal('invoiced_amount', 14, 2),
          col.int('line_count', false, { default: 0 }),
          col.datetime('updated_at', false),
        ],
        indices: [
          { name: 'UQ_sync_reconciliation_order_number', columnNames: ['order_number'], isUnique: true },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_reconciliation_line',
        columns: [
          id,
          col.varchar('order_number', 50, false),
          col.int('po_line_id', false),
          col.int('line_number', false),
          col.int('product_id'),
          col.varchar('label', 255),
          col.varchar('unit', 20),
          col.decimal('price_unit', 14, 4),
          col.decimal('ordered', 16, 4),
          col.decimal('delivered', 16, 4),
          col.decimal('received', 16, 4),
          col.decimal('invoiced', 16, 4),
          col.decimal('billed', 16, 4),
          col.decimal('invoice_price', 14, 4),
          col.text('invoice_numbers'),
          col.text('bl_numbers'),
        ],
        indices: [
          { name: 'IDX_sync_reconciliation_line_order', columnNames: ['order_number', 'line_number'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_reconciliation_discrepancy',
        columns: [
          id,
          col.varchar('discrepancy_key', 191, false),
          col.varchar('kind', 30, false),
          col.varchar('order_number', 50, false),
          col.varchar('po_name', 50),
          col.int('po_line_id'),
          col.int('line_number'),
          col.varchar('product_code', 50),
          col.varchar('label', 255),
          col.varchar('unit', 30),
          col.decimal('expected', 16, 4),
          col.decimal('actual', 16, 4),
          col.decimal('difference', 16, 4),
          col.decimal('amount', 14, 2),
          col.text('invoice_numbers'),
          col.text('bl_numbers'),
          col.text('message'),
          col.varchar('status', 10, false, { default: "'open'" }),
          col.datetime('detected_at', false),
          col.datetime('updated_at', false),
          col.varchar('accepted_by', 100),
          col.datetime('accepted_at'),
          col.text('comment'),
        ],
        indices: [
          {
            name: 'UQ_sync_reconciliation_discrepancy_key',
            columnNames: ['discrepancy_key'],
            isUnique: true,
          },
          { name: 'IDX_sync_reconciliation_discrepancy_status', columnNames: ['status', 'kind'] },
          { name: 'IDX_sync_reconciliation_discrepancy_order', columnNames: ['order_number'] },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_reconciliation_discrepancy', true);
    await queryRunner.dropTable('sync_reconciliation_line', true);
    await queryRunner.dropTable('sync_reconciliation_order', true);
  }
}
